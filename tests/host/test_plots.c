/*
 * scripts/plots.sh on result directories from elsewhere: gnuplot runs
 * `commands` inside double-quoted strings, so a name in samples.csv or
 * meta.json must never reach it unchecked (pinbench figures, which
 * writes what gnuplot reads, refuses it), and summary.csv is not read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_runner.h"
#include "tap.h"
#include "test_util.h"

static int have_gnuplot(void)
{
	return !system("command -v gnuplot > /dev/null 2>&1");
}

/*
 * A summarized fake run in a fresh scratch directory, with a strategy
 * that has a prepare window (so summary.csv has a "+prepare" row); free().
 */
static const char *plot_run(const char *name)
{
	const char *dir = strdup(scratch_path(name));
	struct outcome o;

	o = run_cli(FAKE_PINBENCH, NULL, "sweep", "--sizes", "4K,64K",
		    "--strategies", "put_page,unpin_pages,unpin_range_dirty,noop",
		    "--iterations", "2", "--quiet", "--out", dir);
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	return dir;
}

/*
 * FILE of a fresh run gets from -> to; plots.sh must exit with status and
 * say says (NULL: anything), and run nothing.
 */
static void check_plotted(const char *name, const char *file, const char *from,
			  const char *to, int status, const char *says)
{
	const char *dir = plot_run(name);
	const char *marker = strdup(scratch_path("plots-ran"));
	char *payload = replace_all(to, "MARKER", marker);
	struct outcome o;

	CHECK_INT(edit_file(dir_file(dir, file), from, payload), 0);
	o = run_cli(PLOTS_SH, PLOTS_ENV, dir);
	CHECK_STATUS(o, status);
	if (says)
		CHECK_CONTAINS(o.err, says);
	CHECK(access(marker, F_OK));	/* the command never ran */
	outcome_free(&o);
	free(payload);
	free((void *)marker);
	free((void *)dir);
}

static void test_plots_backquotes(void)
{
	if (!have_gnuplot()) {
		tap_skip("no gnuplot (scripts/deps.sh plot)");
		return;
	}
	/* the case: a composition that runs touch */
	check_plotted("plots-comp", "samples.csv", "anon-4k,",
		      "anon-4k`touch${IFS}MARKER`,", 1,
		      "samples.csv:2: bad composition");
	check_plotted("plots-strategy", "samples.csv", "unpin_pages,",
		      "unpin$(touch${IFS}MARKER),", 1, "bad strategy");
	check_plotted("plots-hist", "samples.csv", "o0=1;",
		      "o0=1`touch${IFS}MARKER`;", 1, "bad hist");
	check_plotted("plots-meta", "meta.json", "\"kernel\": \"",
		      "\"kernel\": \"`touch${IFS}MARKER`", 1,
		      "meta.json: kernel");
	/* the figures are drawn from samples.csv: summary.csv never read */
	check_plotted("plots-summary", "summary.csv", "anon-4k,",
		      "anon-4k`touch${IFS}MARKER`,", 0, NULL);
}

static void test_plots_clean_run_draws(void)
{
	const char *dir;
	char *summary;
	struct outcome o;

	if (!have_gnuplot()) {
		tap_skip("no gnuplot (scripts/deps.sh plot)");
		return;
	}
	dir = plot_run("plots-clean");
	o = run_cli(PLOTS_SH, PLOTS_ENV, dir);
	CHECK_STATUS(o, 0);
	CHECK_CONTAINS(o.err, "figures (PNG and SVG)");
	outcome_free(&o);
	summary = slurp(dir_file(dir, "summary.csv"));
	CHECK_CONTAINS(summary, "unpin_range_dirty+prepare");
	free(summary);
	free((void *)dir);
}

static void test_plots_empty_dir(void)
{
	struct outcome o = run_cli(PLOTS_SH, NULL, "");

	CHECK_STATUS(o, 2);
	CHECK_CONTAINS(o.err, "DIR is empty");
	outcome_free(&o);
}

TAP_SUITE(plots,
	{ "plots.sh refuses names that are not pinbench's and runs no backquote",
	  test_plots_backquotes },
	{ "plots.sh draws a clean fake run", test_plots_clean_run_draws },
	{ "plots.sh refuses an empty DIR", test_plots_empty_dir },
);
