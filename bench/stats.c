#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "stats.h"

double stats_median(double *values, size_t n)
{
	if (!n)
		return NAN;
	gsl_sort(values, 1, n);
	return gsl_stats_median_from_sorted_data(values, 1, n);
}

/* P(k <= B <= n-k) for B ~ Binomial(n, 1/2): [x_(k), x_(n+1-k)] covers. */
static double order_ci_coverage(size_t k, size_t n)
{
	return 1 - 2 * gsl_cdf_binomial_P((unsigned int)(k - 1), 0.5,
					  (unsigned int)n);
}

void stats_median_ci(const double *sorted, size_t n, double level,
		     double *lo, double *hi, double *achieved)
{
	size_t k = 1;

	if (!n) {
		*lo = *hi = *achieved = NAN;
		return;
	}
	while (2 * (k + 1) <= n && order_ci_coverage(k + 1, n) >= level)
		k++;
	*lo = sorted[k - 1];
	*hi = sorted[n - k];
	*achieved = order_ci_coverage(k, n);
}

void stats_compute(double *values, size_t n, struct ns_stats *out)
{
	double half_width;

	out->n = n;
	out->stddev = out->cv = out->ci95_lo = out->ci95_hi = NAN;
	if (!n) {
		out->min = out->median = out->mean = out->max = NAN;
		out->p90 = out->p99 = NAN;
		out->median_ci_lo = out->median_ci_hi = NAN;
		out->median_ci_level = NAN;
		return;
	}
	gsl_sort(values, 1, n);
	out->min = values[0];
	out->max = values[n - 1];
	out->median = gsl_stats_median_from_sorted_data(values, 1, n);
	out->p90 = gsl_stats_quantile_from_sorted_data(values, 1, n, 0.90);
	out->p99 = gsl_stats_quantile_from_sorted_data(values, 1, n, 0.99);
	out->mean = gsl_stats_mean(values, 1, n);
	stats_median_ci(values, n, MEDIAN_CI_LEVEL, &out->median_ci_lo,
			&out->median_ci_hi, &out->median_ci_level);
	if (n < 2)	/* one sample has no spread, and t has no dof */
		return;
	out->stddev = gsl_stats_sd_m(values, 1, n, out->mean);
	if (out->mean != 0)
		out->cv = out->stddev / out->mean;
	half_width = gsl_cdf_tdist_Pinv(0.975, (double)(n - 1)) *
		     out->stddev / sqrt((double)n);
	out->ci95_lo = out->mean - half_width;
	out->ci95_hi = out->mean + half_width;
}
