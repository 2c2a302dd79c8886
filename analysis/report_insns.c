#include <math.h>
#include <stdio.h>
#include <string.h>

#include "compare.h"
#include "report_insns.h"
#include "text_table.h"

static bool any_counted(const struct summary *sum)
{
	size_t g;

	for (g = 0; g < sum->count; g++)
		if (sum->groups[g].insns.any)
			return true;
	return false;
}

/* A value, or "-" when there is none (NaN). */
static void value_part(struct text_table *t, size_t row, size_t col,
		       size_t part, double v)
{
	char text[32];

	format_value(v, text, sizeof(text));
	tt_set(t, row, col, part, "%s", text);
}

/* A CV in percent: two digits tell 0.0041% from 14% (and 130%). */
static void cv_part(struct text_table *t, size_t row, size_t col, double cv)
{
	if (isnan(cv))
		tt_set(t, row, col, 1, "-");
	else if (100 * cv >= 10)
		tt_set(t, row, col, 1, "%.0f%%", 100 * cv);
	else
		tt_set(t, row, col, 1, "%.2g%%", 100 * cv);
}

static void insns_row(struct text_table *t, const struct summary_group *g)
{
	const struct group_insns *gi = &g->insns;
	size_t row = tt_add_row(t);
	char label[256];

	config_label(g->first, label, sizeof(label));
	tt_set(t, row, 0, 0, "%s", label);
	value_part(t, row, 1, 0, gi->any ? gi->per_page : NAN);
	cv_part(t, row, 1, gi->any ? gi->cv : NAN);
	value_part(t, row, 2, 0, g->stats.median);
	cv_part(t, row, 2, g->stats.cv);
	value_part(t, row, 3, 0, gi->any ? gi->pin_per_page : NAN);
	tt_set(t, row, 4, 0, "%zu", gi->n);
	tt_set(t, row, 5, 0, "%zu", gi->irq_windows);
}

int report_insns_section(FILE *f, const struct summary *sum, bool markdown)
{
	struct text_table t;
	size_t g;
	int ret;

	if (!any_counted(sum))
		return 0;
	tt_init(&t, 6);
	tt_group(&t, 0, "config", "l");
	tt_group(&t, 1, "release insns/page", "rr");
	tt_part_title(&t, 1, 0, "median");
	tt_part_title(&t, 1, 1, "CV");
	tt_group(&t, 2, "release ns/page", "rr");
	tt_part_title(&t, 2, 0, "median");
	tt_part_title(&t, 2, 1, "CV");
	tt_group(&t, 3, "pin insns/page", "r");
	tt_part_title(&t, 3, 0, "median");
	tt_group(&t, 4, "n", "r");
	tt_group(&t, 5, "irq", "r");
	tt_part_title(&t, 5, 0, "left out");
	for (g = 0; g < sum->count; g++)
		if (!strcmp(sum->groups[g].status, SAMPLE_STATUS_OK))
			insns_row(&t, &sum->groups[g]);
	fprintf(f, "\n%sInstructions per page (emulated)\n",
		markdown ? "## " : "");
	fprintf(f, "%sInstructions the guest CPU executed in each window, counted by the emulator (pinbench insns-join), not cycles: cache misses, TLB misses and the real cost of atomics are invisible to them; emulated (TCG), they rank code paths, they are not silicon. n: windows counted with no interrupt in them; irq: windows an interrupt landed in, left out (a handler's instructions are not the release's).\n%s",
		markdown ? "\n" : "", markdown ? "\n" : "");
	ret = markdown ? tt_print_markdown(f, &t) : tt_print_text(f, &t, "  ");
	tt_free(&t);
	return ret;
}
