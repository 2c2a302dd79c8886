#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sample_view.h"

#define PREPARED_NAME_MAX 64

bool strategy_is_prepared(const char *strategy)
{
	size_t n = strlen(strategy), k = strlen(PREPARED_SUFFIX);

	return n > k && !strcmp(strategy + n - k, PREPARED_SUFFIX);
}

/*
 * A +prepare row's release window is both windows: counted when both
 * were, their instructions and interrupts added.
 */
static void add_prepare_window(struct window_counts *w)
{
	w->counted[WINDOW_RELEASE] = w->counted[WINDOW_RELEASE] &&
				     w->counted[WINDOW_PREPARE];
	w->insns[WINDOW_RELEASE] += w->insns[WINDOW_PREPARE];
	w->irqs[WINDOW_RELEASE] += w->irqs[WINDOW_PREPARE];
	w->counted[WINDOW_PREPARE] = false;
	w->insns[WINDOW_PREPARE] = w->irqs[WINDOW_PREPARE] = 0;
}

static bool dropped(const struct sample_row *row, bool exclude_disturbed)
{
	return exclude_disturbed && sample_is_measured(row) && row->disturbed;
}

int sample_view_apply(struct sample_table *table, bool exclude_disturbed,
		      struct view_counts *counts)
{
	size_t i, kept = 0, derived = 0, k = 0, n_named = 0;
	struct sample_row *rows;
	char *names;

	memset(counts, 0, sizeof(*counts));
	counts->excluded = exclude_disturbed;
	for (i = 0; i < table->count; i++) {
		const struct sample_row *row = &table->rows[i];

		if (sample_is_measured(row)) {
			counts->measured++;
			counts->disturbed += row->disturbed > 0;
		}
		if (dropped(row, exclude_disturbed))
			continue;
		kept++;
		derived += sample_is_measured(row) && row->has_prepare;
	}
	rows = calloc(kept + derived ? kept + derived : 1, sizeof(*rows));
	names = calloc(derived ? derived : 1, PREPARED_NAME_MAX);
	if (!rows || !names) {
		free(rows);
		free(names);
		return -1;
	}
	/* each derived row right after its own, so it is listed next to it */
	for (i = 0; i < table->count; i++) {
		const struct sample_row *row = &table->rows[i];
		char *name;

		if (dropped(row, exclude_disturbed))
			continue;
		rows[k++] = *row;
		if (!sample_is_measured(row) || !row->has_prepare)
			continue;
		name = names + (size_t)(n_named++) * PREPARED_NAME_MAX;
		snprintf(name, PREPARED_NAME_MAX, "%s%s", row->strategy,
			 PREPARED_SUFFIX);
		rows[k] = *row;
		rows[k].strategy = name;
		rows[k].release_ns += row->prepare_ns;
		rows[k].has_prepare = false;
		rows[k].prepare_ns = 0;
		/* the counters saw the release window alone, not the prepare */
		memset(&rows[k].counts, 0, sizeof(rows[k].counts));
		rows[k].counts.coverage = NAN;
		add_prepare_window(&rows[k].windows);
		k++;
	}
	free(table->rows);
	free(table->derived_names);
	table->rows = rows;
	table->derived_names = names;
	table->count = k;
	return 0;
}
