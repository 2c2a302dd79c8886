/* SPDX-License-Identifier: GPL-2.0 */
/* pinbench.ko internals shared by its files. */
#ifndef _PINBENCH_H
#define _PINBENCH_H

#include <linux/types.h>
#include <linux/mm_types.h>
#include <pinbench_uapi.h>

#define PINBENCH_MODULE_VERSION		"0.1.0"
#define PINBENCH_MAX_ITERATIONS		1000000U
#define PINBENCH_DEFAULT_CHUNK_PAGES	512U	/* a page of pointers */
#define PINBENCH_MAX_CHUNK_PAGES	65536U

extern unsigned long pinbench_max_pinned_pages;

/*
 * The catalogue's numbering (INFO counts, ENTRY and RUN indexes). Only
 * the module knows it: userspace finds every entry by asking.
 */
enum pb_pin_method_id {
	PB_PIN_GUP_FAST,
	PB_PIN_GUP,
	PB_PIN_PIN_FAST,
	PB_PIN_PIN,
	PB_PIN_PIN_LONGTERM,
	PB_NR_PIN_METHODS,
};

enum pb_strategy_id {
	PB_REL_PUT_PAGE,
	PB_REL_RELEASE_PAGES,
	PB_REL_DIRTY_LOCK_PUT_PAGE,
	PB_REL_DIRTY_PUT_PAGE,
	PB_REL_UNPIN_PAGE,
	PB_REL_UNPIN_PAGES,
	PB_REL_UNPIN_DIRTY,
	PB_REL_UNPIN_DIRTY_CLEAN,
	PB_REL_UNPIN_RANGE_DIRTY,
	PB_REL_UNPIN_FOLIOS,
	PB_REL_NOOP,
	PB_NR_STRATEGIES,
};

/*
 * One pin call's worth of pages. Ranges are pinned chunk by chunk so that
 * no single allocation grows with the range (a 4 GiB range is 2048 chunks
 * of 512 pointers). Strategies may rewrite a chunk in place between pin
 * and release (untimed): pages become folios, or run starts with @run_len.
 */
struct pb_chunk {
	union {
		struct page **pages;
		struct folio **folios;
	};
	unsigned long *run_len;		/* runs of contiguous pages, or NULL */
	unsigned long nr;		/* pages this chunk covers */
	unsigned long nr_pinned;	/* pages pinned so far */
	unsigned long nr_items;		/* entries a strategy releases */
};

struct pb_pinset {
	struct pb_chunk *chunks;
	unsigned long nr_chunks;
	unsigned long nr_pages;
	unsigned long start;
	unsigned long pinned;	/* by the last pb_pinset_pin(), counted */
};

struct pb_pin_method {
	const char *name;
	const char *call;		/* the kernel function that pins */
	bool foll_pin;			/* FOLL_PIN, else FOLL_GET */
	u64 modes;			/* PINBENCH_ROLE_MODE_* it serves */
	unsigned int extra_gup_flags;	/* e.g. FOLL_LONGTERM */
	bool needs_mmap_lock;
	long (*pin)(unsigned long start, unsigned long nr,
		    unsigned int gup_flags, struct page **pages);
};

struct pb_strategy {
	const char *name;
	const char *call;		/* the kernel function it times */
	bool supported;			/* this kernel has the release call */
	bool baseline;			/* the others are compared with it */
	bool floor;			/* times the walk, releases untimed */
	bool foll_pin;			/* releases FOLL_PIN pins */
	bool needs_run_len;		/* prepare() fills chunk->run_len */
	bool dirties;			/* marks the pages dirty: needs FOLL_WRITE */
	/*
	 * Cannot drop every reference a read-only pin takes: release_pages()
	 * skips the huge zero folio, which read-only GUP of never-written
	 * THP memory returns, so each RUN would leak references on it.
	 */
	bool write_only;
	/* untimed: reshape a pinned chunk for release() */
	void (*prepare)(struct pb_chunk *chunk);
	/* timed: give back what the chunk holds */
	void (*release)(struct pb_chunk *chunk);
	/* untimed, optional: the real release when release() only walked */
	void (*finish)(struct pb_chunk *chunk);
};

extern const struct pb_pin_method pb_pin_methods[PB_NR_PIN_METHODS];
extern const struct pb_strategy pb_strategies[PB_NR_STRATEGIES];

/* pinbench_catalog.c: an entry as ENTRY reports it */
int pb_catalog_entry(u32 kind, u32 index, struct pinbench_entry *entry);

/* pinbench_pin.c */
int pb_pinset_alloc(struct pb_pinset *set, unsigned long start,
		    unsigned long nr_pages, unsigned long chunk_pages,
		    bool with_run_len);
void pb_pinset_free(struct pb_pinset *set);
int pb_pinset_pin(struct pb_pinset *set, const struct pb_pin_method *method,
		  unsigned int gup_flags);
void pb_pinset_release_all(struct pb_pinset *set, bool foll_pin);

/* pinbench_verify.c */
void pb_verify(const struct pb_pinset *set, bool foll_pin,
	       struct pinbench_composition *comp);

/* pinbench_refcheck.c: the reference oracle (PINBENCH_F_REF_CHECK) */
struct pb_ref_entry {
	struct page *page;		/* a page of the folio, held */
	int refs;			/* the folio's refcount before */
};

struct pb_refcheck {
	struct pb_ref_entry *entries;
	unsigned long nr;
};

int pb_refcheck_begin(struct pb_refcheck *rc, struct pb_pinset *set,
		      const struct pb_pin_method *method,
		      unsigned int gup_flags);
void pb_refcheck_end(struct pb_refcheck *rc, u64 *changed, s64 *delta);
void pb_refcheck_free(struct pb_refcheck *rc);

/* pinbench_counters.c: perf counters of the release window (RUN events) */
struct perf_event;

struct pb_counters {
	struct perf_event *events[PINBENCH_MAX_EVENTS];	/* NULL: unsupported */
	struct pinbench_count last[PINBENCH_MAX_EVENTS];	/* at the mark */
	u32 nr;
};

int pb_counters_create(struct pb_counters *c, struct pinbench_run *req);
void pb_counters_mark(struct pb_counters *c);
void pb_counters_read(struct pb_counters *c, struct pinbench_count *out);
void pb_counters_free(struct pb_counters *c);

/* pinbench_main.c */
int pb_copy_request(void *req, const void __user *uarg, u32 size);
u64 pb_kernel_debug(void);

/* pinbench_kept.c: pins kept on a descriptor between two RUNs */
struct file;

int pb_file_open(struct file *file);
void pb_file_release(struct file *file);
int pb_kept_stash(struct file *file, struct pb_pinset *set,
		  const struct pinbench_run *req, bool foll_pin);
int pb_kept_take(struct file *file, struct pb_pinset *set,
		 const struct pinbench_run *req);

/* pinbench_run.c */
long pb_ioctl_run(struct file *file, struct pinbench_run __user *uarg);

#endif /* _PINBENCH_H */
