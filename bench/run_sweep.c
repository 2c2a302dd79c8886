#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"
#include "device_errors.h"
#include "measured_mix.h"
#include "messages.h"
#include "module_info.h"
#include "progress.h"
#include "run_sweep.h"
#include "samples_csv.h"
#include "sizes.h"
#include "stats.h"
#include "stop_signals.h"

struct sweep_state {
	const struct sweep *sweep;
	struct pinbench_sample *samples;	/* iterations entries */
	struct sample_row *rows;		/* iterations entries */
	double *ns_per_page;			/* iterations entries */
	struct progress progress;
};

/* One RUN: a composition at a size, released by one strategy. */
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

/* The columns every row of one case shares. */
static struct sample_row case_row(const struct sweep *sweep,
				  const struct run_case *rc)
{
	const struct pinbench_info *info = &sweep->dev->info;

	return (struct sample_row){
		.run_id = sweep->run_id,
		.kernel = sweep->kernel,
		.accel = sweep->opts->accel,
		.emulated = !strcmp(sweep->opts->accel, "tcg"),
		.composition = rc->comp->name,
		.size_bytes = rc->size,
		.pages = rc->size / info->page_size,
		.pin_method = info_pin_method_name(info,
						   rc->planned->pin_method),
		.strategy = info_strategy_name(info, rc->planned->strategy),
		.write = !sweep->opts->read_only,
		.status = SAMPLE_STATUS_UNSUPPORTED,
		.req_huge_pct = rc->comp->req_huge_pct,
		.req_mix = rc->req_mix,
		.note = rc->note,
	};
}

static void print_progress(struct sweep_state *st, const struct run_case *rc,
			   size_t n)
{
	double now = monotonic_seconds();
	char eta[32];

	if (st->sweep->opts->quiet)
		return;
	format_duration(progress_eta(&st->progress, now), eta, sizeof(eta));
	fprintf(stderr, "[%zu/%zu] %s: median %.1f ns/page%s%s\n",
		st->progress.done, st->progress.total, rc->short_label,
		stats_median(st->ns_per_page, n),
		st->progress.done < st->progress.total ? ", ETA " : "",
		st->progress.done < st->progress.total ? eta : "");
}

/* The module's answer is trusted only after these checks. */
static int check_run_result(const struct sweep *sweep,
			    const struct run_case *rc,
			    const struct pinbench_run *run)
{
	if (run->samples_written != sweep->opts->iterations) {
		pb_error("%s: the module wrote %u samples, %u were asked for",
			 rc->label, run->samples_written,
			 sweep->opts->iterations);
		return -1;
	}
	if (!run->pages) {
		pb_error("%s: the module pinned no pages", rc->label);
		return -1;
	}
	if (run->comp.pages_not_pinned) {
		pb_error("%s: verification failed: %" PRIu64 " of %" PRIu64
			 " pages were not held after pinning (comp.pages_not_pinned); no rows written",
			 rc->label, (uint64_t)run->comp.pages_not_pinned,
			 (uint64_t)run->pages);
		return -1;
	}
	return 0;
}

static void fill_run_request(const struct sweep_state *st,
			     const struct run_case *rc,
			     struct pinbench_run *run)
{
	const struct run_options *opts = st->sweep->opts;

	memset(run, 0, sizeof(*run));
	run->addr = (uintptr_t)rc->region->addr;
	run->len = rc->region->len;
	run->pin_method = rc->planned->pin_method;
	run->strategy = rc->planned->strategy;
	run->flags = (opts->read_only ? 0 : PINBENCH_F_WRITE) |
		     (opts->verify_all ? PINBENCH_F_VERIFY_ALL : 0);
	run->iterations = opts->iterations;
	run->warmup = opts->warmup;
	run->chunk_pages = opts->chunk_pages;
	run->samples = (uintptr_t)st->samples;
	run->samples_cap = opts->iterations;
}

/* One row per measured iteration into st->rows, ns/page alongside. */
static void rows_from_samples(struct sweep_state *st,
			      const struct sample_row *common,
			      uint32_t count)
{
	uint32_t i;

	for (i = 0; i < count; i++) {
		struct sample_row *row = &st->rows[i];

		*row = *common;
		row->iteration = i;
		row->pin_ns = st->samples[i].pin_ns;
		row->release_ns = st->samples[i].release_ns;
		row->release_cycles = st->samples[i].release_cycles;
		row->pin_cycles = st->samples[i].pin_cycles;
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
	       rc->planned->pin_method == PINBENCH_PIN_PIN_LONGTERM;
}

static enum sweep_end record_refused(struct sweep_state *st,
				     struct run_case *rc)
{
	struct sample_row row;

	snprintf(rc->note, sizeof(rc->note),
		 "the kernel refuses FOLL_LONGTERM write pins of %s page cache (EFAULT; Linux 6.5+)",
		 rc->comp->kind->fs_name);
	pb_note("%s: %s: recorded as unsupported (use --read-only for long-term pins)",
		rc->label, rc->note);
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

	fill_run_request(st, rc, &run);
	err = device_run(sweep->dev, &run);
	if (err) {
		if (stop_requested && err == EINTR)
			return SWEEP_CUT_SHORT;
		if (longterm_write_refused(sweep, rc, err))
			return record_refused(st, rc);
		device_error_text(DEVICE_RUN, err, text, sizeof(text));
		pb_error("%s: %s", rc->label, text);
		return SWEEP_FAILED;
	}
	if (check_run_result(sweep, rc, &run))
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

	rows_from_samples(st, &row, run.samples_written);
	if (append_rows(sweep, st->rows, run.samples_written))
		return SWEEP_FAILED;
	st->progress.done++;
	print_progress(st, rc, run.samples_written);
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

/*
 * Every planned (pin method, strategy) on one item: measured on its built
 * region, or recorded as unavailable (region NULL).
 */
static enum sweep_end sweep_item(struct sweep_state *st,
				 const struct sweep_item *item,
				 const struct region *region)
{
	const struct sweep *sweep = st->sweep;
	const struct pinbench_info *info = &sweep->dev->info;
	enum sweep_end end = SWEEP_DONE;
	char size_text[32], method[64];
	size_t i;

	size_format(item->size, size_text, sizeof(size_text));
	for (i = 0; i < sweep->nr_planned && end == SWEEP_DONE; i++) {
		const struct planned_strategy *planned = &sweep->plan[i];
		const char *strategy = info_strategy_name(info,
							  planned->strategy);
		struct run_case rc = {
			.comp = item->comp,
			.size = item->size,
			.region = region,
			.planned = planned,
		};

		if (stop_requested)
			return SWEEP_CUT_SHORT;
		method[0] = '\0';
		if (sweep->name_pin_method)
			snprintf(method, sizeof(method), "%s ",
				 info_pin_method_name(info,
						      planned->pin_method));
		snprintf(rc.label, sizeof(rc.label), "RUN %s %" PRIu64
			 " bytes %s%s", item->comp->name, item->size, method,
			 strategy);
		snprintf(rc.short_label, sizeof(rc.short_label), "%s %s %s%s",
			 item->comp->name, size_text, method, strategy);
		mix_format_request(&item->comp->req, rc.req_mix,
				   sizeof(rc.req_mix));
		if (item->unavailable) {
			snprintf(rc.note, sizeof(rc.note), "%s",
				 item->unavailable);
			end = record_unmeasured(st, &rc,
						SAMPLE_STATUS_UNAVAILABLE);
			continue;
		}
		composition_note(item->comp, rc.note, sizeof(rc.note));
		end = planned->supported ?
			measure_case(st, &rc) :
			record_unmeasured(st, &rc, SAMPLE_STATUS_UNSUPPORTED);
	}
	return end;
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
	struct sweep_state st = { .sweep = sweep };
	enum sweep_end end = SWEEP_FAILED;
	size_t i, supported = 0, buildable = 0;

	for (i = 0; i < sweep->nr_planned; i++)
		supported += sweep->plan[i].supported;
	for (i = 0; i < sweep->nr_items; i++)
		buildable += !sweep->items[i].unavailable;
	st.progress.total = buildable * supported;
	st.progress.started = monotonic_seconds();

	st.samples = calloc(opts->iterations, sizeof(*st.samples));
	st.rows = calloc(opts->iterations, sizeof(*st.rows));
	st.ns_per_page = calloc(opts->iterations, sizeof(*st.ns_per_page));
	if (!st.samples || !st.rows || !st.ns_per_page)
		pb_error("out of memory for %u samples", opts->iterations);
	else
		end = sweep_all(&st);

	counts->runs_done = st.progress.done;
	counts->runs_total = st.progress.total;
	counts->seconds = monotonic_seconds() - st.progress.started;
	free(st.samples);
	free(st.rows);
	free(st.ns_per_page);
	return end;
}
