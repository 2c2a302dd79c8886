/*
 * The perf events a RUN can count across its release windows (--events):
 * one table, from which the option's names, the RUN request, the
 * samples.csv and summary.csv columns and the report's table all come.
 */
#ifndef PINBENCH_EVENTS_H
#define PINBENCH_EVENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/perf_event.h>

#include "pinbench_uapi.h"

/* last-level cache and dTLB load misses: perf's HW_CACHE encoding */
#define PB_HW_CACHE_READ_MISS(cache) \
	((cache) | (PERF_COUNT_HW_CACHE_OP_READ << 8) | \
	 (PERF_COUNT_HW_CACHE_RESULT_MISS << 16))

/*
 * X(id, perf name, CSV column, perf type, perf config, hardware): the
 * column is samples.csv's (one per event, in this order) and, with
 * "_per_page", summary.csv's.
 */
#define PB_EVENTS(X) \
	X(CYCLES, "cycles", cycles, PERF_TYPE_HARDWARE, \
	  PERF_COUNT_HW_CPU_CYCLES, true) \
	X(INSTRUCTIONS, "instructions", instructions, PERF_TYPE_HARDWARE, \
	  PERF_COUNT_HW_INSTRUCTIONS, true) \
	X(CACHE_MISSES, "cache-misses", cache_misses, PERF_TYPE_HARDWARE, \
	  PERF_COUNT_HW_CACHE_MISSES, true) \
	X(LLC_LOAD_MISSES, "LLC-load-misses", llc_load_misses, \
	  PERF_TYPE_HW_CACHE, PB_HW_CACHE_READ_MISS(PERF_COUNT_HW_CACHE_LL), \
	  true) \
	X(DTLB_LOAD_MISSES, "dTLB-load-misses", dtlb_load_misses, \
	  PERF_TYPE_HW_CACHE, \
	  PB_HW_CACHE_READ_MISS(PERF_COUNT_HW_CACHE_DTLB), true) \
	X(BRANCH_MISSES, "branch-misses", branch_misses, PERF_TYPE_HARDWARE, \
	  PERF_COUNT_HW_BRANCH_MISSES, true) \
	X(TASK_CLOCK, "task-clock", task_clock_ns, PERF_TYPE_SOFTWARE, \
	  PERF_COUNT_SW_TASK_CLOCK, false) \
	X(CONTEXT_SWITCHES, "context-switches", context_switches, \
	  PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CONTEXT_SWITCHES, false) \
	X(CPU_MIGRATIONS, "cpu-migrations", cpu_migrations, \
	  PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CPU_MIGRATIONS, false) \
	X(PAGE_FAULTS, "page-faults", page_faults, PERF_TYPE_SOFTWARE, \
	  PERF_COUNT_SW_PAGE_FAULTS, false)

#define PB_EVENT_ENUM(id, name, column, type, config, hw) EV_##id,
enum event_id { PB_EVENTS(PB_EVENT_ENUM) NR_EVENTS };
#undef PB_EVENT_ENUM

_Static_assert(NR_EVENTS <= PINBENCH_MAX_EVENTS, "events fit a RUN");

/* samples.csv's event columns, then how much of the windows they ran */
#define PB_EVENT_CSV_COLUMN(id, name, column, type, config, hw) "," #column
#define EVENTS_CSV_COLUMNS \
	PB_EVENTS(PB_EVENT_CSV_COLUMN) ",counter_coverage"
#define PB_EVENT_SUMMARY_COLUMN(id, name, column, type, config, hw) \
	"," #column "_per_page"
#define EVENTS_SUMMARY_COLUMNS \
	PB_EVENTS(PB_EVENT_SUMMARY_COLUMN) ",ipc"

struct event_def {
	const char *name;	/* perf's: what --events takes */
	const char *column;	/* samples.csv's */
	uint32_t type;		/* perf_event_attr type and config */
	uint64_t config;
	bool hardware;		/* needs a PMU */
};

extern const struct event_def event_defs[NR_EVENTS];

/* What a sample says of one event. */
enum event_state {
	EVENT_NOT_ASKED,	/* empty in the CSV */
	EVENT_COUNTED,
	EVENT_UNSUPPORTED,	/* "unsupported": never a zero */
	EVENT_NOT_RUN,		/* asked, the PMU never ran it in the window:
				 * empty in the CSV, its coverage 0 */
};

#define EVENT_UNSUPPORTED_TEXT	"unsupported"

struct event_counts {
	uint64_t value[NR_EVENTS];
	uint8_t state[NR_EVENTS];	/* enum event_state */
	/* min over counted events of time_running / time_enabled; NaN: none */
	double coverage;
};

/* The events a run asks for, in table order. */
struct event_set {
	size_t n;
	enum event_id ids[NR_EVENTS];
};

/*
 * --events LIST: perf names, "default" (the hardware set and task-clock
 * and context-switches where a PMU exists, else the software set) or
 * "none". -1 with a message listing the valid names.
 */
int events_parse(const char *list, struct event_set *set, char *err,
		 size_t errlen);

/* Does this machine have a CPU PMU perf can use (sysfs event_source)? */
bool events_have_pmu(void);

/* "cycles, instructions, ...": every name --events takes */
void events_names(char *buf, size_t len);

#endif
