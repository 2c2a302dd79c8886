/*
 * A bad or missing meta.json: report must not invent "INCOMPLETE" or
 * "order: grouped" from it, merge must refuse it in any boot and leave
 * OUT as it was (a retry then works). report --baseline must exist.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_runner.h"
#include "synthetic_run.h"
#include "tap.h"
#include "test_util.h"

static const double ten[] = { 10, 11, 12 };
static const unsigned int boot_1[] = { 1, 1, 1 }, boot_2[] = { 2, 2, 2 };
static const unsigned int *const in_boot_1[] = { boot_1 };
static const unsigned int *const in_boot_2[] = { boot_2 };

static const struct synthetic_config put_page[] = {
	{ "anon-4k", 1048576, "gup_fast", "put_page", true, ten, 3, false },
};
static const struct synthetic_run run = {
	"meta-run", "6.12.0", "tcg", put_page, 1, false,
};

static void test_report_needs_meta(void)
{
	const char *dir = strdup(scratch_path("meta-report"));
	struct outcome o;

	CHECK_INT(synthetic_run_write(dir, &run), 0);
	o = run_cli(REAL_PINBENCH, NULL, "report", dir);
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	unlink(dir_file(dir, "report.txt"));

	write_text_file(dir_file(dir, "meta.json"), "{\n  \"run_id\": \"x\",\n");
	CHECK_CLI(1, "meta.json: not a pinbench meta.json", REAL_PINBENCH,
		  "report", dir);
	CHECK(access(dir_file(dir, "report.txt"), F_OK));

	unlink(dir_file(dir, "meta.json"));
	CHECK_CLI(1, "meta.json: No such file or directory", REAL_PINBENCH,
		  "report", dir);
	CHECK(access(dir_file(dir, "report.txt"), F_OK));
	free((void *)dir);
}

static void test_report_bogus_baseline(void)
{
	const char *dir = strdup(scratch_path("meta-baseline"));

	CHECK_INT(synthetic_run_write(dir, &run), 0);
	CHECK_CLI(1, "--baseline bogus: no such strategy in", REAL_PINBENCH,
		  "report", "--baseline", "bogus", dir);
	CHECK(access(dir_file(dir, "report.txt"), F_OK));
	free((void *)dir);
}

/* bad meta.json in boot `bad` of two: refused, OUT untouched, retry works */
static void check_merge_bad_meta(int bad)
{
	const char *b1 = strdup(scratch_path(bad == 1 ? "mb1-a" : "mb2-a"));
	const char *b2 = strdup(scratch_path(bad == 1 ? "mb1-b" : "mb2-b"));
	const char *out = strdup(scratch_path(bad == 1 ? "mb1-out" : "mb2-out"));
	const char *broken = bad == 1 ? b1 : b2;
	char *meta;
	struct outcome o;

	CHECK_INT(synthetic_run_write_boots(b1, &run, in_boot_1), 0);
	CHECK_INT(synthetic_run_write_boots(b2, &run, in_boot_2), 0);
	meta = slurp(dir_file(broken, "meta.json"));
	write_text_file(dir_file(broken, "meta.json"), "garbage\n");
	CHECK_CLI(2, "meta.json: not a pinbench meta.json", REAL_PINBENCH,
		  "merge", out, b1, b2);
	CHECK(access(out, F_OK));	/* nothing created */

	write_text_file(dir_file(broken, "meta.json"), meta);
	o = run_cli(REAL_PINBENCH, NULL, "merge", out, b1, b2);
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	free(meta);
	meta = slurp(dir_file(out, "meta.json"));
	CHECK_CONTAINS(meta, "\"complete\": true");
	CHECK_CONTAINS(meta, "\"boots\": 2");
	free(meta);
	free((void *)b1);
	free((void *)b2);
	free((void *)out);
}

static void test_merge_bad_meta(void)
{
	check_merge_bad_meta(1);
	check_merge_bad_meta(2);
}

TAP_SUITE(meta_refusals,
	{ "report: a bad or missing meta.json is an error, no report invented",
	  test_report_needs_meta },
	{ "report: --baseline naming no strategy of the run is an error",
	  test_report_bogus_baseline },
	{ "merge: a bad meta.json in the first or a later boot is refused, OUT left as it was",
	  test_merge_bad_meta },
);
