/*
 * Why a config got slower or faster: when both run directories hold the
 * perf profile of that config (pinbench profile's profile-*.txt), the
 * symbols whose share of the samples changed most between A and B. The
 * profiles are read as text (perf_report.h): perf itself never runs on
 * the host, which could not resolve the guest's kernel symbols.
 */
#ifndef PINBENCH_PROFILE_DELTA_H
#define PINBENCH_PROFILE_DELTA_H

#include <stddef.h>
#include <stdio.h>

#include "compare.h"
#include "perf_report.h"

/* compare names this many symbols per config */
#define PROFILE_DELTA_TOP 5

struct symbol_delta {
	char name[128];
	double share_a, share_b;	/* percent of samples; 0: absent */
	double delta;			/* share_b - share_a */
};

/*
 * The at most k symbols of a or b whose share changed most, largest |delta|
 * first (equal ones by name), into out. Returns how many.
 */
size_t profile_top_deltas(const struct perf_report *a,
			  const struct perf_report *b,
			  struct symbol_delta *out, size_t k);

/*
 * After compare's table: for each config significantly slower or faster
 * with a profile in both runs, its top symbol deltas. A profile that does
 * not parse is named on stderr and skipped; the verdicts stand. 0, or -1
 * when writing f failed.
 */
int profile_deltas_print(FILE *f, const struct run_dir *a,
			 const struct run_dir *b, const struct comparison *c);

#endif
