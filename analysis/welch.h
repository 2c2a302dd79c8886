/*
 * Welch's t-test: do two sets of samples have different means, without
 * assuming equal variances (Welch-Satterthwaite degrees of freedom).
 */
#ifndef PINBENCH_WELCH_H
#define PINBENCH_WELCH_H

#include <stddef.h>

struct welch_result {
	size_t n_a, n_b;
	double mean_a, mean_b;
	double sd_a, sd_b;	/* sample (n-1) standard deviations */
	double t;		/* (mean_b - mean_a) / standard error */
	double df;		/* Welch-Satterthwaite */
	double p;		/* two-sided; NaN when n_a or n_b < 2 */
};

/*
 * Fills r; returns 0, or -1 (p NaN) when a side has fewer than 2 samples.
 * Both sides without spread: p is 1 if the means are equal, else 0.
 */
int welch_t_test(const double *a, size_t n_a, const double *b, size_t n_b,
		 struct welch_result *r);

#endif
