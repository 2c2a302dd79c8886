/* measured_mix.c: huge_pct, tolerance and the hist column. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "measured_mix.h"
#include "tap.h"

static void test_huge_pct(void)
{
	struct pinbench_composition comp;

	memset(&comp, 0, sizeof(comp));
	CHECK_NEAR(mix_huge_pct(&comp), 0, 0);	/* nothing pinned */
	comp.pages_by_order[0] = 1024;
	comp.pages_by_order[9] = 512;
	CHECK_NEAR(mix_huge_pct(&comp), 100.0 / 3, 1e-12);
	comp.pages_by_order[0] = 0;
	comp.pages_by_order[18] = 512;	/* 1G folios count as huge too */
	CHECK_NEAR(mix_huge_pct(&comp), 100, 0);
	comp.pages_by_order[4] = 1024;	/* 64K mTHP is not PMD-sized */
	CHECK_NEAR(mix_huge_pct(&comp), 50, 0);
	/* the boundary: 1M mTHP (order 8) is not huge, 2M (order 9) is */
	memset(&comp, 0, sizeof(comp));
	comp.pages_by_order[8] = 768;
	comp.pages_by_order[9] = 256;
	CHECK_NEAR(mix_huge_pct(&comp), 25, 0);
}

static void test_tolerance(void)
{
	CHECK(mix_within_tolerance(95, 100, 5));
	CHECK(!mix_within_tolerance(94.9, 100, 5));
	CHECK(mix_within_tolerance(0, 0, 0));
	CHECK(!mix_within_tolerance(5.01, 0, 5));
}

static void test_hist(void)
{
	struct pinbench_composition comp;
	char buf[MIX_HIST_MAX];

	memset(&comp, 0, sizeof(comp));
	mix_format_hist(&comp, buf, sizeof(buf));
	CHECK_STR(buf, "");
	comp.pages_by_order[0] = 1024;
	comp.pages_by_order[9] = 512;
	comp.pages_anon = 1536;
	comp.folios = 1027;
	mix_format_hist(&comp, buf, sizeof(buf));
	CHECK_STR(buf, "o0=1024;o9=512;anon=1536;folios=1027");
	comp.pages_hugetlb = 512;
	comp.pages_shmem = 3;
	comp.pages_file = 4;
	comp.pages_not_pinned = 5;
	mix_format_hist(&comp, buf, sizeof(buf));
	CHECK_STR(buf, "o0=1024;o9=512;hugetlb=512;anon=1536;shmem=3;file=4;folios=1027;notpinned=5");
	/* the largest possible one fits in MIX_HIST_MAX */
	memset(&comp, 0xff, sizeof(comp));
	mix_format_hist(&comp, buf, sizeof(buf));
	CHECK_CONTAINS(buf, ";notpinned=18446744073709551615");
}

/* A histogram of pages pages, from a request-like text of percents. */
static void hist_of(const char *percents, uint64_t pages,
		    struct pinbench_composition *comp)
{
	struct mix_request r;
	int i;

	memset(comp, 0, sizeof(*comp));
	if (mix_parse_request(percents, &r))
		tap_fail(__FILE__, __LINE__, "bad percents %s", percents);
	for (i = 0; i < PINBENCH_HIST_ORDERS; i++)
		if (!isnan(r.order_pct[i]))
			comp->pages_by_order[i] = (uint64_t)(pages * r.order_pct[i] / 100);
	comp->pages_hugetlb = isnan(r.backing_pct[MIX_HUGETLB]) ? 0 :
		(uint64_t)(pages * r.backing_pct[MIX_HUGETLB] / 100);
	comp->pages_anon = isnan(r.backing_pct[MIX_ANON]) ? 0 :
		(uint64_t)(pages * r.backing_pct[MIX_ANON] / 100);
	comp->pages_shmem = isnan(r.backing_pct[MIX_SHMEM]) ? 0 :
		(uint64_t)(pages * r.backing_pct[MIX_SHMEM] / 100);
	comp->pages_file = isnan(r.backing_pct[MIX_FILE]) ? 0 :
		(uint64_t)(pages * r.backing_pct[MIX_FILE] / 100);
}

static void test_request_text(void)
{
	struct mix_request r;
	char buf[MIX_REQUEST_MAX];

	mix_request_init(&r);
	mix_format_request(&r, buf, sizeof(buf));
	CHECK_STR(buf, "");
	CHECK(isnan(mix_request_huge_pct(&r)));
	CHECK(!mix_parse_request("o4=100;anon=100", &r));
	mix_format_request(&r, buf, sizeof(buf));
	CHECK_STR(buf, "o4=100;anon=100");
	CHECK_NEAR(mix_request_huge_pct(&r), 0, 0);
	CHECK(isnan(r.backing_pct[MIX_SHMEM]));
	CHECK(!mix_parse_request("anon=0;o9=25;o0=75;o18=0;hugetlb=12.5", &r));
	mix_format_request(&r, buf, sizeof(buf));
	CHECK_STR(buf, "o0=75;o9=25;o18=0;hugetlb=12.5;anon=0");
	CHECK_NEAR(mix_request_huge_pct(&r), 25, 0);
	CHECK(!mix_parse_request("o8=75;o9=25", &r));
	CHECK_NEAR(mix_request_huge_pct(&r), 25, 0);	/* 1M is not huge */
	CHECK(!mix_parse_request("shmem=100", &r));
	CHECK(isnan(mix_request_huge_pct(&r)));	/* no order asked */
	CHECK(mix_parse_request("o20=100", &r));
	CHECK(mix_parse_request("o4=101", &r));
	CHECK(mix_parse_request("swap=1", &r));
	CHECK(mix_parse_request("o4", &r));
	CHECK(mix_parse_request("o4=", &r));
}

/* Each kind of expectation, met and missed. */
static void test_mix_check_kinds(void)
{
	static const struct {
		const char *request, *measured;
		bool ok;
		const char *says;
	} cases[] = {
		/* folio order (anon-mthp-64K) */
		{ "o4=100;anon=100", "o4=100;anon=100", true, "" },
		{ "o4=100;anon=100", "o0=50;o4=50;anon=100", false,
		  "50.00% of pages in order-4 folios, 100% requested" },
		/* a larger order is off too, though not "huge" */
		{ "o4=100;anon=100", "o5=100;anon=100", false,
		  "0.00% of pages in order-4 folios, 100% requested" },
		/* the PMD-or-larger share first, its orders then implied */
		{ "o0=100;anon=100", "o0=50;o9=50;anon=100", false,
		  "50.00% of pages in PMD-or-larger folios, 0.00% requested" },
		{ "o0=75;o9=25;anon=100", "o0=72;o9=28;anon=100", true, "" },
		/* backing: anon, shmem, file, hugetlb, and "not anon" */
		{ "o0=100;shmem=100", "o0=100;anon=100", false,
		  "0.00% of pages shmem (swap-backed page cache), 100% requested" },
		{ "shmem=100", "o2=30;o0=70;shmem=100", true, "" },
		{ "file=100", "o8=100;shmem=100", false,
		  "0.00% of pages file page cache, 100% requested" },
		{ "o9=100;hugetlb=100;anon=100", "o9=100;anon=100", false,
		  "0.00% of pages in hugetlb folios, 100% requested" },
		{ "o18=100;hugetlb=100;anon=100", "o18=100;hugetlb=100;anon=100",
		  true, "" },
		{ "o9=100;hugetlb=100;anon=0", "o9=100;hugetlb=100;file=100",
		  true, "" },
		{ "o9=100;hugetlb=100;anon=0", "o9=100;hugetlb=100;anon=100",
		  false, "100.00% of pages anonymous, 0% requested" },
		/* several off: all said, in order */
		{ "o4=100;anon=100", "o0=100;file=100", false,
		  "0.00% of pages in order-4 folios, 100% requested; 0.00% of pages anonymous, 100% requested" },
	};
	struct pinbench_composition comp;
	struct mix_request req;
	char off[1024];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bool ok;

		mix_parse_request(cases[i].request, &req);
		hist_of(cases[i].measured, 1024, &comp);
		ok = mix_check(&req, &comp, 5, off, sizeof(off));
		if (ok != cases[i].ok || strcmp(off, cases[i].says))
			tap_fail(__FILE__, __LINE__,
				 "request %s, measured %s: %s \"%s\", want %s \"%s\"",
				 cases[i].request, cases[i].measured,
				 ok ? "ok" : "off", off,
				 cases[i].ok ? "ok" : "off", cases[i].says);
	}
	/* the tolerance is the limit, per counter */
	mix_parse_request("o0=75;o9=25;anon=100", &req);
	hist_of("o0=72;o9=28;anon=100", 1000, &comp);
	CHECK(mix_check(&req, &comp, 3, off, sizeof(off)));
	CHECK(!mix_check(&req, &comp, 2.9, off, sizeof(off)));
	CHECK_STR(off, "28.00% of pages in PMD-or-larger folios, 25.00% requested");
	/* nothing requested: anything goes */
	mix_request_init(&req);
	CHECK(mix_check(&req, &comp, 0, off, sizeof(off)));
}

TAP_SUITE(measured_mix,
	{ "huge_pct: share of pages in folios of order >= 9 (order 8 not)",
	  test_huge_pct },
	{ "mix_ok within the tolerance in percentage points", test_tolerance },
	{ "hist lists the nonzero counters in a fixed order", test_hist },
	{ "req_mix: formatted and parsed, zeros kept, huge share derived",
	  test_request_text },
	{ "mix_ok per expectation: folio order, huge share, anon/shmem/file/hugetlb, not anon",
	  test_mix_check_kinds },
);
