#include <errno.h>
#include <inttypes.h>
#include <linux/magic.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "compositions.h"
#include "option_table.h"
#include "sizes.h"
#include "sysinfo.h"

#define SZ_2M	(UINT64_C(2) << 20)
#define SZ_1G	(UINT64_C(1) << 30)

/* Older headers: the size bits of MAP_HUGETLB / MFD_HUGETLB (log2 << 26). */
#ifndef MAP_HUGE_SHIFT
#define MAP_HUGE_SHIFT	26
#endif
#ifndef MFD_HUGE_SHIFT
#define MFD_HUGE_SHIFT	26
#endif
#define HUGE_SIZE_BITS(size, shift) \
	((unsigned int)__builtin_ctzll(size) << (shift))

#define EXT4_DIR_ENV	"PINBENCH_EXT4_DIR"

const char *const mixed_layout_names[NR_LAYOUTS] = {
	[LAYOUT_INTERLEAVED] = "interleaved",
	[LAYOUT_CLUSTERED] = "clustered",
};

int mixed_layout_parse(const char *text, enum mixed_layout *layout)
{
	int i;

	for (i = 0; i < NR_LAYOUTS; i++) {
		if (!strcmp(text, mixed_layout_names[i])) {
			*layout = (enum mixed_layout)i;
			return 0;
		}
	}
	return -1;
}

static size_t base_page(void)
{
	return (size_t)sysconf(_SC_PAGESIZE);
}

/* ---- what the machine must have ---------------------------------------- */

/* THP of the PMD size for MADV_HUGEPAGE ranges: anon-thp, mixed-thp. */
static int need_pmd_thp(char *why, size_t len)
{
	char global[MM_PATH_MAX], per_size[MM_PATH_MAX], mode[MM_VALUE_MAX];
	int enabled = thp_anon_size_enabled(SZ_2M);

	if (enabled == 1)
		return 0;
	mm_sysfs_path(global, sizeof(global), MM_THP_DIR "/enabled");
	if (enabled < 0) {
		snprintf(why, len,
			 "needs transparent hugepages (CONFIG_TRANSPARENT_HUGEPAGE): %s is missing",
			 global);
		return -1;
	}
	thp_size_path(per_size, sizeof(per_size), SZ_2M, "enabled");
	if (!mm_sysfs_read_choice(per_size, mode, sizeof(mode)) &&
	    strcmp(mode, "inherit")) {
		snprintf(why, len,
			 "needs transparent hugepages of 2M for MADV_HUGEPAGE ranges, but %s is [%s]: echo inherit > %s (and madvise in %s)",
			 per_size, mode, per_size, global);
		return -1;
	}
	snprintf(why, len,
		 "needs transparent hugepages for MADV_HUGEPAGE ranges, but %s is [never]: echo madvise > %s",
		 global, global);
	return -1;
}

static int thp_available(struct composition *c, uint64_t size, char *why,
			 size_t len)
{
	(void)c;
	(void)size;
	return need_pmd_thp(why, len);
}

static int mixed_available(struct composition *c, uint64_t size, char *why,
			   size_t len)
{
	(void)size;
	return c->huge_pct ? need_pmd_thp(why, len) : 0;
}

static int mthp_available(struct composition *c, uint64_t size, char *why,
			  size_t len)
{
	char path[MM_PATH_MAX], list[256], one[32];
	uint64_t sizes[32];
	size_t n, i, used = 0;

	(void)size;
	thp_size_path(path, sizeof(path), c->folio_size, "enabled");
	if (!access(path, F_OK))
		return 0;
	n = thp_anon_sizes(sizes, sizeof(sizes) / sizeof(sizes[0]));
	if (!n) {
		snprintf(why, len,
			 "needs the per-size mTHP control (Linux 6.8+): there is no %s",
			 path);
		return -1;
	}
	list[0] = '\0';
	for (i = 0; i < n && used < sizeof(list); i++) {
		size_format(sizes[i], one, sizeof(one));
		used += (size_t)snprintf(list + used, sizeof(list) - used,
					 "%s%s", i ? " " : "", one);
	}
	snprintf(why, len,
		 "needs the per-size mTHP control (Linux 6.8+) of its size, but there is no %s; this kernel has: %s",
		 path, list);
	return -1;
}

/*
 * While the range faults in: its size enabled for MADV_HUGEPAGE ranges,
 * every larger size off (the kernel takes the largest order that fits,
 * and khugepaged would collapse into PMD folios).
 */
static int mthp_settings(const struct composition *c, struct mm_settings *s,
			 char *err, size_t errlen)
{
	char path[MM_PATH_MAX];
	uint64_t sizes[32];
	size_t n, i;

	thp_size_path(path, sizeof(path), c->folio_size, "enabled");
	if (thp_anon_size_enabled(c->folio_size) != 1 &&
	    mm_settings_want(s, path, "madvise", err, errlen))
		return -1;
	n = thp_anon_sizes(sizes, sizeof(sizes) / sizeof(sizes[0]));
	for (i = 0; i < n; i++) {
		if (sizes[i] <= c->folio_size ||
		    thp_anon_size_enabled(sizes[i]) != 1)
			continue;
		thp_size_path(path, sizeof(path), sizes[i], "enabled");
		if (mm_settings_want(s, path, "never", err, errlen))
			return -1;
	}
	return 0;
}

static bool shmem_mode_gets_it(const char *mode)
{
	return !strcmp(mode, "always") || !strcmp(mode, "within_size") ||
	       !strcmp(mode, "advise") || !strcmp(mode, "force");
}

/*
 * shmem THP for a MADV_HUGEPAGE range: shmem_enabled not never/deny, and
 * (6.11+) the PMD size's own shmem_enabled not never.
 */
static int shmem_thp_settings(const struct composition *c,
			      struct mm_settings *s, char *err, size_t errlen)
{
	char global[MM_PATH_MAX], per_size[MM_PATH_MAX], mode[MM_VALUE_MAX];

	(void)c;
	mm_sysfs_path(global, sizeof(global), MM_THP_DIR "/shmem_enabled");
	if (mm_sysfs_read_choice(global, mode, sizeof(mode))) {
		snprintf(err, errlen,
			 "needs shmem transparent hugepages (CONFIG_TRANSPARENT_HUGEPAGE): %s is missing",
			 global);
		return -1;
	}
	if (!shmem_mode_gets_it(mode) &&
	    mm_settings_want(s, global, "advise", err, errlen))
		return -1;
	thp_size_path(per_size, sizeof(per_size), SZ_2M, "shmem_enabled");
	if (!mm_sysfs_read_choice(per_size, mode, sizeof(mode)) &&
	    !strcmp(mode, "never") &&
	    mm_settings_want(s, per_size, "advise", err, errlen))
		return -1;
	return 0;
}

static int hugetlb_available(struct composition *c, uint64_t size, char *why,
			     size_t len)
{
	uint64_t page = c->kind->hugetlb_page, needed = size / page;
	char page_text[32], size_text[32], dir[MM_PATH_MAX], runtime[800];
	struct hugetlb_pool pool;

	hugetlb_pool_read(page, &pool);
	size_format(page, page_text, sizeof(page_text));
	size_format(size, size_text, sizeof(size_text));
	mm_sysfs_path(dir, sizeof(dir), MM_HUGETLB_DIR "/hugepages-%" PRIu64
		      "kB", page >> 10);
	if (!pool.present) {
		snprintf(why, len,
			 "needs hugetlb pages of %s, which this kernel does not offer: no %s/free_hugepages (CONFIG_HUGETLBFS%s)",
			 page_text, dir,
			 page == SZ_1G ? "; 1G pages need a CPU with pdpe1gb" : "");
		return -1;
	}
	if (pool.usable >= needed)
		return 0;
	runtime[0] = '\0';
	if (page < SZ_1G)
		snprintf(runtime, sizeof(runtime),
			 ", or at run time (may fall short on fragmented memory): echo %" PRIu64 " > %s/nr_hugepages",
			 pool.total + needed - pool.usable, dir);
	snprintf(why, len,
		 "needs %" PRIu64 " free %s hugetlb pages for %s, %" PRIu64 " free (free_hugepages %" PRIu64 ", resv_hugepages %" PRIu64 " in %s): reserve them on the kernel command line: hugepagesz=%s hugepages=%" PRIu64 " (scripts/guest.sh --append 'hugepagesz=%s hugepages=%" PRIu64 "')%s",
		 needed, page_text, size_text, pool.usable, pool.free,
		 pool.resv, dir, page_text, needed, page_text, needed, runtime);
	return -1;
}

static const char *fs_type_name(unsigned long magic)
{
	static const struct {
		unsigned long magic;
		const char *name;
	} names[] = {
		{ EXT4_SUPER_MAGIC, "ext2/3/4" },
		{ TMPFS_MAGIC, "tmpfs" },
		{ RAMFS_MAGIC, "ramfs" },
		{ XFS_SUPER_MAGIC, "xfs" },
		{ BTRFS_SUPER_MAGIC, "btrfs" },
		{ OVERLAYFS_SUPER_MAGIC, "overlayfs" },
		{ NFS_SUPER_MAGIC, "nfs" },
		{ V9FS_MAGIC, "9p" },
		{ 0x65735546, "fuse" },
	};
	static char hex[32];
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].magic == magic)
			return names[i].name;
	snprintf(hex, sizeof(hex), "f_type 0x%lx", magic);
	return hex;
}

/* 0 if dir is on the composition's filesystem, else -1 and what it is. */
static int dir_has_fs(const struct composition *c, const char *dir,
		      char *what, size_t len)
{
	struct statfs st;

	if (statfs(dir, &st)) {
		snprintf(what, len, "%s: %s", dir, strerror(errno));
		return -1;
	}
	if ((unsigned long)st.f_type == c->kind->fs_magic)
		return 0;
	snprintf(what, len, "%s is on %s", dir,
		 fs_type_name((unsigned long)st.f_type));
	return -1;
}

/*
 * The directory of a file-backed composition: the first --file-dir on
 * its filesystem; else tmpfs: /dev/shm, /tmp; ext4: $PINBENCH_EXT4_DIR.
 */
static int choose_file_dir(struct composition *c, char *why, size_t len)
{
	static const char *const tmpfs_defaults[] = { "/dev/shm", "/tmp" };
	const char *const *dirs = c->opts.file_dirs;
	size_t nr = c->opts.nr_file_dirs, i, used = 0;
	const char *env = getenv(EXT4_DIR_ENV);
	char seen[512], what[300];
	const char *source = "--file-dir";

	if (c->file_dir[0])
		return 0;
	if (!nr && c->kind->fs_magic == TMPFS_MAGIC) {
		dirs = tmpfs_defaults;
		nr = 2;
		source = "the defaults";
	} else if (!nr && env && *env) {
		dirs = &env;
		nr = 1;
		source = EXT4_DIR_ENV;
	} else if (!nr) {
		snprintf(why, len,
			 "needs a directory on an %s filesystem: --file-dir DIR or %s=DIR",
			 c->kind->fs_name, EXT4_DIR_ENV);
		return -1;
	}
	seen[0] = '\0';
	for (i = 0; i < nr; i++) {
		if (!dir_has_fs(c, dirs[i], what, sizeof(what))) {
			snprintf(c->file_dir, sizeof(c->file_dir), "%s",
				 dirs[i]);
			return 0;
		}
		if (used < sizeof(seen))
			used += (size_t)snprintf(seen + used,
						 sizeof(seen) - used, "%s%s",
						 i ? "; " : "", what);
	}
	if (c->kind->fs_magic == TMPFS_MAGIC)
		snprintf(why, len,
			 "needs a directory on tmpfs, and none of %s is (%s): mount -t tmpfs tmpfs DIR, then --file-dir DIR",
			 source, seen);
	else
		snprintf(why, len,
			 "needs a directory on an %s filesystem (statfs f_type 0x%lx), and %s is not (%s): --file-dir DIR or %s=DIR",
			 c->kind->fs_name, c->kind->fs_magic, source, seen,
			 EXT4_DIR_ENV);
	return -1;
}

static int file_available(struct composition *c, uint64_t size, char *why,
			  size_t len)
{
	char need[32], have[32];
	struct statvfs st;
	uint64_t avail;

	if (choose_file_dir(c, why, len))
		return -1;
	if (access(c->file_dir, W_OK | X_OK)) {
		snprintf(why, len, "needs to create a file in %s: %s",
			 c->file_dir, strerror(errno));
		return -1;
	}
	if (statvfs(c->file_dir, &st))
		return 0;	/* the write will tell */
	avail = (uint64_t)st.f_bavail * st.f_frsize;
	if (avail >= size)
		return 0;
	size_format(size, need, sizeof(need));
	snprintf(have, sizeof(have), "%.1fG", avail / (1024.0 * 1024 * 1024));
	snprintf(why, len, "needs %s free in %s, %s available", need,
		 c->file_dir, have);
	return -1;
}

/* ---- the builders ------------------------------------------------------ */

static int map_anonymous(struct composition *c, struct region *region,
			 size_t len, int shared, char *err, size_t errlen)
{
	return region_reserve(region, len, c->align, err, errlen) ||
	       region_map(region, shared | MAP_ANONYMOUS, -1,
			  shared == MAP_SHARED ? "shared anonymous" :
						 "anonymous",
			  err, errlen);
}

/* Anonymous memory, private or shared, one madvise, every page written. */
static int map_advise_write(struct composition *c, struct region *region,
			    size_t len, int shared, bool huge, char *err,
			    size_t errlen)
{
	int advice = huge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE;

	if (map_anonymous(c, region, len, shared, err, errlen) ||
	    region_advise(region, 0, len, advice,
			  huge ? "MADV_HUGEPAGE" : "MADV_NOHUGEPAGE", err,
			  errlen))
		return -1;
	region_write_pages(region);
	return 0;
}

/* anon-4k: base pages only, even where THP is "always". */
static int build_anon_4k(struct composition *c, struct region *region,
			 size_t len, char *err, size_t errlen)
{
	return map_advise_write(c, region, len, MAP_PRIVATE, false, err,
				errlen);
}

/* anon-thp: 2M-aligned, so every PMD of it can be a huge page. */
static int build_anon_thp(struct composition *c, struct region *region,
			  size_t len, char *err, size_t errlen)
{
	return map_advise_write(c, region, len, MAP_PRIVATE, true, err,
				errlen);
}

/*
 * anon-mthp-<size>: faulted in under mthp_settings(), then
 * MADV_NOHUGEPAGE: once the sysfs values are back, khugepaged must not
 * collapse the range into PMD folios while it is measured.
 */
static int build_anon_mthp(struct composition *c, struct region *region,
			   size_t len, char *err, size_t errlen)
{
	if (map_advise_write(c, region, len, MAP_PRIVATE, true, err, errlen))
		return -1;
	return region_advise(region, 0, len, MADV_NOHUGEPAGE,
			     "MADV_NOHUGEPAGE", err, errlen);
}

static int map_hugetlb(struct composition *c, struct region *region,
		       size_t len, char *err, size_t errlen)
{
	uint64_t page = c->kind->hugetlb_page;
	int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB |
		    (int)HUGE_SIZE_BITS(page, MAP_HUGE_SHIFT);
	char page_text[32];

	if (region_reserve(region, len, c->align, err, errlen))
		return -1;
	size_format(page, page_text, sizeof(page_text));
	if (region_map(region, flags, -1, "MAP_HUGETLB", err, errlen)) {
		struct hugetlb_pool pool;
		size_t used = strlen(err);

		hugetlb_pool_read(page, &pool);
		snprintf(err + used, errlen - used,
			 " (%" PRIu64 " %s pages needed, %" PRIu64 " free)",
			 (uint64_t)len / page, page_text, pool.usable);
		return -1;
	}
	region_write_pages(region);
	return 0;
}

/* hugetlb-2m: private anonymous MAP_HUGETLB | MAP_HUGE_2MB. */
static int build_hugetlb_2m(struct composition *c, struct region *region,
			    size_t len, char *err, size_t errlen)
{
	return map_hugetlb(c, region, len, err, errlen);
}

/* hugetlb-1g: private anonymous MAP_HUGETLB | MAP_HUGE_1GB. */
static int build_hugetlb_1g(struct composition *c, struct region *region,
			    size_t len, char *err, size_t errlen)
{
	return map_hugetlb(c, region, len, err, errlen);
}

bool mixed_block_is_huge(uint64_t i, uint64_t nblocks, uint64_t nhuge,
			 enum mixed_layout layout)
{
	if (layout == LAYOUT_CLUSTERED)
		return i < nhuge;
	/* each residue below nhuge once per gcd: exactly nhuge, evenly */
	return (i * nhuge) % nblocks < nhuge;
}

/*
 * mixed-thp:<pct>: one madvise per run of 2M blocks alike, MADV_HUGEPAGE
 * on the THP ones, MADV_NOHUGEPAGE on the rest.
 */
static int build_mixed_thp(struct composition *c, struct region *region,
			   size_t len, char *err, size_t errlen)
{
	uint64_t nblocks = len / SZ_2M, nhuge = nblocks * c->huge_pct / 100;
	uint64_t start = 0, i;

	if (map_anonymous(c, region, len, MAP_PRIVATE, err, errlen))
		return -1;
	for (i = 1; i <= nblocks; i++) {
		bool huge = mixed_block_is_huge(start, nblocks, nhuge,
						c->layout);

		if (i < nblocks &&
		    mixed_block_is_huge(i, nblocks, nhuge, c->layout) == huge)
			continue;
		if (region_advise(region, start * SZ_2M, (i - start) * SZ_2M,
				  huge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE,
				  huge ? "MADV_HUGEPAGE" : "MADV_NOHUGEPAGE",
				  err, errlen))
			return -1;
		start = i;
	}
	region_write_pages(region);
	return 0;
}

/* shmem-4k: MAP_SHARED | MAP_ANONYMOUS, MADV_NOHUGEPAGE. */
static int build_shmem_4k(struct composition *c, struct region *region,
			  size_t len, char *err, size_t errlen)
{
	return map_advise_write(c, region, len, MAP_SHARED, false, err, errlen);
}

/*
 * shmem-thp: file offset 0 at a 2M boundary, MADV_HUGEPAGE, faulted in
 * under shmem_thp_settings().
 */
static int build_shmem_thp(struct composition *c, struct region *region,
			   size_t len, char *err, size_t errlen)
{
	return map_advise_write(c, region, len, MAP_SHARED, true, err, errlen);
}

static int map_memfd(struct composition *c, struct region *region,
		     size_t len, unsigned int mfd_flags, char *err,
		     size_t errlen)
{
	int fd, ret;

	if (region_reserve(region, len, c->align, err, errlen))
		return -1;
	fd = memfd_create(c->name, MFD_CLOEXEC | mfd_flags);
	if (fd < 0) {
		snprintf(err, errlen, "memfd_create: %s", strerror(errno));
		return -1;
	}
	if (ftruncate(fd, (off_t)len)) {
		snprintf(err, errlen, "ftruncate memfd: %s", strerror(errno));
		close(fd);
		return -1;
	}
	ret = region_map(region, MAP_SHARED, fd, "memfd", err, errlen);
	close(fd);	/* the mapping holds the file */
	return ret;
}

/* memfd: memfd_create, MAP_SHARED, MADV_NOHUGEPAGE. */
static int build_memfd(struct composition *c, struct region *region,
		       size_t len, char *err, size_t errlen)
{
	if (map_memfd(c, region, len, 0, err, errlen) ||
	    region_advise(region, 0, len, MADV_NOHUGEPAGE, "MADV_NOHUGEPAGE",
			  err, errlen))
		return -1;
	region_write_pages(region);
	return 0;
}

/* memfd-hugetlb: memfd_create(MFD_HUGETLB | MFD_HUGE_2MB), MAP_SHARED. */
static int build_memfd_hugetlb(struct composition *c, struct region *region,
			       size_t len, char *err, size_t errlen)
{
	if (map_memfd(c, region, len,
		      MFD_HUGETLB | HUGE_SIZE_BITS(c->kind->hugetlb_page,
						   MFD_HUGE_SHIFT),
		      err, errlen))
		return -1;
	region_write_pages(region);
	return 0;
}

/*
 * file-*: a file written whole by write() and fsync'ed (clean page cache),
 * mapped MAP_SHARED and read once per page, so the pins find every page
 * mapped; removed at teardown.
 */
static int map_file(struct composition *c, struct region *region, size_t len,
		    char *err, size_t errlen)
{
	char name[128];
	int fd, ret;

	if (choose_file_dir(c, err, errlen) ||
	    region_reserve(region, len, c->align, err, errlen))
		return -1;
	snprintf(name, sizeof(name), "pinbench-%ld-%s.data", (long)getpid(),
		 c->name);
	if (region_fill_file(region, c->file_dir, name, len, &fd, err,
			     errlen))
		return -1;
	ret = region_map(region, MAP_SHARED, fd, region->file, err, errlen);
	close(fd);
	if (!ret)
		region_read_pages(region);
	return ret;
}

/* file-tmpfs: a file on tmpfs (shmem page cache). */
static int build_file_tmpfs(struct composition *c, struct region *region,
			    size_t len, char *err, size_t errlen)
{
	return map_file(c, region, len, err, errlen);
}

/* file-ext4: a file on ext4 (page cache with writeback). */
static int build_file_ext4(struct composition *c, struct region *region,
			   size_t len, char *err, size_t errlen)
{
	return map_file(c, region, len, err, errlen);
}

/* ---- patterns ---------------------------------------------------------- */

/* anon-mthp-<size>: a power of two from two base pages to the PMD size. */
static int parse_mthp(struct composition *c, const char *param, char *err,
		      size_t errlen)
{
	uint64_t bytes;
	char text[32];

	if (size_parse(param, &bytes, err, errlen))
		return -1;
	if (bytes & (bytes - 1) || bytes < 2 * base_page() || bytes > SZ_2M) {
		snprintf(err, errlen,
			 "anon-mthp-%s: the size must be a power of two from 8K to 2M",
			 param);
		return -1;
	}
	size_format(bytes, text, sizeof(text));
	snprintf(c->name, sizeof(c->name), "anon-mthp-%s", text);
	c->folio_size = bytes;
	c->order = (unsigned int)__builtin_ctzll(bytes / base_page());
	c->granule = bytes;
	c->req.order_pct[c->order] = 100;
	c->req.backing_pct[MIX_ANON] = 100;
	return 0;
}

static unsigned int gcd(unsigned int a, unsigned int b)
{
	while (b) {
		unsigned int t = a % b;

		a = b;
		b = t;
	}
	return a;
}

/* mixed-thp:<pct>[:<layout>] */
static int parse_mixed(struct composition *c, const char *param, char *err,
		       size_t errlen)
{
	char pct_text[16], unit[32];
	const char *colon = strchr(param, ':');
	size_t n = colon ? (size_t)(colon - param) : strlen(param);
	unsigned int blocks;
	uint64_t pct;

	if (n >= sizeof(pct_text))
		n = sizeof(pct_text) - 1;
	memcpy(pct_text, param, n);
	pct_text[n] = '\0';
	if (number_parse(pct_text, 100, &pct)) {
		snprintf(err, errlen,
			 "mixed-thp:%s: wants a whole percentage 0..100 of 2M blocks as THP, e.g. mixed-thp:25",
			 param);
		return -1;
	}
	if (colon && mixed_layout_parse(colon + 1, &c->layout)) {
		snprintf(err, errlen,
			 "mixed-thp:%s: unknown layout '%s': interleaved or clustered",
			 param, colon + 1);
		return -1;
	}
	c->huge_pct = (unsigned int)pct;
	snprintf(c->name, sizeof(c->name), "mixed-thp:%u:%s", c->huge_pct,
		 mixed_layout_names[c->layout]);
	/* whole blocks: pct of the blocks must be a whole number */
	blocks = 100 / gcd(c->huge_pct, 100);
	c->granule = blocks * SZ_2M;
	if (blocks > 1) {
		size_format(c->granule, unit, sizeof(unit));
		snprintf(c->granule_what, sizeof(c->granule_what),
			 "unit %s (%u blocks of 2M, %u%% of them THP)", unit,
			 blocks, c->huge_pct);
	}
	c->req.order_pct[PMD_FOLIO_ORDER] = c->huge_pct;
	c->req.order_pct[0] = 100 - c->huge_pct;
	c->req.backing_pct[MIX_ANON] = 100;
	return 0;
}

/* ---- the table --------------------------------------------------------- */

const struct composition_kind composition_kinds[] = {
	{
		.name = "anon-4k",
		.description = "anonymous private memory in base pages (MADV_NOHUGEPAGE)",
		.needs = "nothing",
		.request = "o0=100;anon=100",
		.build = build_anon_4k,
	},
	{
		.name = "anon-thp",
		.description = "anonymous private memory, 2M-aligned, MADV_HUGEPAGE",
		.needs = "THP: transparent_hugepage/enabled always or madvise",
		.request = "o9=100;anon=100",
		.granule = SZ_2M,
		.align = SZ_2M,
		.available = thp_available,
		.build = build_anon_thp,
	},
	{
		.name = "anon-mthp-",
		.usage = "anon-mthp-<size>",
		.description = "anonymous private memory in <size> folios (mTHP; e.g. anon-mthp-64K): while it faults in, hugepages-<N>kB/enabled is madvise and every larger size never, then they are put back; MADV_HUGEPAGE, then MADV_NOHUGEPAGE against khugepaged",
		.expects = "o<order>=100;anon=100",
		.needs = "Linux 6.8+ (transparent_hugepage/hugepages-<N>kB/enabled), root when a value must change",
		.align = SZ_2M,
		.parse = parse_mthp,
		.available = mthp_available,
		.settings = mthp_settings,
		.build = build_anon_mthp,
	},
	{
		.name = "hugetlb-2m",
		.description = "private anonymous MAP_HUGETLB | MAP_HUGE_2MB",
		.needs = "free 2M hugetlb pages for the size (hugepagesz=2M hugepages=N)",
		.request = "o9=100;hugetlb=100;anon=100",
		.granule = SZ_2M,
		.align = SZ_2M,
		.hugetlb_page = SZ_2M,
		.available = hugetlb_available,
		.build = build_hugetlb_2m,
	},
	{
		.name = "hugetlb-1g",
		.description = "private anonymous MAP_HUGETLB | MAP_HUGE_1GB",
		.needs = "free 1G hugetlb pages for the size (kernel command line hugepagesz=1G hugepages=N)",
		.request = "o18=100;hugetlb=100;anon=100",
		.granule = SZ_1G,
		.align = SZ_1G,
		.hugetlb_page = SZ_1G,
		.available = hugetlb_available,
		.build = build_hugetlb_1g,
	},
	{
		.name = "mixed-thp:",
		.usage = "mixed-thp:<pct>[:<layout>]",
		.description = "anonymous private memory, <pct>% of its 2M blocks MADV_HUGEPAGE, the rest MADV_NOHUGEPAGE; layout interleaved (spread evenly) or clustered (THP first), default --layout",
		.expects = "o9=<pct>;o0=<100-pct>;anon=100",
		.needs = "THP (as anon-thp) unless <pct> is 0; sizes in whole blocks: 25% needs multiples of 8M",
		.align = SZ_2M,
		.parse = parse_mixed,
		.available = mixed_available,
		.build = build_mixed_thp,
	},
	{
		.name = "shmem-4k",
		.description = "MAP_SHARED | MAP_ANONYMOUS (shmem) in base pages, MADV_NOHUGEPAGE",
		.needs = "nothing",
		.request = "o0=100;shmem=100",
		.build = build_shmem_4k,
	},
	{
		.name = "shmem-thp",
		.description = "MAP_SHARED | MAP_ANONYMOUS, 2M-aligned, MADV_HUGEPAGE; shmem_enabled (and 6.11+ hugepages-2048kB/shmem_enabled) set to advise while it faults in when never, then put back",
		.needs = "shmem THP (transparent_hugepage/shmem_enabled), root when a value must change",
		.request = "o9=100;shmem=100",
		.granule = SZ_2M,
		.align = SZ_2M,
		.settings = shmem_thp_settings,
		.build = build_shmem_thp,
	},
	{
		.name = "memfd",
		.description = "memfd_create, MAP_SHARED, base pages (MADV_NOHUGEPAGE)",
		.needs = "nothing",
		.request = "o0=100;shmem=100",
		.build = build_memfd,
	},
	{
		.name = "memfd-hugetlb",
		.description = "memfd_create(MFD_HUGETLB | MFD_HUGE_2MB), MAP_SHARED",
		.needs = "free 2M hugetlb pages for the size, as hugetlb-2m",
		.request = "o9=100;hugetlb=100;anon=0",
		.granule = SZ_2M,
		.align = SZ_2M,
		.hugetlb_page = SZ_2M,
		.available = hugetlb_available,
		.build = build_memfd_hugetlb,
	},
	{
		.name = "file-tmpfs",
		.description = "a file on tmpfs written by write(), mapped MAP_SHARED; folio sizes as the mount gives them (not checked)",
		.needs = "a tmpfs directory: --file-dir DIR, else /dev/shm, else /tmp",
		.request = "shmem=100",
		.align = SZ_2M,
		.fs_magic = TMPFS_MAGIC,
		.fs_name = "tmpfs",
		.available = file_available,
		.build = build_file_tmpfs,
	},
	{
		.name = "file-ext4",
		.description = "a file on ext4 written by write() and fsync'ed, mapped MAP_SHARED (dirtying means writeback); folio sizes as ext4 gives them (not checked); FOLL_LONGTERM write pins are refused by 6.5+ kernels (recorded as unsupported)",
		.needs = "an ext4 directory: --file-dir DIR or PINBENCH_EXT4_DIR=DIR, with room for the size",
		.request = "file=100",
		.align = SZ_2M,
		.fs_magic = EXT4_SUPER_MAGIC,
		.fs_name = "ext4",
		.writeback = true,
		.available = file_available,
		.build = build_file_ext4,
	},
};

const size_t nr_composition_kinds =
	sizeof(composition_kinds) / sizeof(composition_kinds[0]);

/* ---- instances --------------------------------------------------------- */

static const char *kind_usage(const struct composition_kind *kind)
{
	return kind->usage ? kind->usage : kind->name;
}

void composition_names(char *buf, size_t len)
{
	size_t i, used = 0;

	buf[0] = '\0';
	for (i = 0; i < nr_composition_kinds && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s",
					 i ? ", " : "",
					 kind_usage(&composition_kinds[i]));
}

static struct composition *instance_of(const struct composition_kind *kind,
				       const struct composition_options *opts)
{
	struct composition *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->kind = kind;
	snprintf(c->name, sizeof(c->name), "%s", kind->name);
	if (!kind->request || mix_parse_request(kind->request, &c->req))
		mix_request_init(&c->req);
	c->granule = kind->granule;
	snprintf(c->granule_what, sizeof(c->granule_what), "page size");
	c->align = kind->align;
	c->folio_size = kind->hugetlb_page;
	if (opts)
		c->opts = *opts;
	c->layout = c->opts.layout;
	return c;
}

struct composition *composition_new(const char *name,
				    const struct composition_options *opts,
				    char *err, size_t errlen)
{
	const struct composition_kind *kind;
	struct composition *c;
	char known[512];
	size_t i, stem;

	for (i = 0; i < nr_composition_kinds; i++) {
		kind = &composition_kinds[i];
		stem = strlen(kind->name);
		if (!kind->parse ? strcmp(name, kind->name) :
				   strncmp(name, kind->name, stem))
			continue;
		c = instance_of(kind, opts);
		if (!c) {
			snprintf(err, errlen, "out of memory");
			return NULL;
		}
		if (kind->parse && kind->parse(c, name + stem, err, errlen)) {
			composition_free(c);
			return NULL;
		}
		c->req_huge_pct = mix_request_huge_pct(&c->req);
		return c;
	}
	composition_names(known, sizeof(known));
	for (i = 0; i < nr_composition_kinds; i++) {
		kind = &composition_kinds[i];
		stem = strlen(kind->name);
		/* "mixed-thp" or "anon-mthp": a pattern without its part */
		if (kind->parse && !strncmp(name, kind->name, stem - 1) &&
		    !name[stem - 1]) {
			snprintf(err, errlen, "composition '%s' needs its parameter: %s",
				 name, kind_usage(kind));
			return NULL;
		}
	}
	snprintf(err, errlen, "unknown composition '%s'; known: %s", name,
		 known);
	return NULL;
}

void composition_free(struct composition *c)
{
	free(c);
}

size_t composition_granule(const struct composition *c)
{
	return c->granule ? c->granule : base_page();
}

int composition_settings(const struct composition *c, struct mm_settings *s,
			 char *err, size_t errlen)
{
	memset(s, 0, sizeof(*s));
	return c->kind->settings ? c->kind->settings(c, s, err, errlen) : 0;
}

/*
 * A range is built whole before it is pinned: more than the kernel can give
 * without swapping would page it out under the run, or wake the OOM killer
 * on the user's machine. Hugetlb ranges come from the pool (available()).
 */
static int memory_available(const struct composition *c, uint64_t size,
			    char *why, size_t len)
{
	char need[32], have[32];
	uint64_t avail;

	if (c->kind->hugetlb_page || mem_available_bytes(&avail) ||
	    size <= avail)
		return 0;
	size_format(size, need, sizeof(need));
	snprintf(have, sizeof(have), "%.1fG", avail / (1024.0 * 1024 * 1024));
	snprintf(why, len,
		 "needs %s of memory to build the range, MemAvailable is %s (/proc/meminfo): a smaller size, or free memory first",
		 need, have);
	return -1;
}

int composition_available(struct composition *c, uint64_t size, char *why,
			  size_t len)
{
	struct mm_settings settings;

	if (c->kind->available && c->kind->available(c, size, why, len))
		return -1;
	if (memory_available(c, size, why, len))
		return -1;
	if (composition_settings(c, &settings, why, len))
		return -1;
	return mm_settings_check_writable(&settings, why, len);
}

int composition_build(struct composition *c, struct region *region,
		      size_t len, char *err, size_t errlen)
{
	struct mm_settings settings;
	char restore_err[600];
	sigset_t stop, old;
	int ret;

	memset(region, 0, sizeof(*region));
	c->settings_note[0] = '\0';
	if (composition_settings(c, &settings, err, errlen))
		return -1;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigprocmask(SIG_BLOCK, &stop, &old);
	ret = mm_settings_apply(&settings, err, errlen);
	if (!ret) {
		ret = c->kind->build(c, region, len, err, errlen);
		if (mm_settings_restore(&settings, restore_err,
					sizeof(restore_err)) && !ret) {
			snprintf(err, errlen, "%s", restore_err);
			ret = -1;
		}
	}
	if (ret)
		region_release(region);
	else
		mm_settings_describe(&settings, c->settings_note,
				     sizeof(c->settings_note));
	sigprocmask(SIG_SETMASK, &old, NULL);
	return ret;
}

void composition_teardown(struct composition *c, struct region *region)
{
	(void)c;
	region_release(region);
}

void composition_note(const struct composition *c, char *buf, size_t len)
{
	int n = 0;

	if (!len)
		return;
	buf[0] = '\0';
	if (c->kind->fs_magic && c->file_dir[0])
		n = snprintf(buf, len, "dir=%s", c->file_dir);
	if (c->settings_note[0] && n >= 0 && (size_t)n < len)
		snprintf(buf + n, len - (size_t)n, "%sset while faulting: %s",
			 n ? " " : "", c->settings_note);
}

/* What --sizes must be a multiple of; a pattern's depends on its part. */
static void granule_help(const struct composition_kind *kind, char *buf,
			 size_t len)
{
	char size[32];

	size_format(kind->granule ? kind->granule : base_page(), size,
		    sizeof(size));
	if (kind->parse)
		buf[0] = '\0';
	else
		snprintf(buf, len, " Sizes in multiples of %s.", size);
}

void composition_help(FILE *f)
{
	char text[1024], granule[64];
	size_t i;

	for (i = 0; i < nr_composition_kinds; i++) {
		const struct composition_kind *kind = &composition_kinds[i];

		fprintf(f, "    %s\n", kind_usage(kind));
		granule_help(kind, granule, sizeof(granule));
		snprintf(text, sizeof(text), "%s. Expects %s. Needs %s.%s",
			 kind->description,
			 kind->expects ? kind->expects : kind->request,
			 kind->needs, granule);
		fprintf(f, "%8s", "");
		opt_print_folded(f, text, 8, 78);
	}
}
