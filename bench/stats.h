/* Statistics of ns/page samples, computed by GSL. */
#ifndef PINBENCH_STATS_H
#define PINBENCH_STATS_H

#include <stddef.h>

struct ns_stats {
	size_t n;
	double min, median, mean, max;
	double p90, p99;		/* GSL quantiles: (n-1)*f, interpolated */
	double stddev, cv;		/* sample (n-1); NaN when n < 2 */
	double ci95_lo, ci95_hi;	/* mean +- t(0.975, n-1) * sd/sqrt(n) */
	/* of the median: order statistics, see stats_median_ci() */
	double median_ci_lo, median_ci_hi, median_ci_level;
};

#define MEDIAN_CI_LEVEL 0.95

/* Sorts values in place; n >= 1. */
void stats_compute(double *values, size_t n, struct ns_stats *out);

/*
 * A distribution-free CI of the median from sorted[0..n): the order
 * statistics of ranks k and n+1-k, with the largest k whose coverage
 * 1 - 2 * P(Binomial(n, 1/2) <= k-1) is still >= level. When even
 * [min, max] covers less (n <= 5 for 95%), [min, max] and the level it
 * reaches. NaN when n == 0.
 */
void stats_median_ci(const double *sorted, size_t n, double level,
		     double *lo, double *hi, double *achieved);

/* Sorts values in place; NaN when n == 0. */
double stats_median(double *values, size_t n);

#endif
