/*
 * Memory compositions: how the range handed to RUN is built (which folio
 * sizes and which memory back it), what the module must then find pinned,
 * and what the machine must have for it. Adding one is a table row in
 * compositions.c plus its build function.
 */
#ifndef PINBENCH_COMPOSITIONS_H
#define PINBENCH_COMPOSITIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "measured_mix.h"
#include "mm_sysfs.h"
#include "region.h"

/* mixed-thp: where its THP blocks sit among the 2M blocks. */
enum mixed_layout {
	LAYOUT_INTERLEAVED,	/* spread evenly */
	LAYOUT_CLUSTERED,	/* all first */
	NR_LAYOUTS,
};

extern const char *const mixed_layout_names[NR_LAYOUTS];

int mixed_layout_parse(const char *text, enum mixed_layout *layout);

/* What the command line says about compositions besides their names. */
struct composition_options {
	enum mixed_layout layout;	/* for mixed-thp:<pct> without one */
	const char *const *file_dirs;	/* --file-dir, in the order given */
	size_t nr_file_dirs;
};

struct composition;

/* A table row: one composition, or a pattern of them (anon-mthp-<size>). */
struct composition_kind {
	const char *name;	/* "anon-4k"; a pattern's stem: "anon-mthp-" */
	const char *usage;	/* "anon-mthp-<size>" for --help */
	const char *description;
	const char *needs;	/* what the machine must have, for --help */
	const char *request;	/* "o0=100;anon=100"; patterns: parse sets it */
	const char *expects;	/* --help text of a pattern's request */
	size_t granule;		/* sizes are multiples of it; 0: base page */
	size_t align;		/* address alignment of the range */
	uint64_t hugetlb_page;	/* hugetlb page size, or 0 */
	/* filesystem of a file-backed composition */
	unsigned long fs_magic;
	const char *fs_name;
	/* page cache that needs dirty tracking: no FOLL_LONGTERM write pins */
	bool writeback;
	/* patterns only: the text after name into c; -1 with a message */
	int (*parse)(struct composition *c, const char *param, char *err,
		     size_t errlen);
	/* NULL, or 0 when this machine can build it at size, else why */
	int (*available)(struct composition *c, uint64_t size, char *why,
			 size_t len);
	/* NULL, or the sysfs values the build needs (none written yet) */
	int (*settings)(const struct composition *c, struct mm_settings *s,
			char *err, size_t errlen);
	/* maps, advises and faults the range in; every page written/read */
	int (*build)(struct composition *c, struct region *region, size_t len,
		     char *err, size_t errlen);
};

extern const struct composition_kind composition_kinds[];
extern const size_t nr_composition_kinds;

/* One composition as a run builds it: a kind with its parameters. */
struct composition {
	const struct composition_kind *kind;
	char name[64];			/* canonical: "mixed-thp:25:clustered" */
	struct mix_request req;
	double req_huge_pct;		/* NaN: not requested */
	size_t granule;			/* 0: the base page size */
	char granule_what[96];		/* "page size", or what makes the unit */
	size_t align;
	unsigned int order;		/* anon-mthp: order of its folios */
	uint64_t folio_size;		/* anon-mthp folio / hugetlb page size */
	unsigned int huge_pct;		/* mixed-thp */
	enum mixed_layout layout;
	struct composition_options opts;
	char file_dir[MM_PATH_MAX];	/* file-*: chosen by available() */
	char settings_note[160];	/* sysfs values the last build set */
};

/* A composition by name; NULL and a message (naming the known ones). */
struct composition *composition_new(const char *name,
				    const struct composition_options *opts,
				    char *err, size_t errlen);
void composition_free(struct composition *c);

size_t composition_granule(const struct composition *c);

/*
 * 0 when this machine can build c at size (the sysfs values it needs
 * writable included), else -1 and what is needed, in words that start
 * with "needs".
 */
int composition_available(struct composition *c, uint64_t size, char *why,
			  size_t len);

/* The sysfs values c's build sets, and the old ones; nothing written. */
int composition_settings(const struct composition *c, struct mm_settings *s,
			 char *err, size_t errlen);

/*
 * Builds c: sets its sysfs values, maps and faults the range in, puts the
 * values back, all with SIGINT/SIGTERM held off so that neither can leave
 * the machine changed. 0, or -1 with a message and nothing left mapped.
 */
int composition_build(struct composition *c, struct region *region,
		      size_t len, char *err, size_t errlen);
void composition_teardown(struct composition *c, struct region *region);

/* For the note column: "dir=/dev/shm", sysfs values set; "" if none. */
void composition_note(const struct composition *c, char *buf, size_t len);

/* mixed-thp: is block i of nblocks one of its nhuge THP blocks? */
bool mixed_block_is_huge(uint64_t i, uint64_t nblocks, uint64_t nhuge,
			 enum mixed_layout layout);

/* "anon-4k, anon-thp, anon-mthp-<size>, ..." for messages */
void composition_names(char *buf, size_t len);

/* Every composition: what it is, what it expects, what it needs. */
void composition_help(FILE *f);

#endif
