/* The rows a figure draws, and their values as summary.csv says them. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "figure.h"

bool figure_row(const struct figure_run *run, const struct summary_group *g)
{
	return !strcmp(g->first->kernel, run->kernel) &&
	       !strcmp(g->status, SAMPLE_STATUS_OK) && g->stats.n &&
	       (!run->group || pin_mode_group_has(run->group,
						  g->first->pin_method));
}

bool figure_row_of(const struct figure_run *run, const struct summary_group *g,
		   const char *comp)
{
	return figure_row(run, g) && !strcmp(g->first->composition, comp);
}

uint64_t figure_largest_size(const struct figure_run *run, const char *comp)
{
	const struct summary *sum = &run->rd->sum;
	uint64_t largest = 0;
	size_t i;

	for (i = 0; i < sum->count; i++)
		if (figure_row_of(run, &sum->groups[i], comp) &&
		    sum->groups[i].first->size_bytes > largest)
			largest = sum->groups[i].first->size_bytes;
	return largest;
}

double figure_value(double v)
{
	char text[64];

	if (isnan(v))
		return v;
	snprintf(text, sizeof(text), "%.3f", v);
	return strtod(text, NULL);
}

bool figure_multi_write(const struct summary *sum, const char *comp)
{
	const struct sample_row *seen = NULL;
	size_t i;

	for (i = 0; i < sum->count; i++) {
		const struct sample_row *row = sum->groups[i].first;

		if (strcmp(row->composition, comp))
			continue;
		if (seen && seen->write != row->write)
			return true;
		seen = row;
	}
	return false;
}

void figure_strategy_label(const struct figure_run *run,
			   const struct summary_group *g, char *buf,
			   size_t len)
{
	snprintf(buf, len, "%s%s", g->first->strategy,
		 figure_multi_write(&run->rd->sum, g->first->composition) &&
		 !g->first->write ? "/ro" : "");
}

static int compare_size(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

void figure_sort_sizes(uint64_t *sizes, size_t n)
{
	qsort(sizes, n, sizeof(*sizes), compare_size);
}
