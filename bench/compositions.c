#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "compositions.h"
#include "sysinfo.h"

#define SZ_2M	(2UL << 20)

/* One write per base page: every page faulted in, present and dirty. */
static void write_every_page(void *addr, size_t len)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE), off;
	volatile char *p = addr;

	for (off = 0; off < len; off += page)
		p[off] = 1;
}

static void unmap_region(struct region *region)
{
	if (region->mapping)
		munmap(region->mapping, region->mapping_len);
	memset(region, 0, sizeof(*region));
}

static int map_anonymous(struct region *region, size_t len, char *err,
			 size_t errlen)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		snprintf(err, errlen, "mmap %zu bytes: %s", len,
			 strerror(errno));
		return -1;
	}
	region->mapping = p;
	region->mapping_len = len;
	return 0;
}

static int advise(struct region *region, int advice, const char *name,
		  char *err, size_t errlen)
{
	if (!madvise(region->addr, region->len, advice))
		return 0;
	snprintf(err, errlen, "madvise(%s): %s", name, strerror(errno));
	unmap_region(region);
	return -1;
}

/* anon-4k: base pages only, even where THP is "always". */
static int build_anon_4k(struct region *region, size_t len, char *err,
			 size_t errlen)
{
	if (map_anonymous(region, len, err, errlen))
		return -1;
	region->addr = region->mapping;
	region->len = len;
	if (advise(region, MADV_NOHUGEPAGE, "MADV_NOHUGEPAGE", err, errlen))
		return -1;
	write_every_page(region->addr, region->len);
	return 0;
}

static int thp_available(char *why, size_t len)
{
	char mode[32];

	if (sysfs_choice(THP_ENABLED_PATH, mode, sizeof(mode))) {
		snprintf(why, len,
			 "transparent hugepages are not available (%s unreadable: kernel without CONFIG_TRANSPARENT_HUGEPAGE?)",
			 THP_ENABLED_PATH);
		return -1;
	}
	if (!strcmp(mode, "never")) {
		snprintf(why, len,
			 "transparent hugepages are disabled ([never] in %s); echo madvise > %s",
			 THP_ENABLED_PATH, THP_ENABLED_PATH);
		return -1;
	}
	return 0;
}

/*
 * anon-thp: map 2M more than asked, then use the 2M-aligned range inside,
 * so every PMD of it can be a huge page.
 */
static int build_anon_thp(struct region *region, size_t len, char *err,
			  size_t errlen)
{
	unsigned long start;

	if (len > SIZE_MAX - SZ_2M) {
		snprintf(err, errlen, "%zu bytes is too large to map", len);
		return -1;
	}
	if (map_anonymous(region, len + SZ_2M, err, errlen))
		return -1;
	start = ((unsigned long)region->mapping + SZ_2M - 1) & ~(SZ_2M - 1);
	region->addr = (void *)start;
	region->len = len;
	if (advise(region, MADV_HUGEPAGE, "MADV_HUGEPAGE", err, errlen))
		return -1;
	write_every_page(region->addr, region->len);
	return 0;
}

const struct composition compositions[] = {
	{
		.name = "anon-4k",
		.description = "anonymous private memory, base pages (MADV_NOHUGEPAGE)",
		.req_huge_pct = 0,
		.build = build_anon_4k,
		.teardown = unmap_region,
	},
	{
		.name = "anon-thp",
		.description = "anonymous private memory, 2M-aligned, MADV_HUGEPAGE",
		.req_huge_pct = 100,
		.granule = SZ_2M,
		.available = thp_available,
		.build = build_anon_thp,
		.teardown = unmap_region,
	},
};

const size_t nr_compositions = sizeof(compositions) / sizeof(compositions[0]);

const struct composition *composition_find(const char *name)
{
	size_t i;

	for (i = 0; i < nr_compositions; i++)
		if (!strcmp(compositions[i].name, name))
			return &compositions[i];
	return NULL;
}

size_t composition_granule(const struct composition *comp)
{
	return comp->granule ? comp->granule : (size_t)sysconf(_SC_PAGESIZE);
}

void composition_names(char *buf, size_t len)
{
	size_t i, used = 0;

	buf[0] = '\0';
	for (i = 0; i < nr_compositions && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s",
					 i ? ", " : "", compositions[i].name);
}
