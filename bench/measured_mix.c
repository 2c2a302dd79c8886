#include <inttypes.h>
#include <math.h>
#include <stdio.h>

#include "measured_mix.h"

double mix_huge_pct(const struct pinbench_composition *comp)
{
	uint64_t total = 0, huge = 0;
	int order;

	for (order = 0; order < PINBENCH_HIST_ORDERS; order++) {
		total += comp->pages_by_order[order];
		if (order >= PMD_FOLIO_ORDER)
			huge += comp->pages_by_order[order];
	}
	return total ? 100.0 * (double)huge / (double)total : 0.0;
}

bool mix_within_tolerance(double measured_pct, double requested_pct,
			  double tolerance_pct)
{
	return fabs(measured_pct - requested_pct) <= tolerance_pct;
}

/* Appends ";name=value" (no ';' first) when value is not zero. */
static void append_counter(char *buf, size_t len, size_t *used,
			   const char *name, uint64_t value)
{
	int n;

	if (!value || *used >= len)
		return;
	n = snprintf(buf + *used, len - *used, "%s%s=%" PRIu64,
		     *used ? ";" : "", name, value);
	if (n > 0)
		*used += (size_t)n;
}

void mix_format_hist(const struct pinbench_composition *comp, char *buf,
		     size_t len)
{
	size_t used = 0;
	char name[8];
	int order;

	if (!len)
		return;
	buf[0] = '\0';
	for (order = 0; order < PINBENCH_HIST_ORDERS; order++) {
		snprintf(name, sizeof(name), "o%d", order);
		append_counter(buf, len, &used, name,
			       comp->pages_by_order[order]);
	}
	append_counter(buf, len, &used, "hugetlb", comp->pages_hugetlb);
	append_counter(buf, len, &used, "anon", comp->pages_anon);
	append_counter(buf, len, &used, "shmem", comp->pages_shmem);
	append_counter(buf, len, &used, "file", comp->pages_file);
	append_counter(buf, len, &used, "folios", comp->folios);
	append_counter(buf, len, &used, "notpinned", comp->pages_not_pinned);
}
