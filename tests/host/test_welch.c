/*
 * welch.c and replicates.c against values computed independently.
 *
 * Reference values: python3 without scipy, by hand. The formula: t =
 * (mean_b - mean_a) / sqrt(var_a/n_a + var_b/n_b) with sample variances
 * (statistics.variance), Welch-Satterthwaite df = (var_a/n_a +
 * var_b/n_b)^2 / ((var_a/n_a)^2/(n_a-1) + (var_b/n_b)^2/(n_b-1)); the
 * two-sided p = 2 * (1/2 - integral from 0 to |t| of Student's t pdf,
 * Gamma((df+1)/2) / (Gamma(df/2) sqrt(df pi)) (1 + x^2/df)^(-(df+1)/2)
 * from math.lgamma), by Simpson's rule with 200000 steps (400000 steps
 * give the same 12 digits).
 */
#include <math.h>
#include <string.h>

#include "replicates.h"
#include "tap.h"
#include "welch.h"

/*
 * Wikipedia's "Welch's t-test", example 1 (A1, A2): it prints t = -2.46
 * (A1 - A2), df = 25.0, p = 0.021; by hand (see above), with b - a:
 * t = 2.4553563983, df = 24.9885292902, p = 0.0213780015.
 */
static void test_wikipedia_example(void)
{
	static const double a[] = { 27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9,
				    20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7,
				    21.4 };
	static const double b[] = { 27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8,
				    22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5,
				    24.4 };
	struct welch_result w;

	CHECK_INT(welch_t_test(a, 15, b, 15, &w), 0);
	CHECK_NEAR(w.t, 2.4553563983, 1e-9);
	CHECK_NEAR(w.df, 24.9885292902, 1e-9);
	CHECK_NEAR(w.p, 0.0213780015, 1e-9);
	CHECK_INT(w.n_a, 15);
	CHECK_INT(w.n_b, 15);
}

/* Unequal sizes and variances: the point of Welch over Student. */
static void test_unequal_sizes_and_variances(void)
{
	static const double a[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
	static const double b[] = { 3, 5, 7, 9, 11 };
	static const double c[] = { 14.1, 14.3, 14.2, 14.6, 14.0 };
	static const double d[] = { 14.4, 14.9, 15.3, 14.7, 15.0, 15.2, 14.8 };
	struct welch_result w;

	/* by hand: t 0.8783100657, df 7.7805222301, p 0.4060804439 */
	CHECK_INT(welch_t_test(a, 10, b, 5, &w), 0);
	CHECK_NEAR(w.mean_a, 5.5, 1e-12);
	CHECK_NEAR(w.mean_b, 7, 1e-12);
	CHECK_NEAR(w.sd_a, sqrt(82.5 / 9), 1e-12);
	CHECK_NEAR(w.sd_b, sqrt(10), 1e-12);
	CHECK_NEAR(w.t, 0.8783100657, 1e-9);
	CHECK_NEAR(w.df, 7.7805222301, 1e-9);
	CHECK_NEAR(w.p, 0.4060804439, 1e-9);

	/* by hand: t 4.2662110945, df 9.9239106023, p 0.0016755046 */
	CHECK_INT(welch_t_test(c, 5, d, 7, &w), 0);
	CHECK_NEAR(w.t, 4.2662110945, 1e-9);
	CHECK_NEAR(w.df, 9.9239106023, 1e-9);
	CHECK_NEAR(w.p, 0.0016755046, 1e-9);

	/* swapped: the same p, t negated */
	CHECK_INT(welch_t_test(d, 7, c, 5, &w), 0);
	CHECK_NEAR(w.t, -4.2662110945, 1e-9);
	CHECK_NEAR(w.p, 0.0016755046, 1e-9);
}

/*
 * n = 2 each, {10, 12} vs {11, 13}: t = 1/sqrt(2/2 + 2/2) = 0.70710678,
 * df = 2, where the t cdf is closed-form: Q(t) = 1/2 - t / (2
 * sqrt(2 + t^2)), so p = 1 - 0.70710678/sqrt(2.5) = 0.5527864045.
 */
static void test_tiny_samples(void)
{
	static const double a[] = { 10, 12 }, b[] = { 11, 13 }, one[] = { 5 };
	struct welch_result w;

	CHECK_INT(welch_t_test(a, 2, b, 2, &w), 0);
	CHECK_NEAR(w.t, sqrt(0.5), 1e-12);
	CHECK_NEAR(w.df, 2, 1e-12);
	CHECK_NEAR(w.p, 1 - sqrt(0.5) / sqrt(2.5), 1e-9);
	CHECK_NEAR(w.p, 0.5527864045, 1e-9);

	/* one sample has no variance: no test */
	CHECK_INT(welch_t_test(a, 2, one, 1, &w), -1);
	CHECK(isnan(w.p));
	CHECK_NEAR(w.mean_b, 5, 1e-12);
	CHECK_INT(welch_t_test(one, 0, a, 2, &w), -1);
	CHECK(isnan(w.p));
}

static void test_no_spread(void)
{
	static const double a[] = { 7, 7, 7 }, b[] = { 7, 7 }, c[] = { 9, 9 };
	struct welch_result w;

	CHECK_INT(welch_t_test(a, 3, b, 2, &w), 0);
	CHECK_NEAR(w.p, 1, 0);
	CHECK_NEAR(w.t, 0, 0);
	CHECK_INT(welch_t_test(a, 3, c, 2, &w), 0);
	CHECK_NEAR(w.p, 0, 0);
	CHECK(isinf(w.t) && w.t > 0);
}

static void test_replicates_of_one_boot(void)
{
	static const double v[] = { 3, 1, 2 };
	static const unsigned int boot[] = { 0, 0, 0 };
	struct replicates r;
	struct replicate_tally tally = { 0 };
	char text[128];

	CHECK_INT(replicates_from_values(v, boot, 3, &r), 0);
	CHECK_INT(r.unit, REPLICATE_ITERATIONS);
	CHECK_INT(r.n, 3);
	CHECK_INT(r.boots, 1);
	CHECK(!memcmp(r.values, v, sizeof(v)));	/* in order, unsorted */
	replicate_tally_add(&tally, &r);
	replicate_tally_describe(&tally, text, sizeof(text));
	CHECK_STR(text, "iterations of one boot");
	replicates_free(&r);
}

/* Three boots of 3, 2 and 4 iterations, interleaved: a median each. */
static void test_replicates_of_several_boots(void)
{
	static const double v[] = { 10, 50, 12, 52, 11, 90, 91, 92, 93 };
	static const unsigned int boot[] = { 4, 1, 4, 1, 4, 2, 2, 2, 2 };
	static const double one[] = { 1 };
	static const unsigned int one_boot[] = { 0 };
	struct replicate_tally tally = { 0 };
	struct replicates r, single;
	char text[128];

	CHECK_INT(replicates_from_values(v, boot, 9, &r), 0);
	CHECK_INT(r.unit, REPLICATE_BOOT_MEDIANS);
	CHECK_INT(r.n, 3);
	CHECK_INT(r.boots, 3);
	CHECK_NEAR(r.values[0], 11, 1e-12);	/* boot 4: {10, 12, 11} */
	CHECK_NEAR(r.values[1], 51, 1e-12);	/* boot 1: {50, 52} */
	CHECK_NEAR(r.values[2], 91.5, 1e-12);	/* boot 2: {90..93} */
	replicate_tally_add(&tally, &r);
	replicate_tally_describe(&tally, text, sizeof(text));
	CHECK_STR(text, "per-boot medians of 3 boots");
	/* a config of one boot next to it: both named */
	CHECK_INT(replicates_from_values(one, one_boot, 1, &single), 0);
	replicate_tally_add(&tally, &single);
	replicate_tally_describe(&tally, text, sizeof(text));
	CHECK_CONTAINS(text, "per-boot medians where a config has several boots");
	replicates_free(&r);
	replicates_free(&single);
}

static void test_metrics(void)
{
	struct sample_row row = { .pages = 4, .release_ns = 10,
				  .pin_ns = 22, .release_tsc = 30 };
	const struct sample_metric *m;

	m = sample_metric_find("ns_per_page");
	CHECK(m != NULL);
	if (m)
		CHECK_NEAR(m->value(&row), 2.5, 1e-12);
	m = sample_metric_find("pin_ns_per_page");
	CHECK(m != NULL);
	if (m)
		CHECK_NEAR(m->value(&row), 5.5, 1e-12);
	m = sample_metric_find("tsc_per_page");
	CHECK(m != NULL);
	if (m)
		CHECK_NEAR(m->value(&row), 7.5, 1e-12);
	CHECK(sample_metric_find("bogus") == NULL);
}

TAP_SUITE(welch,
	{ "Welch's t-test: Wikipedia's example, by hand", test_wikipedia_example },
	{ "Welch's t-test: unequal sizes and variances, by hand",
	  test_unequal_sizes_and_variances },
	{ "Welch's t-test: n = 2 (closed form), n = 1 (no test)",
	  test_tiny_samples },
	{ "Welch's t-test: no spread on either side", test_no_spread },
	{ "replicates: one boot gives its iterations, and says so",
	  test_replicates_of_one_boot },
	{ "replicates: several boots give per-boot medians",
	  test_replicates_of_several_boots },
	{ "metrics: ns, pin ns and TSC ticks per page", test_metrics },
);
