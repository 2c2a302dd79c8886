/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * pinbench ioctl ABI, shared verbatim by pinbench.ko and the pinbench CLI.
 *
 * Every request starts with {abi_version, struct_size}: the module refuses
 * a request whose version it does not know with -EPROTO (and writes its own
 * version into abi_version), a wrong size with -EINVAL, so an old CLI on a
 * new module (or the reverse) fails clearly. Nothing else is copied back
 * when an ioctl fails, -EINTR included.
 */
#ifndef _PINBENCH_UAPI_H
#define _PINBENCH_UAPI_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define PINBENCH_ABI_VERSION	5
#define PINBENCH_DEVICE		"/dev/pinbench"

#define PINBENCH_NAME_LEN	32
#define PINBENCH_CALL_LEN	64
#define PINBENCH_RELEASE_LEN	65

/*
 * The catalogue: pin methods (how pages are acquired) and release
 * strategies (how they are given back, the timed part) are numbered by
 * the module, 0 .. nr_pin_methods / nr_strategies - 1 in INFO, and each
 * one is described by an ENTRY request. A RUN names them by those
 * numbers; nothing outside the module knows a number in advance, so a
 * module with one strategy more still speaks this ABI.
 */
enum pinbench_entry_kind {
	PINBENCH_ENTRY_PIN_METHOD,
	PINBENCH_ENTRY_STRATEGY,
};

/*
 * Roles of an entry (struct pinbench_entry.roles). Strategies: DIRTIES
 * marks the pages dirty; WRITE_ONLY is refused without F_WRITE; PREPARES
 * reshapes its input first, timed apart (prepare_ns); BASELINE is what
 * the others are compared with; FLOOR walks the array and releases
 * untimed, so no release is cheaper. Pin methods: LONGTERM pins with
 * FOLL_LONGTERM; MODE_* are the pin modes (fast: lockless where it can;
 * locked: under mmap_read_lock; longterm: FOLL_LONGTERM, or the nearest
 * the family has) a method serves for its FOLL family.
 */
#define PINBENCH_ROLE_SUPPORTED		(1ULL << 0)	/* the kernel has it */
#define PINBENCH_ROLE_FOLL_PIN		(1ULL << 1)	/* else FOLL_GET */
#define PINBENCH_ROLE_DIRTIES		(1ULL << 2)
#define PINBENCH_ROLE_WRITE_ONLY	(1ULL << 3)
#define PINBENCH_ROLE_PREPARES		(1ULL << 4)
#define PINBENCH_ROLE_BASELINE		(1ULL << 5)
#define PINBENCH_ROLE_FLOOR		(1ULL << 6)
#define PINBENCH_ROLE_LONGTERM		(1ULL << 7)
#define PINBENCH_ROLE_MODE_FAST		(1ULL << 16)
#define PINBENCH_ROLE_MODE_LOCKED	(1ULL << 17)
#define PINBENCH_ROLE_MODE_LONGTERM	(1ULL << 18)

struct pinbench_entry {
	__u32 abi_version;		/* in: caller's; out: module's */
	__u32 struct_size;		/* in: sizeof(struct pinbench_entry) */
	__u32 kind;			/* in: enum pinbench_entry_kind */
	__u32 index;			/* in: -ENOENT past the last one */
	__u64 roles;			/* out: PINBENCH_ROLE_* */
	char name[PINBENCH_NAME_LEN];	/* out: e.g. "unpin_pages" */
	/* out: the kernel function it times (strategies) or pins with */
	char call[PINBENCH_CALL_LEN];
};

/* Composition histogram: pinned pages by the order of their folio. */
#define PINBENCH_HIST_ORDERS	20	/* order 18 is a 1G folio with 4K pages */

struct pinbench_composition {
	__u64 pages_by_order[PINBENCH_HIST_ORDERS];
	__u64 pages_hugetlb;	/* pages in hugetlbfs folios */
	__u64 pages_anon;	/* anonymous (incl. anon hugetlb) */
	__u64 pages_shmem;	/* swap-backed, not anonymous: shmem/tmpfs */
	__u64 pages_file;	/* other page cache */
	__u64 folios;		/* distinct folios (consecutive runs) */
	__u64 pages_not_pinned;	/* verification failures: pin not visible */
};

struct pinbench_info {
	__u32 abi_version;		/* in: caller's; out: module's */
	__u32 struct_size;		/* in: sizeof(struct pinbench_info) */
	__u32 page_size;
	__u32 nr_pin_methods;		/* ENTRY indexes below these */
	__u32 nr_strategies;
	__u32 max_iterations;		/* samples a RUN may ask for */
	__u64 max_pinned_pages;		/* module parameter: cap per RUN */
	__u64 chunk_pages;		/* default pages pinned per chunk */
	__u64 kernel_debug;		/* PINBENCH_KDEBUG_* of this kernel */
	char module_version[PINBENCH_NAME_LEN];
	char kernel_release[PINBENCH_RELEASE_LEN];
	char reserved[7];
};

/*
 * Kernel instrumentation that runs inside some timed windows and not
 * others (CONFIG_DEBUG_VM checks pinned pages in some unpin calls): a
 * figure from such a kernel must say so.
 */
#define PINBENCH_KDEBUG_DEBUG_VM	(1ULL << 0)
#define PINBENCH_KDEBUG_KASAN		(1ULL << 1)
#define PINBENCH_KDEBUG_LOCKDEP		(1ULL << 2)
#define PINBENCH_KDEBUG_PAGEALLOC	(1ULL << 3)
#define PINBENCH_KDEBUG_KCSAN		(1ULL << 4)

/* RUN flags */
#define PINBENCH_F_WRITE	(1U << 0)	/* FOLL_WRITE */
#define PINBENCH_F_VERIFY_ALL	(1U << 1)	/* verify every iteration */
/*
 * The reference oracle: record the refcount of every folio of the range
 * before the first pin, check after the last release that each is back
 * (untimed; out: ref_*). Sees FOLL_GET references, which the vmstat pin
 * counters do not.
 */
#define PINBENCH_F_REF_CHECK	(1U << 2)
/*
 * The oracle's positive control (tests only): the last iteration keeps
 * one page back from the release until the oracle has looked, then drops
 * it. A working oracle reports one folio changed. Needs F_REF_CHECK.
 */
#define PINBENCH_F_SELFTEST_HOLD (1U << 3)
/*
 * Pin on one CPU, release on another (pinbench scale's remote-release):
 * a RUN with F_KEEP_PINS pins once (iterations 1, warmup 0), times the
 * pin and keeps the pins on its file descriptor instead of releasing
 * them (-EBUSY if the descriptor already keeps a set); a RUN with
 * F_RELEASE_KEPT on the same descriptor, from any thread, releases them
 * with its strategy, timed, and pins nothing. Its pin_method, strategy,
 * flags, addr and len must be the F_KEEP_PINS's (-EINVAL; -ENOENT:
 * nothing kept). Closing the descriptor releases what it still keeps.
 */
#define PINBENCH_F_KEEP_PINS	(1U << 4)
#define PINBENCH_F_RELEASE_KEPT	(1U << 5)
#define PINBENCH_F_ALL		(PINBENCH_F_WRITE | PINBENCH_F_VERIFY_ALL | \
				 PINBENCH_F_REF_CHECK | \
				 PINBENCH_F_SELFTEST_HOLD | \
				 PINBENCH_F_KEEP_PINS | PINBENCH_F_RELEASE_KEPT)

/*
 * One iteration. *_tsc are get_cycles() deltas: on x86 the constant-rate
 * TSC, not core cycles; each window also holds one ktime_get_ns() read.
 */
struct pinbench_sample {
	__u64 pin_ns;
	__u64 release_ns;
	__u64 release_tsc;
	__u64 pin_tsc;
	__u64 prepare_ns;	/* prepare()'s own window; 0 without one */
	/*
	 * Context switches (voluntary + involuntary) of the measuring task
	 * across the prepare and release windows, and 1 in migrations when
	 * it ended them on another CPU: a nonzero sum means the sample was
	 * disturbed.
	 */
	__u32 ctx_switches;
	__u32 migrations;
	/*
	 * The release window's two clock reads (ktime_get_ns(): the
	 * CLOCK_MONOTONIC of clock_gettime()), so that windows of several
	 * threads can be shown to overlap; the CPU each window began on.
	 */
	__u64 release_start_ns;
	__u64 release_end_ns;
	__u32 pin_cpu;
	__u32 release_cpu;
};

/*
 * Counters of the release window (RUN events[]): perf events the module
 * creates on the measuring task (perf_event_create_kernel_counter) once
 * per RUN, outside any timed window, and reads just before and just
 * after each release window (untimed): a sample's counts are the
 * difference, the window and its two clock reads. type and config are
 * perf_event_attr's
 * (PERF_TYPE_HARDWARE + PERF_COUNT_HW_INSTRUCTIONS, ...). status is 0
 * when the event counts, else the -errno that refused it (no PMU under
 * TCG: -ENOENT or -EOPNOTSUPP): that event is then unsupported, its counts
 * zero and meaningless, and the RUN goes on.
 */
#define PINBENCH_MAX_EVENTS	12

struct pinbench_event {
	__u32 type;			/* in: PERF_TYPE_* */
	__s32 status;			/* out: 0, or -errno: not counted */
	__u64 config;			/* in: PERF_COUNT_* of that type */
};

/*
 * One event over one release window: time_enabled < time_running never;
 * time_running < time_enabled means the PMU multiplexed it (value is what
 * was counted, not scaled).
 */
struct pinbench_count {
	__u64 value;
	__u64 time_enabled;
	__u64 time_running;
};

/* RUN out flags */
#define PINBENCH_OUT_INTERRUPTED (1U << 0)	/* stopped early by a signal */

struct pinbench_run {
	__u32 abi_version;		/* in */
	__u32 struct_size;		/* in: sizeof(struct pinbench_run) */
	__u64 addr;			/* in: page aligned user address */
	__u64 len;			/* in: bytes, page aligned, > 0 */
	__u32 pin_method;		/* in: a pin method's number */
	__u32 strategy;			/* in: a strategy's number */
	__u32 flags;			/* in: PINBENCH_F_* */
	__u32 iterations;		/* in: measured iterations, >= 1 */
	__u32 warmup;			/* in: unrecorded iterations first */
	__u32 chunk_pages;		/* in: pages per pin call, 0: default */
	__u64 samples;			/* in: user pointer, iterations entries */
	__u32 samples_cap;		/* in: entries the buffer holds */
	__u32 samples_written;		/* out */
	__u64 pages;			/* out: pages pinned per iteration */
	__u32 out_flags;		/* out: PINBENCH_OUT_* */
	__u32 reserved;
	/* out, with F_REF_CHECK: folios checked, and those not back */
	__u64 ref_folios;
	__u64 ref_changed;
	__s64 ref_delta;		/* sum of (after - before) refcounts */
	/*
	 * out: what the first iteration (a warmup one when warmup > 0)
	 * pinned; pages_not_pinned sums over every verified iteration.
	 */
	struct pinbench_composition comp;
	__u32 nr_events;		/* in: 0 .. PINBENCH_MAX_EVENTS */
	__u32 reserved2;		/* in: 0 */
	struct pinbench_event events[PINBENCH_MAX_EVENTS];
	/*
	 * in: user pointer to iterations * nr_events counts, sample-major
	 * (sample i's event j at i * nr_events + j); unused (never written)
	 * when nr_events is 0
	 */
	__u64 counts;
	/*
	 * in: 0, or the id of sample 0's windows: sample i's pin, prepare
	 * and release windows carry window_tag + i in the emulator markers
	 * (pinbench_markers.h) sent before each (untimed); warmup
	 * iterations carry none. window_tag + iterations must not wrap.
	 */
	__u64 window_tag;
};

/*
 * 0xE8: unused in Documentation/userspace-api/ioctl/ioctl-number.rst
 * (ABI 1 used 'P', which six drivers share).
 */
#define PINBENCH_IOCTL_MAGIC	0xE8
#define PINBENCH_IOCTL_MAGIC_V1	'P'
#define PINBENCH_IOCTL_INFO	_IOWR(PINBENCH_IOCTL_MAGIC, 1, struct pinbench_info)
#define PINBENCH_IOCTL_RUN	_IOWR(PINBENCH_IOCTL_MAGIC, 2, struct pinbench_run)
#define PINBENCH_IOCTL_ENTRY	_IOWR(PINBENCH_IOCTL_MAGIC, 3, struct pinbench_entry)

#endif /* _PINBENCH_UAPI_H */
