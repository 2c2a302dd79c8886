/*
 * What the analysis (summary, report, compare, figures) reads of a
 * samples.csv: every measured row, plus a derived "<strategy>+prepare"
 * row for each row of a strategy with a prepare window (release +
 * prepare: what a caller holding a pages array pays), and on request
 * without the disturbed samples (a context switch or a CPU migration in
 * a window). samples.csv itself keeps every row as measured.
 */
#ifndef PINBENCH_SAMPLE_VIEW_H
#define PINBENCH_SAMPLE_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "samples_csv.h"

#define PREPARED_SUFFIX "+prepare"

struct view_counts {
	size_t measured;	/* measured rows in the file */
	size_t disturbed;	/* of them, with disturbed > 0 */
	bool excluded;		/* those were left out (--exclude-disturbed) */
};

/*
 * Rewrites table in place as the analysis sees it; counts what it saw.
 * 0, or -1 when out of memory (the table is then unchanged).
 */
int sample_view_apply(struct sample_table *table, bool exclude_disturbed,
		      struct view_counts *counts);

/* "unpin_folios+prepare" names a derived strategy. */
bool strategy_is_prepared(const char *strategy);

#endif
