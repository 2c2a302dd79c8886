/*
 * A stand-in for bench/device.c so that `pinbench run` can be tested end to
 * end on a host without pinbench.ko: it checks requests as the module does
 * and answers with made-up but deterministic samples. Knobs (environment):
 *   PINBENCH_FAKE_UNPIN_FOLIOS=1  a 6.12 kernel's module (it has
 *                                 unpin_folios), not a 6.1 one's
 *   PINBENCH_FAKE_EXTRA_STRATEGY=NAME  a module with a FOLL_PIN strategy
 *                                 more than this tree knows (fake_info.c)
 *   PINBENCH_FAKE_OPEN_ERRNO=N    opening fails with errno N
 *   PINBENCH_FAKE_RUN_ERRNO=N     every RUN fails with errno N
 *   PINBENCH_FAKE_NOT_PINNED=N    verification finds N pages not pinned
 *   PINBENCH_FAKE_SHORT=N         the RUN reports N pages fewer pinned
 *   PINBENCH_FAKE_UNCOUNTED=N     the histogram leaves N pages out
 *   PINBENCH_FAKE_HUGE_PCT=P      P% of the pages reported at order 9
 *   PINBENCH_FAKE_HIST=REQ        the histogram, in percent of the pages as
 *                                 a req_mix, ',' for ';' ("o4=100,shmem=100");
 *                                 overrides HUGE_PCT
 *   PINBENCH_FAKE_LONGTERM_WRITE_ERRNO=N  pin_longterm + FOLL_WRITE RUNs
 *                                 fail with errno N (6.5+ on ext4: EFAULT)
 *   PINBENCH_FAKE_DELAY_MS=MS     each RUN takes that long
 *   PINBENCH_FAKE_INTERRUPT=N     the RUN that would write the process's
 *                                 N+1st sample stops after the Nth, as a
 *                                 caught signal makes the module stop (out
 *                                 flag): in grouped order within a RUN, in
 *                                 interleaved order mid-round (0 samples);
 *                                 the signal is a Ctrl-C (SIGINT raised)
 *   PINBENCH_FAKE_SPURIOUS=N      the same once, for a signal that asks no
 *                                 stop (Ctrl-Z and fg, a debugger): no
 *                                 SIGINT
 *   PINBENCH_FAKE_REF_CHANGED=N   the reference oracle finds N folios off
 *   PINBENCH_FAKE_DISTURBED=N     every Nth sample has a context switch
 * F_KEEP_PINS / F_RELEASE_KEPT as the module: one kept set per device
 * (struct pinbench_device), checked and dropped by device_close. Every
 * sample's release window is the RUN's own span (CLOCK_MONOTONIC, the
 * delay included) and its CPUs the caller's: threads of pinbench scale
 * overlap when PINBENCH_FAKE_DELAY_MS makes their RUNs last. RUNs may
 * come from several threads (one lock).
 *   PINBENCH_FAKE_LOG=FILE        each RUN appends a line to FILE:
 *                                 "<strategy> <pin method> <iterations>
 *                                 <warmup> <len> cpus=<allowed CPUs>
 *                                 flags=<flags>" (the numbers of the ABI,
 *                                 PINBENCH_F_* for flags; the CPUs the
 *                                 caller may run on, as cpu_pin.h says)
 * Samples: ns/page is strategy + 1 plus k, k counting the samples written
 * (prepare, for the strategies that have one: pages ns, 1 ns/page)
 * for that (pin method, strategy) since the range (address, length,
 * flags) changed: 0, 1, 2, ... whether the iterations come in one RUN
 * (--order grouped) or one RUN per round (--order interleaved).
 */
#include <errno.h>
#include <linux/perf_event.h>
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cpu_pin.h"
#include "device.h"
#include "device_errors.h"
#include "fake_info.h"
#include "measured_mix.h"
#include "messages.h"
#include "module_info.h"

static long knob(const char *name)
{
	const char *value = getenv(name);

	return value ? strtol(value, NULL, 10) : 0;
}

int device_open(struct pinbench_device *dev)
{
	char text[512];
	long err = knob("PINBENCH_FAKE_OPEN_ERRNO");

	memset(dev, 0, sizeof(*dev));
	dev->fd = -1;
	if (err) {
		device_error_text(DEVICE_OPEN, (int)err, text, sizeof(text));
		pb_error("%s: %s", PINBENCH_DEVICE, text);
		return -1;
	}
	fake_info_fill(&dev->info, knob("PINBENCH_FAKE_UNPIN_FOLIOS"));
	return 0;
}

/* What pb_run_validate() in kmod/pinbench_run.c refuses. */
static int fake_validate(const struct pinbench_device *dev,
			 const struct pinbench_run *run)
{
	const struct module_info *info = &dev->info;

	if (run->abi_version != PINBENCH_ABI_VERSION)
		return EPROTO;
	if (run->struct_size != sizeof(*run) ||
	    run->pin_method >= info_nr_pin_methods(info) ||
	    run->strategy >= info_nr_strategies(info) ||
	    run->flags & ~PINBENCH_F_ALL)
		return EINVAL;
	if (!info_strategy_supported(info, run->strategy))
		return EOPNOTSUPP;
	if (info_pin_method_foll_pin(info, run->pin_method) !=
	    info_strategy_foll_pin(info, run->strategy))
		return EINVAL;
	if (info_read_only_refusal(info, run->strategy) &&
	    !(run->flags & PINBENCH_F_WRITE))
		return EINVAL;
	if (!run->iterations || !run->samples)
		return EINVAL;
	if (run->samples_cap < run->iterations)
		return ENOBUFS;
	if (!run->len || run->addr % 4096 || run->len % 4096)
		return EINVAL;
	if (run->nr_events > PINBENCH_MAX_EVENTS || run->reserved2 ||
	    (run->nr_events && !run->counts))
		return EINVAL;
	if (run->window_tag && run->window_tag + run->iterations <
			       run->window_tag)
		return EINVAL;
	return 0;
}

/*
 * pb_counters_*(): software events count (task-clock = the release
 * window, context switches = the sample's); hardware ones are what a
 * machine without a PMU answers, ENOENT, unless PINBENCH_FAKE_PMU.
 */
static void fake_counts(const struct pinbench_run *run,
			const struct pinbench_sample *sample, uint64_t pages,
			struct pinbench_count *out)
{
	uint32_t j;

	for (j = 0; j < run->nr_events; j++) {
		const struct pinbench_event *ev = &run->events[j];
		uint64_t v = 0;

		if (ev->type == PERF_TYPE_SOFTWARE) {
			if (ev->config == PERF_COUNT_SW_TASK_CLOCK)
				v = sample->release_ns;
			else if (ev->config == PERF_COUNT_SW_CONTEXT_SWITCHES)
				v = sample->ctx_switches;
		} else {
			/* instructions 50 a page, the rest 1 a page */
			v = ev->config == PERF_COUNT_HW_INSTRUCTIONS ?
			    50 * pages : pages;
		}
		/* PINBENCH_FAKE_RUNNING: of 1000 ns enabled, 0 allowed */
		out[j] = (struct pinbench_count){
			.value = v, .time_enabled = 1000,
			.time_running = getenv("PINBENCH_FAKE_RUNNING") ?
				(uint64_t)knob("PINBENCH_FAKE_RUNNING") : 1000,
		};
	}
}

static void fake_event_status(struct pinbench_run *run)
{
	uint32_t j;

	for (j = 0; j < run->nr_events; j++)
		run->events[j].status = run->events[j].type ==
					PERF_TYPE_SOFTWARE ||
					knob("PINBENCH_FAKE_PMU") ? 0 : -ENOENT;
}

static uint64_t share(uint64_t pages, double pct)
{
	return isnan(pct) ? 0 : (uint64_t)((double)pages * pct / 100 + 0.5);
}

/* PINBENCH_FAKE_HIST, or HUGE_PCT% at order 9 and the rest at 0, anon. */
static void fake_histogram(uint64_t pages, struct pinbench_composition *comp)
{
	const char *env = getenv("PINBENCH_FAKE_HIST");
	uint64_t huge = pages * (uint64_t)knob("PINBENCH_FAKE_HUGE_PCT") / 100;
	struct mix_request req;
	char hist[256], *c;
	int order;

	memset(comp, 0, sizeof(*comp));
	snprintf(hist, sizeof(hist), "%s", env ? env : "");
	for (c = hist; *c; c++)
		if (*c == ',')
			*c = ';';
	if (!env || mix_parse_request(hist, &req)) {
		comp->pages_by_order[9] = huge;
		comp->pages_by_order[0] = pages - huge;
		comp->pages_anon = pages;
		comp->folios = pages - huge + huge / 512;
		return;
	}
	for (order = 0; order < PINBENCH_HIST_ORDERS; order++) {
		comp->pages_by_order[order] = share(pages, req.order_pct[order]);
		comp->folios += comp->pages_by_order[order] >> order;
	}
	comp->pages_hugetlb = share(pages, req.backing_pct[MIX_HUGETLB]);
	comp->pages_anon = share(pages, req.backing_pct[MIX_ANON]);
	comp->pages_shmem = share(pages, req.backing_pct[MIX_SHMEM]);
	comp->pages_file = share(pages, req.backing_pct[MIX_FILE]);
}

static void fake_log(const struct pinbench_run *run)
{
	const char *path = getenv("PINBENCH_FAKE_LOG");
	FILE *f = path ? fopen(path, "a") : NULL;
	char cpus[256];

	if (!f)
		return;
	cpu_allowed_text(cpus, sizeof(cpus));
	fprintf(f, "%u %u %u %u %llu cpus=%s flags=%u\n", run->strategy,
		run->pin_method, run->iterations, run->warmup,
		(unsigned long long)run->len, cpus, run->flags);
	fclose(f);
}

/* Samples written per (pin method, strategy) on the current range. */
static uint64_t written[CATALOG_MAX][CATALOG_MAX];
static uint64_t last_addr, last_len;
static uint64_t written_in_all;	/* by this process, for FAKE_INTERRUPT */
static uint32_t last_flags;

static uint64_t first_sample_index(const struct pinbench_run *run)
{
	if (run->addr != last_addr || run->len != last_len ||
	    run->flags != last_flags) {
		memset(written, 0, sizeof(written));
		last_addr = run->addr;
		last_len = run->len;
		last_flags = run->flags;
	}
	return written[run->pin_method][run->strategy];
}

static pthread_mutex_t fake_lock = PTHREAD_MUTEX_INITIALIZER;

/* Pins a KEEP RUN left on a descriptor, as kmod/pinbench_kept.c keeps. */
#define FAKE_KEPT_MAX 256
static struct fake_kept {
	const struct pinbench_device *dev;
	uint64_t addr, len;
	uint32_t pin_method, strategy, flags;
} kept[FAKE_KEPT_MAX];

static struct fake_kept *kept_of(const struct pinbench_device *dev)
{
	size_t i;

	for (i = 0; i < FAKE_KEPT_MAX; i++)
		if (kept[i].dev == dev)
			return &kept[i];
	return NULL;
}

/* KEEP stashes, RELEASE_KEPT takes back: 0 or the module's errno. */
static int fake_kept(const struct pinbench_device *dev,
		     const struct pinbench_run *run)
{
	const uint32_t both = PINBENCH_F_KEEP_PINS | PINBENCH_F_RELEASE_KEPT;
	uint32_t flags = run->flags & ~both;
	struct fake_kept *k = kept_of(dev);

	if ((run->flags & both) == both)
		return EINVAL;
	if (run->flags & PINBENCH_F_KEEP_PINS) {
		if (run->iterations != 1 || run->warmup)
			return EINVAL;
		if (k)
			return EBUSY;
		k = kept_of(NULL);
		if (!k)
			return ENOMEM;
		*k = (struct fake_kept){ dev, run->addr, run->len,
			run->pin_method, run->strategy, flags };
		return 0;
	}
	if (!(run->flags & PINBENCH_F_RELEASE_KEPT))
		return 0;
	if (!k)
		return ENOENT;
	if (k->addr != run->addr || k->len != run->len ||
	    k->pin_method != run->pin_method ||
	    k->strategy != run->strategy || k->flags != flags)
		return EINVAL;
	memset(k, 0, sizeof(*k));
	return 0;
}

static uint64_t fake_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static int fake_run_locked(const struct pinbench_device *dev,
			   struct pinbench_run *run, uint64_t start_ns);

int device_run(const struct pinbench_device *dev, struct pinbench_run *run)
{
	uint64_t start_ns = fake_now_ns();
	long delay_ms = knob("PINBENCH_FAKE_DELAY_MS");
	int err;

	if (delay_ms) {
		struct timespec ts = {
			delay_ms / 1000, (delay_ms % 1000) * 1000000,
		};

		/* like the module: a caught signal does not cut a RUN short */
		while (nanosleep(&ts, &ts) && errno == EINTR)
			;
	}
	pthread_mutex_lock(&fake_lock);
	err = fake_run_locked(dev, run, start_ns);
	pthread_mutex_unlock(&fake_lock);
	return err;
}

static int fake_run_locked(const struct pinbench_device *dev,
			   struct pinbench_run *run, uint64_t start_ns)
{
	uint64_t end_ns;
	int cpu = sched_getcpu();
	uint64_t k;
	struct pinbench_sample *samples;
	uint64_t pages, i;
	long cut = knob("PINBENCH_FAKE_INTERRUPT");
	long spurious = knob("PINBENCH_FAKE_SPURIOUS");
	static bool spurious_done;
	long disturb = knob("PINBENCH_FAKE_DISTURBED");
	int err;

	run->abi_version = PINBENCH_ABI_VERSION;
	run->struct_size = sizeof(*run);
	err = knob("PINBENCH_FAKE_RUN_ERRNO");
	if (!err)
		err = fake_validate(dev, run);
	if (!err && info_pin_method_has(&dev->info, run->pin_method,
					PINBENCH_ROLE_LONGTERM) &&
	    run->flags & PINBENCH_F_WRITE)
		err = knob("PINBENCH_FAKE_LONGTERM_WRITE_ERRNO");
	if (!err)
		err = fake_kept(dev, run);
	if (err)
		return err;
	fake_log(run);
	end_ns = fake_now_ns();

	pages = run->len / 4096;
	for (i = 0; i < pages; i++)	/* the range must really be mapped */
		(void)((volatile char *)(uintptr_t)run->addr)[i * 4096];

	samples = (struct pinbench_sample *)(uintptr_t)run->samples;
	k = first_sample_index(run);
	run->samples_written = run->iterations;
	if (cut && written_in_all + run->iterations > (uint64_t)cut) {
		run->samples_written = (uint32_t)((uint64_t)cut - written_in_all);
		run->out_flags |= PINBENCH_OUT_INTERRUPTED;
		raise(SIGINT);	/* the Ctrl-C that stopped it */
	} else if (spurious && !spurious_done &&
		   written_in_all + run->iterations > (uint64_t)spurious) {
		spurious_done = true;
		run->samples_written = (uint32_t)((uint64_t)spurious -
						  written_in_all);
		run->out_flags |= PINBENCH_OUT_INTERRUPTED;
	}
	written_in_all += run->samples_written;
	written[run->pin_method][run->strategy] += run->samples_written;
	for (i = 0; i < run->samples_written; i++, k++) {
		/* ns/page: strategy + 1, plus a little per sample */
		samples[i].release_ns = (run->strategy + 1) * pages + k;
		samples[i].pin_ns = 100 * pages + k;
		samples[i].release_tsc = 3 * samples[i].release_ns;
		samples[i].pin_tsc = 3 * samples[i].pin_ns;
		if (info_strategy_prepares(&dev->info, run->strategy))
			samples[i].prepare_ns = pages;
		samples[i].ctx_switches = disturb && k % disturb == 0;
		samples[i].release_start_ns = start_ns;
		samples[i].release_end_ns = end_ns;
		samples[i].pin_cpu = (uint32_t)cpu;
		samples[i].release_cpu = (uint32_t)cpu;
		/* a KEEP RUN releases nothing, a RELEASE_KEPT pins nothing */
		if (run->flags & PINBENCH_F_KEEP_PINS)
			samples[i].release_ns = 0;
		if (run->flags & PINBENCH_F_RELEASE_KEPT)
			samples[i].pin_ns = 0;
		fake_counts(run, &samples[i], pages,
			    (struct pinbench_count *)(uintptr_t)run->counts +
			    i * run->nr_events);
	}
	fake_event_status(run);
	if (run->flags & PINBENCH_F_REF_CHECK) {
		run->ref_folios = pages;
		run->ref_changed = (uint64_t)knob("PINBENCH_FAKE_REF_CHANGED");
		run->ref_delta = (int64_t)run->ref_changed;
	}
	run->pages = pages - (uint64_t)knob("PINBENCH_FAKE_SHORT");
	fake_histogram(run->pages, &run->comp);
	run->comp.pages_by_order[0] -= (uint64_t)knob("PINBENCH_FAKE_UNCOUNTED");
	run->comp.pages_not_pinned = (uint64_t)knob("PINBENCH_FAKE_NOT_PINNED");
	return 0;
}

void device_close(struct pinbench_device *dev)
{
	struct fake_kept *k;

	pthread_mutex_lock(&fake_lock);
	k = kept_of(dev);
	if (k)	/* the module releases them on the last close */
		memset(k, 0, sizeof(*k));
	pthread_mutex_unlock(&fake_lock);
	dev->fd = -1;
}
