/* stats.c against numbers computed without GSL. */
#include <math.h>
#include <string.h>

#include "stats.h"
#include "tap.h"

/* 1..10 shuffled: stats_compute must not assume sorted input. */
static void one_to_ten(double *v)
{
	static const double shuffled[10] = { 7, 3, 10, 1, 5, 9, 2, 8, 6, 4 };

	memcpy(v, shuffled, sizeof(shuffled));
}

/*
 * GSL's quantile is (n-1)*f interpolated ("type 7"): for 1..10 the
 * median is 5.5, p90 is 1 + 0.9*9 = 9.1 and p99 is 1 + 0.99*9 = 9.91.
 */
static void test_quantiles_of_1_to_10(void)
{
	struct ns_stats s;
	double v[10];

	one_to_ten(v);
	stats_compute(v, 10, &s);
	CHECK_INT(s.n, 10);
	CHECK_NEAR(s.min, 1, 1e-12);
	CHECK_NEAR(s.max, 10, 1e-12);
	CHECK_NEAR(s.median, 5.5, 1e-12);
	CHECK_NEAR(s.p90, 9.1, 1e-12);
	CHECK_NEAR(s.p99, 9.91, 1e-12);
}

/*
 * {2,4,4,4,5,5,7,9}: mean 5, sum of squared deviations 32, so the sample
 * stddev is sqrt(32/7) = 2.1380899353 and cv = 0.4276179871.
 */
static void test_mean_stddev_cv_of_known_set(void)
{
	double v[] = { 9, 2, 4, 5, 4, 7, 4, 5 };
	struct ns_stats s;

	stats_compute(v, 8, &s);
	CHECK_NEAR(s.mean, 5, 1e-12);
	CHECK_NEAR(s.stddev, sqrt(32.0 / 7.0), 1e-12);
	CHECK_NEAR(s.stddev, 2.1380899353, 1e-9);
	CHECK_NEAR(s.cv, 0.4276179871, 1e-9);
	CHECK_NEAR(s.median, 4.5, 1e-12);
}

/*
 * ci95 = mean +- t(0.975, n-1) * sd / sqrt(n). Reference values computed
 * with python3 without scipy: Student's t pdf from math.gamma, integrated
 * by Simpson's rule (20000 steps) and inverted by bisection, giving
 * t(0.975, 9) = 2.2621571628 (tables: 2.262) and t(0.975, 7) =
 * 2.3646242516 (tables: 2.365); then statistics.mean / statistics.stdev.
 */
static void test_ci95_against_independent_t(void)
{
	double w[] = { 2, 4, 4, 4, 5, 5, 7, 9 };
	struct ns_stats s;
	double v[10];

	one_to_ten(v);
	stats_compute(v, 10, &s);
	CHECK_NEAR(s.stddev, 3.0276503541, 1e-9);
	CHECK_NEAR(s.ci95_lo, 3.3341494103, 1e-7);
	CHECK_NEAR(s.ci95_hi, 7.6658505897, 1e-7);

	stats_compute(w, 8, &s);
	CHECK_NEAR(s.ci95_lo, 3.2125120818, 1e-7);
	CHECK_NEAR(s.ci95_hi, 6.7874879182, 1e-7);
}

static void test_one_sample_has_no_spread(void)
{
	double v[] = { 42.5 };
	struct ns_stats s;

	stats_compute(v, 1, &s);
	CHECK_NEAR(s.median, 42.5, 0);
	CHECK_NEAR(s.p99, 42.5, 0);
	CHECK_NEAR(s.mean, 42.5, 0);
	CHECK(isnan(s.stddev));
	CHECK(isnan(s.cv));
	CHECK(isnan(s.ci95_lo) && isnan(s.ci95_hi));
}

static void test_median_odd_even_and_empty(void)
{
	double odd[] = { 3, 1, 2 }, even[] = { 4, 1, 3, 2 };

	CHECK_NEAR(stats_median(odd, 3), 2, 0);
	CHECK_NEAR(stats_median(even, 4), 2.5, 0);
	CHECK(isnan(stats_median(odd, 0)));
}

/*
 * Order-statistic CIs of the median, by hand from binomial coefficients
 * (B ~ Bin(n, 1/2), coverage of ranks k, n+1-k = 1 - 2 P(B <= k-1)):
 * n=10: P(B<=1) = 11/1024, so ranks 2 and 9 cover 1 - 22/1024 =
 * 0.978515625; ranks 3 and 8 only 1 - 112/1024 = 0.890625. n=20: P(B<=5)
 * = 21700/2^20, ranks 6 and 15 cover 1005176/1048576 = 0.9586105347;
 * ranks 7 and 14 only 0.8846740723. n=5: [min, max] covers 1 - 2/32 =
 * 0.9375 < 95%, the widest there is.
 */
static void test_median_ci_order_statistics(void)
{
	double v[20], lo, hi, level;
	struct ns_stats s;
	size_t i;

	one_to_ten(v);
	stats_compute(v, 10, &s);
	CHECK_NEAR(s.median_ci_lo, 2, 0);
	CHECK_NEAR(s.median_ci_hi, 9, 0);
	CHECK_NEAR(s.median_ci_level, 0.978515625, 1e-12);

	for (i = 0; i < 20; i++)
		v[i] = (double)(i + 1) * 10;
	stats_median_ci(v, 20, 0.95, &lo, &hi, &level);
	CHECK_NEAR(lo, 60, 0);
	CHECK_NEAR(hi, 150, 0);
	CHECK_NEAR(level, 1005176.0 / 1048576.0, 1e-12);

	stats_median_ci(v, 5, 0.95, &lo, &hi, &level);
	CHECK_NEAR(lo, 10, 0);
	CHECK_NEAR(hi, 50, 0);
	CHECK_NEAR(level, 0.9375, 1e-12);

	stats_median_ci(v, 1, 0.95, &lo, &hi, &level);
	CHECK_NEAR(lo, 10, 0);
	CHECK_NEAR(hi, 10, 0);
	stats_median_ci(v, 0, 0.95, &lo, &hi, &level);
	CHECK(isnan(lo) && isnan(hi) && isnan(level));
}

TAP_SUITE(stats,
	{ "median, p90, p99 of 1..10 as GSL defines quantiles",
	  test_quantiles_of_1_to_10 },
	{ "mean, sample stddev, cv of {2,4,4,4,5,5,7,9}",
	  test_mean_stddev_cv_of_known_set },
	{ "ci95 of the mean matches an independently computed t interval",
	  test_ci95_against_independent_t },
	{ "one sample: no stddev, cv or ci95", test_one_sample_has_no_spread },
	{ "median of odd, even and empty sets", test_median_odd_even_and_empty },
	{ "order-statistic CI of the median against hand-computed binomials",
	  test_median_ci_order_statistics },
);
