/*
 * Memory compositions: how the range handed to RUN is built (which folio
 * sizes back it). Adding one is a table row plus a build() and teardown().
 */
#ifndef PINBENCH_COMPOSITIONS_H
#define PINBENCH_COMPOSITIONS_H

#include <stddef.h>

struct region {
	void *mapping;		/* what munmap() gets */
	size_t mapping_len;
	void *addr;		/* the range to pin, inside the mapping */
	size_t len;
};

struct composition {
	const char *name;
	const char *description;
	/* requested % of pages in PMD-or-larger folios (order >= 9) */
	double req_huge_pct;
	/* sizes must be multiples of this; 0: the base page size */
	size_t granule;
	/* NULL, or 0 when this machine can build it, else -1 and why */
	int (*available)(char *why, size_t len);
	/* 0, or -1 with a message; the range is written, every page */
	int (*build)(struct region *region, size_t len, char *err,
		     size_t errlen);
	void (*teardown)(struct region *region);
};

extern const struct composition compositions[];
extern const size_t nr_compositions;

const struct composition *composition_find(const char *name);

size_t composition_granule(const struct composition *comp);

/* "anon-4k, anon-thp" for messages */
void composition_names(char *buf, size_t len);

#endif
