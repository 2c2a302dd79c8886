/*
 * The counters figure of one composition (run --events): at its largest
 * size, each strategy's counts per page in the release window, a bar per
 * event, on a log axis; what could not be counted named, never drawn as 0.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "figure.h"
#include "gp_text.h"
#include "sizes.h"

/* A row of comp at its largest size, the size drawn. */
static bool is_row_of(const struct figure_run *run,
		      const struct summary_group *g, const char *comp,
		      uint64_t size)
{
	return figure_row_of(run, g, comp) && g->first->size_bytes == size;
}

/* Which events to draw (a positive median somewhere), which to name. */
static size_t pick_events(const struct figure_run *run, const char *comp,
			  uint64_t size, bool *draw, char *unsupported,
			  size_t len)
{
	const struct summary *sum = &run->rd->sum;
	bool counted[NR_EVENTS] = { false }, refused[NR_EVENTS] = { false };
	size_t i, e, n = 0, used = 0;

	for (i = 0; i < sum->count; i++) {
		const struct group_counts *gc = &sum->groups[i].counts;

		if (!is_row_of(run, &sum->groups[i], comp, size))
			continue;
		for (e = 0; e < NR_EVENTS; e++) {
			if (gc->state[e] == EVENT_UNSUPPORTED)
				refused[e] = true;
			if (gc->state[e] == EVENT_COUNTED &&
			    gc->per_page[e] > 0)
				counted[e] = true;
		}
	}
	unsupported[0] = '\0';
	for (e = 0; e < NR_EVENTS; e++) {
		draw[e] = counted[e];
		n += counted[e];
		if (refused[e] && !counted[e] && used < len)
			used += (size_t)snprintf(unsupported + used, len - used,
						 "%s%s", used ? ", " : "",
						 event_defs[e].name);
	}
	return n;
}

int figure_counters(const struct figure_run *run, const char *comp,
		    struct figure_draft *d)
{
	const struct summary *sum = &run->rd->sum;
	char label[160], size[32], unsupported[256];
	bool draw[NR_EVENTS];
	uint64_t largest = figure_largest_size(run, comp);
	size_t i, e, n;

	n = pick_events(run, comp, largest, draw, unsupported,
			sizeof(unsupported));
	if (!n)
		return 0;	/* a run without --events: no figure, nothing to say */
	fputs("strategy", d->dat);
	for (e = 0; e < NR_EVENTS; e++)
		if (draw[e])
			fprintf(d->dat, " %s", event_defs[e].name);
	fputc('\n', d->dat);
	for (i = 0; i < sum->count; i++) {
		const struct summary_group *g = &sum->groups[i];

		if (!is_row_of(run, g, comp, largest))
			continue;
		figure_strategy_label(run, g, label, sizeof(label));
		fputs(label, d->dat);
		for (e = 0; e < NR_EVENTS; e++) {
			if (!draw[e])
				continue;
			if (g->counts.state[e] == EVENT_COUNTED &&
			    g->counts.per_page[e] > 0)
				fprintf(d->dat, " %.4g", g->counts.per_page[e]);
			else
				fputs(" -", d->dat);
		}
		fputc('\n', d->dat);
	}
	size_format(largest, size, sizeof(size));
	fprintf(d->vars, "ncols = %zu\n", n);
	gp_var_string(d->vars, "size_text", '"', size);
	gp_var_string(d->vars, "unsupported_text", '"', unsupported);
	snprintf(d->title, sizeof(d->title),
		 "%s%s: counts per page in the release window", comp,
		 run->mode_text);
	d->measured_line = true;
	return 1;
}
