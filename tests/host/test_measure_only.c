/*
 * bench/ alone, as bench/pinbench-guest is built (build/pinbench-measure,
 * with the fake device): a run still writes its summary.csv, the same as
 * the whole CLI's summarize; the analysis subcommands answer that they run
 * on the host.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_runner.h"
#include "tap.h"
#include "test_util.h"

static void test_run_summarizes(void)
{
	const char *dir = scratch_path("measure-only");
	char *ours, *theirs;
	struct outcome o;

	o = run_cli(MEASURE_PINBENCH, NULL, "run", "--sizes", "4K,64K",
		    "--strategies", "put_page,noop", "--iterations", "3",
		    "--quiet", "--out", dir);
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	ours = slurp(dir_file(dir, "summary.csv"));
	unlink(dir_file(dir, "summary.csv"));
	o = run_cli(REAL_PINBENCH, NULL, "summarize", dir);
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	theirs = slurp(dir_file(dir, "summary.csv"));
	CHECK(ours && theirs && !strcmp(ours, theirs));
	free(ours);
	free(theirs);
}

static void test_analysis_refused(void)
{
	static const char *const analysis[] = {
		"merge", "summarize", "compare", "report", "fio-summarize",
	};
	char want[128];
	size_t i;

	for (i = 0; i < sizeof(analysis) / sizeof(analysis[0]); i++) {
		snprintf(want, sizeof(want),
			 "pinbench: %s: analysis runs on the host; this build measures only\n",
			 analysis[i]);
		CHECK_CLI(2, want, MEASURE_PINBENCH, analysis[i], "--help");
	}
	CHECK_CLI(0, "", MEASURE_PINBENCH, "sweep", "--help");
}

TAP_SUITE(measure_only,
	{ "measuring only: a run writes the summary.csv summarize would",
	  test_run_summarizes },
	{ "measuring only: merge, summarize, compare, report, fio-summarize refused, exit 2",
	  test_analysis_refused },
);
