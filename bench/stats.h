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
};

/* Sorts values in place; n >= 1. */
void stats_compute(double *values, size_t n, struct ns_stats *out);

/* Sorts values in place; NaN when n == 0. */
double stats_median(double *values, size_t n);

#endif
