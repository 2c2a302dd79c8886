/*
 * The emulator's instruction counts: insns-join puts a hand-written
 * plugin log into samples.csv by window id (or refuses it, writing
 * nothing); report, compare and figures then take them as a metric, and
 * say so; a run without counts gets none of it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_runner.h"
#include "pinbench_markers.h"
#include "samples_csv.h"
#include "tap.h"
#include "test_util.h"

/* the fake's first window id: rows' ids follow it */
#define ID_BASE "1000000000000001"

/*
 * A fake grouped run whose windows carry ids (as a module marking them
 * would), in a fresh scratch directory; free().
 */
static char *marked_run(const char *name)
{
	char *dir = strdup(scratch_path(name));
	struct outcome o;

	o = run_cli(FAKE_PINBENCH, "PINBENCH_WINDOW_ID_BASE=" ID_BASE, "run",
		    "--sizes", "4K,16K", "--strategies", "put_page,unpin_pages,noop",
		    "--order", "grouped", "--iterations", "3", "--warmup", "0",
		    "--quiet", "--out", dir);
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	return dir;
}

/* Release instructions per page of a strategy: put_page 12, ... */
static unsigned long per_page(const char *strategy, double scale)
{
	unsigned long base = !strcmp(strategy, "put_page") ? 12 :
			     !strcmp(strategy, "unpin_pages") ? 99 : 4;

	return (unsigned long)(base * scale + 0.5);
}

/*
 * The plugin's log of the run in dir as it would be: a pin and a release
 * window per measured row, release = pages * per_page + iteration (so a
 * CV), unpin_pages' scaled by scale; put_page 16K's last iteration with an
 * interrupt in its release window. extra is appended as it is.
 */
static void write_log(const char *dir, const char *path, double scale,
		      const char *extra)
{
	struct sample_table t;
	/* path may be dir_file's buffer, which the next call reuses */
	char err[512], *out = strdup(path);
	FILE *f;
	size_t i;

	if (samples_csv_read(dir_file(dir, "samples.csv"), &t, err,
			     sizeof(err))) {
		tap_fail(__FILE__, __LINE__, "%s", err);
		free(out);
		return;
	}
	f = fopen(out, "w");
	free(out);
	if (!f) {
		tap_fail(__FILE__, __LINE__, "cannot write the log");
		sample_table_free(&t);
		return;
	}
	fprintf(f, "# pinbench-insns log-version %d: test\n",
		PINBENCH_INSNS_LOG_VERSION);
	for (i = 0; i < t.count; i++) {
		const struct sample_row *row = &t.rows[i];
		double s = !strcmp(row->strategy, "unpin_pages") ? scale : 1;
		bool irq = !strcmp(row->strategy, "put_page") &&
			   row->pages == 4 && row->iteration == 2;

		if (!sample_is_measured(row) || !row->windows.has_id)
			continue;
		fprintf(f, "w 0 pin %016llx %llu 0\n",
			(unsigned long long)row->windows.id,
			(unsigned long long)(200 * row->pages));
		fprintf(f, "w 1 release %016llx %llu %d\n",
			(unsigned long long)row->windows.id,
			(unsigned long long)(row->pages *
					     per_page(row->strategy, s) +
					     row->iteration), irq);
	}
	fputs(extra, f);
	fclose(f);
	sample_table_free(&t);
}

/* insns-join dir of its log (unpin_pages scaled, extra appended) */
static struct outcome join(const char *dir, double scale, const char *extra)
{
	write_log(dir, dir_file(dir, "insns-windows.txt"), scale, extra);
	return run_cli(REAL_PINBENCH, NULL, "insns-join", dir);
}

/* A marked run joined with its log (unpin_pages scaled); free(). */
static char *joined_run(const char *name, double scale)
{
	char *dir = marked_run(name);
	struct outcome o = join(dir, scale, "");

	CHECK_STATUS(o, 0);
	outcome_free(&o);
	return dir;
}

static void test_join_by_id(void)
{
	char *dir = marked_run("insns-join");
	struct sample_table t;
	struct outcome o;
	char err[512], *summary;
	size_t i, counted = 0;

	/* a window of another run of the boot: no row claims it */
	o = join(dir, 1, "w 0 release 7fffffffffffffff 5 0\n");
	CHECK_STATUS(o, 0);
	CHECK_CONTAINS(o.out, "18 of 18 samples counted, 1 of them with an interrupt");
	CHECK_CONTAINS(o.out, "1 windows of the log belong to no row");
	outcome_free(&o);
	if (samples_csv_read(dir_file(dir, "samples.csv"), &t, err,
			     sizeof(err))) {
		tap_fail(__FILE__, __LINE__, "%s", err);
		free(dir);
		return;
	}
	for (i = 0; i < t.count; i++) {
		const struct window_counts *w = &t.rows[i].windows;

		if (!sample_is_measured(&t.rows[i]))
			continue;
		counted += w->counted[WINDOW_RELEASE];
		CHECK(w->counted[WINDOW_PIN]);
		CHECK(!w->counted[WINDOW_PREPARE]);	/* not logged */
		CHECK_INT(w->insns[WINDOW_RELEASE],
			  t.rows[i].pages * per_page(t.rows[i].strategy, 1) +
			  t.rows[i].iteration);
		CHECK_INT(w->insns[WINDOW_PIN], 200 * t.rows[i].pages);
	}
	CHECK_INT((long)counted, 18);
	sample_table_free(&t);
	/* put_page 16K: 48, 49 counted, the third interrupted: n 2 */
	summary = slurp(dir_file(dir, "summary.csv"));
	CHECK_CONTAINS(summary, ",2,12.125,0.01458,200.000,1\n");
	free(summary);
	free(dir);
}

/* insns-join of dir with log must fail saying says, changing nothing. */
static void check_refused(const char *dir, const char *log, const char *says)
{
	char *before = slurp(dir_file(dir, "samples.csv"));
	char *sum_before = slurp(dir_file(dir, "summary.csv"));
	char *after, *sum_after;
	struct outcome o;

	o = run_cli(REAL_PINBENCH, NULL, "insns-join", dir, log);
	CHECK_STATUS(o, 1);
	CHECK_CONTAINS(o.err, says);
	outcome_free(&o);
	after = slurp(dir_file(dir, "samples.csv"));
	sum_after = slurp(dir_file(dir, "summary.csv"));
	CHECK(before && after && !strcmp(before, after));
	CHECK(sum_before && sum_after && !strcmp(sum_before, sum_after));
	free(before);
	free(after);
	free(sum_before);
	free(sum_after);
}

static void test_join_refusals(void)
{
	char *dir = marked_run("insns-refused");
	char log[4096];

	snprintf(log, sizeof(log), "%s", dir_file(dir, "bad.txt"));
	/* a window twice: two boots' logs in one file */
	write_log(dir, log, 1, "w 0 release " ID_BASE " 7 0\n");
	check_refused(dir, log, "window " ID_BASE " release logged twice");
	/* a bad line, named by its number */
	write_log(dir, log, 1, "");
	CHECK_INT(edit_file(log, "\nw 1 release " ID_BASE " ",
			    "\nw 1 release " ID_BASE "x "), 0);
	check_refused(dir, log, "bad.txt:3: not a window line (w VCPU KIND ID INSNS IRQS)");
	/* no header: not the plugin's log */
	write_log(dir, log, 1, "");
	CHECK_INT(edit_file(log, "# pinbench-insns log-version 1: test\n", ""), 0);
	check_refused(dir, log, "bad.txt:1: not a pinbench-insns log of version 1");
	/* a log of no window of this run */
	CHECK_INT(write_text_file(log, "# pinbench-insns log-version 1: x\n"
				  "w 0 release 7fffffffffffffff 5 0\n"), 0);
	check_refused(dir, log, "none of the 18 windows");
	free(dir);
}

/* QEMU killed mid-write: the torn last line left out, said. */
static void test_join_torn_line(void)
{
	char *dir = marked_run("insns-torn");
	struct outcome o = join(dir, 1, "w 0 release 1000000000000099 12");

	CHECK_STATUS(o, 0);
	CHECK_CONTAINS(o.out, "18 of 18 samples counted");
	CHECK_CONTAINS(o.err, "ends in a torn line (QEMU killed?): left out");
	outcome_free(&o);
	free(dir);
}

static void test_report_metric(void)
{
	char *dir = joined_run("insns-report", 1), *txt, *md, *line;
	struct outcome o;

	/* the default metric: the section, no metric line */
	txt = pinbench_then_read("report", dir, "report.txt");
	CHECK_CONTAINS(txt, "\nInstructions per page (emulated)\n");
	CHECK_CONTAINS(txt, "not cycles: cache misses, TLB misses and the real cost of atomics are invisible");
	CHECK(txt && !strstr(txt, "\nmetric:"));
	CHECK_CONTAINS(txt, "Release cost in ns per page: median");
	/* put_page 16K: 12.125 insns/page, n 2, one interrupted window */
	line = line_with(txt, "  anon-4k 16K gup_fast put_page ");
	CHECK_CONTAINS(line, " 12.12 ");
	CHECK_CONTAINS(line, " 1.5% ");
	CHECK_CONTAINS(line, " 200.0  2 ");
	CHECK(strlen(line) > 2 && !strcmp(line + strlen(line) - 2, " 1"));
	free(line);
	free(txt);
	o = run_cli(REAL_PINBENCH, NULL, "report", "--metric", "insns_per_page",
		    dir);
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	txt = slurp(dir_file(dir, "report.txt"));
	md = slurp(dir_file(dir, "report.md"));
	CHECK_CONTAINS(txt, "\nmetric:     insns_per_page (release instructions per page, emulator-counted, exact)\n");
	CHECK_CONTAINS(txt, "Release instructions per page, emulator-counted, exact (metric insns_per_page): median +-stddev (%change of the median vs put_page).");
	CHECK_CONTAINS(txt, "* = differs from put_page in insns_per_page: Welch's t-test");
	/* the cells are instructions: unpin_pages 4K 99, 100, 101 */
	line = line_with(txt, "  unpin_pages ");
	CHECK_CONTAINS(line, "100.0 +-1.00 (+669.2%) *");
	free(line);
	CHECK_CONTAINS(md, "| metric | insns_per_page (release");
	CHECK_CONTAINS(md, "## Instructions per page (emulated)");
	free(txt);
	free(md);
	free(dir);
}

/* Without counts: no section, and the metric refused, saying why. */
static void test_report_without_counts(void)
{
	char *dir = marked_run("insns-none"), *txt;

	txt = pinbench_then_read("report", dir, "report.txt");
	CHECK(txt && !strstr(txt, "Instructions per page"));
	free(txt);
	CHECK_CLI(1, "insns-none has no instruction counts (make bench COUNT=insns, or pinbench insns-join)",
		  REAL_PINBENCH, "report", "--metric", "insns_per_page", dir);
	CHECK_CLI(2, "--metric 'bogus': one of ns_per_page, pin_ns_per_page, tsc_per_page, release_ns, insns_per_page",
		  REAL_PINBENCH, "report", "--metric", "bogus", dir);
	free(dir);
}

static void test_compare_metric(void)
{
	char *a = joined_run("insns-cmp-a", 1);
	char *b = joined_run("insns-cmp-b", 1.05);
	char *none = marked_run("insns-cmp-none"), *line;
	struct outcome o;

	o = run_cli(REAL_PINBENCH, NULL, "compare", "--metric",
		    "insns_per_page", a, b);
	CHECK_STATUS(o, 1);	/* unpin_pages 5% slower */
	CHECK_CONTAINS(o.out, "metric: insns_per_page (release instructions per page, emulator-counted, exact; lower is better)");
	CHECK_CONTAINS(o.out, "\nvalues: instructions/page (");
	/* ("instructions/page" ends in "ns/page": the unit alone) */
	CHECK(o.out && !strstr(o.out, " ns/page") && !strstr(o.out, " ns "));
	line = line_with(o.out, "anon-4k 4K pin_fast unpin_pages");
	CHECK_CONTAINS(line, "slower");
	free(line);
	/* the times are the same (one fake): not "a run with itself" */
	CHECK(o.err && !strstr(o.err, "the same samples"));
	outcome_free(&o);
	/* the default metric keeps its unit */
	o = run_cli(REAL_PINBENCH, NULL, "compare", a, b);
	CHECK_CONTAINS(o.out, "\nvalues: ns/page (");
	outcome_free(&o);
	/* no counts on a side: an error, not a table of NaN */
	o = run_cli(REAL_PINBENCH, NULL, "compare", "--metric",
		    "insns_per_page", a, none);
	CHECK_STATUS(o, 2);
	CHECK_CONTAINS(o.err, "insns-cmp-none has no instruction counts (make bench COUNT=insns, or pinbench insns-join)");
	CHECK(o.out && !strstr(o.out, "config"));
	outcome_free(&o);
	free(a);
	free(b);
	free(none);
}

static int have_gnuplot(void)
{
	return !system("command -v gnuplot > /dev/null 2>&1");
}

/* The insns figure: written for a run with counts, never without. */
static void test_insns_figure(void)
{
	char *dir = joined_run("insns-fig", 1), *none = marked_run("insns-nofig");
	char *dat, *vars, *manifest;
	struct outcome o;

	manifest = pinbench_then_read("figures", dir, "plots/data/manifest");
	CHECK_CONTAINS(manifest, "insns insns-anon-4k\n");
	dat = slurp(dir_file(dir, "plots/data/insns-anon-4k.dat"));
	vars = slurp(dir_file(dir, "plots/data/insns-anon-4k.vars.gp"));
	/* exact counts: the point, no CI; 16K's 48 and 49 of 4 pages */
	CHECK_CONTAINS(dat, "# put_page\n# size_bytes point ci_lo ci_hi median\n4096 13.000 13.000 13.000 13.000\n16384 12.125 ");
	CHECK_CONTAINS(vars, "release instructions per page vs range size (emulated, exact)");
	free(manifest);
	free(dat);
	free(vars);
	manifest = pinbench_then_read("figures", none, "plots/data/manifest");
	CHECK(manifest && !strstr(manifest, "insns"));
	free(manifest);
	CHECK(access(dir_file(none, "plots/data/insns-anon-4k.dat"), F_OK));
	if (!have_gnuplot()) {
		tap_skip("gnuplot not installed: the PNGs not drawn");
	} else {
		o = run_cli(PLOTS_SH, PLOTS_ENV, dir);
		CHECK_STATUS(o, 0);
		outcome_free(&o);
		CHECK(!access(dir_file(dir, "plots/insns-anon-4k.png"), F_OK));
		o = run_cli(PLOTS_SH, PLOTS_ENV, none);
		CHECK_STATUS(o, 0);
		outcome_free(&o);
		CHECK(access(dir_file(none, "plots/insns-anon-4k.png"), F_OK));
	}
	free(dir);
	free(none);
}

TAP_SUITE(insns,
	{ "insns-join: counts joined by window id, unknown ids ignored, interrupted windows left out",
	  test_join_by_id },
	{ "insns-join: a window twice, a bad line (by number), no header, no window of the run: refused, nothing written",
	  test_join_refusals },
	{ "insns-join: a torn last line left out, said", test_join_torn_line },
	{ "report: the instructions section; --metric insns_per_page named in the header and legend",
	  test_report_metric },
	{ "report: no section without counts; --metric insns_per_page refused saying why, a bad name listing the valid ones",
	  test_report_without_counts },
	{ "compare --metric insns_per_page: instructions as the unit; a run without counts refused",
	  test_compare_metric },
	{ "figures: the insns figure only for a run with counts", test_insns_figure },
);
