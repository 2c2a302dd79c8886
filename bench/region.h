/*
 * The range a RUN pins, and the mapping steps every composition builder
 * shares: an aligned placement, the mapping itself, madvise, faulting
 * every page in, and a file to remove afterwards.
 */
#ifndef PINBENCH_REGION_H
#define PINBENCH_REGION_H

#include <stddef.h>

struct region {
	void *mapping;		/* what munmap() gets */
	size_t mapping_len;
	void *addr;		/* the range to pin, inside the mapping */
	size_t len;
	char *file;		/* unlinked at teardown, or NULL */
};

/*
 * Reserves len + align bytes of address space (PROT_NONE) and sets
 * region->addr to the first align-aligned address in it: the mapping
 * proper is placed there with region_map(). align 0: the page size.
 */
int region_reserve(struct region *region, size_t len, size_t align,
		   char *err, size_t errlen);

/* Maps region->len read-write at region->addr (MAP_FIXED) over it. */
int region_map(struct region *region, int flags, int fd, const char *what,
	       char *err, size_t errlen);

/* madvise on [addr + off, + len); name is the advice in messages. */
int region_advise(const struct region *region, size_t off, size_t len,
		  int advice, const char *name, char *err, size_t errlen);

/* One write (of 1, never 0) per base page: each faulted in and dirty. */
void region_write_pages(const struct region *region);

/* One read per base page: each mapped, nothing dirtied. */
void region_read_pages(const struct region *region);

/*
 * Creates dir/name, fills it with len bytes of 1 by write(), fsyncs it
 * and leaves its descriptor in *fd; region->file remembers it.
 */
int region_fill_file(struct region *region, const char *dir,
		     const char *name, size_t len, int *fd, char *err,
		     size_t errlen);

/* munmap, unlink the file if any, forget everything. */
void region_release(struct region *region);

#endif
