/*
 * compositions.c, mm_sysfs.c, region.c: names, requests, what each needs,
 * the sysfs values set while building and put back, and the mappings the
 * builders make, as /proc/self/smaps shows them (VmFlags hg/nh/sh/ht,
 * THPeligible, alignment, the file and its filesystem).
 */
#include <inttypes.h>
#include <linux/magic.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "compositions.h"
#include "mm_sysfs.h"
#include "tap.h"
#include "test_util.h"

#define SZ_2M	(2UL << 20)

/* ---- /proc/self/smaps ---------------------------------------------------- */

struct vma {
	uintptr_t start, end;
	char path[1100];
	char flags[1100];	/* VmFlags */
	int thp_eligible;	/* -1: no such line */
};

/* The VMAs overlapping [addr, addr + len), in address order. */
static size_t vmas_of(const void *addr, size_t len, struct vma *out,
		      size_t max)
{
	uintptr_t lo = (uintptr_t)addr, hi = lo + len;
	FILE *f = fopen("/proc/self/smaps", "r");
	struct vma cur = { 0 };
	bool in_range = false;
	char line[1024];
	size_t n = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		unsigned long start, end;
		int pos = 0;

		if (sscanf(line, "%lx-%lx %*s %*s %*s %*s %n", &start, &end,
			   &pos) >= 2 && pos) {
			memset(&cur, 0, sizeof(cur));
			cur.start = start;
			cur.end = end;
			cur.thp_eligible = -1;
			snprintf(cur.path, sizeof(cur.path), "%s", line + pos);
			cur.path[strcspn(cur.path, "\n")] = '\0';
			in_range = start < hi && end > lo;
			continue;
		}
		if (!in_range)
			continue;
		if (!strncmp(line, "THPeligible:", 12))
			cur.thp_eligible = atoi(line + 12);
		if (!strncmp(line, "VmFlags:", 8)) {
			snprintf(cur.flags, sizeof(cur.flags), " %s", line + 8);
			cur.flags[strcspn(cur.flags, "\n")] = ' ';
			if (n < max)
				out[n++] = cur;
		}
	}
	fclose(f);
	return n;
}

static bool has_flag(const struct vma *v, const char *flag)
{
	char word[8];

	snprintf(word, sizeof(word), " %s ", flag);
	return strstr(v->flags, word) != NULL;
}

/* The one VMA of a region, which must be exactly [addr, addr + len). */
static bool one_vma(const struct region *r, struct vma *v)
{
	struct vma vmas[4];
	size_t n = vmas_of(r->addr, r->len, vmas, 4);

	if (n != 1 || vmas[0].start != (uintptr_t)r->addr ||
	    vmas[0].end != (uintptr_t)r->addr + r->len) {
		tap_fail(__FILE__, __LINE__,
			 "%zu VMAs over the region, not exactly it", n);
		return false;
	}
	*v = vmas[0];
	return true;
}

static struct composition *new_comp(const char *name,
				    const struct composition_options *o)
{
	char err[1024];
	struct composition *c = composition_new(name, o, err, sizeof(err));

	if (!c)
		tap_fail(__FILE__, __LINE__, "%s: %s", name, err);
	return c;
}

static bool thp_works_here(void)
{
	return thp_anon_size_enabled(SZ_2M) == 1;
}

/* ---- names and requests -------------------------------------------------- */

static void test_names_and_requests(void)
{
	static const struct {
		const char *name, *canonical, *req_mix;
		uint64_t granule;
		double req_huge;	/* NaN: not requested */
	} rows[] = {
		{ "anon-4k", "anon-4k", "o0=100;anon=100", 4096, 0 },
		{ "anon-thp", "anon-thp", "o9=100;anon=100", SZ_2M, 100 },
		{ "anon-mthp-64k", "anon-mthp-64K", "o4=100;anon=100", 65536, 0 },
		{ "anon-mthp-2M", "anon-mthp-2M", "o9=100;anon=100", SZ_2M, 100 },
		{ "hugetlb-2m", "hugetlb-2m", "o9=100;hugetlb=100;anon=100", SZ_2M, 100 },
		{ "hugetlb-1g", "hugetlb-1g", "o18=100;hugetlb=100;anon=100", 1UL << 30, 100 },
		{ "mixed-thp:25", "mixed-thp:25:interleaved", "o0=75;o9=25;anon=100", 4 * SZ_2M, 25 },
		{ "mixed-thp:50:clustered", "mixed-thp:50:clustered", "o0=50;o9=50;anon=100", 2 * SZ_2M, 50 },
		{ "mixed-thp:0", "mixed-thp:0:interleaved", "o0=100;o9=0;anon=100", SZ_2M, 0 },
		{ "mixed-thp:33", "mixed-thp:33:interleaved", "o0=67;o9=33;anon=100", 100 * SZ_2M, 33 },
		{ "shmem-4k", "shmem-4k", "o0=100;shmem=100", 4096, 0 },
		{ "shmem-thp", "shmem-thp", "o9=100;shmem=100", SZ_2M, 100 },
		{ "memfd", "memfd", "o0=100;shmem=100", 4096, 0 },
		{ "memfd-hugetlb", "memfd-hugetlb", "o9=100;hugetlb=100;anon=0", SZ_2M, 100 },
		{ "file-tmpfs", "file-tmpfs", "shmem=100", 4096, NAN },
		{ "file-ext4", "file-ext4", "file=100", 4096, NAN },
	};
	char req[MIX_REQUEST_MAX];
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct composition *c = new_comp(rows[i].name, NULL);

		if (!c)
			continue;
		CHECK_STR(c->name, rows[i].canonical);
		mix_format_request(&c->req, req, sizeof(req));
		CHECK_STR(req, rows[i].req_mix);
		CHECK_INT(composition_granule(c), rows[i].granule);
		if (isnan(rows[i].req_huge))
			CHECK(isnan(c->req_huge_pct));
		else
			CHECK_NEAR(c->req_huge_pct, rows[i].req_huge, 0);
		composition_free(c);
	}
}

static void test_bad_names(void)
{
	static const struct {
		const char *name, *says;
	} bad[] = {
		{ "anon-mthp-48K", "power of two from 8K to 2M" },
		{ "anon-mthp-4M", "power of two from 8K to 2M" },
		{ "anon-mthp-4K", "power of two from 8K to 2M" },
		{ "anon-mthp-x", "bad size 'x'" },
		{ "anon-mthp", "needs its parameter: anon-mthp-<size>" },
		{ "mixed-thp", "needs its parameter: mixed-thp:<pct>[:<layout>]" },
		{ "mixed-thp:101", "whole percentage 0..100" },
		{ "mixed-thp:x", "whole percentage 0..100" },
		{ "mixed-thp:25:diagonal", "unknown layout 'diagonal'" },
		{ "nosuch", "unknown composition 'nosuch'; known: anon-4k, anon-thp, anon-mthp-<size>, hugetlb-2m, hugetlb-1g, mixed-thp:<pct>[:<layout>], shmem-4k, shmem-thp, memfd, memfd-hugetlb, file-tmpfs, file-ext4" },
	};
	struct composition_options clustered = { .layout = LAYOUT_CLUSTERED };
	struct composition *c;
	char err[1024];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		c = composition_new(bad[i].name, NULL, err, sizeof(err));
		CHECK(c == NULL);
		CHECK_CONTAINS(err, bad[i].says);
		composition_free(c);
	}
	/* --layout is the default of a mixed-thp without its own */
	c = new_comp("mixed-thp:25", &clustered);
	if (c)
		CHECK_STR(c->name, "mixed-thp:25:clustered");
	composition_free(c);
	c = new_comp("mixed-thp:25:interleaved", &clustered);
	if (c)
		CHECK_STR(c->name, "mixed-thp:25:interleaved");
	composition_free(c);
}

/* ---- mixed-thp layouts -------------------------------------------------- */

static void blocks_of(uint64_t nblocks, uint64_t nhuge,
		      enum mixed_layout layout, char *out)
{
	uint64_t i;

	for (i = 0; i < nblocks; i++)
		out[i] = mixed_block_is_huge(i, nblocks, nhuge, layout) ?
			 'H' : '.';
	out[nblocks] = '\0';
}

static void test_mixed_layout_blocks(void)
{
	char map[128];
	uint64_t n, h, i, count;

	blocks_of(8, 2, LAYOUT_INTERLEAVED, map);
	CHECK_STR(map, "H...H...");	/* 25% of 8, spread evenly */
	blocks_of(8, 2, LAYOUT_CLUSTERED, map);
	CHECK_STR(map, "HH......");	/* 25% of 8, first */
	blocks_of(4, 3, LAYOUT_INTERLEAVED, map);
	CHECK_STR(map, "H.HH");
	blocks_of(10, 5, LAYOUT_INTERLEAVED, map);
	CHECK_STR(map, "H.H.H.H.H.");
	blocks_of(4, 0, LAYOUT_INTERLEAVED, map);
	CHECK_STR(map, "....");
	blocks_of(4, 4, LAYOUT_CLUSTERED, map);
	CHECK_STR(map, "HHHH");
	/* always exactly nhuge of them */
	for (n = 1; n <= 64; n++) {
		for (h = 0; h <= n; h++) {
			for (count = 0, i = 0; i < n; i++)
				count += mixed_block_is_huge(i, n, h,
							     LAYOUT_INTERLEAVED);
			if (count != h)
				tap_fail(__FILE__, __LINE__,
					 "%" PRIu64 " of %" PRIu64 " blocks: %" PRIu64 " huge",
					 h, n, count);
		}
	}
}

/* The VMAs of a mixed-thp region as "H" (hg) / "." (nh), one per 2M. */
static void vma_blocks(const struct region *r, char *out)
{
	struct vma vmas[64];
	size_t n = vmas_of(r->addr, r->len, vmas, 64), i;
	uintptr_t b;

	memset(out, '?', r->len / SZ_2M);
	out[r->len / SZ_2M] = '\0';
	for (i = 0; i < n; i++)
		for (b = vmas[i].start; b < vmas[i].end; b += SZ_2M)
			if (b >= (uintptr_t)r->addr &&
			    b < (uintptr_t)r->addr + r->len)
				out[(b - (uintptr_t)r->addr) / SZ_2M] =
					has_flag(&vmas[i], "hg") ? 'H' :
					has_flag(&vmas[i], "nh") ? '.' : '?';
}

static void test_mixed_layout_mappings(void)
{
	static const struct {
		const char *name, *blocks;
	} rows[] = {
		{ "mixed-thp:25:interleaved", "H...H..." },
		{ "mixed-thp:25:clustered", "HH......" },
		{ "mixed-thp:0:interleaved", "........" },
		{ "mixed-thp:100:clustered", "HHHHHHHH" },
	};
	char err[1024], map[64];
	struct region r;
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct composition *c = new_comp(rows[i].name, NULL);

		if (!c)
			continue;
		if (composition_build(c, &r, 8 * SZ_2M, err, sizeof(err))) {
			/* no THP: MADV_HUGEPAGE is EINVAL */
			tap_skip("%s not built here: %s", rows[i].name, err);
			composition_free(c);
			continue;
		}
		CHECK_INT((uintptr_t)r.addr % SZ_2M, 0);
		vma_blocks(&r, map);
		CHECK_STR(map, rows[i].blocks);
		composition_teardown(c, &r);
		composition_free(c);
	}
}

/* ---- builders: the mappings --------------------------------------------- */

static void test_anon_and_shmem_mappings(void)
{
	static const struct {
		const char *name, *flag, *not_flag;
		bool shared, aligned;
	} rows[] = {
		{ "anon-4k", "nh", "hg", false, false },
		{ "anon-thp", "hg", "nh", false, true },
		{ "shmem-4k", "nh", "hg", true, false },
		{ "memfd", "nh", "hg", true, false },
	};
	char err[1024];
	struct region r;
	struct vma v;
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct composition *c;

		if (rows[i].aligned && !host_has_thp()) {
			tap_skip("%s: no THP in this kernel",
				 rows[i].name);
			continue;
		}
		c = new_comp(rows[i].name, NULL);
		if (!c)
			continue;
		if (composition_build(c, &r, 2 * SZ_2M, err, sizeof(err))) {
			tap_fail(__FILE__, __LINE__, "%s: %s", rows[i].name,
				 err);
			composition_free(c);
			continue;
		}
		if (rows[i].aligned)
			CHECK_INT((uintptr_t)r.addr % SZ_2M, 0);
		if (one_vma(&r, &v)) {
			if (!has_flag(&v, rows[i].flag) ||
			    has_flag(&v, rows[i].not_flag) ||
			    has_flag(&v, "sh") != rows[i].shared)
				tap_fail(__FILE__, __LINE__, "%s: VmFlags%s",
					 rows[i].name, v.flags);
			if (!strcmp(rows[i].name, "memfd"))
				CHECK_CONTAINS(v.path, "/memfd:memfd");
			if (!strcmp(rows[i].name, "anon-thp") &&
			    thp_works_here())
				CHECK_INT(v.thp_eligible, 1);
			if (!strcmp(rows[i].name, "anon-4k"))
				CHECK_INT(v.thp_eligible, 0);
		}
		CHECK_INT(((volatile char *)r.addr)[r.len - 1 - 4095], 1);
		composition_teardown(c, &r);
		CHECK(r.mapping == NULL);
		composition_free(c);
	}
}

/* A tree like 6.18's: 16K..2M per-size controls, global madvise. */
static const char *mthp_tree(const char *name)
{
	const char *root = fake_sysfs(name);

	tree_write(root, MM_THP_DIR "/enabled", "always [madvise] never\n");
	tree_write(root, MM_THP_DIR "/hugepages-16kB/enabled",
		   "always inherit madvise [never]\n");
	tree_write(root, MM_THP_DIR "/hugepages-64kB/enabled",
		   "always inherit madvise [never]\n");
	tree_write(root, MM_THP_DIR "/hugepages-128kB/enabled",
		   "[always] inherit madvise never\n");
	tree_write(root, MM_THP_DIR "/hugepages-256kB/enabled",
		   "always inherit madvise [never]\n");
	tree_write(root, MM_THP_DIR "/hugepages-2048kB/enabled",
		   "always [inherit] madvise never\n");
	tree_write(root, MM_THP_DIR "/shmem_enabled",
		   "always within_size advise [never] deny force\n");
	return root;
}

static void check_tree(const char *root, const char *rel, const char *want)
{
	char *text = tree_read(root, rel);

	if (!text || strcmp(text, want))
		tap_fail(__FILE__, __LINE__, "%s = \"%s\", want \"%s\"", rel,
			 text ? text : "(none)", want);
	free(text);
}

static void test_mthp_settings(void)
{
	const char *root = mthp_tree("sysfs-mthp");
	struct mm_settings s;
	struct composition *c;
	struct region r;
	char err[1024];
	struct vma v;

	setenv(SYSFS_ROOT_ENV, root, 1);
	c = new_comp("anon-mthp-64K", NULL);
	if (!c)
		goto out;
	CHECK(!composition_available(c, 4 << 20, err, sizeof(err)));
	/* planned: 64K on for madvise, every larger enabled size off */
	CHECK(!composition_settings(c, &s, err, sizeof(err)));
	CHECK_INT(s.count, 3);
	if (s.count == 3) {
		CHECK_CONTAINS(s.items[0].path, "hugepages-64kB/enabled");
		CHECK_STR(s.items[0].value, "madvise");
		CHECK_STR(s.items[0].old, "never");
		CHECK_CONTAINS(s.items[1].path, "hugepages-128kB/enabled");
		CHECK_STR(s.items[1].value, "never");
		CHECK_STR(s.items[1].old, "always");
		CHECK_CONTAINS(s.items[2].path, "hugepages-2048kB/enabled");
		CHECK_STR(s.items[2].value, "never");
		CHECK_STR(s.items[2].old, "inherit");
	}
	/* while applied, then put back */
	CHECK(!mm_settings_apply(&s, err, sizeof(err)));
	check_tree(root, MM_THP_DIR "/hugepages-64kB/enabled", "madvise\n");
	check_tree(root, MM_THP_DIR "/hugepages-128kB/enabled", "never\n");
	check_tree(root, MM_THP_DIR "/hugepages-2048kB/enabled", "never\n");
	check_tree(root, MM_THP_DIR "/hugepages-16kB/enabled",
		   "always inherit madvise [never]\n");
	CHECK(!mm_settings_restore(&s, err, sizeof(err)));
	check_tree(root, MM_THP_DIR "/hugepages-64kB/enabled", "never\n");
	check_tree(root, MM_THP_DIR "/hugepages-128kB/enabled", "always\n");
	check_tree(root, MM_THP_DIR "/hugepages-2048kB/enabled", "inherit\n");

	/* a whole build: values put back, noted, range frozen with nh */
	tree_write(root, MM_THP_DIR "/hugepages-64kB/enabled",
		   "always inherit madvise [never]\n");
	if (!host_has_thp()) {
		tap_skip("builds: no THP in this kernel");
	} else if (!composition_build(c, &r, 4 << 20, err, sizeof(err))) {
		check_tree(root, MM_THP_DIR "/hugepages-64kB/enabled",
			   "never\n");
		check_tree(root, MM_THP_DIR "/hugepages-2048kB/enabled",
			   "inherit\n");
		CHECK_STR(c->settings_note,
			  "hugepages-64kB/enabled=madvise hugepages-128kB/enabled=never hugepages-2048kB/enabled=never");
		CHECK_INT((uintptr_t)r.addr % SZ_2M, 0);
		if (one_vma(&r, &v) &&
		    (!has_flag(&v, "nh") || has_flag(&v, "hg")))
			tap_fail(__FILE__, __LINE__, "VmFlags%s", v.flags);
		composition_teardown(c, &r);
	} else {
		tap_fail(__FILE__, __LINE__, "build: %s", err);
	}

	/* a build that fails after the values were set puts them back */
	tree_write(root, MM_THP_DIR "/hugepages-64kB/enabled",
		   "always inherit madvise [never]\n");
	CHECK(composition_build(c, &r, (size_t)1 << 62, err, sizeof(err)));
	CHECK_CONTAINS(err, "reserving");
	CHECK(r.mapping == NULL);
	check_tree(root, MM_THP_DIR "/hugepages-64kB/enabled", "never\n");
	check_tree(root, MM_THP_DIR "/hugepages-128kB/enabled", "always\n");

	/* nothing to change when the kernel already gives 64K only */
	tree_write(root, MM_THP_DIR "/hugepages-64kB/enabled", "always\n");
	tree_write(root, MM_THP_DIR "/hugepages-128kB/enabled", "never\n");
	tree_write(root, MM_THP_DIR "/enabled", "never\n");
	CHECK(!composition_settings(c, &s, err, sizeof(err)));
	CHECK_INT(s.count, 0);

	/* not writable (only meaningful when not root) */
	if (geteuid()) {
		char path[1024];

		tree_write(root, MM_THP_DIR "/hugepages-64kB/enabled",
			   "[never]\n");
		snprintf(path, sizeof(path), "%s/%s/hugepages-64kB/enabled",
			 root, MM_THP_DIR);
		chmod(path, 0444);
		CHECK(composition_available(c, 4 << 20, err, sizeof(err)));
		CHECK_CONTAINS(err, "hugepages-64kB/enabled to madvise");
		CHECK_CONTAINS(err, "run as root");
	}
	composition_free(c);
out:
	unsetenv(SYSFS_ROOT_ENV);
}

static void test_mthp_unsupported(void)
{
	const char *old = fake_sysfs("sysfs-6.1");
	const char *other = fake_sysfs("sysfs-no64k");
	struct composition *c = new_comp("anon-mthp-64K", NULL);
	char why[1024];

	if (!c)
		return;
	tree_write(old, MM_THP_DIR "/enabled", "always [madvise] never\n");
	setenv(SYSFS_ROOT_ENV, old, 1);
	CHECK(composition_available(c, 64 << 10, why, sizeof(why)));
	CHECK_CONTAINS(why, "needs the per-size mTHP control (Linux 6.8+)");
	tree_write(other, MM_THP_DIR "/hugepages-16kB/enabled", "[never]\n");
	tree_write(other, MM_THP_DIR "/hugepages-2048kB/enabled",
		   "[inherit]\n");
	setenv(SYSFS_ROOT_ENV, other, 1);
	CHECK(composition_available(c, 64 << 10, why, sizeof(why)));
	CHECK_CONTAINS(why, "hugepages-64kB/enabled; this kernel has: 16K 2M");
	unsetenv(SYSFS_ROOT_ENV);
	composition_free(c);
}

static void test_thp_needed(void)
{
	const char *root = fake_sysfs("sysfs-thp");
	struct composition *thp = new_comp("anon-thp", NULL);
	struct composition *mixed0 = new_comp("mixed-thp:0", NULL);
	struct composition *mixed = new_comp("mixed-thp:25", NULL);
	char why[1024];

	if (!thp || !mixed0 || !mixed)
		goto out;
	setenv(SYSFS_ROOT_ENV, root, 1);
	CHECK(composition_available(thp, SZ_2M, why, sizeof(why)));
	CHECK_CONTAINS(why, "needs transparent hugepages (CONFIG_TRANSPARENT_HUGEPAGE)");
	tree_write(root, MM_THP_DIR "/enabled", "always madvise [never]\n");
	CHECK(composition_available(thp, SZ_2M, why, sizeof(why)));
	CHECK_CONTAINS(why, "transparent_hugepage/enabled is [never]: echo madvise > ");
	CHECK(composition_available(mixed, 8 * SZ_2M, why, sizeof(why)));
	CHECK(!composition_available(mixed0, SZ_2M, why, sizeof(why)));
	tree_write(root, MM_THP_DIR "/enabled", "always [madvise] never\n");
	CHECK(!composition_available(thp, SZ_2M, why, sizeof(why)));
	tree_write(root, MM_THP_DIR "/hugepages-2048kB/enabled",
		   "always inherit madvise [never]\n");
	CHECK(composition_available(thp, SZ_2M, why, sizeof(why)));
	CHECK_CONTAINS(why, "hugepages-2048kB/enabled is [never]: echo inherit >");
	tree_write(root, MM_THP_DIR "/enabled", "always madvise [never]\n");
	tree_write(root, MM_THP_DIR "/hugepages-2048kB/enabled",
		   "always inherit [madvise] never\n");
	CHECK(!composition_available(thp, SZ_2M, why, sizeof(why)));
out:
	unsetenv(SYSFS_ROOT_ENV);
	composition_free(thp);
	composition_free(mixed0);
	composition_free(mixed);
}

static void test_shmem_thp_settings(void)
{
	const char *root = mthp_tree("sysfs-shmem");
	struct composition *c = new_comp("shmem-thp", NULL);
	struct mm_settings s;
	struct region r;
	char err[1024];
	struct vma v;

	if (!c)
		return;
	setenv(SYSFS_ROOT_ENV, root, 1);
	CHECK(!composition_settings(c, &s, err, sizeof(err)));
	CHECK_INT(s.count, 1);
	if (s.count == 1) {
		CHECK_CONTAINS(s.items[0].path, MM_THP_DIR "/shmem_enabled");
		CHECK_STR(s.items[0].value, "advise");
		CHECK_STR(s.items[0].old, "never");
	}
	if (!host_has_thp()) {
		tap_skip("build: no THP in this kernel");
	} else if (!composition_build(c, &r, 2 * SZ_2M, err, sizeof(err))) {
		check_tree(root, MM_THP_DIR "/shmem_enabled", "never\n");
		CHECK_STR(c->settings_note, "shmem_enabled=advise");
		CHECK_INT((uintptr_t)r.addr % SZ_2M, 0);
		if (one_vma(&r, &v) &&
		    (!has_flag(&v, "hg") || !has_flag(&v, "sh")))
			tap_fail(__FILE__, __LINE__, "VmFlags%s", v.flags);
		composition_teardown(c, &r);
	} else {
		tap_fail(__FILE__, __LINE__, "build: %s", err);
	}
	/* deny is off too; 6.11+: the PMD size's own control */
	tree_write(root, MM_THP_DIR "/shmem_enabled", "[deny]\n");
	tree_write(root, MM_THP_DIR "/hugepages-2048kB/shmem_enabled",
		   "always inherit within_size advise [never]\n");
	CHECK(!composition_settings(c, &s, err, sizeof(err)));
	CHECK_INT(s.count, 2);
	tree_write(root, MM_THP_DIR "/shmem_enabled", "[always]\n");
	tree_write(root, MM_THP_DIR "/hugepages-2048kB/shmem_enabled",
		   "[inherit]\n");
	CHECK(!composition_settings(c, &s, err, sizeof(err)));
	CHECK_INT(s.count, 0);
	unlink(scratch_path("sysfs-shmem/" MM_THP_DIR "/shmem_enabled"));
	CHECK(composition_available(c, SZ_2M, err, sizeof(err)));
	CHECK_CONTAINS(err, "needs shmem transparent hugepages");
	unsetenv(SYSFS_ROOT_ENV);
	composition_free(c);
}

/* ---- hugetlb ------------------------------------------------------------ */

static void test_hugetlb_needed(void)
{
	const char *root = fake_sysfs("sysfs-hugetlb");
	struct composition *c2m = new_comp("hugetlb-2m", NULL);
	struct composition *c1g = new_comp("hugetlb-1g", NULL);
	struct composition *memfd = new_comp("memfd-hugetlb", NULL);
	char why[2048];

	if (!c2m || !c1g || !memfd)
		goto out;
	tree_write(root, MM_HUGETLB_DIR "/hugepages-2048kB/free_hugepages",
		   "3\n");
	tree_write(root, MM_HUGETLB_DIR "/hugepages-2048kB/resv_hugepages",
		   "1\n");
	tree_write(root, MM_HUGETLB_DIR "/hugepages-2048kB/nr_hugepages",
		   "3\n");
	setenv(SYSFS_ROOT_ENV, root, 1);
	CHECK(!composition_available(c2m, 2 * SZ_2M, why, sizeof(why)));
	CHECK(!composition_available(memfd, 2 * SZ_2M, why, sizeof(why)));
	CHECK(composition_available(c2m, 4 * SZ_2M, why, sizeof(why)));
	CHECK_CONTAINS(why, "needs 4 free 2M hugetlb pages for 8M, 2 free (free_hugepages 3, resv_hugepages 1 in ");
	CHECK_CONTAINS(why, "reserve them on the kernel command line: hugepagesz=2M hugepages=4 (scripts/guest.sh --append 'hugepagesz=2M hugepages=4')");
	CHECK_CONTAINS(why, "echo 5 > ");
	CHECK(composition_available(memfd, 4 * SZ_2M, why, sizeof(why)));
	CHECK_CONTAINS(why, "needs 4 free 2M hugetlb pages");
	CHECK(composition_available(c1g, 1UL << 30, why, sizeof(why)));
	CHECK_CONTAINS(why, "needs hugetlb pages of 1G, which this kernel does not offer");
	tree_write(root, MM_HUGETLB_DIR "/hugepages-1048576kB/free_hugepages",
		   "0\n");
	CHECK(composition_available(c1g, 2UL << 30, why, sizeof(why)));
	CHECK_CONTAINS(why, "needs 2 free 1G hugetlb pages for 2G, 0 free");
	CHECK_CONTAINS(why, "hugepagesz=1G hugepages=2");
	CHECK(!strstr(why, "echo"));	/* 1G: the command line only */
out:
	unsetenv(SYSFS_ROOT_ENV);
	composition_free(c2m);
	composition_free(c1g);
	composition_free(memfd);
}

/* With real hugetlb pages reserved on this host: the mappings are hugetlb. */
static void test_hugetlb_mapping(void)
{
	static const char *const names[] = { "hugetlb-2m", "memfd-hugetlb" };
	char err[2048];
	struct region r;
	size_t i;

	for (i = 0; i < 2; i++) {
		struct composition *c = new_comp(names[i], NULL);
		struct vma v = { 0 };

		if (!c)
			continue;
		if (composition_available(c, 2 * SZ_2M, err, sizeof(err))) {
			tap_skip("%s: %s", names[i], err);
			composition_free(c);
			continue;
		}
		if (!composition_build(c, &r, 2 * SZ_2M, err, sizeof(err))) {
			CHECK_INT((uintptr_t)r.addr % SZ_2M, 0);
			if (one_vma(&r, &v) &&
			    (!has_flag(&v, "ht") || has_flag(&v, "sh") != i))
				tap_fail(__FILE__, __LINE__, "%s: VmFlags%s",
					 names[i], v.flags);
			if (i == 1)
				CHECK_CONTAINS(v.path, "/memfd:memfd-hugetlb");
			CHECK_INT(((volatile char *)r.addr)[SZ_2M + 4096], 1);
			composition_teardown(c, &r);
		} else {
			tap_fail(__FILE__, __LINE__, "%s: %s", names[i], err);
		}
		composition_free(c);
	}
}

/* ---- file-backed ------------------------------------------------------- */

static bool dir_on(const char *dir, unsigned long magic)
{
	struct statfs st;

	return !statfs(dir, &st) && (unsigned long)st.f_type == magic;
}

/* A directory on tmpfs / ext4 here, or NULL. */
static const char *tmpfs_dir(void)
{
	if (dir_on("/dev/shm", TMPFS_MAGIC))
		return "/dev/shm";
	if (dir_on("/tmp", TMPFS_MAGIC))
		return "/tmp";
	return NULL;
}

static const char *ext4_dir(void)
{
	const char *env = getenv("PINBENCH_EXT4_DIR");

	if (env && dir_on(env, EXT4_SUPER_MAGIC))
		return env;
	if (dir_on(scratch_dir(), EXT4_SUPER_MAGIC))
		return scratch_dir();
	return NULL;
}

static void test_file_dirs(void)
{
	const char *tmpfs = tmpfs_dir(), *ext4 = ext4_dir();
	const char *saved_env = getenv("PINBENCH_EXT4_DIR");
	char *saved = saved_env ? strdup(saved_env) : NULL;
	const char *dirs[2];
	struct composition_options o = { .file_dirs = dirs };
	struct composition *c;
	char why[2048];

	unsetenv("PINBENCH_EXT4_DIR");
	c = new_comp("file-ext4", NULL);
	if (c) {
		CHECK(composition_available(c, 1 << 20, why, sizeof(why)));
		CHECK_STR(why, "needs a directory on an ext4 filesystem: --file-dir DIR or PINBENCH_EXT4_DIR=DIR");
	}
	composition_free(c);
	if (tmpfs) {
		dirs[0] = tmpfs;
		o.nr_file_dirs = 1;
		c = new_comp("file-ext4", &o);
		if (c) {
			CHECK(composition_available(c, 1 << 20, why,
						    sizeof(why)));
			CHECK_CONTAINS(why, "needs a directory on an ext4 filesystem (statfs f_type 0xef53), and --file-dir is not (");
			CHECK_CONTAINS(why, " is on tmpfs)");
		}
		composition_free(c);
	}
	if (ext4) {
		setenv("PINBENCH_EXT4_DIR", ext4, 1);
		c = new_comp("file-ext4", NULL);
		if (c) {
			CHECK(!composition_available(c, 1 << 20, why,
						     sizeof(why)));
			CHECK_STR(c->file_dir, ext4);
			/* a size the filesystem cannot hold */
			c->file_dir[0] = '\0';
			CHECK(composition_available(c, (uint64_t)1 << 55, why,
						    sizeof(why)));
			CHECK_CONTAINS(why, "needs 33554432G free in");
		}
		composition_free(c);
		unsetenv("PINBENCH_EXT4_DIR");
	}
	if (ext4 && tmpfs) {
		/* each file composition takes the --file-dir on its fs */
		dirs[0] = ext4;
		dirs[1] = tmpfs;
		o.nr_file_dirs = 2;
		c = new_comp("file-tmpfs", &o);
		if (c && !composition_available(c, 1 << 20, why, sizeof(why)))
			CHECK_STR(c->file_dir, tmpfs);
		composition_free(c);
		c = new_comp("file-ext4", &o);
		if (c && !composition_available(c, 1 << 20, why, sizeof(why)))
			CHECK_STR(c->file_dir, ext4);
		composition_free(c);
		dirs[0] = ext4;
		o.nr_file_dirs = 1;
		c = new_comp("file-tmpfs", &o);
		if (c) {
			CHECK(composition_available(c, 1 << 20, why,
						    sizeof(why)));
			CHECK_CONTAINS(why, "needs a directory on tmpfs, and none of --file-dir is (");
		}
		composition_free(c);
	} else {
		tap_skip("partly: tmpfs %s, ext4 %s", tmpfs ? tmpfs :
			 "none", ext4 ? ext4 : "none");
	}
	if (saved)
		setenv("PINBENCH_EXT4_DIR", saved, 1);
	free(saved);
}

/* A file on the right filesystem, written whole, shared, gone after. */
static void check_file_build(const char *name, const char *dir,
			     unsigned long magic)
{
	const char *dirs[1] = { dir };
	struct composition_options o = { .file_dirs = dirs,
					 .nr_file_dirs = 1 };
	struct composition *c = new_comp(name, &o);
	char err[2048], file[1024], note[1200];
	struct region r;
	struct stat st;
	struct vma v;
	size_t off;

	if (!c)
		return;
	if (composition_build(c, &r, 1 << 20, err, sizeof(err))) {
		tap_fail(__FILE__, __LINE__, "%s: %s", name, err);
		composition_free(c);
		return;
	}
	CHECK(r.file != NULL);
	snprintf(file, sizeof(file), "%s", r.file ? r.file : "");
	CHECK(!strncmp(file, dir, strlen(dir)));
	CHECK(dir_on(file, magic));
	CHECK(!stat(file, &st) && st.st_size == 1 << 20);
	if (one_vma(&r, &v)) {
		CHECK_STR(v.path, file);
		if (!has_flag(&v, "sh") || !has_flag(&v, "wr"))
			tap_fail(__FILE__, __LINE__, "VmFlags%s", v.flags);
	}
	for (off = 0; off < r.len; off += 4096)
		if (((volatile char *)r.addr)[off] != 1)
			break;
	CHECK_INT(off, r.len);	/* the file's content, every page */
	composition_note(c, note, sizeof(note));
	CHECK_CONTAINS(note, "dir=");
	CHECK_CONTAINS(note, dir);
	composition_teardown(c, &r);
	CHECK(access(file, F_OK));	/* unlinked */
	composition_free(c);
}

static void test_file_mappings(void)
{
	const char *tmpfs = tmpfs_dir(), *ext4 = ext4_dir();

	if (tmpfs)
		check_file_build("file-tmpfs", tmpfs, TMPFS_MAGIC);
	else
		tap_skip("file-tmpfs: no tmpfs at /dev/shm or /tmp");
	if (ext4)
		check_file_build("file-ext4", ext4, EXT4_SUPER_MAGIC);
	else
		tap_skip("file-ext4: no ext4 directory (PINBENCH_EXT4_DIR)");
}

TAP_SUITE(compositions,
	{ "every composition: canonical name, req_mix, size unit, huge share",
	  test_names_and_requests },
	{ "bad names refused with what is wrong; --layout as default",
	  test_bad_names },
	{ "mixed-thp blocks: 25% of 8 interleaved H...H..., clustered HH......",
	  test_mixed_layout_blocks },
	{ "mixed-thp mappings: hg/nh per 2M block in /proc/self/smaps",
	  test_mixed_layout_mappings },
	{ "anon-4k nh, anon-thp hg 2M-aligned, shmem-4k and memfd sh+nh",
	  test_anon_and_shmem_mappings },
	{ "anon-mthp: its size on, larger off while faulting, put back (also on error), range nh after",
	  test_mthp_settings },
	{ "anon-mthp without the per-size control: needs Linux 6.8+",
	  test_mthp_unsupported },
	{ "anon-thp, mixed-thp need THP for madvised ranges",
	  test_thp_needed },
	{ "shmem-thp: shmem_enabled advise while faulting when never/deny, put back",
	  test_shmem_thp_settings },
	{ "hugetlb-2m/1g, memfd-hugetlb: free pages counted, how to reserve them",
	  test_hugetlb_needed },
	{ "hugetlb-2m mapping (when this host has hugetlb pages)",
	  test_hugetlb_mapping },
	{ "file-tmpfs / file-ext4: directory on the right filesystem, or what is needed",
	  test_file_dirs },
	{ "file-tmpfs / file-ext4: the file written, mapped shared, unlinked at teardown",
	  test_file_mappings },
);
