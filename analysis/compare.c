#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "sample_view.h"
#include "sizes.h"
#include "stats.h"
#include "text_table.h"

void format_value(double v, char *buf, size_t len)
{
	double a = fabs(v);

	if (isnan(v))
		snprintf(buf, len, "-");
	else if (a >= 1000)
		snprintf(buf, len, "%.0f", v);
	else if (a >= 100)
		snprintf(buf, len, "%.1f", v);
	else if (a >= 1)
		snprintf(buf, len, "%.2f", v);
	else
		snprintf(buf, len, "%.3f", v);
}

void config_label(const struct sample_row *r, char *buf, size_t len)
{
	char size[32];

	size_format(r->size_bytes, size, sizeof(size));
	snprintf(buf, len, "%s %s %s %s%s", r->composition, size,
		 r->pin_method, r->strategy, r->write ? "" : " ro");
}

const char *compare_verdict_name(enum compare_verdict v)
{
	switch (v) {
	case VERDICT_FASTER:
		return "faster";
	case VERDICT_SLOWER:
		return "slower";
	case VERDICT_NO_DIFFERENCE:
		return "no difference proven";
	default:
		return "not compared";
	}
}

/* What pairs A's configs with B's: the kernel and accel may differ. */
static int compare_config_key(const struct sample_row *x,
			      const struct sample_row *y)
{
	int c;

	if ((c = strcmp(x->composition, y->composition)))
		return c;
	if (x->size_bytes != y->size_bytes)
		return x->size_bytes < y->size_bytes ? -1 : 1;
	if ((c = strcmp(x->pin_method, y->pin_method)) ||
	    (c = strcmp(x->strategy, y->strategy)))
		return c;
	return (int)x->write - (int)y->write;
}

static const struct summary_group *find_config(const struct summary *sum,
					       const struct sample_row *key)
{
	size_t i;

	for (i = 0; i < sum->count; i++)
		if (!compare_config_key(sum->groups[i].first, key))
			return &sum->groups[i];
	return NULL;
}

/* Two groups of one run with the same config: several kernels or accels. */
static int check_one_config_each(const struct run_dir *rd, char *err,
				 size_t errlen)
{
	size_t i, j;

	for (i = 0; i < rd->sum.count; i++)
		for (j = i + 1; j < rd->sum.count; j++)
			if (!compare_config_key(rd->sum.groups[i].first,
						rd->sum.groups[j].first)) {
				snprintf(err, errlen,
					 "%s holds one config under several kernels or accels (%s/%s and %s/%s): compare needs a run directory per kernel",
					 rd->path,
					 rd->sum.groups[i].first->kernel,
					 rd->sum.groups[i].first->accel,
					 rd->sum.groups[j].first->kernel,
					 rd->sum.groups[j].first->accel);
				return -1;
			}
	return 0;
}

static int compare_row_compute(const struct run_dir *a,
			       const struct run_dir *b,
			       const struct compare_options *opt,
			       struct compare_row *row)
{
	memset(&row->w, 0, sizeof(row->w));
	row->median_a = row->median_b = row->change_pct = NAN;
	row->verdict = VERDICT_NOT_COMPARED;
	if (!row->a || !row->b || !row->a->stats.n || !row->b->stats.n)
		return 0;
	if (replicates_extract(&a->table, row->a->rows, row->a->nr_rows,
			       opt->metric, &row->ra) ||
	    replicates_extract(&b->table, row->b->rows, row->b->nr_rows,
			       opt->metric, &row->rb))
		return -1;
	/* measured, but no value of the metric (not counted) on a side */
	if (!row->ra.n || !row->rb.n)
		return 0;
	row->median_a = replicates_median(&row->ra);
	row->median_b = replicates_median(&row->rb);
	welch_t_test(row->ra.values, row->ra.n, row->rb.values, row->rb.n,
		     &row->w);
	if (row->w.mean_a != 0)
		row->change_pct = 100 * (row->w.mean_b - row->w.mean_a) /
				  row->w.mean_a;
	if (!isnan(row->w.p) && row->w.p < opt->alpha &&
	    row->w.mean_b != row->w.mean_a)
		row->verdict = row->w.mean_b > row->w.mean_a ? VERDICT_SLOWER :
							       VERDICT_FASTER;
	else
		row->verdict = VERDICT_NO_DIFFERENCE;
	return 0;
}

int compare_runs(const struct run_dir *a, const struct run_dir *b,
		 const struct compare_options *opt, struct comparison *out,
		 char *err, size_t errlen)
{
	size_t i, n = 0;

	memset(out, 0, sizeof(*out));
	if (check_one_config_each(a, err, errlen) ||
	    check_one_config_each(b, err, errlen))
		return -1;
	/* no table of NaN: a run without the metric's values is refused */
	if (sample_metric_missing(&a->table, opt->metric) ||
	    sample_metric_missing(&b->table, opt->metric)) {
		sample_metric_absent_text(opt->metric,
					  sample_metric_missing(&a->table,
								opt->metric) ?
					  a->path : b->path, err, errlen);
		return -1;
	}
	out->rows = calloc(a->sum.count + b->sum.count + 1,
			   sizeof(*out->rows));
	if (!out->rows)
		goto oom;
	for (i = 0; i < a->sum.count; i++) {
		out->rows[n].a = &a->sum.groups[i];
		out->rows[n++].b = find_config(&b->sum,
					       a->sum.groups[i].first);
	}
	for (i = 0; i < b->sum.count; i++)
		if (!find_config(&a->sum, b->sum.groups[i].first))
			out->rows[n++].b = &b->sum.groups[i];
	out->count = n;
	for (i = 0; i < n; i++) {
		struct compare_row *row = &out->rows[i];

		if (compare_row_compute(a, b, opt, row))
			goto oom;
		out->slower += row->verdict == VERDICT_SLOWER;
		out->faster += row->verdict == VERDICT_FASTER;
		out->no_difference += row->verdict == VERDICT_NO_DIFFERENCE;
		out->not_compared += row->verdict == VERDICT_NOT_COMPARED;
	}
	return 0;
oom:
	comparison_free(out);
	snprintf(err, errlen, "out of memory");
	return -1;
}

void comparison_free(struct comparison *c)
{
	size_t i;

	for (i = 0; i < c->count; i++) {
		replicates_free(&c->rows[i].ra);
		replicates_free(&c->rows[i].rb);
	}
	free(c->rows);
	memset(c, 0, sizeof(*c));
}

/* The unit the compared rows used; mixed when configs differ. */
static void describe_units(const struct comparison *c, char *buf, size_t len)
{
	struct replicate_tally tally = { 0 };
	size_t i;

	for (i = 0; i < c->count; i++) {
		if (c->rows[i].verdict == VERDICT_NOT_COMPARED)
			continue;
		replicate_tally_add(&tally, &c->rows[i].ra);
		replicate_tally_add(&tally, &c->rows[i].rb);
	}
	if (!tally.any)		/* not "iterations of one boot" */
		snprintf(buf, len, "none (no config measured in both runs)");
	else
		replicate_tally_describe(&tally, buf, len);
}

/* NaN: a side has fewer than two samples, there is no test */
static void format_p(double p, char *buf, size_t len)
{
	if (isnan(p))
		snprintf(buf, len, "n<2");
	else if (p < 0.001)
		snprintf(buf, len, "<0.001");
	else
		snprintf(buf, len, "%.3f", p);
}

static void print_run_line(FILE *f, const char *name, const struct run_dir *rd)
{
	fprintf(f, "%s: %s  kernel %s  accel %s%s%s\n", name, rd->facts.run_id,
		rd->facts.kernel, rd->facts.accel,
		rd->facts.emulated ? " (EMULATED)" : "",
		rd->facts.cut_short ? " (INCOMPLETE: cut short)" : "");
}

static bool any_prepared(const struct comparison *c)
{
	size_t i;

	for (i = 0; i < c->count; i++) {
		const struct summary_group *g = c->rows[i].a ? c->rows[i].a :
						c->rows[i].b;

		if (g && strategy_is_prepared(g->first->strategy))
			return true;
	}
	return false;
}

static void print_header(FILE *f, const struct run_dir *a,
			 const struct run_dir *b,
			 const struct compare_options *opt,
			 const struct comparison *c)
{
	char unit[128];

	describe_units(c, unit, sizeof(unit));
	fprintf(f, "pinbench compare: Welch's t-test, two-sided, alpha %g\n",
		opt->alpha);
	fprintf(f, "samples: %s\n", unit);
	fprintf(f, "metric: %s (%s; lower is better)\n", opt->metric->name,
		opt->metric->description);
	fprintf(f, "values: %s (median, mean, stddev)\n", opt->metric->unit);
	print_run_line(f, "A", a);
	print_run_line(f, "B", b);
	if (a->facts.emulated || b->facts.emulated)
		fprintf(f,
			"WARNING: EMULATED (TCG): %s ran under TCG: relative costs of code paths, not hardware figures\n",
			a->facts.emulated && b->facts.emulated ? "A and B" :
			a->facts.emulated ? "A" : "B");
	if (a->facts.cut_short || b->facts.cut_short)
		fprintf(f,
			"WARNING: INCOMPLETE: %s cut short (meta.json \"complete\": false): configs measured in only one run are not compared\n",
			a->facts.cut_short && b->facts.cut_short ? "A and B were" :
			a->facts.cut_short ? "A was" : "B was");
	if (any_prepared(c))
		fprintf(f,
			"X" PREPARED_SUFFIX ": X's release plus its prepare window (what a caller holding a pages array pays); X alone: the release\n");
	if (opt->exclude_disturbed)
		fprintf(f,
			"disturbed samples (a context switch or migration in a window) left out: A %zu of %zu, B %zu of %zu\n",
			a->view.disturbed, a->view.measured,
			b->view.disturbed, b->view.measured);
	fprintf(f,
		"%%change: of the mean, B vs A (+ = B costs more); * = p < %g\n\n",
		opt->alpha);
}

static void add_compared_row(struct text_table *t,
			     const struct compare_row *row, double alpha)
{
	char label[256], v[6][32], p[32];
	size_t r = tt_add_row(t);

	config_label(row->a->first, label, sizeof(label));
	format_value(row->median_a, v[0], sizeof(v[0]));
	format_value(row->w.mean_a, v[1], sizeof(v[1]));
	format_value(row->w.sd_a, v[2], sizeof(v[2]));
	format_value(row->median_b, v[3], sizeof(v[3]));
	format_value(row->w.mean_b, v[4], sizeof(v[4]));
	format_value(row->w.sd_b, v[5], sizeof(v[5]));
	format_p(row->w.p, p, sizeof(p));
	tt_set(t, r, 0, 0, "%s", label);
	tt_set(t, r, 1, 0, "%s", v[0]);
	tt_set(t, r, 1, 1, "%s", v[1]);
	tt_set(t, r, 1, 2, "+-%s", v[2]);
	tt_set(t, r, 2, 0, "%s", v[3]);
	tt_set(t, r, 2, 1, "%s", v[4]);
	tt_set(t, r, 2, 2, "+-%s", v[5]);
	if (isnan(row->change_pct))
		tt_set(t, r, 2, 3, "-");
	else
		tt_set(t, r, 2, 3, "%+.2f%%", row->change_pct);
	tt_set(t, r, 3, 0, "%s", p);
	if (row->w.p < alpha)
		tt_set(t, r, 3, 1, "*");
	tt_set(t, r, 4, 0, "%s", compare_verdict_name(row->verdict));
}

/* Measured in both, but a side has no value of the metric. */
static bool without_values(const struct compare_row *row)
{
	return row->a && row->b && row->a->stats.n && row->b->stats.n &&
	       (!row->ra.n || !row->rb.n);
}

static void describe_side(const struct compare_row *row,
			  const struct summary_group *g,
			  const struct replicates *r, const char *metric,
			  const char *name, char *buf, size_t len)
{
	if (!g)
		snprintf(buf, len, "not in %s", name);
	else if (without_values(row) && !r->n)
		snprintf(buf, len, "no %s values in %s", metric, name);
	else
		snprintf(buf, len, "%s in %s", g->status, name);
}

static void print_not_compared(FILE *f, const struct compare_options *opt,
			       const struct comparison *c)
{
	char label[256], why_a[96], why_b[96];
	bool valueless = false;
	size_t i;

	if (!c->not_compared)
		return;
	for (i = 0; i < c->count; i++)
		valueless |= without_values(&c->rows[i]);
	if (valueless)
		fprintf(f, "\nnot compared (measured in one run only, or without %s values in one):\n",
			opt->metric->name);
	else
		fprintf(f, "\nnot compared (measured in one run only):\n");
	for (i = 0; i < c->count; i++) {
		const struct compare_row *row = &c->rows[i];

		if (row->verdict != VERDICT_NOT_COMPARED)
			continue;
		config_label(row->a ? row->a->first : row->b->first, label,
			     sizeof(label));
		describe_side(row, row->a, &row->ra, opt->metric->name, "A",
			      why_a, sizeof(why_a));
		describe_side(row, row->b, &row->rb, opt->metric->name, "B",
			      why_b, sizeof(why_b));
		if (row->a && !row->b)
			fprintf(f, "  only in A: %s (%s)\n", label,
				row->a->status);
		else if (row->b && !row->a)
			fprintf(f, "  only in B: %s (%s)\n", label,
				row->b->status);
		else
			fprintf(f, "  %s: %s, %s\n", label, why_a, why_b);
	}
}

int comparison_print(FILE *f, const struct run_dir *a,
		     const struct run_dir *b,
		     const struct compare_options *opt,
		     const struct comparison *c)
{
	struct text_table t;
	size_t i;
	int ret;

	print_header(f, a, b, opt, c);
	tt_init(&t, 5);
	tt_group(&t, 0, "config", "l");
	tt_group(&t, 1, "A (baseline)", "rrr");
	tt_part_title(&t, 1, 0, "median");
	tt_part_title(&t, 1, 1, "mean");
	tt_part_title(&t, 1, 2, "+-stddev");
	tt_gap(&t, 1, 2);
	tt_group(&t, 2, "B", "rrrr");
	tt_part_title(&t, 2, 0, "median");
	tt_part_title(&t, 2, 1, "mean");
	tt_part_title(&t, 2, 2, "+-stddev");
	tt_part_title(&t, 2, 3, "%change");
	tt_gap(&t, 2, 2);
	tt_group(&t, 3, "p", "rl");
	tt_group(&t, 4, "verdict", "l");
	for (i = 0; i < c->count; i++)
		if (c->rows[i].verdict != VERDICT_NOT_COMPARED)
			add_compared_row(&t, &c->rows[i], opt->alpha);
	ret = c->count - c->not_compared ? tt_print_text(f, &t, "") : 0;
	tt_free(&t);
	if (c->count == c->not_compared)
		fprintf(f, "no config was measured in both runs\n");
	print_not_compared(f, opt, c);
	fprintf(f,
		"\n%zu compared: %zu slower, %zu faster, %zu no difference proven; %zu not compared\n",
		c->count - c->not_compared, c->slower, c->faster,
		c->no_difference, c->not_compared);
	return ret || ferror(f) ? -1 : 0;
}
