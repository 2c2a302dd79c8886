/*
 * summary.csv and ministat files from samples.csv: one summary row per
 * (kernel, accel, composition, size_bytes, pin_method, strategy, write).
 */
#ifndef PINBENCH_SUMMARY_H
#define PINBENCH_SUMMARY_H

#include <stdbool.h>
#include <stddef.h>

#include "calibration.h"
#include "replicates.h"
#include "samples_csv.h"
#include "stats.h"

#define SUMMARY_CSV_HEADER \
	"run_id,kernel,accel,emulated,composition,size_bytes,pages," \
	"pin_method,strategy,write,status,n,min,median,mean,stddev,cv," \
	"p90,p99,max,ci95_lo,ci95_hi,pin_median,noop_median,mix_ok," \
	"boots,within_boot_cv,between_boot_cv,ci_unit,ci_center," \
	"median_ci_lo,median_ci_hi,median_ci_level,median_ci_center," \
	"calib_median,between_boot_cv_calibrated,disturbed,pin_mode" \
	EVENTS_SUMMARY_COLUMNS WINDOWS_SUMMARY_COLUMNS

/*
 * The emulator's instruction counts (insns-join): samples whose release
 * window was counted with no interrupt in it, their median and CV of
 * instructions per page, the pin window's median per page, and how many
 * counted release windows an interrupt landed in (left out).
 */
#define WINDOWS_SUMMARY_COLUMNS \
	",insns_n,insns_per_page,insns_cv,pin_insns_per_page,insns_irq_windows"

struct atomic_set;

/* --events of a group: per page, over its measured samples */
struct group_counts {
	double per_page[NR_EVENTS];	/* median count / pages; NaN: none */
	uint8_t state[NR_EVENTS];	/* enum event_state over the rows */
	double ipc;			/* median instructions / cycles */
};

/* the emulator's counts of a group (WINDOWS_SUMMARY_COLUMNS) */
struct group_insns {
	size_t n;		/* undisturbed counted release windows */
	double per_page;	/* their median insns / page; NaN: none */
	double cv;		/* NaN: fewer than 2 */
	double pin_per_page;	/* median over undisturbed pin windows */
	size_t irq_windows;	/* counted release windows with irqs */
	bool any;		/* a window of the group was counted */
};

struct summary_group {
	const struct sample_row *first;	/* key fields, run_id, pages */
	const size_t *rows;		/* indexes into the table, in order */
	size_t nr_rows;
	const char *status;		/* "ok" when any row was measured */
	/*
	 * Of ns/page over every measured row (all boots); but ci95_lo/hi
	 * and median_ci_* are of the per-boot medians when the rows come
	 * from >= 2 boots.
	 */
	struct ns_stats stats;		/* n = 0 if none */
	size_t boots;			/* boots among the measured rows */
	double within_boot_cv;		/* mean of each boot's CV; NaN: none */
	double between_boot_cv;		/* CV of per-boot medians; NaN: < 2 */
	enum replicate_unit ci_unit;	/* what ci95_lo/hi are of */
	double ci_center;		/* the mean the CI is of: of the
					 * iterations, or of per-boot medians */
	double median_ci_center;	/* the median median_ci_* is of */
	/*
	 * Beside the raw figures, never instead: each boot's median times
	 * run median calibration / that boot's calibration; their median
	 * and CV. NaN when a boot has no calibration (older runs).
	 */
	double calib_median;
	double between_boot_cv_calibrated;	/* NaN: < 2 boots */
	double pin_median;		/* ns/page; NaN if none */
	double noop_median;		/* the floor; NaN if no noop ran */
	int mix_ok;			/* min over rows; -1 if none */
	size_t disturbed;		/* measured rows with disturbed > 0 */
	struct group_counts counts;
	struct group_insns insns;
};

struct summary {
	struct summary_group *groups;	/* in order of first appearance */
	size_t count;
	size_t *row_order;		/* what the groups' rows point into */
};

/*
 * calib: meta.json's calibration, or NULL (no calibrated columns); floor:
 * the strategy the catalogue calls the floor (noop_median), or NULL.
 */
int summary_compute(const struct sample_table *table,
		    const struct run_calibration *calib, const char *floor,
		    struct summary *sum);
void summary_free(struct summary *sum);

/* The group of strategy in g's config and pin method; NULL if none. */
const struct summary_group *summary_sibling(const struct summary *sum,
					   const struct summary_group *g,
					   const char *strategy);

/*
 * The harness floor of g: the group of strategy floor (measured) in g's
 * config, of g's pin method when it ran with one, else the first; NULL:
 * none (floor NULL too).
 */
const struct summary_group *summary_floor(const struct summary *sum,
					 const struct summary_group *g,
					 const char *floor);

int summary_csv_write(const char *path, const struct summary *sum);

/*
 * dir/<composition>_<size>_<pin_method>_<strategy>.txt: ns/page per line,
 * written into set (renamed when the caller commits it).
 */
int ministat_write_dir(struct atomic_set *set, const char *dir,
		       const struct sample_table *table,
		       const struct summary *sum);

/*
 * summarize DIR: read samples.csv, write summary.csv and ministat/, of
 * the rows as sample_view.h says (exclude_disturbed: without the
 * disturbed samples).
 */
int summarize_dir(const char *dir, bool exclude_disturbed, char *err,
		  size_t errlen);

/* summary_counts.c: the group's counter columns; -1: out of memory */
int summary_group_counts(const struct sample_table *table,
			 struct summary_group *g);
void summary_counts_write(FILE *f, const struct group_counts *gc);
void summary_insns_write(FILE *f, const struct group_insns *gi);

#endif
