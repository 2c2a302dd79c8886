/*
 * The memory-management knobs under /sys/kernel/mm that compositions read
 * and, while a region faults in, change: THP (global, per-size mTHP,
 * shmem) and the hugetlb pools. $PINBENCH_SYSFS_ROOT replaces /sys, so
 * tests can point every read and write at a fake tree.
 */
#ifndef PINBENCH_MM_SYSFS_H
#define PINBENCH_MM_SYSFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "messages.h"

#define SYSFS_ROOT_ENV	"PINBENCH_SYSFS_ROOT"
#define MM_THP_DIR	"kernel/mm/transparent_hugepage"
#define MM_HUGETLB_DIR	"kernel/mm/hugepages"

#define MM_PATH_MAX	512
#define MM_VALUE_MAX	32

/* $PINBENCH_SYSFS_ROOT/... or /sys/...; -1 if it does not fit. */
int mm_sysfs_path(char *buf, size_t len, const char *fmt, ...) PB_PRINTF(3, 4);

/*
 * The [choice] of a sysfs menu ("always [madvise] never" -> "madvise"), or
 * the first line itself when it has no brackets (a fake tree's file after
 * we wrote a plain word into it). -1 if unreadable.
 */
int mm_sysfs_read_choice(const char *path, char *out, size_t len);
int mm_sysfs_read_u64(const char *path, uint64_t *value);

/* Settings a build changes, with the values to put back afterwards. */
#define MM_MAX_SETTINGS	32

struct mm_setting {
	char path[MM_PATH_MAX];
	char value[MM_VALUE_MAX];	/* what the build needs */
	char old[MM_VALUE_MAX];		/* what was there */
	bool applied;
};

struct mm_settings {
	struct mm_setting items[MM_MAX_SETTINGS];
	size_t count;
};

/* Plans path = value (nothing written yet); a no-op if it already is. */
int mm_settings_want(struct mm_settings *s, const char *path,
		     const char *value, char *err, size_t errlen);

/* 0 when every planned file can be written, else -1 and what is needed. */
int mm_settings_check_writable(const struct mm_settings *s, char *why,
			       size_t len);

/* Writes the planned values; on a failure puts back what it wrote. */
int mm_settings_apply(struct mm_settings *s, char *err, size_t errlen);

/* Puts every old value back, last first; tries all even after a failure. */
int mm_settings_restore(struct mm_settings *s, char *err, size_t errlen);

/* "hugepages-64kB/enabled=madvise, ..." for notes; "" when none. */
void mm_settings_describe(const struct mm_settings *s, char *buf,
			  size_t len);

/* Global THP: the [choice] of transparent_hugepage/enabled. */
int thp_global_mode(char *out, size_t len);

/*
 * Does a MADV_HUGEPAGE range get anonymous folios of this size (bytes)?
 * 1 yes, 0 no, -1 when the kernel has no control for that size (below
 * 6.8 only the PMD size has one: the global knob).
 */
int thp_anon_size_enabled(uint64_t size);

/* The anon sizes with a per-size control (6.8+), ascending; 0 before. */
size_t thp_anon_sizes(uint64_t *sizes, size_t max);

/* transparent_hugepage/hugepages-<kB>kB/<file> */
int thp_size_path(char *buf, size_t len, uint64_t size, const char *file);

/* hugetlb pool of one page size: pages free for a new mapping. */
struct hugetlb_pool {
	bool present;		/* the kernel has this page size */
	uint64_t total;		/* nr_hugepages */
	uint64_t free, resv, usable;	/* usable = free - reserved */
};

void hugetlb_pool_read(uint64_t page_size, struct hugetlb_pool *pool);

#endif
