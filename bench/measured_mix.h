/* What the module says was pinned, against what the composition asked for. */
#ifndef PINBENCH_MEASURED_MIX_H
#define PINBENCH_MEASURED_MIX_H

#include <stdbool.h>
#include <stddef.h>

#include "pinbench_uapi.h"

/* x86-64 with 4K pages: a PMD maps 2M, a folio of order 9. */
#define PMD_FOLIO_ORDER	9

/* Room for every counter of a composition at its largest. */
#define MIX_HIST_MAX	768

/* Percent of the pinned pages that sit in folios of order >= 9. */
double mix_huge_pct(const struct pinbench_composition *comp);

/* |measured - requested| <= tolerance, all in percentage points. */
bool mix_within_tolerance(double measured_pct, double requested_pct,
			  double tolerance_pct);

/* "o0=1024;o9=512;anon=1536;folios=1027": the nonzero counters. */
void mix_format_hist(const struct pinbench_composition *comp, char *buf,
		     size_t len);

#endif
