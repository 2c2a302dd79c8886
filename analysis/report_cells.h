/*
 * What a cell of the report's tables shows of a summary group, in the
 * metric the report compares (--metric): for ns/page the summary's own
 * statistics (summary.csv's, to the digit); for another metric those of
 * the replicates its t-tests take (replicates.h).
 */
#ifndef PINBENCH_REPORT_CELLS_H
#define PINBENCH_REPORT_CELLS_H

#include <stddef.h>

#include "replicates.h"
#include "summary.h"

struct report_cell {
	size_t n;		/* values; 0: n/a */
	double median;
	double stddev;		/* NaN: fewer than 2 */
	double floor;		/* its config's floor's median; NaN: none */
};

/*
 * cells[i] of sum->groups[i], whose replicates are reps[i]; floor: the
 * catalogue's floor strategy, or NULL. 0, or -1 out of memory.
 */
int report_cells_compute(const struct summary *sum,
			 const struct replicates *reps,
			 const struct sample_metric *metric, const char *floor,
			 struct report_cell *cells);

#endif
