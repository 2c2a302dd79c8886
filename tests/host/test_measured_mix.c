/* measured_mix.c: huge_pct, tolerance and the hist column. */
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

TAP_SUITE(measured_mix,
	{ "huge_pct: share of pages in folios of order >= 9", test_huge_pct },
	{ "mix_ok within the tolerance in percentage points", test_tolerance },
	{ "hist lists the nonzero counters in a fixed order", test_hist },
);
