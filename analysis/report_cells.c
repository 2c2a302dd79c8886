#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report_cells.h"
#include "stats.h"

/* The median and stddev of r's values, left in their order. */
static int replicate_cell(const struct replicates *r, struct report_cell *c)
{
	double *copy = malloc((r->n ? r->n : 1) * sizeof(*copy));
	struct ns_stats st;

	if (!copy)
		return -1;
	c->n = r->n;
	c->median = c->stddev = NAN;
	if (r->n) {
		memcpy(copy, r->values, r->n * sizeof(*copy));
		stats_compute(copy, r->n, &st);
		c->median = st.median;
		c->stddev = st.stddev;
	}
	free(copy);
	return 0;
}

int report_cells_compute(const struct summary *sum,
			 const struct replicates *reps,
			 const struct sample_metric *metric, const char *floor,
			 struct report_cell *cells)
{
	bool summary_own = !strcmp(metric->name, DEFAULT_METRIC);
	size_t i;

	for (i = 0; i < sum->count; i++) {
		const struct summary_group *g = &sum->groups[i];

		if (summary_own) {
			cells[i] = (struct report_cell){
				.n = g->stats.n, .median = g->stats.median,
				.stddev = g->stats.stddev,
				.floor = g->noop_median,
			};
		} else if (replicate_cell(&reps[i], &cells[i])) {
			return -1;
		}
	}
	if (summary_own)
		return 0;
	/* the floor in the metric too: its group's median, as summary.c's */
	for (i = 0; i < sum->count; i++) {
		const struct summary_group *f;

		f = summary_floor(sum, &sum->groups[i], floor);
		cells[i].floor = f ? cells[f - sum->groups].median : NAN;
	}
	return 0;
}
