/*
 * The bar figures of one composition: speedup (the baseline's median over
 * each strategy's, per size) and pin_vs_release (at the largest size).
 */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "figure.h"
#include "gp_text.h"
#include "messages.h"
#include "sizes.h"

static size_t size_index(const uint64_t *sizes, size_t n, uint64_t size)
{
	size_t i;

	for (i = 0; i < n && sizes[i] != size; i++)
		;
	return i;
}

/* The speedup table: rows = strategies but the baseline and the floor. */
struct speedup {
	uint64_t *sizes;
	size_t nsizes;
	char (*labels)[160];
	bool *write;			/* of each row */
	size_t nrows;
	double *median;			/* [row * nsizes + size]; NaN: none */
	double *base[2];		/* the baseline's, read-only and write */
};


static int speedup_alloc(struct speedup *sp, size_t n)
{
	size_t i;

	sp->sizes = calloc(n + 1, sizeof(*sp->sizes));
	sp->labels = calloc(n + 1, sizeof(*sp->labels));
	sp->write = calloc(n + 1, sizeof(*sp->write));
	sp->median = malloc((n * n + 1) * sizeof(*sp->median));
	sp->base[0] = malloc((n + 1) * sizeof(double));
	sp->base[1] = malloc((n + 1) * sizeof(double));
	if (!sp->sizes || !sp->labels || !sp->write || !sp->median ||
	    !sp->base[0] || !sp->base[1])
		return -1;
	for (i = 0; i < n * n; i++)
		sp->median[i] = NAN;
	for (i = 0; i < n; i++)
		sp->base[0][i] = sp->base[1][i] = NAN;
	return 0;
}

static void speedup_free(struct speedup *sp)
{
	free(sp->sizes);
	free(sp->labels);
	free(sp->write);
	free(sp->median);
	free(sp->base[0]);
	free(sp->base[1]);
}

static void speedup_collect(const struct figure_run *run, const char *comp,
			    struct speedup *sp)
{
	const struct summary *sum = &run->rd->sum;
	size_t i, r;

	for (i = 0; i < sum->count; i++) {
		const struct summary_group *g = &sum->groups[i];

		if (figure_row_of(run, g, comp) &&
		    size_index(sp->sizes, sp->nsizes, g->first->size_bytes) ==
		    sp->nsizes)
			sp->sizes[sp->nsizes++] = g->first->size_bytes;
	}
	figure_sort_sizes(sp->sizes, sp->nsizes);
	for (i = 0; i < sum->count; i++) {
		const struct summary_group *g = &sum->groups[i];
		size_t s = size_index(sp->sizes, sp->nsizes,
				      g->first->size_bytes);
		char label[160];

		if (!figure_row_of(run, g, comp))
			continue;
		if (!strcmp(g->first->strategy, run->baseline)) {
			sp->base[g->first->write][s] =
				figure_value(g->stats.median);
			continue;
		}
		if (!strcmp(g->first->strategy, run->floor))
			continue;
		figure_strategy_label(run, g, label, sizeof(label));
		for (r = 0; r < sp->nrows && strcmp(sp->labels[r], label); r++)
			;
		if (r == sp->nrows)
			snprintf(sp->labels[sp->nrows++], sizeof(*sp->labels),
				 "%s", label);
		sp->write[r] = g->first->write;
		sp->median[r * sp->nsizes + s] = figure_value(g->stats.median);
	}
}

static int speedup_write(const struct figure_run *run, const struct speedup *sp,
			 struct figure_draft *d)
{
	double ymin = NAN, ymax = NAN;
	size_t r, s, plotted = 0;
	char size[32];

	fputs("strategy", d->dat);
	for (s = 0; s < sp->nsizes; s++) {
		size_format(sp->sizes[s], size, sizeof(size));
		fprintf(d->dat, " %s", size);
	}
	fputc('\n', d->dat);
	for (r = 0; r < sp->nrows; r++) {
		fputs(sp->labels[r], d->dat);
		for (s = 0; s < sp->nsizes; s++) {
			double m = sp->median[r * sp->nsizes + s];
			double b = sp->base[sp->write[r]][s], v;

			if (isnan(m) || m <= 0 || isnan(b)) {
				fputs(" -", d->dat);
				continue;
			}
			v = b / m;
			fprintf(d->dat, " %.4g", v);
			if (isnan(ymin) || v < ymin)
				ymin = v;
			if (isnan(ymax) || v > ymax)
				ymax = v;
			plotted++;
		}
		fputc('\n', d->dat);
	}
	fprintf(d->vars, "nsizes = %zu\nnrows = %zu\nplotted = %zu\n",
		sp->nsizes, sp->nrows, plotted);
	fprintf(d->vars, "ymin = %g\nymax = %g\n", isnan(ymin) ? 0.5 : ymin,
		isnan(ymax) ? 2 : ymax);
	gp_var_string(d->vars, "baseline_name", '\'', run->baseline);
	return plotted ? 1 : 0;
}

int figure_speedup(const struct figure_run *run, const char *comp,
		   struct figure_draft *d)
{
	struct speedup sp = { 0 };
	int ret = -1;

	if (speedup_alloc(&sp, run->rd->sum.count))
		goto out;
	speedup_collect(run, comp, &sp);
	ret = speedup_write(run, &sp, d);
	if (!ret && *run->baseline)
		pb_warning("figures: %s%s: no %s baseline: no speedup figure",
			   comp, run->mode_text, run->baseline);
	else if (!ret)
		pb_warning("figures: %s%s: the catalogue names no baseline: no speedup figure",
			   comp, run->mode_text);
	snprintf(d->title, sizeof(d->title),
		 "%s%s: speedup over the %s loop (median vs median)", comp,
		 run->mode_text, run->baseline);
	d->measured_line = true;
out:
	speedup_free(&sp);
	return ret;
}

int figure_pin_vs_release(const struct figure_run *run, const char *comp,
			  struct figure_draft *d)
{
	const struct summary *sum = &run->rd->sum;
	uint64_t largest = figure_largest_size(run, comp);
	char label[160], size[32];
	size_t i;

	for (i = 0; i < sum->count; i++) {
		const struct summary_group *g = &sum->groups[i];

		if (!figure_row_of(run, g, comp) || g->first->size_bytes != largest)
			continue;
		figure_strategy_label(run, g, label, sizeof(label));
		fprintf(d->dat, "%s ", label);
		if (isnan(g->pin_median))
			fputs("-", d->dat);
		else
			fprintf(d->dat, "%.3f", g->pin_median);
		fprintf(d->dat, " %.3f\n", figure_value(g->stats.median));
	}
	size_format(largest, size, sizeof(size));
	gp_var_string(d->vars, "size_text", '"', size);
	snprintf(d->title, sizeof(d->title),
		 "%s%s: pin vs release cost per page", comp, run->mode_text);
	d->measured_line = true;
	return 1;
}
