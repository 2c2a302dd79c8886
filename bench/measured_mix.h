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

/* The pages the histogram counts, over every folio order. */
uint64_t mix_total_pages(const struct pinbench_composition *comp);

/* |measured - requested| <= tolerance, all in percentage points. */
bool mix_within_tolerance(double measured_pct, double requested_pct,
			  double tolerance_pct);

/* "o0=1024;o9=512;anon=1536;folios=1027": the nonzero counters. */
void mix_format_hist(const struct pinbench_composition *comp, char *buf,
		     size_t len);

/* What backs the pages, as the module counts it. */
enum mix_backing {
	MIX_HUGETLB,	/* hugetlbfs folios (private ones are anon too) */
	MIX_ANON,
	MIX_SHMEM,	/* swap-backed page cache: shmem, tmpfs, memfd */
	MIX_FILE,	/* other page cache (and shared hugetlbfs) */
	NR_MIX_BACKINGS,
};

extern const char *const mix_backing_names[NR_MIX_BACKINGS];

/*
 * What a composition asks for, in percent of the pinned pages, per folio
 * order and per backing; NaN where it states nothing.
 */
struct mix_request {
	double order_pct[PINBENCH_HIST_ORDERS];
	double backing_pct[NR_MIX_BACKINGS];
};

#define MIX_REQUEST_MAX	256

/* Nothing requested. */
void mix_request_init(struct mix_request *req);

/* Sum of the requested orders >= 9; NaN when no order is requested. */
double mix_request_huge_pct(const struct mix_request *req);

/* "o4=100;anon=100": the requested counters, zeros included. */
void mix_format_request(const struct mix_request *req, char *buf,
			size_t len);

/* The reverse, for the same keys; -1 on anything else. */
int mix_parse_request(const char *text, struct mix_request *req);

/* Measured percent of the pinned pages of one order or one backing. */
double mix_order_pct(const struct pinbench_composition *comp, int order);
double mix_backing_pct(const struct pinbench_composition *comp,
		       enum mix_backing backing);

/*
 * Is every requested counter within tolerance? When not, off says which,
 * in words: the PMD-or-larger share first (its orders then left out),
 * then orders, then backings. "" when all are within.
 */
bool mix_check(const struct mix_request *req,
	       const struct pinbench_composition *comp, double tolerance_pct,
	       char *off, size_t offlen);

#endif
