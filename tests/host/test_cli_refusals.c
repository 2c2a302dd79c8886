/*
 * Arguments a new user gets wrong: an empty DIR (it meant /), paths and
 * run ids longer than what is kept (they were cut silently), a size or
 * name listed twice (it was measured, and counted, twice).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_runner.h"
#include "tap.h"
#include "test_util.h"


static void test_empty_dir_arguments(void)
{
	const char *dir = scratch_path("empty-arg-run");
	struct outcome o;

	o = run_cli(FAKE_PINBENCH, NULL, "run", "--sizes", "4K", "--strategies",
		    "noop", "--iterations", "2", "--quiet", "--out", dir);
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	CHECK_CLI(2, "summarize: directory argument 1 is empty", REAL_PINBENCH,
		  "summarize", "");
	CHECK_CLI(2, "report: directory argument 1 is empty", REAL_PINBENCH,
		  "report", "");
	CHECK_CLI(2, "compare: directory argument 2 is empty", REAL_PINBENCH,
		  "compare", dir, "");
	CHECK_CLI(2, "merge: directory argument 1 is empty", REAL_PINBENCH,
		  "merge", "", dir);
	CHECK_CLI(2, "merge: directory argument 2 is empty", REAL_PINBENCH,
		  "merge", scratch_path("empty-arg-out"), "");
	CHECK(access(scratch_path("empty-arg-out"), F_OK));
	CHECK_CLI(2, "--out wants a directory", REAL_PINBENCH, "run", "--out",
		  "");
}

static void test_long_out_and_run_id(void)
{
	char out[2200], run_id[200];
	size_t n;
	struct outcome o;

	/* a real path of 2100 bytes: it was cut at 2047 and written there */
	n = (size_t)snprintf(out, sizeof(out), "%s", scratch_path("long"));
	while (n < 2100)
		n += (size_t)snprintf(out + n, sizeof(out) - n, "/%.100s",
				      "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd");
	o = run_cli(FAKE_PINBENCH, NULL, "run", "--sizes", "4K", "--strategies",
		    "noop", "--iterations", "2", "--quiet", "--out", out);
	CHECK_STATUS(o, 2);
	CHECK_CONTAINS(o.err, "--out is ");
	CHECK_CONTAINS(o.err, "bytes long, at most 2047: refused");
	outcome_free(&o);
	CHECK(access(scratch_path("long"), F_OK));	/* nothing created */

	memset(run_id, 'r', 128);
	run_id[128] = '\0';
	CHECK_CLI(2, "--run-id is 128 characters long, at most 127",
		  REAL_PINBENCH, "run", "--run-id", run_id);
	run_id[127] = '\0';
	o = run_cli(FAKE_PINBENCH, NULL, "run", "--sizes", "4K", "--strategies",
		    "noop", "--iterations", "2", "--quiet", "--run-id", run_id,
		    "--out", scratch_path("long-id"));
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	o = run_cli(REAL_PINBENCH, NULL, "report", scratch_path("long-id"));
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	{
		char *report = slurp(dir_file(scratch_path("long-id"),
					      "report.txt"));

		CHECK_CONTAINS(report, run_id);	/* whole, not cut */
		free(report);
	}
}

/* 8K,8K,8192 is one size; a strategy or composition twice is once */
static void test_duplicates_measured_once(void)
{
	const char *dir = scratch_path("dup-lists");
	char *samples, *summary;
	struct outcome o;

	o = run_cli(FAKE_PINBENCH, NULL, "sweep", "--sizes", "8K,8K,8192",
		    "--strategies", "noop,noop", "--composition",
		    "anon-4k,anon-4k", "--pin-method", "fast,fast",
		    "--iterations", "2", "--quiet", "--out", dir);
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	samples = slurp(dir_file(dir, "samples.csv"));
	CHECK_INT(count_lines(samples), 1 + 2);
	free(samples);
	summary = slurp(dir_file(dir, "summary.csv"));
	CHECK_CONTAINS(summary, ",anon-4k,8192,2,pin_fast,noop,1,ok,2,");
	free(summary);
}

TAP_SUITE(cli_refusals,
	{ "an empty DIR argument is refused by summarize, report, compare, merge, run --out",
	  test_empty_dir_arguments },
	{ "--out over 2047 bytes and --run-id over 127 characters are refused, not cut",
	  test_long_out_and_run_id },
	{ "a size, strategy, composition or pin method listed twice is measured once",
	  test_duplicates_measured_once },
);
