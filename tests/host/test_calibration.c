/* calibrate.c's fixed loop and calibration.c's record of it. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "calibrate.h"
#include "calibration.h"
#include "cli_runner.h"
#include "json.h"
#include "meta.h"
#include "synthetic_run.h"
#include "tap.h"
#include "test_util.h"

/*
 * The loop does fixed work whatever the compiler makes of it: its result
 * against python3 (xorshift64 13/7/17 from 0x9e3779b97f4a7c15, then acc
 * += x * (acc | 1), all mod 2^64), computed outside pinbench.
 */
static void test_loop_is_fixed_work(void)
{
	CHECK(calibrate_loop(1) == 0xdc1b77ae0bf34dadull);
	CHECK(calibrate_loop(1000) == 0x5b1ecb8cc97a2c1eull);
}

/* ns per iteration: positive and sane here (a native or emulated CPU) */
static void test_calibrate_ns_is_sane(void)
{
	double ns = calibrate_ns();

	CHECK(isfinite(ns) && ns > 0.01 && ns < 1000);
	tap_diag("calibration here: %.3f ns per iteration", ns);
}

static void test_median_and_drift(void)
{
	struct calibration c = { 1, 2.0, 2.2, 2.1 };
	struct calibration two = { 1, 2.0, NAN, 3.0 };
	struct calibration one = { 1, 2.0, NAN, NAN };

	CHECK_NEAR(calibration_median(&c), 2.1, 1e-12);
	CHECK_NEAR(calibration_drift(&c), 0.1, 1e-12);
	CHECK_NEAR(calibration_median(&two), 2.5, 1e-12);
	CHECK_NEAR(calibration_drift(&two), 0.5, 1e-12);
	CHECK_NEAR(calibration_median(&one), 2.0, 1e-12);
	CHECK(isnan(calibration_drift(&one)));
}

/* One boot's object (a sweep) and a merged array read back. */
/* meta as meta.json lays it out, in a static buffer */
static const char *layout_of(const json_t *meta)
{
	static char buf[1024];
	FILE *f = fmemopen(buf, sizeof(buf), "w");

	memset(buf, 0, sizeof(buf));
	if (f) {
		json_write_lines(f, meta, false);
		fclose(f);
	}
	return buf;
}

static void test_read_object_and_array(void)
{
	struct calibration c = { 3, 2.0, NAN, 2.5 };
	struct calibration odd = { 1, 2.123456, 1.0 / 3, NAN };
	struct run_calibration rc;
	json_t *meta = json_object();

	json_object_set_new(meta, "boot", json_integer(3));
	json_object_set_new(meta, "calibration", calibration_json(&c));
	CHECK_STR(layout_of(meta),
		  "{\n  \"boot\": 3,\n  \"calibration\": {\"boot_id\": 3, \"start_ns\": 2.0, \"middle_ns\": null, \"end_ns\": 2.5, \"drift\": 0.25}\n}\n");
	CHECK_INT(run_calibration_read(meta, &rc), 0);
	CHECK_INT(rc.n, 1);
	CHECK_INT(rc.boots[0].boot, 3);
	CHECK(isnan(rc.boots[0].middle_ns));
	CHECK_NEAR(rc.median_ns, 2.25, 1e-12);
	run_calibration_free(&rc);
	/* 4 decimals kept, written as that decimal */
	json_object_set_new(meta, "calibration", calibration_json(&odd));
	CHECK_CONTAINS(layout_of(meta),
		       "{\"boot_id\": 1, \"start_ns\": 2.1235, \"middle_ns\": 0.3333, \"end_ns\": null, \"drift\": 5.3704}");
	json_decref(meta);

	/* boots 1, 2, 5: medians 2.0, 2.1, 2.6; run median 2.1 */
	meta = json_of("{\"calibration\": [{\"boot_id\": 1, \"start_ns\": 2.0, \"middle_ns\": 2.0, \"end_ns\": 2.0},"
		     " {\"boot_id\": 2, \"start_ns\": 2.1, \"middle_ns\": 2.1, \"end_ns\": 2.1},"
		     " {\"boot_id\": 5, \"start_ns\": 2.2, \"middle_ns\": 2.6, \"end_ns\": 3.0}],\n \"boots\": 3}");
	CHECK_INT(run_calibration_read(meta, &rc), 0);
	json_decref(meta);
	CHECK_INT(rc.n, 3);
	CHECK_NEAR(rc.median_ns, 2.1, 1e-12);
	CHECK_NEAR(run_calibration_of_boot(&rc, 5), 2.6, 1e-12);
	CHECK(isnan(run_calibration_of_boot(&rc, 4)));
	CHECK_NEAR(run_calibration_offset(&rc, 2), 0.5 / 2.1, 1e-12);
	CHECK(run_calibration_offset(&rc, 0) < CALIBRATION_LIMIT);
	CHECK(run_calibration_offset(&rc, 2) > CALIBRATION_LIMIT);
	CHECK(calibration_drift(&rc.boots[2]) > CALIBRATION_LIMIT);
	run_calibration_free(&rc);

	/* older meta.json: none, not an error */
	meta = json_of("{\"boot\": 1}");
	CHECK_INT(run_calibration_read(meta, &rc), 0);
	CHECK_INT(rc.n, 0);
	CHECK(isnan(rc.median_ns));
	run_calibration_free(&rc);
	json_decref(meta);
	/* no meta.json */
	CHECK_INT(run_calibration_read(NULL, &rc), 0);
	CHECK_INT(rc.n, 0);
	run_calibration_free(&rc);
}

/* Result directories are untrusted: what pinbench never writes is skipped. */
static void test_read_what_pinbench_never_wrote(void)
{
	struct run_calibration rc;
	json_t *meta = json_of(
		"{\"note\": \"{\\\"calibration\\\": [}]\",\n"
		" \"calibration\": [\"boot 1\", 7, null,\n"
		"   {\"boot_id\": -1, \"start_ns\": \"2\", \"middle_ns\": 4.0, \"end_ns\": true},\n"
		"   {\"boot_id\": 4294967296, \"start_ns\": 3, \"middle_ns\": [1], \"end_ns\": 3},\n"
		"   {\"boot_id\": 2.5, \"nested\": {\"start_ns\": 9}}]}");

	CHECK_INT(run_calibration_read(meta, &rc), 0);
	CHECK_INT(rc.n, 3);	/* the objects only */
	if (rc.n == 3) {
		CHECK_INT(rc.boots[0].boot, 0);	/* out of range: 0 */
		CHECK(isnan(rc.boots[0].start_ns));	/* a string: not taken */
		CHECK_NEAR(rc.boots[0].middle_ns, 4.0, 1e-12);
		CHECK(isnan(rc.boots[0].end_ns));
		CHECK_INT(rc.boots[1].boot, 0);
		CHECK_NEAR(calibration_median(&rc.boots[1]), 3.0, 1e-12);
		CHECK_INT(rc.boots[2].boot, 0);	/* a real: 0 */
		CHECK(isnan(calibration_median(&rc.boots[2])));
	}
	CHECK_NEAR(rc.median_ns, 3.5, 1e-12);
	run_calibration_free(&rc);
	json_decref(meta);

	/* "calibration" of another type: none */
	meta = json_of("{\"calibration\": \"[{\\\"boot_id\\\": 1}]\"}");
	CHECK_INT(run_calibration_read(meta, &rc), 0);
	CHECK_INT(rc.n, 0);
	run_calibration_free(&rc);
	json_decref(meta);
}

/*
 * Three boots of unpin_pages, medians 10, 10, 15; calibrations: boot 1
 * 2.0, boot 2 2.0 -> 2.1 -> 2.5 (median 2.1, drift 25%), boot 3 3.0:
 * run median 2.1, boot 3 is 42.9% off it. Calibrated medians 10.5,
 * 10, 10.5: the spread the slow boot made is gone (CV 2.8% vs 24.7%,
 * python3 statistics).
 */
static void test_report_flags_and_cv(void)
{
	static const double ns[] = { 9, 10, 11, 9, 10, 11, 14, 15, 16 };
	static const unsigned int boot[] = { 1, 1, 1, 2, 2, 2, 3, 3, 3 };
	static const struct synthetic_config config[] = {
		{ "anon-4k", 67108864, "pin_fast", "unpin_pages", true, ns,
		  NR(ns), false },
	};
	static const struct synthetic_run run = {
		"calib", "6.12.0-c", "tcg", config, 1, false,
	};
	const unsigned int *const boots[] = { boot };
	const char *dir = scratch_path("calibration-report");
	char *text, *summary;

	CHECK_INT(synthetic_run_write_boots(dir, &run, boots), 0);
	/* before calibration existed: the raw CV, said so, no boot table */
	text = pinbench_then_read("report", dir, "report.txt");
	CHECK_CONTAINS(text, "meta.json has no calibration (a run from before it): raw only\n");
	CHECK_CONTAINS(text, "anon-4k 64M pin_fast unpin_pages      3   10.00           -   24.7%              -\n");
	CHECK(text && !strstr(text, "Boot speed"));
	free(text);

	CHECK_INT(meta_set_field(dir_file(dir, "meta.json"), "calibration",
		json_of("[{\"boot_id\": 1, \"start_ns\": 2.0, \"middle_ns\": 2.0, \"end_ns\": 2.0},"
		" {\"boot_id\": 2, \"start_ns\": 2.0, \"middle_ns\": 2.1, \"end_ns\": 2.5},"
		" {\"boot_id\": 3, \"start_ns\": 3.0, \"middle_ns\": 3.0, \"end_ns\": 3.0}]")), 0);
	text = pinbench_then_read("report", dir, "report.txt");
	CHECK_CONTAINS(text, "WARNING: boot 3: its calibration is 42.9% off the run's median");
	CHECK_CONTAINS(text, "WARNING: boot 2: its calibration drifted 25.0% within the boot");
	CHECK(text && !strstr(text, "WARNING: boot 1"));
	CHECK_CONTAINS(text, "run median 2.100");
	CHECK_CONTAINS(text, "  boot  start  middle   end  median  vs run  drift  flag\n");
	CHECK_CONTAINS(text, "     3   3.00    3.00  3.00    3.00  +42.9%   0.0%  OFF\n");
	CHECK_CONTAINS(text, "     2   2.00    2.10  2.50    2.10   +0.0%  25.0%  DRIFTED\n");
	CHECK_CONTAINS(text, "anon-4k 64M pin_fast unpin_pages      3   10.00       10.50   24.7%           2.8%\n");
	free(text);
	text = slurp(dir_file(dir, "report.md"));
	CHECK_CONTAINS(text, "> **WARNING: boot 3: its calibration is 42.9% off");
	CHECK_CONTAINS(text, "| anon-4k 64M pin_fast unpin_pages | 3 | 10.00 | 10.50 | 24.7% | 2.8% |\n");
	free(text);
	summary = pinbench_then_read("summarize", dir, "summary.csv");
	/* raw figures beside the calibrated ones, never replaced */
	CHECK_CONTAINS(summary, ",3,0.0889,0.2474,boots,11.667,10.000,15.000,0.7500,10.000,10.500,0.0279,0,,,,,,,,,,,,,,,,,\n");
	free(summary);
}

TAP_SUITE(calibration,
	{ "calibration loop: fixed work, result against python3", test_loop_is_fixed_work },
	{ "calibrate_ns(): positive, finite, sane", test_calibrate_ns_is_sane },
	{ "median and drift of the points taken", test_median_and_drift },
	{ "meta.json calibration: one boot's object, a merged array, none",
	  test_read_object_and_array },
	{ "meta.json calibration pinbench never wrote: other types skipped, boot ids out of range 0",
	  test_read_what_pinbench_never_wrote },
	{ "report: boots off the run's speed or drifting flagged; CV raw and calibrated",
	  test_report_flags_and_cv },
);
