/*
 * samples.csv: one row per (config, strategy, iteration), or one row with
 * empty numbers and status "unsupported" (the kernel lacks the strategy,
 * or refuses this pin of this composition) or "unavailable" (the machine
 * lacks what the composition needs; sweep --skip-unavailable), the reason
 * in note.
 */
#ifndef PINBENCH_SAMPLES_CSV_H
#define PINBENCH_SAMPLES_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "events.h"
#include "window_counts.h"

#define SAMPLES_CSV_HEADER \
	"run_id,kernel,accel,emulated,composition,size_bytes,pages," \
	"pin_method,strategy,write,iteration,status,pin_ns,release_ns," \
	"release_tsc,pin_tsc,ns_per_page,pin_ns_per_page," \
	"req_huge_pct,huge_pct,mix_ok,hist,req_mix,note,boot,prepare_ns," \
	"disturbed,pin_mode" EVENTS_CSV_COLUMNS WINDOWS_CSV_COLUMNS

#define SAMPLE_STATUS_OK		"ok"
#define SAMPLE_STATUS_UNSUPPORTED	"unsupported"
#define SAMPLE_STATUS_UNAVAILABLE	"unavailable"

struct sample_row {
	const char *run_id;
	const char *kernel;
	const char *accel;
	bool emulated;
	const char *composition;
	uint64_t size_bytes;
	uint64_t pages;
	const char *pin_method;
	const char *strategy;
	bool write;
	const char *status;
	/* fast, locked, longterm (module_info.h pin_modes), "": none/older */
	const char *pin_mode;
	/* the rest is empty in the CSV unless status is "ok" */
	uint32_t iteration;
	uint64_t pin_ns, release_ns;
	/* get_cycles() deltas: the constant-rate TSC on x86, not core cycles */
	uint64_t release_tsc, pin_tsc;
	/*
	 * The strategy's own prepare window (pages array to folios or
	 * runs), timed apart from the release; has_prepare false: it has
	 * none (the column is empty).
	 */
	bool has_prepare;
	uint64_t prepare_ns;
	/* context switches + CPU migrations inside the windows; 0: clean */
	uint32_t disturbed;
	/* --events: perf counts of the release window (events.h) */
	struct event_counts counts;
	/* the windows' id, and the emulator's counts joined in later */
	struct window_counts windows;
	double req_huge_pct;	/* what was asked; NaN (empty): nothing */
	double huge_pct;
	bool mix_ok;
	const char *hist;
	/* always present */
	const char *req_mix;	/* "o4=100;anon=100": requested, percent */
	const char *note;	/* why not measured; where; sysfs values set */
	uint32_t boot;		/* which boot (sweep --boot); 0: one boot */
};

static inline bool sample_is_measured(const struct sample_row *row)
{
	return row->pages && !strcmp(row->status, SAMPLE_STATUS_OK);
}

/*
 * Instructions per page of window w, NaN unless the emulator counted it
 * with no interrupt in it and the sample was not disturbed (a switch to
 * another task on that vCPU would count its instructions too).
 */
double sample_insns_per_page(const struct sample_row *row,
			     enum window_index w);

/* ns_per_page and pin_ns_per_page come from the exact integer columns. */
double sample_ns_per_page(const struct sample_row *row);
double sample_pin_ns_per_page(const struct sample_row *row);

int samples_csv_write_header(FILE *f);
/* run_id,...,write, followed by a comma: shared by samples and summary rows */
void samples_csv_write_config(FILE *f, const struct sample_row *row);
int samples_csv_write_row(FILE *f, const struct sample_row *row);

struct sample_table {
	struct sample_row *rows;
	size_t count;
	char *text;		/* the file; the rows' strings point into it */
	char *derived_names;	/* sample_view.c's strategy names, or NULL */
};

/*
 * 0, or -1 with a message naming the file and line in err. Files of an
 * older pinbench read too: with release_cycles/pin_cycles for the *_tsc
 * columns; without prepare_ns and disturbed (no prepare, 0); without boot
 * (every row boot 0), and without req_mix, note and boot (those empty).
 */
int samples_csv_read(const char *path, struct sample_table *table,
		     char *err, size_t errlen);
void sample_table_free(struct sample_table *table);

#endif
