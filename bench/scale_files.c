#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "atomic_file.h"
#include "csv.h"
#include "paths.h"
#include "scale_files.h"
#include "sizes.h"

const struct scale_case *scale_base_case(const struct scale_output *out,
					 const struct scale_case *c)
{
	size_t i;

	for (i = 0; i < out->nr_cases; i++) {
		const struct scale_case *b = &out->cases[i];

		if (b->threads == 1 && b->mode == c->mode &&
		    !b->unavailable[0] && b->size == c->size &&
		    !strcmp(b->composition, c->composition) &&
		    !strcmp(b->strategy, c->strategy) &&
		    !strcmp(b->pin_method, c->pin_method))
			return b;
	}
	return NULL;
}

/* The columns every file starts a case's row with. */
static void case_key(FILE *f, const struct scale_output *out,
		     const struct scale_case *c, bool pin_method, bool accel)
{
	char size[32];

	size_format(c->size, size, sizeof(size));
	csv_write_field(f, out->run_id);
	if (pin_method) {
		fputc(',', f);
		csv_write_field(f, out->kernel);
	}
	if (accel) {
		fputc(',', f);
		csv_write_field(f, out->accel);
	}
	fprintf(f, ",%s,", scale_mode_names[c->mode]);
	csv_write_field(f, c->composition);
	fprintf(f, ",%s,", size);
	if (pin_method)
		fprintf(f, "%s,", c->pin_method);
	fprintf(f, "%s,%u", c->strategy, c->threads);
}

static const char *case_status(const struct scale_case *c)
{
	unsigned int t;

	if (c->unavailable[0])
		return "unavailable";
	for (t = 0; t < c->threads; t++)
		if (c->th[t].err || !c->th[t].n)
			return "failed";
	return "measured";
}

static int write_scale_csv(FILE *f, void *ctx)
{
	const struct scale_output *out = ctx;
	size_t i;
	unsigned int t;

	fprintf(f, "%s\n", SCALE_CSV_HEADER);
	for (i = 0; i < out->nr_cases; i++) {
		const struct scale_case *c = &out->cases[i];

		if (c->unavailable[0]) {
			case_key(f, out, c, true, false);
			fprintf(f, ",,,,,,,,,,,,,,,");
			csv_write_field(f, c->unavailable);
			fputc('\n', f);
			continue;
		}
		for (t = 0; t < c->threads; t++) {
			const struct scale_thread_result *th = &c->th[t];
			struct scale_thread_stats ts;

			scale_thread_stats(th, &ts);
			case_key(f, out, c, true, false);
			fprintf(f, ",%u,%d,%d,%d,%d,%d,%d,%zu,%" PRIu64 ",", t,
				th->place.cpu, th->place.cpu_node,
				th->place.pin_cpu, th->place.pin_cpu_node,
				th->place.mem_node, th->mem_seen, th->n,
				th->pages);
			csv_write_double(f, "%.4f", ts.ns_per_page);
			fputc(',', f);
			csv_write_double(f, "%.0f", ts.pages_per_s);
			fprintf(f, ",%" PRIu64 ",%" PRIu64 ",%d,", ts.start_ns,
				ts.end_ns, ts.placement_ok);
			csv_write_field(f, th->err ? strerror(th->err) :
					!ts.cpu_ok ? "a window ran on another CPU" :
					th->mem_before != 1 || th->mem_after != 1 ?
					"pages not on mem_node" : c->note);
			fputc('\n', f);
		}
	}
	return ferror(f) ? -1 : 0;
}

/*
 * A thread of a --duration case takes hundreds of thousands of samples:
 * the file keeps this many of each thread and case, evenly spread over
 * the run (k is the sample's own index); the statistics use them all.
 */
#define SAMPLES_KEPT_PER_THREAD 200

static int write_samples_csv(FILE *f, void *ctx)
{
	const struct scale_output *out = ctx;
	size_t i, k, step;
	unsigned int t;

	fprintf(f, "%s\n", SCALE_SAMPLES_HEADER);
	for (i = 0; i < out->nr_cases; i++) {
		const struct scale_case *c = &out->cases[i];

		for (t = 0; !c->unavailable[0] && t < c->threads; t++) {
			step = (c->th[t].n + SAMPLES_KEPT_PER_THREAD - 1) /
			       SAMPLES_KEPT_PER_THREAD;
			for (k = 0; k < c->th[t].n; k += step ? step : 1) {
				const struct pinbench_sample *s =
					&c->th[t].samples[k];

				case_key(f, out, c, false, false);
				fprintf(f, ",%u,%zu,%d,%u,%u,%llu,%llu,%llu,%llu,%" PRIu64 ",",
					t, k, c->th[t].place.cpu, s->pin_cpu,
					s->release_cpu,
					(unsigned long long)s->release_start_ns,
					(unsigned long long)s->release_end_ns,
					(unsigned long long)s->release_ns,
					(unsigned long long)s->pin_ns,
					c->th[t].pages);
				csv_write_double(f, "%.4f", c->th[t].pages ?
						 (double)s->release_ns /
						 (double)c->th[t].pages : NAN);
				fputc('\n', f);
			}
		}
	}
	return ferror(f) ? -1 : 0;
}

struct summary_line {
	struct scale_case_stats st;
	double speedup, efficiency;
};

static void summarize(const struct scale_output *out,
		      const struct scale_case *c, struct summary_line *l)
{
	const struct scale_case *base = scale_base_case(out, c);
	struct scale_case_stats bs;

	memset(l, 0, sizeof(*l));
	l->speedup = l->efficiency = NAN;
	if (c->unavailable[0])
		return;
	scale_case_stats(c, &l->st);
	if (!base)
		return;
	scale_case_stats(base, &bs);
	l->speedup = scale_speedup(l->st.pages_per_s, bs.pages_per_s);
	l->efficiency = scale_efficiency(l->speedup, c->threads);
}

static int write_summary_csv(FILE *f, void *ctx)
{
	const struct scale_output *out = ctx;
	struct summary_line l;
	size_t i;

	fprintf(f, "%s\n", SCALE_SUMMARY_HEADER);
	for (i = 0; i < out->nr_cases; i++) {
		const struct scale_case *c = &out->cases[i];

		summarize(out, c, &l);
		/* accel after kernel: figures mark emulated numbers */
		case_key(f, out, c, true, true);
		fputc(',', f);
		if (!c->unavailable[0]) {
			csv_write_double(f, "%.0f", l.st.pages_per_s);
			fputc(',', f);
			csv_write_double(f, "%.4f", l.st.ns_per_page);
			fputc(',', f);
			csv_write_double(f, "%.4f", l.speedup);
			fputc(',', f);
			csv_write_double(f, "%.4f", l.efficiency);
			fputc(',', f);
			csv_write_double(f, "%.4f", l.st.thread_cv);
			fprintf(f, ",%d,%d,%zu,", l.st.placement_ok,
				l.st.overlap_ok, l.st.windows_overlapping);
		} else {
			fprintf(f, ",,,,,,,,");
		}
		fprintf(f, "%s,", case_status(c));
		csv_write_field(f, c->unavailable[0] ? c->unavailable :
				c->note);
		fputc('\n', f);
	}
	return ferror(f) ? -1 : 0;
}

static void report_cell(FILE *f, const char *fmt, double v)
{
	if (isnan(v))
		fprintf(f, " %10s", "-");
	else
		fprintf(f, fmt, v);
}

static int write_report(FILE *f, void *ctx)
{
	const struct scale_output *out = ctx;
	struct summary_line l;
	int mode;
	size_t i;

	fprintf(f, "pinbench scale: %s (kernel %s, %s, %d NUMA node%s, %d CPUs)\n",
		out->run_id, out->kernel, out->accel, out->nr_nodes,
		out->nr_nodes == 1 ? "" : "s", out->nr_cpus);
	fprintf(f, "command: %s\n", out->command_line);
	fprintf(f, "pages/s: each thread's release rate (1e9 / its median ns/page),\n"
		"summed over threads; ns/page: median of the threads' medians;\n"
		"speedup and efficiency against 1 thread; cv: spread of the\n"
		"threads' medians; overlap: every two threads' spans intersect.\n");
	for (mode = 0; mode < NR_SCALE_MODES; mode++) {
		bool header = false;

		for (i = 0; i < out->nr_cases; i++) {
			const struct scale_case *c = &out->cases[i];
			char size[32];

			if ((int)c->mode != mode)
				continue;
			if (!header) {
				fprintf(f, "\n%s\n%-14s %-6s %-13s %3s %10s %10s %10s %10s %10s %5s %7s\n",
					scale_mode_names[mode], "composition",
					"size", "strategy", "thr", "pages/s",
					"ns/page", "speedup", "efficiency",
					"cv", "place", "overlap");
				header = true;
			}
			size_format(c->size, size, sizeof(size));
			fprintf(f, "%-14s %-6s %-13s %3u", c->composition, size,
				c->strategy, c->threads);
			if (c->unavailable[0]) {
				fprintf(f, " unavailable: %s\n", c->unavailable);
				continue;
			}
			summarize(out, c, &l);
			report_cell(f, " %10.0f", l.st.pages_per_s);
			report_cell(f, " %10.2f", l.st.ns_per_page);
			report_cell(f, " %10.2f", l.speedup);
			report_cell(f, " %10.2f", l.efficiency);
			report_cell(f, " %10.3f", l.st.thread_cv);
			fprintf(f, " %5s %7s%s\n", l.st.placement_ok ? "ok" : "OFF",
				l.st.overlap_ok ? "yes" : "no",
				strcmp(case_status(c), "measured") ?
				" (failed)" : "");
		}
	}
	return ferror(f) ? -1 : 0;
}

static const struct atomic_dir_file scale_files[] = {
	{ "scale.csv", write_scale_csv },
	{ "scale-samples.csv", write_samples_csv },
	{ "scale-summary.csv", write_summary_csv },
	{ "scale-report.txt", write_report },
};

/* scale-samples.csv only when the run is done (with_samples) */
static bool samples_not_yet(const struct atomic_dir_file *file, void *ctx)
{
	const struct scale_output *out = ctx;

	return !out->with_samples && file->write == write_samples_csv;
}

int scale_files_write(const char *dir, const struct scale_output *out,
		      char *err, size_t errlen)
{
	return atomic_dir_write(dir, scale_files,
				sizeof(scale_files) / sizeof(scale_files[0]),
				samples_not_yet, (void *)out, err, errlen);
}
