/*
 * summary.csv's counter columns: per event the median count per page over
 * a group's measured samples, "unsupported" where the machine could not
 * count it, and the median IPC where cycles and instructions both counted;
 * then the emulator's instruction counts of the windows.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "summary.h"

/* Undisturbed counted windows i of the group, per page, into values. */
static size_t insns_values(const struct sample_table *table,
			   const struct summary_group *g, enum window_index w,
			   double *values)
{
	size_t i, n = 0;

	for (i = 0; i < g->nr_rows; i++) {
		const struct sample_row *row = &table->rows[g->rows[i]];
		double v;

		if (!sample_is_measured(row))
			continue;
		v = sample_insns_per_page(row, w);
		if (!isnan(v))
			values[n++] = v;
	}
	return n;
}

static void group_insns(const struct sample_table *table,
			struct summary_group *g, double *values)
{
	struct group_insns *gi = &g->insns;
	struct ns_stats st;
	size_t i, w;

	memset(gi, 0, sizeof(*gi));
	for (i = 0; i < g->nr_rows; i++) {
		const struct sample_row *row = &table->rows[g->rows[i]];

		if (!sample_is_measured(row))
			continue;
		for (w = 0; w < NR_WINDOWS; w++)
			gi->any |= row->windows.counted[w];
		gi->irq_windows += row->windows.counted[WINDOW_RELEASE] &&
				   row->windows.irqs[WINDOW_RELEASE];
	}
	gi->n = insns_values(table, g, WINDOW_RELEASE, values);
	stats_compute(values, gi->n, &st);
	gi->per_page = gi->n ? st.median : NAN;
	gi->cv = gi->n >= 2 ? st.cv : NAN;
	gi->pin_per_page = stats_median(values,
					insns_values(table, g, WINDOW_PIN,
						     values));
}

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
	group_insns(table, g, values);
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

/* Empty columns in a run without the emulator's counts. */
void summary_insns_write(FILE *f, const struct group_insns *gi)
{
	if (!gi->any) {
		fputs(",,,,,", f);
		return;
	}
	fprintf(f, ",%zu,", gi->n);
	csv_write_double(f, "%.3f", gi->per_page);
	fputc(',', f);
	csv_write_double(f, "%.5f", gi->cv);
	fputc(',', f);
	csv_write_double(f, "%.3f", gi->pin_per_page);
	fprintf(f, ",%zu", gi->irq_windows);
}
