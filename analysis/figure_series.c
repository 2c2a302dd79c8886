/*
 * The line figures (release_vs_size, compositions, insns): one index
 * block of "size_bytes point ci_lo ci_hi median" per series, and the
 * axes. Points are the medians and their order-statistic CI (summary.c),
 * the statistic the report quotes; the emulator's counts are exact, their
 * points have no CI.
 */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "figure.h"
#include "gp_text.h"
#include "messages.h"
#include "sizes.h"

struct point {
	uint64_t size;
	double center, lo, hi, median;	/* lo, hi NaN: none */
};

struct series {
	char label[160];
	const char *key;		/* strategy or composition */
	bool write;
	struct point *points;		/* in the summary's order */
	size_t n;
};

struct series_set {
	struct series *series;		/* in drawing order */
	size_t n;
	uint64_t *sizes;		/* every size drawn, once */
	size_t nsizes;
	double max_median;
	size_t floor;			/* its series number from 1; 0: none */
	double ymin, ymax;
	char *offscale;			/* "" or "a at 4K: mean ..." */
	size_t offscale_len;
};

/*
 * What a figure's series are: the rows it takes, what keys a line, and
 * what a row's point is (its size set by the caller).
 */
struct series_kind {
	bool (*take)(const struct summary_group *g, const char *subject);
	const char *(*key)(const struct summary_group *g);
	bool floor_last;		/* the catalogue's floor drawn last */
	void (*point)(const struct summary_group *g, struct point *p);
};

/* ns/page: the median's CI, centred as summary.csv's median_ci_center */
static void time_point(const struct summary_group *g, struct point *p)
{
	p->center = figure_value(g->median_ci_center);
	p->lo = figure_value(g->stats.median_ci_lo);
	p->hi = figure_value(g->stats.median_ci_hi);
	p->median = figure_value(g->stats.median);
}

/* release instructions per page: summary.csv's insns_per_page, no CI */
static void insns_point(const struct summary_group *g, struct point *p)
{
	p->center = p->median = figure_value(g->insns.per_page);
	p->lo = p->hi = NAN;
}

/* A number as awk prints one it computed: integers whole, else %.6g. */
static void awk_number(char *buf, size_t len, double v)
{
	if (v == floor(v) && fabs(v) < 1e15)
		snprintf(buf, len, "%.0f", v);
	else
		snprintf(buf, len, "%.6g", v);
}

static struct series *series_of(struct series_set *ss, const char *key,
				bool write)
{
	struct series *bigger;
	size_t i;

	for (i = 0; i < ss->n; i++)
		if (!strcmp(ss->series[i].key, key) &&
		    ss->series[i].write == write)
			return &ss->series[i];
	bigger = realloc(ss->series, (ss->n + 1) * sizeof(*bigger));
	if (!bigger)
		return NULL;
	ss->series = bigger;
	memset(&bigger[ss->n], 0, sizeof(*bigger));
	bigger[ss->n].key = key;
	bigger[ss->n].write = write;
	return &bigger[ss->n++];
}

static int add_point(struct series_set *ss, const struct series_kind *k,
		     struct series *s, const struct summary_group *g)
{
	struct point *more = realloc(s->points, (s->n + 1) * sizeof(*more));
	uint64_t *sizes;
	size_t i;

	if (!more)
		return -1;
	s->points = more;
	more[s->n] = (struct point){ .size = g->first->size_bytes };
	k->point(g, &more[s->n++]);
	if (more[s->n - 1].median > ss->max_median)
		ss->max_median = more[s->n - 1].median;
	for (i = 0; i < ss->nsizes; i++)
		if (ss->sizes[i] == g->first->size_bytes)
			return 0;
	sizes = realloc(ss->sizes, (ss->nsizes + 1) * sizeof(*sizes));
	if (!sizes)
		return -1;
	ss->sizes = sizes;
	sizes[ss->nsizes++] = g->first->size_bytes;
	return 0;
}

static int collect(const struct figure_run *run, const struct series_kind *k,
		   const char *subject, struct series_set *ss)
{
	const struct summary *sum = &run->rd->sum;
	size_t i;

	for (i = 0; i < sum->count; i++) {
		const struct summary_group *g = &sum->groups[i];
		struct series *s;

		if (!figure_row(run, g) || !k->take(g, subject))
			continue;
		s = series_of(ss, k->key(g), g->first->write);
		if (!s)
			return -1;
		if (!s->n)
			snprintf(s->label, sizeof(s->label), "%s%s", s->key,
				 figure_multi_write(sum, g->first->composition) &&
				 !g->first->write ? "/ro" : "");
		if (add_point(ss, k, s, g))
			return -1;
	}
	return 0;
}

/* The floor's series moved last (dashed): it is what the others sit on. */
static void floor_last(const struct figure_run *run, struct series_set *ss)
{
	struct series floor;
	size_t i;

	for (i = 0; i < ss->n; i++) {
		if (strcmp(ss->series[i].label, run->floor))
			continue;
		floor = ss->series[i];
		memmove(&ss->series[i], &ss->series[i + 1],
			(ss->n - i - 1) * sizeof(floor));
		ss->series[ss->n - 1] = floor;
		ss->floor = ss->n;
		return;
	}
}

static int offscale_add(struct series_set *ss, const struct series *s,
			const struct point *p)
{
	char size[32], center[32], median[32], *more;
	int n;

	size_format(p->size, size, sizeof(size));
	awk_number(center, sizeof(center), p->center);
	awk_number(median, sizeof(median), p->median);
	n = snprintf(NULL, 0, "%s%s at %s: mean %s (median %s)",
		     ss->offscale_len ? "; " : "", s->label, size, center,
		     median);
	more = realloc(ss->offscale, ss->offscale_len + (size_t)n + 1);
	if (!more)
		return -1;
	ss->offscale = more;
	snprintf(more + ss->offscale_len, (size_t)n + 1,
		 "%s%s at %s: mean %s (median %s)",
		 ss->offscale_len ? "; " : "", s->label, size, center, median);
	ss->offscale_len += (size_t)n;
	return 0;
}

/*
 * The y axis follows the medians: a point more than 8 times the largest
 * median (one stalled iteration under TCG) is left off the scale and
 * named in offscale; a CI bound at or below 0 (a huge spread on a log
 * axis) is drawn to the bottom.
 */
static int axis_bounds(struct series_set *ss)
{
	double cap = 8 * ss->max_median;
	bool have_min = false, have_max = false;
	size_t s, i;

	for (s = 0; s < ss->n; s++)
		for (i = 0; i < ss->series[s].n; i++) {
			const struct point *p = &ss->series[s].points[i];
			double v = p->center, l, h;

			if (v > cap) {
				if (offscale_add(ss, &ss->series[s], p))
					return -1;
				continue;
			}
			l = !isnan(p->lo) && p->lo > 0 ? p->lo : v;
			h = !isnan(p->hi) ? p->hi : v;
			if (h > cap)
				h = cap;
			if (v > 0 && (!have_min || l < ss->ymin))
				ss->ymin = l, have_min = true;
			if (v > 0 && v < ss->ymin)
				ss->ymin = v;
			if (!have_max || h > ss->ymax)
				ss->ymax = h, have_max = true;
		}
	if (!have_min || ss->ymin <= 0)
		ss->ymin = 0.01;
	if (!have_max || ss->ymax <= ss->ymin)
		ss->ymax = ss->ymin * 10;
	ss->ymin /= 1.6;
	ss->ymax *= 1.6;
	return 0;
}

/* 1-2-5 steps per decade when few decades, else the decades alone. */
static void y_tics(FILE *f, double ymin, double ymax)
{
	static const double steps[] = { 1, 2, 5 };
	size_t nsteps = log10(ymax / ymin) <= 3.5 ? 3 : 1, m;
	bool first = true;
	long k;

	fputs("ytics = '(", f);
	for (k = (long)log10(ymin) - 1; k <= (long)log10(ymax) + 1; k++)
		for (m = 0; m < nsteps; m++) {
			double v = steps[m] * pow(10, (double)k);

			if (v >= ymin && v <= ymax) {
				fprintf(f, "%s\"%g\" %g", first ? "" : ", ", v,
					v);
				first = false;
			}
		}
	fputs(")'\n", f);
}

/* Sizes ascending, equal sizes in the summary's order (stable). */
static void sort_points(struct point *p, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		struct point v = p[i];

		for (j = i; j > 0 && p[j - 1].size > v.size; j--)
			p[j] = p[j - 1];
		p[j] = v;
	}
}

/* A CI bound of the .dat: none is the point; at or below 0 the bottom. */
static void dat_bound(FILE *f, double bound, double center, double bottom)
{
	char text[32];

	if (isnan(bound)) {
		fprintf(f, " %.3f", center);
	} else if (bottom > 0 && bound <= 0) {
		awk_number(text, sizeof(text), bottom);
		fprintf(f, " %s", text);
	} else {
		fprintf(f, " %.3f", bound);
	}
}

static void write_series(const struct series_set *ss, struct figure_draft *d)
{
	size_t s, i;

	for (s = 0; s < ss->n; s++) {
		const struct series *se = &ss->series[s];

		fprintf(d->dat, "# %s\n# size_bytes point ci_lo ci_hi median\n",
			se->label);
		for (i = 0; i < se->n; i++) {
			const struct point *p = &se->points[i];

			fprintf(d->dat, "%" PRIu64 " %.3f", p->size, p->center);
			dat_bound(d->dat, p->lo, p->center, ss->ymin / 100);
			dat_bound(d->dat, p->hi, p->center, 0);
			fprintf(d->dat, " %.3f\n", p->median);
		}
		fputs("\n\n", d->dat);
	}
}

static void write_axes(const struct series_set *ss, struct figure_draft *d)
{
	char size[32];
	size_t s, i;

	fputs("names = \"", d->vars);
	for (s = 0; s < ss->n; s++) {
		char label[160];

		gp_text(label, sizeof(label), ss->series[s].label);
		fprintf(d->vars, "%s%s", s ? " " : "", label);
	}
	fprintf(d->vars, "\"\nfloor = %zu\nxtics = '(", ss->floor);
	for (i = 0; i < ss->nsizes; i++) {
		size_format(ss->sizes[i], size, sizeof(size));
		fprintf(d->vars, "%s\"%s\" %" PRIu64, i ? ", " : "", size,
			ss->sizes[i]);
	}
	fputs(")'\n", d->vars);
	y_tics(d->vars, ss->ymin, ss->ymax);
	fprintf(d->vars, "ymin = %g\nymax = %g\n", ss->ymin, ss->ymax);
	fprintf(d->vars, "offscale = \"%s", ss->offscale_len ? "off scale: " : "");
	if (ss->offscale_len) {
		char *text = malloc(ss->offscale_len + 1);

		if (text) {
			gp_text(text, ss->offscale_len + 1, ss->offscale);
			fputs(text, d->vars);
		}
		free(text);
	}
	fputs("\"\n", d->vars);
}

static void series_set_free(struct series_set *ss)
{
	size_t s;

	for (s = 0; s < ss->n; s++)
		free(ss->series[s].points);
	free(ss->series);
	free(ss->sizes);
	free(ss->offscale);
}

static int series_figure(const struct figure_run *run,
			 const struct series_kind *k, const char *subject,
			 struct figure_draft *d)
{
	struct series_set ss = { 0 };
	size_t s;
	int ret = -1;

	if (collect(run, k, subject, &ss))
		goto out;
	ret = 0;
	if (!ss.n)	/* nothing of the kind (no counts): no figure */
		goto out;
	ret = -1;
	if (k->floor_last)
		floor_last(run, &ss);
	if (axis_bounds(&ss))
		goto out;
	for (s = 0; s < ss.n; s++)
		sort_points(ss.series[s].points, ss.series[s].n);
	figure_sort_sizes(ss.sizes, ss.nsizes);
	write_series(&ss, d);
	write_axes(&ss, d);
	ret = 1;
out:
	series_set_free(&ss);
	return ret;
}

/* ---- (a) a line per strategy ---- */

static bool of_composition(const struct summary_group *g, const char *comp)
{
	return !strcmp(g->first->composition, comp);
}

static const char *strategy_key(const struct summary_group *g)
{
	return g->first->strategy;
}

int figure_release_vs_size(const struct figure_run *run, const char *comp,
			   struct figure_draft *d)
{
	static const struct series_kind kind = {
		of_composition, strategy_key, true, time_point,
	};

	snprintf(d->title, sizeof(d->title),
		 "%s%s: release cost per page vs range size", comp,
		 run->mode_text);
	d->measured_line = true;
	return series_figure(run, &kind, comp, d);
}

/* ---- (f) the emulator's counts: a line per strategy ---- */

/* a group of comp with a release window counted undisturbed */
static bool counted_of_composition(const struct summary_group *g,
				   const char *comp)
{
	return of_composition(g, comp) && g->insns.n;
}

int figure_insns(const struct figure_run *run, const char *comp,
		 struct figure_draft *d)
{
	static const struct series_kind kind = {
		counted_of_composition, strategy_key, true, insns_point,
	};

	snprintf(d->title, sizeof(d->title),
		 "%s%s: release instructions per page vs range size (emulated, exact)",
		 comp, run->mode_text);
	d->measured_line = true;
	/* a run without counts: no figure, nothing to say */
	return series_figure(run, &kind, comp, d);
}

/* ---- (d) one strategy, a line per composition ---- */

static bool of_strategy(const struct summary_group *g, const char *strategy)
{
	return !strcmp(g->first->strategy, strategy);
}

static const char *composition_key(const struct summary_group *g)
{
	return g->first->composition;
}

int figure_compositions(const struct figure_run *run, const char *strategy,
			struct figure_draft *d)
{
	static const struct series_kind kind = {
		of_strategy, composition_key, false, time_point,
	};
	const struct summary *sum = &run->rd->sum;
	size_t i;

	for (i = 0; i < sum->count; i++)
		if (figure_row(run, &sum->groups[i]) &&
		    of_strategy(&sum->groups[i], strategy))
			break;
	if (i == sum->count) {
		pb_warning("figures: no %s rows%s: no compositions figure (--strategy NAME)",
			   strategy, run->mode_text);
		return 0;
	}
	snprintf(d->title, sizeof(d->title),
		 "%s%s: release cost per page on each composition", strategy,
		 run->mode_text);
	d->measured_line = false;
	return series_figure(run, &kind, strategy, d);
}
