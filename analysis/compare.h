/*
 * pinbench compare: run B against run A, config by config, with Welch's
 * t-test on the replicates (replicates.h) of each config measured in both.
 */
#ifndef PINBENCH_COMPARE_H
#define PINBENCH_COMPARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "replicates.h"
#include "run_dir.h"
#include "welch.h"

#define DEFAULT_ALPHA 0.05

struct compare_options {
	double alpha;
	const struct sample_metric *metric;
	bool exclude_disturbed;		/* --exclude-disturbed */
};

enum compare_verdict {
	VERDICT_NOT_COMPARED,	/* in one run only, or unmeasured in one */
	VERDICT_NO_DIFFERENCE,	/* p >= alpha, or too few samples */
	VERDICT_FASTER,		/* B's mean below A's, p < alpha */
	VERDICT_SLOWER,		/* B's mean above A's, p < alpha */
};

struct compare_row {
	const struct summary_group *a, *b;	/* NULL: not in that run */
	struct replicates ra, rb;
	double median_a, median_b;
	struct welch_result w;		/* means, stddevs, t, df, p */
	double change_pct;		/* of the mean, B vs A */
	enum compare_verdict verdict;
};

struct comparison {
	struct compare_row *rows;	/* A's configs in order, then B-only */
	size_t count;
	size_t slower, faster, no_difference, not_compared;
};

/* 0, or -1 with a message in err. */
int compare_runs(const struct run_dir *a, const struct run_dir *b,
		 const struct compare_options *opt, struct comparison *out,
		 char *err, size_t errlen);
void comparison_free(struct comparison *c);

const char *compare_verdict_name(enum compare_verdict v);

/* The mmtests-style text: header, table, configs in one run only. */
int comparison_print(FILE *f, const struct run_dir *a,
		     const struct run_dir *b,
		     const struct compare_options *opt,
		     const struct comparison *c);

/* "anon-4k 2M pin_fast unpin_pages", " ro" appended for read-only pins */
void config_label(const struct sample_row *r, char *buf, size_t len);

/* A value with the decimals its size needs: 1234, 123.4, 12.34, 0.123. */
void format_value(double v, char *buf, size_t len);

#endif
