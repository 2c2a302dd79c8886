/*
 * The samples a statistical test compares for one config. DESIGN.md: a
 * boot is the unit of replication; iterations within one boot share its
 * page allocation, caches and emulator state, so they are not independent
 * of each other. A run directory holding several boots (samples.csv's
 * boot column: sweep --boot, pinbench merge) gives one median per boot;
 * one boot gives its iterations, and says so.
 */
#ifndef PINBENCH_REPLICATES_H
#define PINBENCH_REPLICATES_H

#include <stdbool.h>
#include <stddef.h>

#include "samples_csv.h"

/* What is compared: a value per measured samples.csv row. */
struct sample_metric {
	const char *name;		/* --metric NAME */
	const char *description;	/* "release ns per page" */
	const char *unit;		/* of its values: "ns/page" */
	double (*value)(const struct sample_row *row);
	/* the emulator's instruction counts, not a time: NaN rows left out */
	bool insns;
};

/* NULL when unknown. */
const struct sample_metric *sample_metric_find(const char *name);
/* --metric NAME of command: 0, or -1 having said which names there are */
int sample_metric_option(const char *command, const char *name,
			 const struct sample_metric **metric);
/* "ns_per_page, pin_ns_per_page, ..." for usage texts */
const char *sample_metric_names(void);
#define DEFAULT_METRIC "ns_per_page"

/*
 * Rows were measured, none has a value of metric (NaN: insns_per_page
 * of a run the emulator did not count). A run without measured rows is
 * not missing it: it has no values of any metric.
 */
bool sample_metric_missing(const struct sample_table *table,
			   const struct sample_metric *metric);
/*
 * Why dir has none: "DIR has no instruction counts (...)" for the
 * emulator's metrics, the way to get them named.
 */
void sample_metric_absent_text(const struct sample_metric *metric,
			       const char *dir, char *buf, size_t len);

enum replicate_unit {
	REPLICATE_ITERATIONS,	/* the iterations of one boot */
	REPLICATE_BOOT_MEDIANS,	/* one median per boot */
};

struct replicates {
	double *values;		/* malloc'ed, in row (boot) order */
	size_t n;
	size_t boots;
	enum replicate_unit unit;
};

/*
 * The replicates of the measured rows among rows[0..nr_rows) (indexes
 * into table). 0, or -1 when out of memory.
 */
int replicates_extract(const struct sample_table *table, const size_t *rows,
		       size_t nr_rows, const struct sample_metric *metric,
		       struct replicates *out);

/*
 * The step behind it: values[i] was measured in boot boot[i]. One boot:
 * the values; several: the median of each boot, in order of first
 * appearance.
 */
int replicates_from_values(const double *values, const unsigned int *boot,
			   size_t n, struct replicates *out);

/* The median of r's values (NaN: none, or out of memory). */
double replicates_median(const struct replicates *r);

void replicates_free(struct replicates *r);

/* Which unit a set of tests used, for the header that says so. */
struct replicate_tally {
	bool any, mixed;
	enum replicate_unit unit;
	size_t boots;
};

void replicate_tally_add(struct replicate_tally *tally,
			 const struct replicates *r);

/*
 * "iterations of one boot", "per-boot medians of 3 boots", or both named
 * when configs differ.
 */
void replicate_tally_describe(const struct replicate_tally *tally, char *buf,
			      size_t len);

#endif
