/*
 * summary.csv's counter columns: per event the median count per page over
 * a group's measured samples, "unsupported" where the machine could not
 * count it, and the median IPC where cycles and instructions both counted.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "csv.h"
#include "summary.h"

int summary_group_counts(const struct sample_table *table,
			 struct summary_group *g)
{
	struct group_counts *gc = &g->counts;
	double *values = calloc(g->nr_rows + 1, sizeof(*values));
	size_t e, i, n;

	if (!values)
		return -1;
	for (e = 0; e < NR_EVENTS; e++) {
		gc->state[e] = EVENT_NOT_ASKED;
		for (i = n = 0; i < g->nr_rows; i++) {
			const struct sample_row *row = &table->rows[g->rows[i]];

			if (!sample_is_measured(row))
				continue;
			if (row->counts.state[e] == EVENT_COUNTED)
				values[n++] = (double)row->counts.value[e] /
					      (double)row->pages;
			else if (row->counts.state[e] == EVENT_UNSUPPORTED)
				gc->state[e] = EVENT_UNSUPPORTED;
		}
		/* counted anywhere: a figure; "unsupported" only if nowhere */
		if (n)
			gc->state[e] = EVENT_COUNTED;
		gc->per_page[e] = stats_median(values, n);
	}
	for (i = n = 0; i < g->nr_rows; i++) {
		const struct event_counts *c = &table->rows[g->rows[i]].counts;

		if (sample_is_measured(&table->rows[g->rows[i]]) &&
		    c->state[EV_CYCLES] == EVENT_COUNTED &&
		    c->state[EV_INSTRUCTIONS] == EVENT_COUNTED &&
		    c->value[EV_CYCLES])
			values[n++] = (double)c->value[EV_INSTRUCTIONS] /
				      (double)c->value[EV_CYCLES];
	}
	gc->ipc = stats_median(values, n);
	free(values);
	return 0;
}

void summary_counts_write(FILE *f, const struct group_counts *gc)
{
	size_t e;

	for (e = 0; e < NR_EVENTS; e++) {
		fputc(',', f);
		if (gc->state[e] == EVENT_UNSUPPORTED)
			fputs(EVENT_UNSUPPORTED_TEXT, f);
		else if (gc->state[e] == EVENT_COUNTED)
			csv_write_double(f, "%.4f", gc->per_page[e]);
	}
	fputc(',', f);
	csv_write_double(f, "%.4f", gc->ipc);
}
