// SPDX-License-Identifier: GPL-2.0
/*
 * pinbench-fuzz N SEED [CHECK_EVERY] [-v]: N random and mutated requests
 * to /dev/pinbench, reproducible from SEED (printed first).
 *
 * Most calls start from a valid RUN and break 0-3 of its fields with the
 * mutators of the table below (addresses in, across and around mapped
 * areas of every kind, NULL and kernel pointers, lengths and counts at and
 * past every limit); others mutate INFO, point the ioctl argument itself at
 * bad memory (NULL, kernel, read-only, straddling a guard page), or send
 * random ioctl numbers, directions and sizes of the module's type.
 *
 * Checked after every call: the errno is one the module documents, and a
 * successful RUN reports the pages and samples asked for. Every CHECK_EVERY
 * calls (default 250) the FOLL_PIN counters must balance (leak oracle) and
 * the mapped areas are made anew, so that a leaked FOLL_GET reference
 * keeps memory the battery's MemFree check then misses. -v prints every
 * call. Exit status 0 when all held, 1 on the first problem, 2 on setup.
 */
#define _GNU_SOURCE
#include <linux/perf_event.h>
#include <stdarg.h>
#include <sys/mman.h>
#include <time.h>

#include "guest_device.h"
#include "leak_oracle.h"

#define HUGE_2M			(2UL << 20)
#define SAMPLE_SLOTS		8
#define KERNEL_ADDR		0xffff888000000000ULL
#define VSYSCALL_ADDR		0xffffffffff600000ULL
#define USER_TOP		0x00007ffffffff000ULL
#define NON_CANONICAL		0x0000800000000000ULL
#define MAX_CHUNK_PAGES		65536	/* the module's PINBENCH_MAX_CHUNK_PAGES */

static uint64_t rng_state;

static uint64_t rnd(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t below(uint64_t n)
{
	return n ? rnd() % n : 0;
}

static int chance(unsigned int percent)
{
	return below(100) < percent;
}

/* The mapped (and deliberately unmapped) areas addresses are drawn from. */
enum area_kind {
	AREA_ANON_4K,		/* written, MADV_NOHUGEPAGE */
	AREA_ANON_THP,		/* 2 MiB aligned, MADV_HUGEPAGE, written */
	AREA_UNTOUCHED,		/* mapped, never faulted: the pin faults */
	AREA_READ_ONLY,		/* PROT_READ: write pins fail */
	AREA_PROT_NONE,
	AREA_SHMEM,		/* MAP_SHARED anonymous */
	AREA_HALF_MAPPED,	/* second half unmapped */
	AREA_HOLE,		/* was mapped, now is not */
	AREA_HUGETLB,		/* a 2 MiB hugetlb page, when there is one */
	AREA_SAMPLES,		/* the sample buffer's page: pinned while written */
	AREA_TEXT,		/* this program's code */
	AREA_STACK,
	NR_AREAS,
};

static const char *const area_names[NR_AREAS] = {
	"anon4k", "anonthp", "untouched", "readonly", "protnone", "shmem",
	"halfmapped", "hole", "hugetlb", "samplespage", "text", "stack",
};

struct area {
	char *start;		/* NULL: not available this round */
	size_t len;		/* what is addressed */
	void *map;		/* what to munmap, and its length */
	size_t map_len;
};

struct fuzzer {
	int fd;
	long page;
	struct module_info info;
	struct area areas[NR_AREAS];
	/* the sample buffer ends at a guard page: overruns fault */
	char *samples_page;
	struct pinbench_sample *samples;
	/* a read-only page and one followed by a guard, for ioctl args */
	char *ro_page;
	char *guard_edge;	/* last page before a PROT_NONE page */
	char desc[512];		/* what the current call did */
	size_t desc_len;
};

static void describe(struct fuzzer *fz, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void describe(struct fuzzer *fz, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (fz->desc_len >= sizeof(fz->desc) - 1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(fz->desc + fz->desc_len, sizeof(fz->desc) - fz->desc_len,
		      fmt, ap);
	va_end(ap);
	if (n > 0)
		fz->desc_len += n;
}

static void *map_anon(size_t len, int prot, int flags)
{
	void *p = mmap(NULL, len, prot, MAP_PRIVATE | MAP_ANONYMOUS | flags,
		       -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

static void set_area(struct area *a, void *map, size_t map_len, char *start,
		     size_t len)
{
	a->map = map;
	a->map_len = map_len;
	a->start = start;
	a->len = len;
}

static void unmap_areas(struct fuzzer *fz)
{
	int i;

	for (i = 0; i < NR_AREAS; i++) {
		struct area *a = &fz->areas[i];

		if (a->map)
			munmap(a->map, a->map_len);
		memset(a, 0, sizeof(*a));
	}
}

/* New memory every round: leaked references then pin memory for good. */
static void map_areas(struct fuzzer *fz)
{
	long pg = fz->page;
	char *p, *aligned;
	char stack_anchor;

	unmap_areas(fz);
	p = map_anon(64 * pg, PROT_READ | PROT_WRITE, 0);
	if (p) {
		madvise(p, 64 * pg, MADV_NOHUGEPAGE);
		memset(p, 1, 64 * pg);
		set_area(&fz->areas[AREA_ANON_4K], p, 64 * pg, p, 64 * pg);
	}
	p = map_anon(4 * HUGE_2M, PROT_READ | PROT_WRITE, 0);
	if (p) {
		aligned = (char *)(((uintptr_t)p + HUGE_2M - 1) &
				   ~(HUGE_2M - 1));
		madvise(aligned, 2 * HUGE_2M, MADV_HUGEPAGE);
		memset(aligned, 2, 2 * HUGE_2M);
		set_area(&fz->areas[AREA_ANON_THP], p, 4 * HUGE_2M, aligned,
			 2 * HUGE_2M);
	}
	p = map_anon(64 * pg, PROT_READ | PROT_WRITE, 0);
	if (p)
		set_area(&fz->areas[AREA_UNTOUCHED], p, 64 * pg, p, 64 * pg);
	p = map_anon(16 * pg, PROT_READ | PROT_WRITE, 0);
	if (p) {
		memset(p, 3, 16 * pg);
		mprotect(p, 16 * pg, PROT_READ);
		set_area(&fz->areas[AREA_READ_ONLY], p, 16 * pg, p, 16 * pg);
	}
	p = map_anon(16 * pg, PROT_NONE, 0);
	if (p)
		set_area(&fz->areas[AREA_PROT_NONE], p, 16 * pg, p, 16 * pg);
	p = mmap(NULL, 32 * pg, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p != MAP_FAILED) {
		memset(p, 4, 32 * pg);
		set_area(&fz->areas[AREA_SHMEM], p, 32 * pg, p, 32 * pg);
	}
	p = map_anon(32 * pg, PROT_READ | PROT_WRITE, 0);
	if (p) {
		memset(p, 5, 16 * pg);
		munmap(p + 16 * pg, 16 * pg);
		set_area(&fz->areas[AREA_HALF_MAPPED], p, 16 * pg, p, 32 * pg);
	}
	p = map_anon(16 * pg, PROT_READ | PROT_WRITE, 0);
	if (p) {
		munmap(p, 16 * pg);
		set_area(&fz->areas[AREA_HOLE], NULL, 0, p, 16 * pg);
	}
	p = map_anon(HUGE_2M, PROT_READ | PROT_WRITE, MAP_HUGETLB);
	if (p) {
		memset(p, 6, HUGE_2M);
		set_area(&fz->areas[AREA_HUGETLB], p, HUGE_2M, p, HUGE_2M);
	}
	set_area(&fz->areas[AREA_SAMPLES], NULL, 0, fz->samples_page, pg);
	set_area(&fz->areas[AREA_TEXT], NULL, 0,
		 (char *)((uintptr_t)&map_areas & ~(uintptr_t)(pg - 1)),
		 pg);
	set_area(&fz->areas[AREA_STACK], NULL, 0,
		 (char *)((uintptr_t)&stack_anchor & ~(uintptr_t)(pg - 1)),
		 pg);
}

/* An address in, at the edges of, or just outside a random area. */
static uint64_t random_area_addr(struct fuzzer *fz, int *area_out)
{
	const struct area *a;
	int64_t pages, off;
	int i, tries = 0;

	do {
		i = below(NR_AREAS);
		a = &fz->areas[i];
	} while (!a->start && ++tries < 32);
	if (!a->start)
		return 0;
	*area_out = i;
	pages = a->len / fz->page;
	off = (int64_t)below(pages + 8) - 4;	/* 4 pages either side */
	return (uintptr_t)a->start + off * fz->page;
}

static uint64_t random_addr(struct fuzzer *fz)
{
	static const uint64_t special[] = {
		0, 4096, KERNEL_ADDR, VSYSCALL_ADDR, USER_TOP,
		NON_CANONICAL, 0xfffffffffffff000ULL,
	};
	uint64_t addr;
	int area = -1;

	if (chance(80)) {
		addr = random_area_addr(fz, &area);
		if (area >= 0)
			describe(fz, " addr=%s", area_names[area]);
	} else if (chance(70)) {
		addr = special[below(sizeof(special) / sizeof(special[0]))];
		describe(fz, " addr=%#llx", (unsigned long long)addr);
	} else {
		addr = chance(50) ? rnd() : rnd() & 0x7ffffffff000ULL;
		describe(fz, " addr=%#llx", (unsigned long long)addr);
	}
	if (chance(5)) {
		addr += 1 + below(fz->page - 1);
		describe(fz, "+unaligned");
	}
	return addr;
}

typedef void (*mutator_fn)(struct fuzzer *fz, struct pinbench_run *run);

static void mutate_addr(struct fuzzer *fz, struct pinbench_run *run)
{
	run->addr = random_addr(fz);
}

static void mutate_len(struct fuzzer *fz, struct pinbench_run *run)
{
	uint64_t cap = fz->info.abi.max_pinned_pages, pg = fz->page;
	uint64_t specials[] = {
		0, 1, pg - 1, cap * pg, (cap + 1) * pg, UINT64_MAX,
		UINT64_MAX & ~(pg - 1), 1ULL << 47, USER_TOP, rnd(),
		-run->addr, -run->addr - pg,
	};

	if (chance(70))
		run->len = (1 + below(2048)) * pg;
	else
		run->len = specials[below(sizeof(specials) /
					  sizeof(specials[0]))];
	if (chance(5))
		run->len += 1 + below(pg - 1);
	describe(fz, " len=%#llx", (unsigned long long)run->len);
}

static uint32_t random_u32_around(uint32_t limit)
{
	uint32_t specials[] = { 0, limit - 1, limit, limit + 1, UINT32_MAX,
				(uint32_t)rnd() };

	return specials[below(sizeof(specials) / sizeof(specials[0]))];
}

static void mutate_pin_method(struct fuzzer *fz, struct pinbench_run *run)
{
	run->pin_method = chance(70) ? below(info_nr_pin_methods(&fz->info)) :
			  random_u32_around(info_nr_pin_methods(&fz->info));
	describe(fz, " method=%u", run->pin_method);
}

static void mutate_strategy(struct fuzzer *fz, struct pinbench_run *run)
{
	run->strategy = chance(70) ? below(info_nr_strategies(&fz->info)) :
			random_u32_around(info_nr_strategies(&fz->info));
	describe(fz, " strategy=%u", run->strategy);
}

static void mutate_flags(struct fuzzer *fz, struct pinbench_run *run)
{
	run->flags = chance(70) ? below(PINBENCH_F_ALL + 1) :
		     (uint32_t)rnd() >> below(32);
	describe(fz, " flags=%#x", run->flags);
}

/*
 * Valid counts stay small: the sample buffer holds SAMPLE_SLOTS and ends
 * at a guard page, so a lying samples_cap stops at EFAULT; warmup is never
 * a large valid count (a million unrecorded iterations would only be slow).
 */
static void mutate_iterations(struct fuzzer *fz, struct pinbench_run *run)
{
	uint32_t max = fz->info.abi.max_iterations;

	run->iterations = chance(60) ? 1 + below(SAMPLE_SLOTS * 2) :
			  random_u32_around(max);
	if (chance(50))
		run->samples_cap = run->iterations;
	describe(fz, " iterations=%u cap=%u", run->iterations,
		 run->samples_cap);
}

static void mutate_warmup(struct fuzzer *fz, struct pinbench_run *run)
{
	uint32_t max = fz->info.abi.max_iterations;
	uint32_t specials[] = { max + 1, UINT32_MAX,
				max + 1 + (uint32_t)below(UINT32_MAX - max) };

	run->warmup = chance(70) ? below(4) : specials[below(3)];
	describe(fz, " warmup=%u", run->warmup);
}

static void mutate_chunk(struct fuzzer *fz, struct pinbench_run *run)
{
	run->chunk_pages = chance(60) ? below(1025) :
			   random_u32_around(MAX_CHUNK_PAGES);
	describe(fz, " chunk=%u", run->chunk_pages);
}

static void mutate_samples(struct fuzzer *fz, struct pinbench_run *run)
{
	uint64_t choices[] = {
		0, KERNEL_ADDR, (uintptr_t)fz->ro_page,
		(uintptr_t)fz->areas[AREA_PROT_NONE].start,
		(uintptr_t)fz->samples + 1 + below(31),
		(uintptr_t)(fz->samples_page + fz->page) -
		sizeof(struct pinbench_sample) / 2, rnd(),
	};
	unsigned int i = below(sizeof(choices) / sizeof(choices[0]));

	run->samples = choices[i];
	if (chance(30))
		run->samples_cap = (uint32_t)rnd();
	describe(fz, " samples#%u cap=%u", i, run->samples_cap);
}

static void mutate_samples_cap(struct fuzzer *fz, struct pinbench_run *run)
{
	run->samples_cap = chance(50) ? below(SAMPLE_SLOTS * 2) :
			   (uint32_t)rnd();
	describe(fz, " cap=%u", run->samples_cap);
}

static void mutate_header(struct fuzzer *fz, struct pinbench_run *run)
{
	if (chance(50))
		run->abi_version = chance(50) ? PINBENCH_ABI_VERSION + 1 :
				   (uint32_t)rnd();
	else
		run->struct_size = chance(50) ? sizeof(*run) + 8 *
				   ((int)below(5) - 2) : (uint32_t)rnd();
	describe(fz, " abi=%u size=%u", run->abi_version, run->struct_size);
}

/*
 * --events: counts, types and configs, and where the counts go: the page
 * before a guard (an overrun faults), straddling it, read-only, kernel,
 * NULL, anywhere.
 */
static void mutate_events(struct fuzzer *fz, struct pinbench_run *run)
{
	static const uint32_t types[] = {
		PERF_TYPE_HARDWARE, PERF_TYPE_SOFTWARE, PERF_TYPE_HW_CACHE,
		PERF_TYPE_TRACEPOINT, PERF_TYPE_RAW, PERF_TYPE_BREAKPOINT,
	};
	uint64_t where[] = {
		(uintptr_t)fz->guard_edge, (uintptr_t)fz->guard_edge + 8,
		(uintptr_t)fz->guard_edge + fz->page - 8, (uintptr_t)fz->ro_page,
		KERNEL_ADDR, 0, rnd(),
	};
	unsigned int i, w = below(sizeof(where) / sizeof(where[0]));

	run->nr_events = chance(80) ? below(PINBENCH_MAX_EVENTS + 1) :
			 (uint32_t)rnd();
	for (i = 0; i < PINBENCH_MAX_EVENTS; i++) {
		run->events[i].type = chance(80) ?
			types[below(sizeof(types) / sizeof(types[0]))] :
			(uint32_t)rnd();
		run->events[i].config = chance(70) ? below(12) : rnd();
		run->events[i].status = (int32_t)rnd();	/* out: ignored */
	}
	if (chance(10))
		run->reserved2 = (uint32_t)rnd();
	run->counts = where[w];
	describe(fz, " events=%u counts#%u", run->nr_events, w);
}

/*
 * The windows' id: 0 (none), small, near the wrap (refused when
 * window_tag + iterations would pass 2^64), anything.
 */
static void mutate_window_tag(struct fuzzer *fz, struct pinbench_run *run)
{
	static const uint64_t edges[] = { 0, 1, UINT64_MAX, UINT64_MAX - 1,
					  UINT64_MAX - 4, 1ULL << 63 };

	run->window_tag = chance(50) ?
		edges[below(sizeof(edges) / sizeof(edges[0]))] : rnd();
	describe(fz, " window_tag=%#llx", (unsigned long long)run->window_tag);
}

/* Output fields the caller has no business setting: must be ignored. */
static void mutate_out_fields(struct fuzzer *fz, struct pinbench_run *run)
{
	char *comp = (char *)&run->comp;
	size_t i;

	run->pages = rnd();
	run->samples_written = rnd();
	for (i = 0; i < sizeof(run->comp); i++)
		comp[i] = rnd();
	describe(fz, " outfields=garbage");
}

static const struct {
	const char *name;
	mutator_fn fn;
} mutators[] = {
	{ "addr", mutate_addr },
	{ "len", mutate_len },
	{ "pin_method", mutate_pin_method },
	{ "strategy", mutate_strategy },
	{ "flags", mutate_flags },
	{ "iterations", mutate_iterations },
	{ "warmup", mutate_warmup },
	{ "chunk_pages", mutate_chunk },
	{ "samples", mutate_samples },
	{ "samples_cap", mutate_samples_cap },
	{ "header", mutate_header },
	{ "out_fields", mutate_out_fields },
	{ "events", mutate_events },
	{ "window_tag", mutate_window_tag },
};

#define NR_MUTATORS (sizeof(mutators) / sizeof(mutators[0]))

/* A RUN that should work: a random supported strategy on a mapped area. */
static void random_valid_run(struct fuzzer *fz, struct pinbench_run *run)
{
	static const int pinnable[] = { AREA_ANON_4K, AREA_ANON_THP,
					AREA_UNTOUCHED, AREA_SHMEM,
					AREA_HUGETLB, AREA_SAMPLES };
	const struct area *a;
	unsigned int strategy, method;
	uint64_t pages, first;

	do {
		a = &fz->areas[pinnable[below(6)]];
	} while (!a->start);
	pages = 1 + below(a->len / fz->page);
	first = below(a->len / fz->page - pages + 1);
	do {
		strategy = below(info_nr_strategies(&fz->info));
	} while (!info_strategy_supported(&fz->info, strategy));
	method = family_method(&fz->info, strategy, below(CATALOG_MAX));
	valid_run(run, &fz->info, (uintptr_t)a->start + first * fz->page,
		  pages * fz->page, fz->samples, SAMPLE_SLOTS);
	run->strategy = strategy;
	run->pin_method = method;
	run->flags = below(PINBENCH_F_ALL + 1);
	run->iterations = 1 + below(3);
	run->warmup = below(2);
	run->chunk_pages = chance(50) ? 0 : 1 + below(600);
	describe(fz, "RUN %s+%llup %llup s%u m%u f%u i%u w%u c%u:",
		 area_names[a - fz->areas], (unsigned long long)first,
		 (unsigned long long)pages, strategy, method, run->flags,
		 run->iterations, run->warmup, run->chunk_pages);
}

/*
 * The errnos the module (or the ioctl layer) may answer with (ENOENT:
 * ENTRY past the last entry).
 */
static int expected_errno(int err)
{
	switch (err) {
	case 0: case EINVAL: case EFAULT: case EOVERFLOW: case E2BIG:
	case ENOBUFS: case EOPNOTSUPP: case EPROTO: case ENOTTY: case ENOMEM:
	case ENOENT: case EBUSY:
		return 1;
	}
	return 0;
}

struct tally {
	unsigned long by_errno[256];
	unsigned long calls, problems;
	unsigned long run_success;
};

static int do_ioctl(struct fuzzer *fz, unsigned long cmd, void *arg)
{
	return ioctl(fz->fd, cmd, arg) ? errno : 0;
}

/*
 * Where an ioctl argument lives: a copy in its own buffer (*bad = 0), or
 * bad memory (*bad = 1) where no request can succeed: NULL, a kernel
 * address, a read-only page (the copy back fails), or straddling a guard
 * page (the header is readable, the rest is not).
 */
static void *place_arg(struct fuzzer *fz, const void *content, size_t size,
		       int *bad)
{
	static char buffer[4096] __attribute__((aligned(64)));
	unsigned int where = below(100);
	size_t readable;
	char *arg;

	*bad = 1;
	if (where < 80) {
		*bad = 0;
		memcpy(buffer, content, size);
		return buffer;
	}
	if (where < 84) {
		describe(fz, " arg=NULL");
		return NULL;
	}
	if (where < 88) {
		describe(fz, " arg=kernel");
		return (void *)(uintptr_t)KERNEL_ADDR;
	}
	if (where < 94) {
		describe(fz, " arg=readonly");
		mprotect(fz->ro_page, fz->page, PROT_READ | PROT_WRITE);
		memcpy(fz->ro_page, content, size);
		mprotect(fz->ro_page, fz->page, PROT_READ);
		return fz->ro_page;
	}
	readable = 8 + below(size - 8);
	arg = fz->guard_edge + fz->page - readable;
	describe(fz, " arg=straddling(%zu readable)", readable);
	memcpy(arg, content, readable);
	return arg;
}

/*
 * A RUN that kept its pins on the descriptor (F_KEEP_PINS): the same
 * request releases them (F_RELEASE_KEPT), as the leak oracle wants.
 */
static int release_if_kept(struct fuzzer *fz, const struct pinbench_run *run)
{
	struct pinbench_run release = *run;

	if (!(run->flags & PINBENCH_F_KEEP_PINS))
		return 0;
	release.flags = (run->flags & ~PINBENCH_F_KEEP_PINS) |
			PINBENCH_F_RELEASE_KEPT;
	if (!do_ioctl(fz, PINBENCH_IOCTL_RUN, &release))
		return 0;
	describe(fz, " -> kept, but its release failed (%s)",
		 strerror(errno));
	return -1;
}

static int call_run(struct fuzzer *fz, struct pinbench_run *run,
		    struct tally *t)
{
	struct pinbench_run *arg;
	uint32_t iterations = run->iterations;
	uint64_t len = run->len;
	int err, bad;

	arg = place_arg(fz, run, sizeof(*run), &bad);
	err = do_ioctl(fz, PINBENCH_IOCTL_RUN, arg);
	if (err)
		return err;
	t->run_success++;
	if (bad) {
		describe(fz, " -> success with an argument it cannot write");
		return -1;
	}
	if (arg->pages != len / fz->page || arg->samples_written != iterations) {
		describe(fz, " -> success but pages=%llu samples_written=%u",
			 (unsigned long long)arg->pages, arg->samples_written);
		return -1;
	}
	return release_if_kept(fz, run);
}

static int call_mutated_run(struct fuzzer *fz, struct tally *t)
{
	struct pinbench_run run;
	unsigned int n, i;

	random_valid_run(fz, &run);
	n = chance(20) ? 0 : 1 + below(3);
	for (i = 0; i < n; i++)
		mutators[below(NR_MUTATORS)].fn(fz, &run);
	return call_run(fz, &run, t);
}

/* Random bytes as a RUN, with a believable header half of the time. */
static int call_random_run(struct fuzzer *fz, struct tally *t)
{
	struct pinbench_run run;
	uint64_t *words = (uint64_t *)&run;
	size_t i;

	for (i = 0; i < sizeof(run) / sizeof(*words); i++)
		words[i] = rnd();
	if (chance(50)) {
		run.abi_version = PINBENCH_ABI_VERSION;
		run.struct_size = sizeof(run);
		run.iterations = 1 + below(SAMPLE_SLOTS);
		run.warmup = below(2);
		run.samples = (uintptr_t)fz->samples;
	}
	describe(fz, "RUN random bytes:");
	return call_run(fz, &run, t);
}

static int call_info(struct fuzzer *fz, struct tally *t)
{
	struct pinbench_info info;
	int bad;

	(void)t;
	memset(&info, 0, sizeof(info));
	info.abi_version = PINBENCH_ABI_VERSION;
	info.struct_size = sizeof(info);
	if (chance(40))
		info.abi_version = chance(50) ? (uint32_t)rnd() : below(3);
	if (chance(40))
		info.struct_size = chance(50) ? (uint32_t)rnd() :
				   sizeof(info) + 8 * ((int)below(5) - 2);
	describe(fz, "INFO abi=%u size=%u:", info.abi_version,
		 info.struct_size);
	return do_ioctl(fz, PINBENCH_IOCTL_INFO,
			place_arg(fz, &info, sizeof(info), &bad));
}

/* ENTRY with any kind and index, sometimes a wrong version or size. */
static int call_entry(struct fuzzer *fz, struct tally *t)
{
	struct pinbench_entry e;
	int bad;

	(void)t;
	memset(&e, 0, sizeof(e));
	e.abi_version = PINBENCH_ABI_VERSION;
	e.struct_size = sizeof(e);
	e.kind = chance(80) ? below(2) : random_u32_around(2);
	e.index = chance(70) ? below(info_nr_strategies(&fz->info) + 2) :
		  random_u32_around(info_nr_strategies(&fz->info));
	if (chance(20))
		e.abi_version = chance(50) ? (uint32_t)rnd() : below(4);
	if (chance(20))
		e.struct_size = chance(50) ? (uint32_t)rnd() :
				sizeof(e) + 8 * ((int)below(5) - 2);
	describe(fz, "ENTRY abi=%u size=%u kind=%u index=%u:", e.abi_version,
		 e.struct_size, e.kind, e.index);
	return do_ioctl(fz, PINBENCH_IOCTL_ENTRY,
			place_arg(fz, &e, sizeof(e), &bad));
}

/*
 * Any number of the module's type (sometimes ABI 1's 'P', sometimes
 * another type), any direction, size.
 */
static int call_random_ioctl(struct fuzzer *fz, struct tally *t)
{
	struct pinbench_run run;
	unsigned int dir = below(4), nr, size, type = PINBENCH_IOCTL_MAGIC;
	unsigned long cmd;
	int bad;

	(void)t;
	nr = chance(50) ? below(5) : below(256);
	switch (below(4)) {
	case 0:
		size = sizeof(struct pinbench_run);
		break;
	case 1:
		size = sizeof(struct pinbench_info);
		break;
	case 2:
		size = 0;
		break;
	default:
		size = below(1 << 14);
	}
	if (chance(10))
		type = below(256);
	else if (chance(10))
		type = PINBENCH_IOCTL_MAGIC_V1;
	cmd = _IOC(dir, type, nr, size);
	if (chance(5))
		cmd = rnd() & 0xffffffff;
	describe(fz, "ioctl %#lx (dir %u type %#x nr %u size %u), arg ", cmd, dir,
		 type, nr, size);
	/* a valid RUN in the buffer, in case the number is a real one */
	random_valid_run(fz, &run);
	return do_ioctl(fz, cmd, place_arg(fz, &run, sizeof(run), &bad));
}

static const struct {
	const char *name;
	unsigned int weight;	/* percent of the calls */
	int (*fn)(struct fuzzer *fz, struct tally *t);
} calls[] = {
	{ "mutated RUN", 70, call_mutated_run },
	{ "random RUN", 8, call_random_run },
	{ "INFO", 5, call_info },
	{ "ENTRY", 5, call_entry },
	{ "random ioctl", 12, call_random_ioctl },
};

static int one_call(struct fuzzer *fz, struct tally *t)
{
	unsigned int pick = below(100), i = 0;

	while (pick >= calls[i].weight) {
		pick -= calls[i].weight;
		i++;
	}
	fz->desc_len = 0;
	fz->desc[0] = '\0';
	return calls[i].fn(fz, t);
}

static int setup(struct fuzzer *fz)
{
	long pg = sysconf(_SC_PAGESIZE);
	char *p;
	int err;

	memset(fz, 0, sizeof(*fz));
	fz->page = pg;
	err = device_open_info(&fz->fd, &fz->info);
	if (err) {
		fprintf(stderr, "pinbench-fuzz: %s: %s\n", PINBENCH_DEVICE,
			errno_name(err));
		return -1;
	}
	/* [samples page][guard] [read-only page] [guard edge page][guard] */
	p = map_anon(5 * pg, PROT_READ | PROT_WRITE, 0);
	if (!p)
		return -1;
	memset(p, 0, 5 * pg);
	mprotect(p + pg, pg, PROT_NONE);
	mprotect(p + 2 * pg, pg, PROT_READ);
	mprotect(p + 4 * pg, pg, PROT_NONE);
	fz->samples_page = p;
	fz->samples = (struct pinbench_sample *)(p + pg) - SAMPLE_SLOTS;
	fz->ro_page = p + 2 * pg;
	fz->guard_edge = p + 3 * pg;
	map_areas(fz);
	return 0;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void print_tally(const struct tally *t, double seconds)
{
	int e;

	printf("# pinbench-fuzz: %lu calls in %.1f s (%.0f calls/s), %lu RUNs succeeded; errnos:",
	       t->calls, seconds, seconds > 0 ? t->calls / seconds : 0.0,
	       t->run_success);
	for (e = 0; e < 256; e++)
		if (t->by_errno[e])
			printf(" %s %lu", errno_name(e), t->by_errno[e]);
	printf("\n");
}

int main(int argc, char **argv)
{
	unsigned long n, check_every = 250, i, last_check = 0;
	unsigned long long seed;
	struct tally t = { 0 };
	struct fuzzer fz;
	long long held_before, leak;
	double started;
	int verbose = 0, err;

	if (argc > 1 && !strcmp(argv[argc - 1], "-v")) {
		verbose = 1;
		argc--;
	}
	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: pinbench-fuzz CALLS SEED [CHECK_EVERY] [-v]\n");
		return 2;
	}
	n = strtoul(argv[1], NULL, 0);
	seed = strtoull(argv[2], NULL, 0);
	if (argc == 4)
		check_every = strtoul(argv[3], NULL, 0) ?: 1;
	rng_state = seed;
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("# pinbench-fuzz %lu %llu: %lu calls, seed %llu, leak check every %lu calls\n",
	       n, seed, n, seed, check_every);
	if (setup(&fz))
		return 2;
	/* natively, other users may hold pins: count only what we add */
	if (foll_pins_held(&held_before)) {
		fprintf(stderr, "pinbench-fuzz: /proc/vmstat has no nr_foll_pin_acquired/released: no leak oracle\n");
		return 2;
	}
	started = now();
	for (i = 0; i < n; i++) {
		err = one_call(&fz, &t);
		t.calls++;
		if (err >= 0 && err < 256)
			t.by_errno[err]++;
		if (verbose)
			printf("call %lu: %s -> %s\n", i, fz.desc,
			       err < 0 ? "inconsistent" : errno_name(err));
		if (err < 0 || !expected_errno(err)) {
			printf("# call %lu (seed %llu): %s -> %s\n", i, seed,
			       fz.desc, err < 0 ? "inconsistent result" :
			       errno_name(err));
			t.problems++;
		}
		if ((i + 1) % check_every == 0 || i + 1 == n) {
			leak = foll_pins_added(held_before);
			if (leak) {
				printf("# leak oracle: %lld pins held after calls %lu..%lu (seed %llu; rerun with CHECK_EVERY 1)\n",
				       leak, last_check, i, seed);
				t.problems++;
				break;
			}
			last_check = i + 1;
			map_areas(&fz);
		}
	}
	print_tally(&t, now() - started);
	unmap_areas(&fz);
	return t.problems ? 1 : 0;
}
