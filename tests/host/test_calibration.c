/* calibrate.c's fixed loop and calibration.c's record of it. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "calibrate.h"
#include "calibration.h"
#include "json.h"
#include "tap.h"

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
static void test_read_object_and_array(void)
{
	struct calibration c = { 3, 2.0, NAN, 2.5 };
	struct run_calibration rc;
	char object[256], json[1024];

	calibration_format(&c, object, sizeof(object));
	CHECK(!strcmp(object,
		      "{\"boot_id\": 3, \"start_ns\": 2.0000, \"middle_ns\": null, \"end_ns\": 2.5000, \"drift\": 0.2500}"));
	snprintf(json, sizeof(json), "{\n  \"boot\": 3,\n  \"calibration\": %s\n}\n",
		 object);
	CHECK_INT(run_calibration_read(json, &rc), 0);
	CHECK_INT(rc.n, 1);
	CHECK_INT(rc.boots[0].boot, 3);
	CHECK(isnan(rc.boots[0].middle_ns));
	CHECK_NEAR(rc.median_ns, 2.25, 1e-12);
	run_calibration_free(&rc);

	/* boots 1, 2, 5: medians 2.0, 2.1, 2.6; run median 2.1 */
	strcpy(json, "{\"calibration\": [{\"boot_id\": 1, \"start_ns\": 2.0, \"middle_ns\": 2.0, \"end_ns\": 2.0},"
		     " {\"boot_id\": 2, \"start_ns\": 2.1, \"middle_ns\": 2.1, \"end_ns\": 2.1},"
		     " {\"boot_id\": 5, \"start_ns\": 2.2, \"middle_ns\": 2.6, \"end_ns\": 3.0}],\n \"boots\": 3}");
	CHECK_INT(run_calibration_read(json, &rc), 0);
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
	CHECK_INT(run_calibration_read("{\"boot\": 1}", &rc), 0);
	CHECK_INT(rc.n, 0);
	CHECK(isnan(rc.median_ns));
	run_calibration_free(&rc);
}

static void test_json_value_end_nests(void)
{
	const char *obj = "{\"a\": \"}]\", \"b\": [1, {\"c\": 2}]}, \"next\": 1";
	const char *num = "12.5 ,";
	const char *str = "\"x,y\"}";

	CHECK(json_value_end(obj) == strstr(obj, ", \"next\""));
	CHECK(json_value_end(num) == num + 4);
	CHECK(json_value_end(str) == str + 5);	/* past the closing quote */
}

TAP_SUITE(calibration,
	{ "calibration loop: fixed work, result against python3", test_loop_is_fixed_work },
	{ "calibrate_ns(): positive, finite, sane", test_calibrate_ns_is_sane },
	{ "median and drift of the points taken", test_median_and_drift },
	{ "meta.json calibration: one boot's object, a merged array, none",
	  test_read_object_and_array },
	{ "json_value_end(): objects, arrays, strings with brackets", test_json_value_end_nests },
);
