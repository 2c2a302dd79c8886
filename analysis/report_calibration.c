#include <math.h>
#include <string.h>

#include "compare.h"
#include "report_calibration.h"
#include "text_table.h"

/* A boot off the run's median speed: only with several boots. */
static bool boot_off(const struct run_calibration *rc, size_t i)
{
	double off = run_calibration_offset(rc, i);

	return rc->n > 1 && !isnan(off) && off > CALIBRATION_LIMIT;
}

static bool boot_drifted(const struct calibration *c)
{
	double drift = calibration_drift(c);

	return !isnan(drift) && drift > CALIBRATION_LIMIT;
}

int report_calibration_warnings(FILE *f, const struct run_dir *rd,
				bool markdown)
{
	const struct run_calibration *rc = &rd->calib;
	const char *form = markdown ? "> **WARNING: boot %u: %s %.1f%% %s (> %.0f%%)**\n\n" :
				      "WARNING: boot %u: %s %.1f%% %s (> %.0f%%)\n";
	size_t i;

	for (i = 0; i < rc->n; i++) {
		if (boot_off(rc, i))
			fprintf(f, form, rc->boots[i].boot,
				"its calibration is",
				100 * run_calibration_offset(rc, i),
				"off the run's median: that boot ran at another speed",
				100 * CALIBRATION_LIMIT);
		if (boot_drifted(&rc->boots[i]))
			fprintf(f, form, rc->boots[i].boot,
				"its calibration drifted",
				100 * calibration_drift(&rc->boots[i]),
				"within the boot: its speed changed while it measured",
				100 * CALIBRATION_LIMIT);
	}
	return ferror(f) ? -1 : 0;
}

static void set_value(struct text_table *t, size_t row, size_t g, double v)
{
	char text[32];

	format_value(v, text, sizeof(text));
	tt_set(t, row, g, 0, "%s", text);
}

static void set_percent(struct text_table *t, size_t row, size_t g, double v)
{
	if (isnan(v))
		tt_set(t, row, g, 0, "-");
	else
		tt_set(t, row, g, 0, "%.1f%%", 100 * v);
}

static void boot_table(const struct run_calibration *rc,
		       struct text_table *t)
{
	static const char *const titles[] = {
		"boot", "start", "middle", "end", "median", "vs run", "drift",
		"flag",
	};
	size_t i, g, row;

	tt_init(t, 8);
	for (g = 0; g < 8; g++)
		tt_group(t, g, titles[g], g == 7 ? "l" : "r");
	for (i = 0; i < rc->n; i++) {
		const struct calibration *c = &rc->boots[i];
		double median = calibration_median(c);

		row = tt_add_row(t);
		tt_set(t, row, 0, 0, "%u", c->boot);
		set_value(t, row, 1, c->start_ns);
		set_value(t, row, 2, c->middle_ns);
		set_value(t, row, 3, c->end_ns);
		set_value(t, row, 4, median);
		if (rc->n > 1)
			tt_set(t, row, 5, 0, "%+.1f%%",
			       100 * (median - rc->median_ns) / rc->median_ns);
		else
			tt_set(t, row, 5, 0, "-");
		set_percent(t, row, 6, calibration_drift(c));
		tt_set(t, row, 7, 0, "%s%s%s", boot_off(rc, i) ? "OFF" : "",
		       boot_off(rc, i) && boot_drifted(c) ? ", " : "",
		       boot_drifted(c) ? "DRIFTED" : "");
	}
}

/* Configs of >= 2 boots: between-boot CV of the median, raw, calibrated. */
static size_t cv_table(const struct summary *sum, struct text_table *t)
{
	static const char *const titles[] = {
		"config", "boots", "median", "calibrated", "CV raw",
		"CV calibrated",
	};
	char label[512];
	size_t i, g, row, rows = 0;

	tt_init(t, 6);
	for (g = 0; g < 6; g++)
		tt_group(t, g, titles[g], g ? "r" : "l");
	for (i = 0; i < sum->count; i++) {
		const struct summary_group *s = &sum->groups[i];

		if (!s->stats.n || s->boots < 2)
			continue;
		row = tt_add_row(t);
		rows++;
		config_label(s->first, label, sizeof(label));
		tt_set(t, row, 0, 0, "%s", label);
		tt_set(t, row, 1, 0, "%zu", s->boots);
		set_value(t, row, 2, s->median_ci_center);
		set_value(t, row, 3, s->calib_median);
		set_percent(t, row, 4, s->between_boot_cv);
		set_percent(t, row, 5, s->between_boot_cv_calibrated);
	}
	return rows;
}

static int print_table(FILE *f, struct text_table *t, const char *title,
		       bool markdown)
{
	int ret;

	if (markdown) {
		fprintf(f, "\n## %s\n\n", title);
		ret = tt_print_markdown(f, t);
	} else {
		fprintf(f, "\n%s\n", title);
		ret = tt_print_text(f, t, "  ");
	}
	tt_free(t);
	return ret;
}

int report_calibration_sections(FILE *f, const struct run_dir *rd,
				bool markdown)
{
	const struct run_calibration *rc = &rd->calib;
	struct text_table t;
	char title[256];

	if (rc->n) {
		boot_table(rc, &t);
		snprintf(title, sizeof(title),
			 "Boot speed: a fixed userspace loop, ns per iteration at the start, middle and end of each sweep (run median %.3f; flagged beyond %.0f%%)",
			 rc->median_ns, 100 * CALIBRATION_LIMIT);
		if (print_table(f, &t, title, markdown))
			return -1;
	}
	if (cv_table(&rd->sum, &t)) {
		snprintf(title, sizeof(title),
			 "Between-boot CV of the median, raw and calibrated (each boot's median x run median / its calibration)%s",
			 rc->n ? "" : "; meta.json has no calibration (a run from before it): raw only");
		if (print_table(f, &t, title, markdown))
			return -1;
	} else {
		tt_free(&t);
	}
	return ferror(f) ? -1 : 0;
}
