/*
 * What the figure kinds (figure_series.c, figure_bars.c) share with the
 * driver (figures.c): the run as drawn, and the figure being written.
 */
#ifndef PINBENCH_FIGURE_H
#define PINBENCH_FIGURE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "figures.h"
#include "pin_mode_groups.h"
#include "run_dir.h"

struct figure_run {
	const struct run_dir *rd;
	const struct figures_options *opt;
	const char *kernel;		/* the one drawn */
	const char *floor;		/* the catalogue's; "" for none */
	const char *baseline;		/* the catalogue's; "" for none */
	const struct pin_mode_group *group;	/* the mode being drawn */
	char mode_text[160];	/* ", pin method fast (gup_fast / pin_fast)" */
};

/* A figure being written. */
struct figure_draft {
	FILE *dat;
	FILE *vars;		/* its own variables */
	char title[512];
	bool measured_line;	/* its composition's MEASURED line */
};

/*
 * Writes the figure of subject (a composition, or --strategy): 1, or 0
 * when it has none (said), -1 out of memory.
 */
typedef int (*figure_fn)(const struct figure_run *run, const char *subject,
			 struct figure_draft *d);

int figure_release_vs_size(const struct figure_run *run, const char *comp,
			   struct figure_draft *d);
int figure_compositions(const struct figure_run *run, const char *strategy,
			struct figure_draft *d);
int figure_speedup(const struct figure_run *run, const char *comp,
		   struct figure_draft *d);
int figure_pin_vs_release(const struct figure_run *run, const char *comp,
			  struct figure_draft *d);
int figure_counters(const struct figure_run *run, const char *comp,
		    struct figure_draft *d);
int figure_insns(const struct figure_run *run, const char *comp,
		 struct figure_draft *d);

/* What every figure of the run says. */
struct figure_common {
	char subtitle[1024];	/* kernel, accel, run, cut short, disturbed */
	const char *center_text;	/* what the points and bars are */
	const char *ci_note;		/* "" or the CI level's caveat */
	bool emulated;
};

/*
 * Everything of rd that may reach a figure's text is what pinbench
 * writes; 0, or -1 with err.
 */
int figure_check_names(const struct run_dir *rd, char *err, size_t errlen);
/* meta.json's kernel when a row has it, else the first row's; NULL: none. */
const char *figure_pick_kernel(const struct run_dir *rd);
void figure_warn_other_kernels(const struct summary *sum, const char *kernel);
void figure_common_text(const struct figure_run *run,
			struct figure_common *c);
/* "measured <hist> (as requested)", or how many configs were off. */
void figure_measured_text(const struct figure_run *run, const char *comp,
			  char *buf, size_t len);

/* A group measured on the kernel drawn, in the pin mode drawn. */
bool figure_row(const struct figure_run *run, const struct summary_group *g);
/* The same, of composition comp. */
bool figure_row_of(const struct figure_run *run, const struct summary_group *g,
		   const char *comp);
/* comp's largest size among those rows; 0: none */
uint64_t figure_largest_size(const struct figure_run *run, const char *comp);

/*
 * A value as summary.csv writes it ("%.3f"): the figures draw what the
 * summary says, to the digit.
 */
double figure_value(double v);

/* Sizes ascending (the x axis, the speedup columns). */
void figure_sort_sizes(uint64_t *sizes, size_t n);

/* Read-only pins beside write pins of comp: "/ro" on their labels. */
bool figure_multi_write(const struct summary *sum, const char *comp);

/* strategy, with "/ro" when read-only beside write pins. */
void figure_strategy_label(const struct figure_run *run,
			   const struct summary_group *g, char *buf,
			   size_t len);

#endif
