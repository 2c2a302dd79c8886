#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>

#include "welch.h"

int welch_t_test(const double *a, size_t n_a, const double *b, size_t n_b,
		 struct welch_result *r)
{
	double var_a, var_b, se_a, se_b, se;

	r->n_a = n_a;
	r->n_b = n_b;
	r->mean_a = n_a ? gsl_stats_mean(a, 1, n_a) : NAN;
	r->mean_b = n_b ? gsl_stats_mean(b, 1, n_b) : NAN;
	r->sd_a = r->sd_b = r->t = r->df = r->p = NAN;
	if (n_a < 2 || n_b < 2)
		return -1;
	var_a = gsl_stats_variance_m(a, 1, n_a, r->mean_a);
	var_b = gsl_stats_variance_m(b, 1, n_b, r->mean_b);
	r->sd_a = sqrt(var_a);
	r->sd_b = sqrt(var_b);
	se_a = var_a / (double)n_a;	/* squared standard errors */
	se_b = var_b / (double)n_b;
	se = sqrt(se_a + se_b);
	if (se == 0) {
		/* no spread at all: equal, or different beyond doubt */
		r->t = r->mean_a == r->mean_b ? 0 :
		       copysign(INFINITY, r->mean_b - r->mean_a);
		r->p = r->mean_a == r->mean_b ? 1 : 0;
		return 0;
	}
	r->t = (r->mean_b - r->mean_a) / se;
	r->df = (se_a + se_b) * (se_a + se_b) /
		(se_a * se_a / (double)(n_a - 1) +
		 se_b * se_b / (double)(n_b - 1));
	r->p = 2 * gsl_cdf_tdist_Q(fabs(r->t), r->df);
	if (r->p > 1)
		r->p = 1;
	return 0;
}
