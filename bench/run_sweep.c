#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"
#include "calibrate.h"
#include "device_errors.h"
#include "lru_drain.h"
#include "measured_mix.h"
#include "messages.h"
#include "module_info.h"
#include "progress.h"
#include "run_sweep.h"
#include "samples_csv.h"
#include "shuffle.h"
#include "sizes.h"
#include "stats.h"
#include "stop_signals.h"
#include "window_ids.h"

/* One case: a composition at a size, released by one strategy. */
struct run_case {
	const struct composition *comp;
	uint64_t size;
	const struct region *region;
	const struct planned_strategy *planned;
	char label[200];	/* "RUN anon-4k 4096 bytes unpin_pages" */
	char short_label[160];	/* "anon-4k 4K unpin_pages" */
	char req_mix[MIX_REQUEST_MAX];
	char note[MM_PATH_MAX + 200];
};

/*
 * A case of an interleaved item, measured a round at a time. Its rows go
 * to samples.csv in plan order whatever order it ran in, so that files,
 * summaries, reports and figures list the strategies as grouped runs do.
 */
struct turn_case {
	struct run_case rc;
	bool active;		/* supported, not refused: takes its turns */
	bool warned;		/* its composition warning said once */
	bool unmeasured_row;	/* an unsupported row waits for round 0 */
	bool measured_row;	/* row holds its measurement of this round */
	struct sample_row row;
	double *ns_per_page;	/* one per round done */
	uint32_t n;
	char hist[MIX_HIST_MAX];	/* of its RUN in the current round */
};

struct sweep_state {
	const struct sweep *sweep;
	struct pinbench_sample *samples;	/* iterations entries */
	/* --events: iterations x events.n counts, sample-major */
	struct pinbench_count *counts;
	bool event_said[NR_EVENTS];		/* its "unsupported" said */
	struct sample_row *rows;		/* iterations, nr_planned */
	double *ns_per_page;			/* iterations entries */
	struct progress progress;
	double last_line;			/* when progress was said */
	/* --order interleaved */
	struct shuffle_rng rng;
	struct turn_case *cases;		/* nr_planned entries */
	size_t *order;				/* nr_planned entries */
	struct calibration *calibration;	/* the counts' */
	/* the next RUN's window_tag: ids unique in a boot (window_ids.c) */
	uint64_t next_window_id;
};

struct rows_to_append {
	const struct sample_row *rows;
	size_t count;
};

static int write_samples_header(FILE *f, void *unused)
{
	(void)unused;
	return samples_csv_write_header(f);
}

static int write_sample_rows(FILE *f, void *arg)
{
	const struct rows_to_append *append = arg;
	size_t i;

	for (i = 0; i < append->count; i++)
		if (samples_csv_write_row(f, &append->rows[i]))
			return -1;
	return 0;
}

static int append_rows(const struct sweep *sweep,
		       const struct sample_row *rows, size_t count)
{
	struct rows_to_append append = { .rows = rows, .count = count };

	if (!atomic_append_file(sweep->samples_path, write_samples_header,
				write_sample_rows, &append))
		return 0;
	pb_error("writing %s: %s", sweep->samples_path, strerror(errno));
	return -1;
}

/* The base pages of a case's range: what the module must have pinned. */
static uint64_t case_pages(const struct sweep *sweep,
			   const struct run_case *rc)
{
	return rc->size / sweep->dev->info.abi.page_size;
}

/* The columns every row of one case shares. */
static struct sample_row case_row(const struct sweep *sweep,
				  const struct run_case *rc)
{
	const struct module_info *info = &sweep->dev->info;

	return (struct sample_row){
		.run_id = sweep->run_id,
		.kernel = sweep->kernel,
		.accel = sweep->opts->accel,
		.emulated = !strcmp(sweep->opts->accel, "tcg"),
		.composition = rc->comp->name,
		.size_bytes = rc->size,
		.pages = case_pages(sweep, rc),
		.pin_method = info_pin_method_name(info,
						   rc->planned->pin_method),
		.strategy = info_strategy_name(info, rc->planned->strategy),
		.pin_mode = rc->planned->pin_mode,
		.write = !sweep->opts->read_only,
		.has_prepare = info_strategy_prepares(info,
						      rc->planned->strategy),
		.status = SAMPLE_STATUS_UNSUPPORTED,
		.req_huge_pct = rc->comp->req_huge_pct,
		.req_mix = rc->req_mix,
		.note = rc->note,
		.boot = sweep->opts->boot,
	};
}

/* ns_per_page[0..n) is sorted. */
static void print_progress(struct sweep_state *st, const struct run_case *rc,
			   double *ns_per_page, size_t n)
{
	double now = monotonic_seconds();
	char eta[32];

	if (st->sweep->opts->quiet)
		return;
	st->last_line = now;
	format_duration(progress_eta(&st->progress, now), eta, sizeof(eta));
	fprintf(stderr, "[%zu/%zu] %s: median %.1f ns/page%s%s\n",
		st->progress.done, st->progress.total, rc->short_label,
		stats_median(ns_per_page, n),
		st->progress.done < st->progress.total ? ", ETA " : "",
		st->progress.done < st->progress.total ? eta : "");
}

/* The module stopped between iterations on a signal (Ctrl-C). */
static bool run_cut_short(const struct pinbench_run *run)
{
	return run->out_flags & PINBENCH_OUT_INTERRUPTED;
}

/* The module's answer is trusted only after these checks. */
static int check_run_result(const struct sweep *sweep,
			    const struct run_case *rc,
			    const struct pinbench_run *run, uint32_t asked)
{
	uint64_t want_pages = case_pages(sweep, rc);

	if (run_cut_short(run) ? run->samples_written > asked :
	    run->samples_written != asked) {
		pb_error("%s: the module wrote %u samples, %u were asked for",
			 rc->label, run->samples_written, asked);
		return -1;
	}
	if (run->pages != want_pages) {
		pb_error("%s: the module pinned %" PRIu64 " pages, the range has %" PRIu64 "; no rows written",
			 rc->label, (uint64_t)run->pages, want_pages);
		return -1;
	}
	if (mix_total_pages(&run->comp) != run->pages) {
		pb_error("%s: the module's composition histogram counts %" PRIu64 " pages, it pinned %" PRIu64 "; no rows written",
			 rc->label, mix_total_pages(&run->comp),
			 (uint64_t)run->pages);
		return -1;
	}
	if (run->comp.pages_not_pinned) {
		pb_error("%s: verification failed: %" PRIu64 " of %" PRIu64
			 " pages were not held after pinning (comp.pages_not_pinned); no rows written",
			 rc->label, (uint64_t)run->comp.pages_not_pinned,
			 (uint64_t)run->pages);
		return -1;
	}
	if ((run->flags & PINBENCH_F_REF_CHECK) && run->ref_changed) {
		pb_error("%s: reference oracle: %" PRIu64 " of %" PRIu64
			 " folios are not back to their refcount after the last release (net %+" PRId64
			 " references): the strategy leaked or over-released; no rows written",
			 rc->label, (uint64_t)run->ref_changed,
			 (uint64_t)run->ref_folios, (int64_t)run->ref_delta);
		return -1;
	}
	return 0;
}

static void fill_run_request(const struct sweep_state *st,
			     const struct run_case *rc, uint32_t iterations,
			     uint32_t warmup, struct pinbench_run *run)
{
	const struct run_options *opts = st->sweep->opts;
	size_t i;

	memset(run, 0, sizeof(*run));
	run->addr = (uintptr_t)rc->region->addr;
	run->len = rc->region->len;
	run->pin_method = rc->planned->pin_method;
	run->strategy = rc->planned->strategy;
	run->flags = (opts->read_only ? 0 : PINBENCH_F_WRITE) |
		     (opts->verify_all ? PINBENCH_F_VERIFY_ALL : 0) |
		     (opts->ref_check ? PINBENCH_F_REF_CHECK : 0);
	run->iterations = iterations;
	run->warmup = warmup;
	run->chunk_pages = opts->chunk_pages;
	run->samples = (uintptr_t)st->samples;
	run->samples_cap = opts->iterations;
	run->nr_events = (uint32_t)opts->events.n;
	for (i = 0; i < opts->events.n; i++) {
		run->events[i].type = event_defs[opts->events.ids[i]].type;
		run->events[i].config = event_defs[opts->events.ids[i]].config;
	}
	run->counts = opts->events.n ? (uintptr_t)st->counts : 0;
}

/* sweep_device_run's answer when a run hook failed (said): not an errno */
#define HOOK_FAILED (-1)

/* Runs again of a RUN a signal stopped that was no stop request. */
#define RUN_RETRIES 3

/*
 * One RUN; with the reference oracle, this CPU's LRU batches drained
 * first. The module stops a RUN on any pending signal; only SIGINT and
 * SIGTERM ask this sweep to stop (stop_requested). A RUN stopped by
 * anything else (Ctrl-Z and fg, a debugger attaching) is measured again
 * from the start, so its config keeps every sample.
 *
 * Every attempt's windows get ids of their own (window_tag), so an
 * emulator's counts of a RUN stopped and measured again match nothing.
 */
static int sweep_device_run(struct sweep_state *st, struct pinbench_run *run)
{
	const struct sweep *sweep = st->sweep;
	const struct run_hooks *hooks = sweep->hooks;
	struct pinbench_run request = *run;
	int err, tries = 0;

	for (;;) {
		if (request.flags & PINBENCH_F_REF_CHECK)
			lru_drain_this_cpu();
		*run = request;
		run->window_tag = window_ids_take(&st->next_window_id,
						  run->iterations);
		if (hooks && hooks->before_run(hooks->ctx))
			return HOOK_FAILED;
		err = device_run(sweep->dev, run);
		if (hooks && hooks->after_run(hooks->ctx))
			return HOOK_FAILED;
		if (err || !(run->out_flags & PINBENCH_OUT_INTERRUPTED) ||
		    stop_requested || tries++ == RUN_RETRIES)
			return err;
	}
}

/*
 * Sample i's counts as the module answered: an event it could not create
 * is "unsupported" (said once a sweep, with why), never a zero; one the
 * PMU never ran in this window (time_running 0: a pinned hardware event
 * it could not schedule) is left empty, its coverage 0.
 */
static void counts_from_sample(struct sweep_state *st,
			       const struct pinbench_run *run, uint32_t i,
			       struct event_counts *out)
{
	const struct event_set *set = &st->sweep->opts->events;
	const struct pinbench_count *c = &st->counts[(size_t)i * set->n];
	size_t j;

	memset(out, 0, sizeof(*out));
	out->coverage = NAN;
	for (j = 0; j < set->n; j++) {
		enum event_id id = set->ids[j];
		double ran;

		if (run->events[j].status) {
			out->state[id] = EVENT_UNSUPPORTED;
			if (!st->event_said[id])
				pb_note("event %s: unsupported here (%s): its column says unsupported",
					event_defs[id].name,
					strerror(-run->events[j].status));
			st->event_said[id] = true;
			continue;
		}
		ran = c[j].time_enabled ? (double)c[j].time_running /
					  (double)c[j].time_enabled : 0;
		if (isnan(out->coverage) || ran < out->coverage)
			out->coverage = ran;
		if (!c[j].time_running) {
			out->state[id] = EVENT_NOT_RUN;
			continue;
		}
		out->state[id] = EVENT_COUNTED;
		out->value[id] = c[j].value;
	}
}

/* The measured columns of row from one sample. */
static void row_from_sample(struct sample_row *row,
			    const struct pinbench_sample *sample)
{
	row->pin_ns = sample->pin_ns;
	row->release_ns = sample->release_ns;
	row->release_tsc = sample->release_tsc;
	row->pin_tsc = sample->pin_tsc;
	row->prepare_ns = sample->prepare_ns;
	row->disturbed = sample->ctx_switches + sample->migrations;
}

/* Sample i of run: the id the module marked its windows with. */
static void row_window_id(struct sample_row *row,
			  const struct pinbench_run *run, uint32_t i)
{
	memset(&row->windows, 0, sizeof(row->windows));
	row->windows.has_id = run->window_tag != 0;
	row->windows.id = run->window_tag ? run->window_tag + i : 0;
}

/* One row per measured iteration into st->rows, ns/page alongside. */
static void rows_from_samples(struct sweep_state *st,
			      const struct sample_row *common,
			      const struct pinbench_run *run, uint32_t count)
{
	uint32_t i;

	for (i = 0; i < count; i++) {
		struct sample_row *row = &st->rows[i];

		*row = *common;
		row->iteration = st->sweep->first_iteration + i;
		row_from_sample(row, &st->samples[i]);
		row_window_id(row, run, i);
		counts_from_sample(st, run, i, &row->counts);
		st->ns_per_page[i] = sample_ns_per_page(row);
	}
}

/*
 * Since 6.5 the kernel refuses FOLL_LONGTERM | FOLL_WRITE pins of page
 * cache that needs dirty tracking (ext4 & co): EFAULT. Not a failure of
 * the sweep: this kernel does not support that pin of that composition.
 */
static bool longterm_write_refused(const struct sweep *sweep,
				   const struct run_case *rc, int err)
{
	return err == EFAULT && rc->comp->kind->writeback &&
	       !sweep->opts->read_only &&
	       info_pin_method_has(&sweep->dev->info, rc->planned->pin_method,
				   PINBENCH_ROLE_LONGTERM);
}

/* Says why; rc->note and its row (status unsupported) record it. */
static void note_refused(struct run_case *rc)
{
	snprintf(rc->note, sizeof(rc->note),
		 "the kernel refuses FOLL_LONGTERM write pins of %s page cache (EFAULT; Linux 6.5+)",
		 rc->comp->kind->fs_name);
	pb_note("%s: %s: recorded as unsupported (use --read-only for long-term pins)",
		rc->label, rc->note);
}

static enum sweep_end record_refused(struct sweep_state *st,
				     struct run_case *rc)
{
	struct sample_row row;

	note_refused(rc);
	row = case_row(st->sweep, rc);
	if (append_rows(st->sweep, &row, 1))
		return SWEEP_FAILED;
	st->progress.done++;
	return SWEEP_DONE;
}

static enum sweep_end measure_case(struct sweep_state *st,
				   struct run_case *rc)
{
	const struct sweep *sweep = st->sweep;
	double tolerance = sweep->opts->tolerance;
	char hist[MIX_HIST_MAX], text[512], off[1024];
	struct pinbench_run run;
	struct sample_row row;
	int err;

	fill_run_request(st, rc, sweep->opts->iterations, sweep->opts->warmup,
			 &run);
	err = sweep_device_run(st, &run);
	if (err == HOOK_FAILED)
		return SWEEP_FAILED;
	if (err) {
		if (stop_requested && err == EINTR)
			return SWEEP_CUT_SHORT;
		if (longterm_write_refused(sweep, rc, err))
			return record_refused(st, rc);
		device_error_text(DEVICE_RUN, err, text, sizeof(text));
		pb_error("%s: %s", rc->label, text);
		return SWEEP_FAILED;
	}
	if (check_run_result(sweep, rc, &run, sweep->opts->iterations))
		return SWEEP_FAILED;

	row = case_row(sweep, rc);
	row.pages = run.pages;
	row.status = SAMPLE_STATUS_OK;
	row.huge_pct = mix_huge_pct(&run.comp);
	row.mix_ok = mix_check(&rc->comp->req, &run.comp, tolerance, off,
			       sizeof(off));
	mix_format_hist(&run.comp, hist, sizeof(hist));
	row.hist = hist;
	if (!row.mix_ok)
		pb_warning("%s: %s (tolerance %g points): rows flagged mix_ok=0 (measured %s; requested %s)",
			   rc->label, off, tolerance, hist, rc->req_mix);

	rows_from_samples(st, &row, &run, run.samples_written);
	if (append_rows(sweep, st->rows, run.samples_written))
		return SWEEP_FAILED;
	if (run_cut_short(&run))
		return SWEEP_CUT_SHORT;
	st->progress.done++;
	print_progress(st, rc, st->ns_per_page, run.samples_written);
	return SWEEP_DONE;
}

static enum sweep_end record_unmeasured(struct sweep_state *st,
					const struct run_case *rc,
					const char *status)
{
	struct sample_row row = case_row(st->sweep, rc);

	row.status = status;
	return append_rows(st->sweep, &row, 1) ? SWEEP_FAILED : SWEEP_DONE;
}

/* The case of planned strategy i on item: labels, requested mix, note. */
static void init_case(const struct sweep *sweep, const struct sweep_item *item,
		      const struct region *region, size_t i,
		      struct run_case *rc)
{
	const struct module_info *info = &sweep->dev->info;
	const struct planned_strategy *planned = &sweep->plan[i];
	const char *strategy = info_strategy_name(info, planned->strategy);
	char size_text[32], method[64] = "";

	memset(rc, 0, sizeof(*rc));
	rc->comp = item->comp;
	rc->size = item->size;
	rc->region = region;
	rc->planned = planned;
	size_format(item->size, size_text, sizeof(size_text));
	if (sweep->name_pin_method)
		snprintf(method, sizeof(method), "%s ",
			 info_pin_method_name(info, planned->pin_method));
	snprintf(rc->label, sizeof(rc->label), "RUN %s %" PRIu64 " bytes %s%s",
		 item->comp->name, item->size, method, strategy);
	snprintf(rc->short_label, sizeof(rc->short_label), "%s %s %s%s",
		 item->comp->name, size_text, method, strategy);
	mix_format_request(&item->comp->req, rc->req_mix, sizeof(rc->req_mix));
	if (item->unavailable)
		snprintf(rc->note, sizeof(rc->note), "%s", item->unavailable);
	else if (planned->why_not)
		snprintf(rc->note, sizeof(rc->note), "needs write pins: %s",
			 planned->why_not);
	else
		composition_note(item->comp, rc->note, sizeof(rc->note));
}

/* The middle calibration, once half of the planned RUNs are done. */
static void calibrate_middle_if_due(struct sweep_state *st)
{
	const struct progress *p = &st->progress;

	if (isnan(st->calibration->middle_ns) &&
	    2 * ((double)p->done + p->partial) >= (double)p->total)
		st->calibration->middle_ns = calibrate_ns();
}

/*
 * --order grouped: every planned (pin method, strategy) on one item, one
 * RUN each, measured on its built region, or recorded as unavailable
 * (region NULL).
 */
static enum sweep_end sweep_item_grouped(struct sweep_state *st,
					 const struct sweep_item *item,
					 const struct region *region)
{
	const struct sweep *sweep = st->sweep;
	enum sweep_end end = SWEEP_DONE;
	struct run_case rc;
	size_t i;

	for (i = 0; i < sweep->nr_planned && end == SWEEP_DONE; i++) {
		if (stop_requested)
			return SWEEP_CUT_SHORT;
		init_case(sweep, item, region, i, &rc);
		if (item->unavailable)
			end = record_unmeasured(st, &rc,
						SAMPLE_STATUS_UNAVAILABLE);
		else if (rc.planned->supported)
			end = measure_case(st, &rc);
		else
			end = record_unmeasured(st, &rc,
						SAMPLE_STATUS_UNSUPPORTED);
		if (end == SWEEP_DONE)
			calibrate_middle_if_due(st);
	}
	return end;
}

/*
 * One RUN of an interleaved case: 1 sample after warmup unrecorded
 * iterations (the warmup round's, or --turn-warmup). SWEEP_DONE with *refused set when the kernel refused the
 * pin: the case leaves the rounds, its row waits for round 0's.
 */
static enum sweep_end turn_run(struct sweep_state *st, struct turn_case *c,
			       uint32_t warmup, struct pinbench_run *run,
			       bool *refused)
{
	const struct sweep *sweep = st->sweep;
	char text[512];
	int err;

	*refused = false;
	fill_run_request(st, &c->rc, 1, warmup, run);
	err = sweep_device_run(st, run);
	if (err == HOOK_FAILED)
		return SWEEP_FAILED;
	if (err) {
		if (stop_requested && err == EINTR)
			return SWEEP_CUT_SHORT;
		if (longterm_write_refused(sweep, &c->rc, err)) {
			note_refused(&c->rc);
			*refused = true;
			c->active = false;
			c->unmeasured_row = true;
			c->row = case_row(sweep, &c->rc);
			st->progress.done++;
			return SWEEP_DONE;
		}
		device_error_text(DEVICE_RUN, err, text, sizeof(text));
		pb_error("%s: %s", c->rc.label, text);
		return SWEEP_FAILED;
	}
	if (check_run_result(sweep, &c->rc, run, 1))
		return SWEEP_FAILED;
	/* cut in its warmup iterations: no sample, the round is partial */
	return run_cut_short(run) && !run->samples_written ?
	       SWEEP_CUT_SHORT : SWEEP_DONE;
}

/* c->row: its RUN in round r; its composition warning said once. */
static void turn_row(struct sweep_state *st, struct turn_case *c,
		     const struct pinbench_run *run, uint32_t round)
{
	const struct sweep *sweep = st->sweep;
	double tolerance = sweep->opts->tolerance;
	struct sample_row *row = &c->row;
	char off[1024];

	*row = case_row(sweep, &c->rc);
	row->pages = run->pages;
	row->status = SAMPLE_STATUS_OK;
	row->iteration = sweep->first_iteration + round;
	row->huge_pct = mix_huge_pct(&run->comp);
	row->mix_ok = mix_check(&c->rc.comp->req, &run->comp, tolerance, off,
				sizeof(off));
	mix_format_hist(&run->comp, c->hist, sizeof(c->hist));
	row->hist = c->hist;
	row_from_sample(row, &st->samples[0]);
	row_window_id(row, run, 0);
	counts_from_sample(st, run, 0, &row->counts);
	if (!row->mix_ok && !c->warned)
		pb_warning("%s: %s (tolerance %g points): rows flagged mix_ok=0 (measured %s; requested %s)",
			   c->rc.label, off, tolerance, c->hist,
			   c->rc.req_mix);
	c->warned |= !row->mix_ok;
	c->measured_row = true;
	c->ns_per_page[c->n++] = sample_ns_per_page(row);
}

/*
 * The rows waiting, in plan order: unsupported ones (once) and this
 * round's measurements.
 */
static int append_turn_rows(struct sweep_state *st)
{
	size_t i, n = 0;

	for (i = 0; i < st->sweep->nr_planned; i++) {
		struct turn_case *c = &st->cases[i];

		if (c->unmeasured_row || c->measured_row)
			st->rows[n++] = c->row;
		c->unmeasured_row = c->measured_row = false;
	}
	return n ? append_rows(st->sweep, st->rows, n) : 0;
}

/* The active cases, in a fresh random order, into st->order. */
static size_t shuffled_turns(struct sweep_state *st)
{
	size_t i, n = 0;

	for (i = 0; i < st->sweep->nr_planned; i++)
		if (st->cases[i].active)
			st->order[n++] = i;
	shuffle_order(&st->rng, st->order, n);
	return n;
}

/* Every active case once, --warmup iterations, nothing recorded. */
static enum sweep_end warmup_round(struct sweep_state *st)
{
	uint32_t warmup = st->sweep->opts->warmup;
	struct pinbench_run run;
	enum sweep_end end;
	size_t i, n;
	bool refused;

	if (!warmup)
		return SWEEP_DONE;
	n = shuffled_turns(st);
	for (i = 0; i < n; i++) {
		if (stop_requested)
			return SWEEP_CUT_SHORT;
		/* warmup - 1 unrecorded, the 1 sample dropped here */
		end = turn_run(st, &st->cases[st->order[i]], warmup - 1, &run,
			       &refused);
		if (end != SWEEP_DONE)
			return end;
	}
	return SWEEP_DONE;
}

/* A progress line between rounds of a long item, with the ETA. */
static void say_round(struct sweep_state *st, const struct sweep_item *item,
		      uint32_t round, size_t active)
{
	const struct run_options *opts = st->sweep->opts;
	double now = monotonic_seconds();
	char eta[32], size_text[32];

	st->progress.partial = (double)active * (round + 1) /
			       (double)opts->iterations;
	if (opts->quiet || round + 1 == opts->iterations ||
	    now - st->last_line < 10)
		return;
	st->last_line = now;
	size_format(item->size, size_text, sizeof(size_text));
	format_duration(progress_eta(&st->progress, now), eta, sizeof(eta));
	fprintf(stderr, "[%zu/%zu] %s %s: round %u/%u done, ETA %s\n",
		st->progress.done, st->progress.total, item->comp->name,
		size_text, round + 1, opts->iterations, eta);
}

/* The rounds; each round's rows are appended when it is whole. */
static enum sweep_end measure_rounds(struct sweep_state *st,
				     const struct sweep_item *item)
{
	struct pinbench_run run;
	enum sweep_end end;
	uint32_t round;
	size_t i, n;
	bool refused;

	for (round = 0; round < st->sweep->opts->iterations; round++) {
		n = shuffled_turns(st);
		for (i = 0; i < n; i++) {
			struct turn_case *c = &st->cases[st->order[i]];

			if (stop_requested)
				return SWEEP_CUT_SHORT;
			end = turn_run(st, c, st->sweep->opts->turn_warmup,
				       &run, &refused);
			if (end != SWEEP_DONE)
				return end;
			if (!refused)
				turn_row(st, c, &run, round);
		}
		if (append_turn_rows(st))
			return SWEEP_FAILED;
		say_round(st, item, round, n);
		calibrate_middle_if_due(st);
	}
	return SWEEP_DONE;
}

/* Cut short or failed: the unsupported rows still count, not a partial round. */
static void drop_partial_round(struct sweep_state *st)
{
	size_t i;

	for (i = 0; i < st->sweep->nr_planned; i++)
		st->cases[i].measured_row = false;
}

/*
 * --order interleaved: a warmup round, then --iterations rounds over the
 * supported strategies, each in a fresh shuffled order, one RUN (1 sample)
 * per strategy and round. A progress line per strategy when the item is
 * done.
 */
static enum sweep_end sweep_item_interleaved(struct sweep_state *st,
					     const struct sweep_item *item,
					     const struct region *region)
{
	const struct sweep *sweep = st->sweep;
	enum sweep_end end;
	size_t i;

	for (i = 0; i < sweep->nr_planned; i++) {
		struct turn_case *c = &st->cases[i];

		init_case(sweep, item, region, i, &c->rc);
		c->active = c->rc.planned->supported;
		c->warned = c->measured_row = false;
		c->unmeasured_row = !c->active;
		c->n = 0;
		if (c->unmeasured_row) {
			c->row = case_row(sweep, &c->rc);
			c->row.status = SAMPLE_STATUS_UNSUPPORTED;
		}
	}
	st->progress.partial = 0;
	end = warmup_round(st);
	if (end == SWEEP_DONE)
		end = measure_rounds(st, item);
	st->progress.partial = 0;
	if (end != SWEEP_DONE) {
		drop_partial_round(st);
		if (append_turn_rows(st))
			return SWEEP_FAILED;
		return end;
	}
	for (i = 0; i < sweep->nr_planned; i++) {
		struct turn_case *c = &st->cases[i];

		if (!c->active)
			continue;
		st->progress.done++;
		print_progress(st, &c->rc, c->ns_per_page, c->n);
	}
	return SWEEP_DONE;
}

static enum sweep_end sweep_item(struct sweep_state *st,
				 const struct sweep_item *item,
				 const struct region *region)
{
	if (item->unavailable || st->sweep->opts->order == ORDER_GROUPED)
		return sweep_item_grouped(st, item, region);
	return sweep_item_interleaved(st, item, region);
}

static enum sweep_end sweep_all(struct sweep_state *st)
{
	const struct sweep *sweep = st->sweep;
	enum sweep_end end = SWEEP_DONE;
	char err[1024], size_text[32];
	size_t i;

	for (i = 0; i < sweep->nr_items && end == SWEEP_DONE; i++) {
		const struct sweep_item *item = &sweep->items[i];
		struct region region;

		if (stop_requested)
			return SWEEP_CUT_SHORT;
		if (item->unavailable) {
			end = sweep_item(st, item, NULL);
			continue;
		}
		if (composition_build(item->comp, &region, item->size, err,
				      sizeof(err))) {
			size_format(item->size, size_text, sizeof(size_text));
			pb_error("building %s %s: %s", item->comp->name,
				 size_text, err);
			return SWEEP_FAILED;
		}
		end = sweep_item(st, item, &region);
		composition_teardown(item->comp, &region);
	}
	return end;
}

enum sweep_end sweep_run(const struct sweep *sweep,
			 struct sweep_counts *counts)
{
	const struct run_options *opts = sweep->opts;
	struct sweep_state st = {
		.sweep = sweep, .calibration = &counts->calibration,
	};
	enum sweep_end end = SWEEP_FAILED;
	size_t i, supported = 0, buildable = 0;
	double *case_ns;

	for (i = 0; i < sweep->nr_planned; i++)
		supported += sweep->plan[i].supported;
	for (i = 0; i < sweep->nr_items; i++)
		buildable += !sweep->items[i].unavailable;
	st.progress.total = buildable * supported;
	counts->calibration = (struct calibration){
		.boot = opts->boot, .start_ns = calibrate_ns(),
		.middle_ns = NAN, .end_ns = NAN,
	};
	st.progress.started = monotonic_seconds();
	st.last_line = st.progress.started;
	shuffle_seed(&st.rng, opts->seed);
	st.next_window_id = window_ids_first();

	st.samples = calloc(opts->iterations, sizeof(*st.samples));
	st.counts = calloc((size_t)opts->iterations * (opts->events.n + 1),
			   sizeof(*st.counts));
	st.rows = calloc(opts->iterations + sweep->nr_planned,
			 sizeof(*st.rows));
	st.ns_per_page = calloc(opts->iterations, sizeof(*st.ns_per_page));
	st.cases = calloc(sweep->nr_planned + 1, sizeof(*st.cases));
	st.order = calloc(sweep->nr_planned + 1, sizeof(*st.order));
	case_ns = calloc((size_t)opts->iterations * (sweep->nr_planned + 1),
			 sizeof(*case_ns));
	if (!st.samples || !st.counts || !st.rows || !st.ns_per_page || !st.cases ||
	    !st.order || !case_ns) {
		pb_error("out of memory for %u samples", opts->iterations);
	} else {
		for (i = 0; i < sweep->nr_planned; i++)
			st.cases[i].ns_per_page = case_ns +
						  (size_t)opts->iterations * i;
		end = sweep_all(&st);
	}

	/* cut short too: what the boot ran at is known either way */
	counts->calibration.end_ns = calibrate_ns();
	counts->runs_done = st.progress.done;
	counts->runs_total = st.progress.total;
	counts->seconds = monotonic_seconds() - st.progress.started;
	free(st.samples);
	free(st.counts);
	free(st.rows);
	free(st.ns_per_page);
	free(st.cases);
	free(st.order);
	free(case_ns);
	return end;
}
