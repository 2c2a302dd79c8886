/*
 * pinbench compare on synthetic run directories with known answers:
 * clearly slower, clearly faster, the same values, tiny n, configs in one
 * run only; the exit status scripts rely on.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_runner.h"
#include "synthetic_run.h"
#include "tap.h"
#include "test_util.h"

/* mean 10, median 10, sd sqrt(6/9) */
static const double base10[] = { 9, 10, 11, 9, 10, 11, 9, 10, 11, 10 };
/* the same values in another order: p = 1 */
static const double base10_shuffled[] = { 11, 11, 10, 9, 9, 10, 10, 11,
					  9, 10 };
static const double base20[] = { 19, 20, 21, 19, 20, 21, 19, 20, 21, 20 };
static const double one_a[] = { 1 }, one_b[] = { 2 };
static const double two_a[] = { 10, 12 }, two_b[] = { 11, 13 };

#define K4 4096
#define M2 2097152

static const struct synthetic_config configs_a[] = {
	{ "anon-4k", K4, "gup_fast", "put_page", true, base10, 10, false },
	{ "anon-4k", K4, "pin_fast", "unpin_pages", true, base10, 10, false },
	{ "anon-4k", K4, "pin_fast", "unpin_dirty", true, base20, 10, false },
	{ "anon-4k", K4, "pin_fast", "noop", true, one_a, 1, false },
	{ "anon-4k", K4, "pin_fast", "unpin_page", true, two_a, 2, false },
	{ "anon-4k", K4, "pin_fast", "unpin_folios", true, NULL, 0, false },
	{ "anon-4k", M2, "gup_fast", "put_page", true, base10, 10, false },
};

static const struct synthetic_config configs_b[] = {
	{ "anon-4k", K4, "gup_fast", "put_page", true, base20, 10, false },
	{ "anon-4k", K4, "pin_fast", "unpin_pages", true, base10_shuffled, 10,
	  false },
	{ "anon-4k", K4, "pin_fast", "unpin_dirty", true, base10, 10, false },
	{ "anon-4k", K4, "pin_fast", "noop", true, one_b, 1, false },
	{ "anon-4k", K4, "pin_fast", "unpin_page", true, two_b, 2, false },
	{ "anon-4k", K4, "pin_fast", "unpin_folios", true, base10, 10, false },
	{ "anon-thp", M2, "pin_fast", "unpin_pages", true, base10, 10, false },
};

/* B without the slowdown: put_page as in A */
static const struct synthetic_config configs_c[] = {
	{ "anon-4k", K4, "gup_fast", "put_page", true, base10_shuffled, 10,
	  false },
	{ "anon-4k", K4, "pin_fast", "unpin_dirty", true, base10, 10, false },
};

static const struct synthetic_run run_a = {
	"run-a", "6.1.0-a", "kvm", configs_a, NR(configs_a), false,
};
static const struct synthetic_run run_b = {
	"run-b", "6.12.0-b", "tcg", configs_b, NR(configs_b), false,
};
static const struct synthetic_run run_c = {
	"run-c", "6.12.0-c", "kvm", configs_c, NR(configs_c), false,
};

static const char *dir_a, *dir_b, *dir_c;

static void write_runs(void)
{
	static char a[512], b[512], c[512];

	if (dir_a)
		return;
	snprintf(a, sizeof(a), "%s", scratch_path("compare-a"));
	snprintf(b, sizeof(b), "%s", scratch_path("compare-b"));
	snprintf(c, sizeof(c), "%s", scratch_path("compare-c"));
	CHECK_INT(synthetic_run_write(a, &run_a), 0);
	CHECK_INT(synthetic_run_write(b, &run_b), 0);
	CHECK_INT(synthetic_run_write(c, &run_c), 0);
	dir_a = a;
	dir_b = b;
	dir_c = c;
}


#define CHECK_LINE(text, label, part) \
	do { \
		char *line_ = line_with(text, label); \
		CHECK_CONTAINS(line_, part); \
		free(line_); \
	} while (0)

#define CHECK_LINE_LACKS(text, label, part) \
	do { \
		char *line_ = line_with(text, label); \
		if (strstr(line_, part)) \
			tap_fail(__FILE__, __LINE__, "\"%s\" has \"%s\"", \
				 line_, part); \
		free(line_); \
	} while (0)

static void test_header(void)
{
	struct outcome o;

	write_runs();
	o = run_cli(REAL_PINBENCH, NULL, "compare", dir_a, dir_b);
	CHECK_CONTAINS(o.out, "pinbench compare: Welch's t-test, two-sided, alpha 0.05\n");
	CHECK_CONTAINS(o.out, "samples: iterations of one boot\n");
	CHECK_CONTAINS(o.out, "metric: ns_per_page");
	CHECK_CONTAINS(o.out, "A: run-a  kernel 6.1.0-a  accel kvm\n");
	CHECK_CONTAINS(o.out, "B: run-b  kernel 6.12.0-b  accel tcg (EMULATED)\n");
	CHECK_CONTAINS(o.out, "WARNING: EMULATED (TCG): B ran under TCG");
	CHECK_CONTAINS(o.out, "A (baseline)");
	outcome_free(&o);
	o = run_cli(REAL_PINBENCH, NULL, "compare", dir_a, dir_c);
	CHECK(!strstr(o.out, "EMULATED"));
	outcome_free(&o);
}

static void test_verdicts(void)
{
	struct outcome o;

	write_runs();
	o = run_cli(REAL_PINBENCH, NULL, "compare", dir_a, dir_b);
	CHECK_STATUS(o, 1);	/* put_page got slower */
	/* mean 10 -> 20: +100%, p tiny */
	CHECK_LINE(o.out, "anon-4k 4K gup_fast put_page ", "+100.00%");
	CHECK_LINE(o.out, "anon-4k 4K gup_fast put_page ", "<0.001 *");
	CHECK_LINE(o.out, "anon-4k 4K gup_fast put_page ", " slower");
	CHECK_LINE(o.out, "anon-4k 4K gup_fast put_page ", "10.00");
	CHECK_LINE(o.out, "anon-4k 4K gup_fast put_page ", "+-0.816");
	/* 20 -> 10 */
	CHECK_LINE(o.out, "anon-4k 4K pin_fast unpin_dirty ", "-50.00%");
	CHECK_LINE(o.out, "anon-4k 4K pin_fast unpin_dirty ", " faster");
	/* the same values: p = 1 */
	CHECK_LINE(o.out, "anon-4k 4K pin_fast unpin_pages ", "+0.00%");
	CHECK_LINE(o.out, "anon-4k 4K pin_fast unpin_pages ", "1.000");
	CHECK_LINE(o.out, "anon-4k 4K pin_fast unpin_pages ", "no difference proven");
	CHECK_LINE_LACKS(o.out, "anon-4k 4K pin_fast unpin_pages ", "*");
	/* n = 2: p = 0.553 (closed form, test_welch.c) */
	CHECK_LINE(o.out, "anon-4k 4K pin_fast unpin_page ", "+9.09%");
	CHECK_LINE(o.out, "anon-4k 4K pin_fast unpin_page ", "0.553");
	CHECK_LINE(o.out, "anon-4k 4K pin_fast unpin_page ", "no difference proven");
	/* n = 1: no test */
	CHECK_LINE(o.out, "anon-4k 4K pin_fast noop ", "n<2");
	CHECK_LINE(o.out, "anon-4k 4K pin_fast noop ", "+100.00%");
	CHECK_LINE(o.out, "anon-4k 4K pin_fast noop ", "no difference proven");
	CHECK_CONTAINS(o.out, "5 compared: 1 slower, 1 faster, 3 no difference proven; 3 not compared\n");
	outcome_free(&o);
}

static void test_configs_in_one_run(void)
{
	struct outcome o;

	write_runs();
	o = run_cli(REAL_PINBENCH, NULL, "compare", dir_a, dir_b);
	CHECK_CONTAINS(o.out, "not compared (measured in one run only):\n");
	CHECK_CONTAINS(o.out, "  only in A: anon-4k 2M gup_fast put_page (ok)\n");
	CHECK_CONTAINS(o.out, "  only in B: anon-thp 2M pin_fast unpin_pages (ok)\n");
	CHECK_CONTAINS(o.out, "  anon-4k 4K pin_fast unpin_folios: unsupported in A, ok in B\n");
	outcome_free(&o);
}

static void test_exit_status(void)
{
	struct outcome o;

	write_runs();
	/* faster only: 0 */
	o = run_cli(REAL_PINBENCH, NULL, "compare", dir_a, dir_c);
	CHECK_STATUS(o, 0);
	CHECK_LINE(o.out, "anon-4k 4K pin_fast unpin_dirty ", " faster");
	CHECK_LINE(o.out, "anon-4k 4K gup_fast put_page ", "no difference proven");
	outcome_free(&o);
	/* a run against itself: nothing differs */
	o = run_cli(REAL_PINBENCH, NULL, "compare", dir_b, dir_b);
	CHECK_STATUS(o, 0);
	CHECK_CONTAINS(o.out, "0 slower, 0 faster");
	outcome_free(&o);
	/* C vs A: unpin_dirty slower */
	o = run_cli(REAL_PINBENCH, NULL, "compare", dir_c, dir_a);
	CHECK_STATUS(o, 1);
	outcome_free(&o);
	/* --alpha tiny: p < 1e-9 still slower; the n = 2 row never */
	o = run_cli(REAL_PINBENCH, NULL, "compare", "--alpha", "1e-9", dir_a,
		    dir_b);
	CHECK_STATUS(o, 1);
	CHECK_CONTAINS(o.out, "alpha 1e-09");
	outcome_free(&o);
	/* --alpha 0.6 (absurd, but allowed): the n = 2 row becomes slower */
	o = run_cli(REAL_PINBENCH, NULL, "compare", "--alpha", "0.6", dir_a,
		    dir_b);
	CHECK_STATUS(o, 1);
	CHECK_LINE(o.out, "anon-4k 4K pin_fast unpin_page ", "0.553 *");
	CHECK_LINE(o.out, "anon-4k 4K pin_fast unpin_page ", " slower");
	outcome_free(&o);
	/* another metric: pin ns/page is 100 everywhere */
	o = run_cli(REAL_PINBENCH, NULL, "compare", "--metric",
		    "pin_ns_per_page", dir_a, dir_b);
	CHECK_STATUS(o, 0);
	CHECK_CONTAINS(o.out, "metric: pin_ns_per_page");
	outcome_free(&o);
}

static void test_usage_errors(void)
{
	struct outcome o;

	write_runs();
	o = run_cli(REAL_PINBENCH, NULL, "compare", dir_a);
	CHECK_STATUS(o, 2);
	CHECK_CONTAINS(o.err, "needs two run directories");
	outcome_free(&o);
	o = run_cli(REAL_PINBENCH, NULL, "compare", dir_a,
		    scratch_path("compare-nowhere"));
	CHECK_STATUS(o, 2);
	CHECK_CONTAINS(o.err, "compare-nowhere/samples.csv: No such file");
	outcome_free(&o);
	o = run_cli(REAL_PINBENCH, NULL, "compare", "--alpha", "1", dir_a,
		    dir_b);
	CHECK_STATUS(o, 2);
	CHECK_CONTAINS(o.err, "--alpha '1'");
	outcome_free(&o);
	o = run_cli(REAL_PINBENCH, NULL, "compare", "--metric", "bogus", dir_a,
		    dir_b);
	CHECK_STATUS(o, 2);
	CHECK_CONTAINS(o.err, "--metric 'bogus': one of ns_per_page");
	outcome_free(&o);
	o = run_cli(REAL_PINBENCH, NULL, "compare", "--frob", dir_a, dir_b);
	CHECK_STATUS(o, 2);
	outcome_free(&o);
	o = run_cli(REAL_PINBENCH, NULL, "compare", "--help");
	CHECK_STATUS(o, 0);
	CHECK_CONTAINS(o.out, "--alpha");
	CHECK_CONTAINS(o.out, "--metric");
	CHECK_CONTAINS(o.out, "per-boot medians");
	CHECK_CONTAINS(o.out, "exit status: 0 no significant slowdown, 1");
	outcome_free(&o);
}

/* A run cut short is named in the header, with a warning. */
static void test_cut_short(void)
{
	static const struct synthetic_run cut = {
		"run-cut", "6.12.0-b", "kvm", configs_b, NR(configs_b), true,
	};
	char dir[512];
	struct outcome o;

	write_runs();
	snprintf(dir, sizeof(dir), "%s", scratch_path("compare-cut"));
	CHECK_INT(synthetic_run_write(dir, &cut), 0);
	o = run_cli(REAL_PINBENCH, NULL, "compare", dir_a, dir);
	CHECK_CONTAINS(o.out, "B: run-cut  kernel 6.12.0-b  accel kvm (INCOMPLETE: cut short)\n");
	CHECK_CONTAINS(o.out, "WARNING: INCOMPLETE: B was cut short");
	outcome_free(&o);
	o = run_cli(REAL_PINBENCH, NULL, "compare", dir_a, dir_c);
	CHECK(!strstr(o.out, "INCOMPLETE"));
	outcome_free(&o);
}

TAP_SUITE(compare,
	{ "header: the test, the unit, both kernels and accels, EMULATED",
	  test_header },
	{ "verdicts: slower, faster, same values, n = 2, n = 1", test_verdicts },
	{ "configs in one run only, or unsupported in one, listed apart",
	  test_configs_in_one_run },
	{ "exit 1 only for a significant slowdown; --alpha, --metric",
	  test_exit_status },
	{ "usage and input errors: exit 2", test_usage_errors },
	{ "a run cut short: INCOMPLETE in the header, a warning",
	  test_cut_short },
);
