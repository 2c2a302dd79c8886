/*
 * pinbench report DIR: DIR/report.txt, plain text for a cover letter
 * (mmtests / 0-day robot style), and DIR/report.md, the same tables in
 * markdown with the figures of DIR/plots/ (scripts/plots.sh) embedded.
 */
#ifndef PINBENCH_REPORT_H
#define PINBENCH_REPORT_H

#include <stdbool.h>
#include <stddef.h>

struct sample_metric;

struct report_options {
	double alpha;			/* Welch vs the baseline */
	const char *baseline;		/* %change is against it; NULL:
					 * the run's catalogue's baseline */
	bool exclude_disturbed;		/* --exclude-disturbed */
	/* what the cells and tests are of; NULL: DEFAULT_METRIC */
	const struct sample_metric *metric;
};

/* 0, or -1 with a message in err. */
int report_write(const char *dir, const struct report_options *opt,
		 char *err, size_t errlen);

#endif
