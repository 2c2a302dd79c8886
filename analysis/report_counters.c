#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report_counters.h"
#include "sizes.h"
#include "text_table.h"

/* The events some group asked for; false for all: no section. */
static bool asked_events(const struct summary *sum, bool *asked)
{
	bool any = false;
	size_t g, e;

	memset(asked, 0, NR_EVENTS * sizeof(*asked));
	for (g = 0; g < sum->count; g++)
		for (e = 0; e < NR_EVENTS; e++)
			if (sum->groups[g].counts.state[e] != EVENT_NOT_ASKED)
				asked[e] = any = true;
	return any;
}

static void counter_cell(struct text_table *t, size_t row, size_t col,
			 const struct group_counts *gc, size_t e)
{
	if (gc->state[e] == EVENT_UNSUPPORTED)
		tt_set(t, row, col, 0, EVENT_UNSUPPORTED_TEXT);
	else if (gc->state[e] == EVENT_COUNTED && !isnan(gc->per_page[e]))
		tt_set(t, row, col, 0, "%.2f", gc->per_page[e]);
	else
		tt_set(t, row, col, 0, "-");
}

int report_counters_section(FILE *f, const struct summary *sum,
			    bool emulated, bool markdown)
{
	bool asked[NR_EVENTS], ipc;
	size_t cols = 1, g, e, col;
	struct text_table t;
	char size[32];
	int ret;

	if (!asked_events(sum, asked))
		return 0;
	for (e = 0; e < NR_EVENTS; e++)
		cols += asked[e];
	ipc = asked[EV_CYCLES] && asked[EV_INSTRUCTIONS];
	tt_init(&t, cols + ipc);
	tt_group(&t, 0, "config", "l");
	for (e = 0, col = 1; e < NR_EVENTS; e++)
		if (asked[e])
			tt_group(&t, col++, event_defs[e].name, "r");
	if (ipc)
		tt_group(&t, col, "IPC", "r");
	for (g = 0; g < sum->count; g++) {
		const struct summary_group *sg = &sum->groups[g];
		size_t row;

		if (strcmp(sg->status, SAMPLE_STATUS_OK))
			continue;
		row = tt_add_row(&t);
		size_format(sg->first->size_bytes, size, sizeof(size));
		tt_set(&t, row, 0, 0, "%s %s %s %s%s", sg->first->composition,
		       size, sg->first->pin_method, sg->first->strategy,
		       sg->first->write ? "" : " (ro)");
		for (e = 0, col = 1; e < NR_EVENTS; e++)
			if (asked[e])
				counter_cell(&t, row, col++, &sg->counts, e);
		if (ipc) {
			if (isnan(sg->counts.ipc))
				tt_set(&t, row, col, 0, "-");
			else
				tt_set(&t, row, col, 0, "%.2f", sg->counts.ipc);
		}
	}
	fprintf(f, "\n%sCounters of the release window, per page (median; run --events)%s\n",
		markdown ? "## " : "", emulated ? " [EMULATED: no PMU under TCG]" : "");
	fprintf(f, "%sThe module reads each counter just before and just after the release window: a window's count is the release, its two clock reads and a fixed fence of the reads themselves (the noop row shows it); building and pinning the memory are outside. \"unsupported\": this machine could not count the event (no PMU), never a zero.\n%s",
		markdown ? "\n" : "", markdown ? "\n" : "");
	ret = markdown ? tt_print_markdown(f, &t) : tt_print_text(f, &t, "  ");
	tt_free(&t);
	return ret;
}
