#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "measured_mix.h"

const char *const mix_backing_names[NR_MIX_BACKINGS] = {
	[MIX_HUGETLB] = "hugetlb",
	[MIX_ANON] = "anon",
	[MIX_SHMEM] = "shmem",
	[MIX_FILE] = "file",
};

/* The words of a backing in a warning: "... of pages anonymous". */
static const char *const backing_words[NR_MIX_BACKINGS] = {
	[MIX_HUGETLB] = "in hugetlb folios",
	[MIX_ANON] = "anonymous",
	[MIX_SHMEM] = "shmem (swap-backed page cache)",
	[MIX_FILE] = "file page cache",
};

uint64_t mix_total_pages(const struct pinbench_composition *comp)
{
	uint64_t total = 0;
	int order;

	for (order = 0; order < PINBENCH_HIST_ORDERS; order++)
		total += comp->pages_by_order[order];
	return total;
}

static double pct_of(uint64_t part, uint64_t total)
{
	return total ? 100.0 * (double)part / (double)total : 0.0;
}

double mix_huge_pct(const struct pinbench_composition *comp)
{
	uint64_t huge = 0;
	int order;

	for (order = PMD_FOLIO_ORDER; order < PINBENCH_HIST_ORDERS; order++)
		huge += comp->pages_by_order[order];
	return pct_of(huge, mix_total_pages(comp));
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
	char name[16];	/* "o" and any int: -O1 cannot prove order < 20 */
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

void mix_request_init(struct mix_request *req)
{
	int i;

	for (i = 0; i < PINBENCH_HIST_ORDERS; i++)
		req->order_pct[i] = NAN;
	for (i = 0; i < NR_MIX_BACKINGS; i++)
		req->backing_pct[i] = NAN;
}

double mix_request_huge_pct(const struct mix_request *req)
{
	double huge = 0;
	bool any = false;
	int order;

	for (order = 0; order < PINBENCH_HIST_ORDERS; order++) {
		if (isnan(req->order_pct[order]))
			continue;
		any = true;
		if (order >= PMD_FOLIO_ORDER)
			huge += req->order_pct[order];
	}
	return any ? huge : NAN;
}

static void append_pct(char *buf, size_t len, size_t *used, const char *name,
		       double pct)
{
	int n;

	if (isnan(pct) || *used >= len)
		return;
	n = snprintf(buf + *used, len - *used, "%s%s=%g", *used ? ";" : "",
		     name, pct);
	if (n > 0)
		*used += (size_t)n;
}

void mix_format_request(const struct mix_request *req, char *buf, size_t len)
{
	size_t used = 0;
	char name[16];	/* "o" and any int: -O1 cannot prove order < 20 */
	int i;

	if (!len)
		return;
	buf[0] = '\0';
	for (i = 0; i < PINBENCH_HIST_ORDERS; i++) {
		snprintf(name, sizeof(name), "o%d", i);
		append_pct(buf, len, &used, name, req->order_pct[i]);
	}
	for (i = 0; i < NR_MIX_BACKINGS; i++)
		append_pct(buf, len, &used, mix_backing_names[i],
			   req->backing_pct[i]);
}

/* One "key=pct" of a request into req; -1 if key or pct is wrong. */
static int parse_request_item(const char *item, struct mix_request *req)
{
	const char *eq = strchr(item, '=');
	char key[16], *end;
	double pct;
	long order;
	int i;

	if (!eq || eq == item || (size_t)(eq - item) >= sizeof(key))
		return -1;
	memcpy(key, item, (size_t)(eq - item));
	key[eq - item] = '\0';
	pct = strtod(eq + 1, &end);
	if (!eq[1] || *end || !(pct >= 0 && pct <= 100))
		return -1;
	if (key[0] == 'o' && key[1] >= '0' && key[1] <= '9') {
		order = strtol(key + 1, &end, 10);
		if (*end || order >= PINBENCH_HIST_ORDERS)
			return -1;
		req->order_pct[order] = pct;
		return 0;
	}
	for (i = 0; i < NR_MIX_BACKINGS; i++) {
		if (!strcmp(key, mix_backing_names[i])) {
			req->backing_pct[i] = pct;
			return 0;
		}
	}
	return -1;
}

int mix_parse_request(const char *text, struct mix_request *req)
{
	char *copy = strdup(text), *rest = copy, *item;
	int ret = 0;

	mix_request_init(req);
	if (!copy)
		return -1;
	while (ret == 0 && (item = strsep(&rest, ";")) != NULL)
		if (*item)
			ret = parse_request_item(item, req);
	free(copy);
	return ret;
}

double mix_order_pct(const struct pinbench_composition *comp, int order)
{
	return pct_of(comp->pages_by_order[order], mix_total_pages(comp));
}

double mix_backing_pct(const struct pinbench_composition *comp,
		       enum mix_backing backing)
{
	static const size_t counter[NR_MIX_BACKINGS] = {
		[MIX_HUGETLB] = offsetof(struct pinbench_composition,
					 pages_hugetlb),
		[MIX_ANON] = offsetof(struct pinbench_composition, pages_anon),
		[MIX_SHMEM] = offsetof(struct pinbench_composition,
				       pages_shmem),
		[MIX_FILE] = offsetof(struct pinbench_composition, pages_file),
	};
	uint64_t value;

	memcpy(&value, (const char *)comp + counter[backing], sizeof(value));
	return pct_of(value, mix_total_pages(comp));
}

static void append_off(char *buf, size_t len, size_t *used, const char *fmt,
		       double measured, double requested, const char *what)
{
	int n;

	if (*used >= len)
		return;
	if (*used) {
		n = snprintf(buf + *used, len - *used, "; ");
		*used += n > 0 ? (size_t)n : 0;
		if (*used >= len)
			return;
	}
	n = snprintf(buf + *used, len - *used, fmt, measured, what, requested);
	if (n > 0)
		*used += (size_t)n;
}

bool mix_check(const struct mix_request *req,
	       const struct pinbench_composition *comp, double tolerance_pct,
	       char *off, size_t offlen)
{
	double req_huge = mix_request_huge_pct(req), pct;
	bool huge_off = false, ok = true;
	size_t used = 0;
	char what[32];
	int i;

	if (offlen)
		off[0] = '\0';
	if (!isnan(req_huge)) {
		pct = mix_huge_pct(comp);
		if (!mix_within_tolerance(pct, req_huge, tolerance_pct)) {
			huge_off = true;
			ok = false;
			append_off(off, offlen, &used,
				   "%.2f%% of pages %s, %.2f%% requested", pct,
				   req_huge, "in PMD-or-larger folios");
		}
	}
	for (i = 0; i < PINBENCH_HIST_ORDERS; i++) {
		if (isnan(req->order_pct[i]))
			continue;
		pct = mix_order_pct(comp, i);
		if (mix_within_tolerance(pct, req->order_pct[i], tolerance_pct))
			continue;
		ok = false;
		if (huge_off)	/* said above; the hist columns have them */
			continue;
		snprintf(what, sizeof(what), "in order-%d folios", i);
		append_off(off, offlen, &used, "%.2f%% of pages %s, %g%% requested",
			   pct, req->order_pct[i], what);
	}
	for (i = 0; i < NR_MIX_BACKINGS; i++) {
		if (isnan(req->backing_pct[i]))
			continue;
		pct = mix_backing_pct(comp, (enum mix_backing)i);
		if (mix_within_tolerance(pct, req->backing_pct[i],
					 tolerance_pct))
			continue;
		ok = false;
		append_off(off, offlen, &used, "%.2f%% of pages %s, %g%% requested",
			   pct, req->backing_pct[i], backing_words[i]);
	}
	return ok;
}
