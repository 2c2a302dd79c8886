/*
 * pinbench figures DIR: the data and the gnuplot variables of every
 * figure of a run directory, so that scripts/plots.sh only runs gnuplot.
 * The figure kinds are plots/<kind>.gp:
 *   release_vs_size-<composition>  release ns/page vs range size, a line
 *                                  per strategy (the floor last)
 *   speedup-<composition>          the baseline's median / each strategy's
 *   pin_vs_release-<composition>   pin and release at the largest size
 *   counters-<composition>         run --events' counts, largest size
 *   insns-<composition>            release instructions per page vs
 *                                  size (insns-join; none without counts)
 *   compositions-<strategy>        one strategy on every composition
 * each per pin mode group ("-<mode>" appended) when the run has several.
 */
#ifndef PINBENCH_FIGURES_H
#define PINBENCH_FIGURES_H

#include <stdbool.h>
#include <stddef.h>

#include "run_dir.h"

#define FIGURES_DEFAULT_STRATEGY "unpin_pages"

struct figures_options {
	const char *strategy;		/* of the compositions figure */
	bool exclude_disturbed;
};

/* The kinds, in drawing order, and their captions (report.md's). */
size_t figure_kind_count(void);
const char *figure_kind_name(size_t i);
void figure_kind_caption(size_t i, const char *baseline, char *buf,
			 size_t len);

/* One figure: plots/<kind>.gp draws <name>.dat with <name>.vars.gp. */
struct figure {
	const char *kind;
	char name[256];
	char *dat;
	size_t dat_len;
	char *vars;
	size_t vars_len;
};

struct figure_set {
	struct figure *figs;		/* in drawing order */
	size_t count;
};

/*
 * The figures of rd, warnings (a figure left out, other kernels) on
 * stderr. 0, or -1 with err: a name that may not reach gnuplot, no
 * measured rows, memory.
 */
int figures_build(const struct run_dir *rd, const struct figures_options *opt,
		  struct figure_set *set, char *err, size_t errlen);
void figure_set_free(struct figure_set *set);

/*
 * figures_build of dir, written as a set into dir/plots/data/: the
 * figures' files and "manifest", a "KIND NAME" line per figure. Nothing
 * is written when anything is refused.
 */
int figures_write(const char *dir, const struct figures_options *opt,
		  char *err, size_t errlen);

#endif
