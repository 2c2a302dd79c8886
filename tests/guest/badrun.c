// SPDX-License-Identifier: GPL-2.0
/*
 * Bad requests to /dev/pinbench: each case must fail with its own errno,
 * and nothing may stay pinned afterwards (the leak oracle after each).
 * Prints TAP lines; exit status is the number of failed cases.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/perf_event.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "guest_device.h"
#include "leak_oracle.h"

#define RANGE_PAGES 16

struct fixture {
	int fd;
	long page;
	struct module_info info;	/* INFO and the catalogue */
	char *range;			/* RANGE_PAGES mapped, written pages */
	struct pinbench_sample samples[4];
	const char *outcome;		/* what the case saw, when not errno */
};

typedef int (*case_fn)(struct fixture *fx, struct pinbench_run *run);

/* A request that succeeds; each case breaks one thing in it. */
static void fixture_run(struct fixture *fx, struct pinbench_run *run)
{
	valid_run(run, &fx->info, (uintptr_t)fx->range,
		  RANGE_PAGES * fx->page, fx->samples, 4);
}

static int do_run(struct fixture *fx, struct pinbench_run *run)
{
	return ioctl(fx->fd, PINBENCH_IOCTL_RUN, run) ? errno : 0;
}

static int case_valid(struct fixture *fx, struct pinbench_run *run)
{
	int err = do_run(fx, run);

	if (!err && (run->pages != RANGE_PAGES || run->samples_written != 1))
		return -1;
	return err;
}

static int case_unaligned_addr(struct fixture *fx, struct pinbench_run *run)
{
	run->addr += 1;
	return do_run(fx, run);
}

static int case_unaligned_len(struct fixture *fx, struct pinbench_run *run)
{
	run->len -= 1;
	return do_run(fx, run);
}

static int case_zero_len(struct fixture *fx, struct pinbench_run *run)
{
	run->len = 0;
	return do_run(fx, run);
}

static int case_overflowing_len(struct fixture *fx, struct pinbench_run *run)
{
	run->len = UINT64_MAX & ~(uint64_t)(fx->page - 1);
	return do_run(fx, run);
}

static int case_kernel_address(struct fixture *fx, struct pinbench_run *run)
{
	run->addr = 0xffff888000000000ULL;
	return do_run(fx, run);
}

static int case_unmapped_range(struct fixture *fx, struct pinbench_run *run)
{
	void *hole = mmap(NULL, RANGE_PAGES * fx->page, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (hole == MAP_FAILED)
		return -1;
	munmap(hole, RANGE_PAGES * fx->page);
	run->addr = (uintptr_t)hole;
	return do_run(fx, run);
}

/* Pages 0..7 mapped, 8..15 not: the first chunks pin, then it must undo. */
static int partly_mapped(struct fixture *fx, struct pinbench_run *run,
			 unsigned int chunk_pages)
{
	size_t len = RANGE_PAGES * fx->page;
	char *area = mmap(NULL, len, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int err;

	if (area == MAP_FAILED)
		return -1;
	memset(area, 1, len / 2);
	munmap(area + len / 2, len / 2);
	run->addr = (uintptr_t)area;
	run->chunk_pages = chunk_pages;
	err = do_run(fx, run);
	munmap(area, len / 2);
	return err;
}

static int case_partly_mapped(struct fixture *fx, struct pinbench_run *run)
{
	return partly_mapped(fx, run, 0);
}

static int case_partly_mapped_chunks(struct fixture *fx,
				     struct pinbench_run *run)
{
	return partly_mapped(fx, run, 2);
}

static int case_partly_mapped_locked(struct fixture *fx,
				     struct pinbench_run *run)
{
	run->pin_method = must_pin_method(&fx->info, "pin");
	return partly_mapped(fx, run, 2);
}

static int protected_range(struct fixture *fx, struct pinbench_run *run,
			   int prot)
{
	size_t len = RANGE_PAGES * fx->page;
	char *area = mmap(NULL, len, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int err;

	if (area == MAP_FAILED)
		return -1;
	memset(area, 1, len);
	mprotect(area, len, prot);
	run->addr = (uintptr_t)area;
	err = do_run(fx, run);
	munmap(area, len);
	return err;
}

static int case_prot_none(struct fixture *fx, struct pinbench_run *run)
{
	return protected_range(fx, run, PROT_NONE);
}

static int case_read_only_write_pin(struct fixture *fx,
				    struct pinbench_run *run)
{
	return protected_range(fx, run, PROT_READ);
}

/* refused, and the module says which ABI it speaks */
static int case_bad_abi_version(struct fixture *fx, struct pinbench_run *run)
{
	int err;

	run->abi_version = PINBENCH_ABI_VERSION + 1;
	err = do_run(fx, run);
	return run->abi_version == PINBENCH_ABI_VERSION ? err : -1;
}

static int case_bad_struct_size(struct fixture *fx, struct pinbench_run *run)
{
	run->struct_size = sizeof(*run) - 8;
	return do_run(fx, run);
}

static int case_unknown_strategy(struct fixture *fx, struct pinbench_run *run)
{
	run->strategy = info_nr_strategies(&fx->info);
	return do_run(fx, run);
}

static int case_unknown_pin_method(struct fixture *fx,
				   struct pinbench_run *run)
{
	run->pin_method = 1000;
	return do_run(fx, run);
}

static int case_get_with_unpin(struct fixture *fx, struct pinbench_run *run)
{
	run->pin_method = must_pin_method(&fx->info, "gup_fast");
	return do_run(fx, run);
}

static int case_pin_with_put_page(struct fixture *fx, struct pinbench_run *run)
{
	run->strategy = must_strategy(&fx->info, "put_page");
	return do_run(fx, run);
}

static int case_unknown_flags(struct fixture *fx, struct pinbench_run *run)
{
	run->flags |= 1U << 31;
	return do_run(fx, run);
}

static int case_zero_iterations(struct fixture *fx, struct pinbench_run *run)
{
	run->iterations = 0;
	return do_run(fx, run);
}

static int case_huge_iterations(struct fixture *fx, struct pinbench_run *run)
{
	run->iterations = fx->info.abi.max_iterations + 1;
	run->samples_cap = run->iterations;
	return do_run(fx, run);
}

static int case_huge_warmup(struct fixture *fx, struct pinbench_run *run)
{
	run->warmup = UINT32_MAX;
	return do_run(fx, run);
}

static int case_null_samples(struct fixture *fx, struct pinbench_run *run)
{
	run->samples = 0;
	return do_run(fx, run);
}

static int case_small_samples(struct fixture *fx, struct pinbench_run *run)
{
	run->iterations = 3;
	run->samples_cap = 2;
	return do_run(fx, run);
}

static int case_kernel_samples(struct fixture *fx, struct pinbench_run *run)
{
	run->samples = 0xffff888000000000ULL;
	return do_run(fx, run);
}

static int case_above_pin_cap(struct fixture *fx, struct pinbench_run *run)
{
	run->len = (fx->info.abi.max_pinned_pages + 1) * fx->page;
	return do_run(fx, run);
}

static int case_chunk_too_big(struct fixture *fx, struct pinbench_run *run)
{
	run->chunk_pages = UINT32_MAX;
	return do_run(fx, run);
}

static int case_chunk_of_one(struct fixture *fx, struct pinbench_run *run)
{
	run->chunk_pages = 1;
	run->iterations = 2;
	run->warmup = 1;
	return do_run(fx, run);
}

/* unpin_folios: missing before 6.11 -> EOPNOTSUPP, else it must work */
/* Success where INFO says the kernel has it, EOPNOTSUPP where not. */
static int case_unpin_folios(struct fixture *fx, struct pinbench_run *run)
{
	unsigned int folios = must_strategy(&fx->info, "unpin_folios");
	bool has = info_strategy_supported(&fx->info, folios);
	int err;

	run->strategy = folios;
	err = do_run(fx, run);
	fx->outcome = has ? "supported here: success" :
		      "unsupported here: EOPNOTSUPP";
	if (has)
		return err;
	return err == EOPNOTSUPP ? 0 : (err ? err : -1);
}

static int case_info_bad_abi(struct fixture *fx, struct pinbench_run *run)
{
	struct pinbench_info info = {
		.abi_version = 0, .struct_size = sizeof(info),
	};

	(void)run;
	return ioctl(fx->fd, PINBENCH_IOCTL_INFO, &info) ? errno : 0;
}

static int case_info_bad_size(struct fixture *fx, struct pinbench_run *run)
{
	struct pinbench_info info = {
		.abi_version = PINBENCH_ABI_VERSION, .struct_size = 16,
	};

	(void)run;
	return ioctl(fx->fd, PINBENCH_IOCTL_INFO, &info) ? errno : 0;
}

static int case_unknown_ioctl(struct fixture *fx, struct pinbench_run *run)
{
	return ioctl(fx->fd, _IOWR(PINBENCH_IOCTL_MAGIC, 99,
				   struct pinbench_run), run) ? errno : 0;
}

/* An ABI 1 CLI ('P' ioctls) is told the module's ABI, not ENOTTY. */
static int case_abi1_ioctl(struct fixture *fx, struct pinbench_run *run)
{
	int err;

	run->abi_version = 1;
	err = ioctl(fx->fd, _IOWR(PINBENCH_IOCTL_MAGIC_V1, 2,
				  struct pinbench_run), run) ? errno : 0;
	return run->abi_version == PINBENCH_ABI_VERSION ? err : -1;
}

/*
 * ABI 2's INFO (its struct held the names: 720 bytes, so another ioctl
 * number): EPROTO with this module's version written back, not ENOTTY.
 */
static int case_abi2_info(struct fixture *fx, struct pinbench_run *run)
{
	__u32 abi2_info[720 / sizeof(__u32)] = { 2, 720 };
	int err;

	(void)run;
	err = ioctl(fx->fd, _IOWR(PINBENCH_IOCTL_MAGIC, 1, __u32[180]),
		    abi2_info) ? errno : 0;
	return abi2_info[0] == PINBENCH_ABI_VERSION ? err : -1;
}

/* ENTRY: one request, the rest of the run unused. */
static int do_entry(struct fixture *fx, struct pinbench_entry *e, __u32 kind,
		    __u32 index)
{
	memset(e, 0, sizeof(*e));
	e->abi_version = PINBENCH_ABI_VERSION;
	e->struct_size = sizeof(*e);
	e->kind = kind;
	e->index = index;
	return ioctl(fx->fd, PINBENCH_IOCTL_ENTRY, e) ? errno : 0;
}

/* INFO's counts and ENTRY agree: every index answers, the next does not. */
static int case_entry_counts(struct fixture *fx, struct pinbench_run *run)
{
	struct pinbench_entry e;
	int err;

	(void)run;
	if (do_entry(fx, &e, PINBENCH_ENTRY_STRATEGY,
		     info_nr_strategies(&fx->info) - 1) ||
	    do_entry(fx, &e, PINBENCH_ENTRY_PIN_METHOD,
		     info_nr_pin_methods(&fx->info) - 1))
		return -1;
	err = do_entry(fx, &e, PINBENCH_ENTRY_PIN_METHOD,
		       info_nr_pin_methods(&fx->info));
	return err == ENOENT ? do_entry(fx, &e, PINBENCH_ENTRY_STRATEGY,
					info_nr_strategies(&fx->info)) :
	       (err ? err : -1);
}

static int case_entry_unknown_kind(struct fixture *fx,
				   struct pinbench_run *run)
{
	struct pinbench_entry e;

	(void)run;
	return do_entry(fx, &e, 7, 0);
}

static int case_entry_bad_size(struct fixture *fx, struct pinbench_run *run)
{
	struct pinbench_entry e;

	(void)run;
	memset(&e, 0, sizeof(e));
	e.abi_version = PINBENCH_ABI_VERSION;
	e.struct_size = sizeof(e) - 8;
	return ioctl(fx->fd, PINBENCH_IOCTL_ENTRY, &e) ? errno : 0;
}

/* An older ABI: EPROTO, with the module's version written back. */
static int case_entry_old_abi(struct fixture *fx, struct pinbench_run *run)
{
	struct pinbench_entry e;
	int err;

	(void)run;
	memset(&e, 0, sizeof(e));
	e.abi_version = PINBENCH_ABI_VERSION - 1;
	e.struct_size = sizeof(e);
	err = ioctl(fx->fd, PINBENCH_IOCTL_ENTRY, &e) ? errno : 0;
	return e.abi_version == PINBENCH_ABI_VERSION ? err : -1;
}

static int case_entry_null_arg(struct fixture *fx, struct pinbench_run *run)
{
	(void)run;
	return ioctl(fx->fd, PINBENCH_IOCTL_ENTRY, NULL) ? errno : 0;
}

/* Dirtying pages pinned without FOLL_WRITE is wrong: refused. */
static int case_dirty_read_only(struct fixture *fx, struct pinbench_run *run)
{
	run->strategy = must_strategy(&fx->info, "unpin_dirty");
	run->flags &= ~PINBENCH_F_WRITE;
	return do_run(fx, run);
}

/* release_pages() skips the huge zero folio: no read-only pins for it. */
static int case_release_pages_read_only(struct fixture *fx,
					struct pinbench_run *run)
{
	run->strategy = must_strategy(&fx->info, "release_pages");
	run->pin_method = must_pin_method(&fx->info, "gup_fast");
	run->flags &= ~PINBENCH_F_WRITE;
	return do_run(fx, run);
}

/* The oracle's positive control needs the oracle. */
static int case_hold_without_ref_check(struct fixture *fx,
				       struct pinbench_run *run)
{
	run->flags |= PINBENCH_F_SELFTEST_HOLD;
	return do_run(fx, run);
}

/* With the oracle, a request that releases all: nothing changed. */
static int case_ref_check(struct fixture *fx, struct pinbench_run *run)
{
	int err;

	run->flags |= PINBENCH_F_REF_CHECK;
	/* this CPU's LRU batches may hold the range's folios: drain them */
	lru_drain_this_cpu();
	err = do_run(fx, run);
	if (!err && (run->ref_changed || run->ref_delta ||
		     run->ref_folios != RANGE_PAGES))
		return -1;
	return err;
}

static int case_run_null_arg(struct fixture *fx, struct pinbench_run *run)
{
	(void)run;
	return ioctl(fx->fd, PINBENCH_IOCTL_RUN, NULL) ? errno : 0;
}

/* --events: the counts buffer of a RUN, one per sample and event. */
static struct pinbench_count event_counts[4 * PINBENCH_MAX_EVENTS];

static void with_event(struct pinbench_run *run, __u32 type, __u64 config)
{
	run->events[run->nr_events].type = type;
	run->events[run->nr_events].config = config;
	run->nr_events++;
	run->counts = (uintptr_t)event_counts;
}

/* task-clock counts everywhere: a count, its status 0 */
static int case_event_task_clock(struct fixture *fx, struct pinbench_run *run)
{
	int err;

	with_event(run, PERF_TYPE_SOFTWARE, PERF_COUNT_SW_TASK_CLOCK);
	err = do_run(fx, run);
	if (!err && (run->events[0].status || !event_counts[0].value ||
		     event_counts[0].time_enabled < event_counts[0].time_running))
		return -1;
	return err;
}

/* an event the machine may lack: counted, or its own -errno; RUN goes on */
static int case_event_unsupported(struct fixture *fx, struct pinbench_run *run)
{
	int err;

	with_event(run, PERF_TYPE_HARDWARE, PERF_COUNT_HW_INSTRUCTIONS);
	with_event(run, PERF_TYPE_SOFTWARE, ~0ULL);	/* no such config */
	err = do_run(fx, run);
	if (!err && (run->events[0].status > 0 || run->events[1].status >= 0))
		return -1;
	fx->outcome = run->events[0].status ? "instructions unsupported" :
		      "instructions counted";
	return err;
}

static int case_event_too_many(struct fixture *fx, struct pinbench_run *run)
{
	while (run->nr_events < PINBENCH_MAX_EVENTS)
		with_event(run, PERF_TYPE_SOFTWARE, PERF_COUNT_SW_TASK_CLOCK);
	run->nr_events++;
	return do_run(fx, run);
}

/* breakpoints, tracepoints, raw PMUs: not a counter of the window */
static int case_event_breakpoint(struct fixture *fx, struct pinbench_run *run)
{
	with_event(run, PERF_TYPE_BREAKPOINT, 0);
	return do_run(fx, run);
}

static int case_event_no_buffer(struct fixture *fx, struct pinbench_run *run)
{
	with_event(run, PERF_TYPE_SOFTWARE, PERF_COUNT_SW_TASK_CLOCK);
	run->counts = 0;
	return do_run(fx, run);
}

static int case_event_kernel_buffer(struct fixture *fx,
				    struct pinbench_run *run)
{
	with_event(run, PERF_TYPE_SOFTWARE, PERF_COUNT_SW_TASK_CLOCK);
	run->counts = 0xffffffff81000000ULL;
	return do_run(fx, run);
}

static int case_event_reserved(struct fixture *fx, struct pinbench_run *run)
{
	run->reserved2 = 1;
	return do_run(fx, run);
}

/* sample i's windows carry window_tag + i: the last one must not wrap */
static int case_window_tag_wraps(struct fixture *fx, struct pinbench_run *run)
{
	run->iterations = 2;
	run->window_tag = UINT64_MAX;
	return do_run(fx, run);
}

static int case_window_tag(struct fixture *fx, struct pinbench_run *run)
{
	run->window_tag = 0x5042000000000001ULL;
	return do_run(fx, run);
}

/* ---- pins kept on a descriptor (F_KEEP_PINS, F_RELEASE_KEPT) ---- */

static int keep(int fd, struct pinbench_run *run)
{
	run->flags |= PINBENCH_F_KEEP_PINS;
	return ioctl(fd, PINBENCH_IOCTL_RUN, run) ? errno : 0;
}

/* the same request, to release what keep() kept */
static int release_kept(int fd, const struct pinbench_run *kept)
{
	struct pinbench_run run = *kept;

	run.flags = (run.flags & ~PINBENCH_F_KEEP_PINS) |
		    PINBENCH_F_RELEASE_KEPT;
	return ioctl(fd, PINBENCH_IOCTL_RUN, &run) ? errno : 0;
}

/* kept: pinned in between (the oracle sees them), then released */
static int case_keep_then_release(struct fixture *fx, struct pinbench_run *run)
{
	long long before, held;
	int err;

	if (foll_pins_held(&before))
		return -1;
	err = keep(fx->fd, run);
	if (err)
		return err;
	if (foll_pins_held(&held) || held - before != RANGE_PAGES ||
	    run->samples_written != 1 || !fx->samples[0].pin_ns ||
	    fx->samples[0].release_ns) {
		release_kept(fx->fd, run);
		return -1;
	}
	err = release_kept(fx->fd, run);
	if (!err && (!fx->samples[0].release_ns || fx->samples[0].pin_ns ||
		     fx->samples[0].release_end_ns <
		     fx->samples[0].release_start_ns))
		return -1;
	fx->outcome = "kept between two RUNs, then released";
	return err;
}

static int case_release_nothing_kept(struct fixture *fx,
				     struct pinbench_run *run)
{
	return release_kept(fx->fd, run);
}

/* a release naming another range leaves the kept pins kept */
static int case_release_other_range(struct fixture *fx,
				    struct pinbench_run *run)
{
	struct pinbench_run other;
	int err = keep(fx->fd, run);

	if (err)
		return -1;
	other = *run;
	other.len -= fx->page;
	err = release_kept(fx->fd, &other);
	if (release_kept(fx->fd, run))
		return -1;
	return err;
}

static int case_keep_twice(struct fixture *fx, struct pinbench_run *run)
{
	struct pinbench_run again = *run;
	int err = keep(fx->fd, run);

	if (err)
		return -1;
	err = keep(fx->fd, &again);
	if (release_kept(fx->fd, run))
		return -1;
	return err;
}

static int case_keep_iterations(struct fixture *fx, struct pinbench_run *run)
{
	run->iterations = 2;
	return keep(fx->fd, run);
}

static int case_keep_and_release(struct fixture *fx, struct pinbench_run *run)
{
	run->flags |= PINBENCH_F_RELEASE_KEPT;
	return keep(fx->fd, run);
}

/* the descriptor closed with pins kept: the close releases them */
static int case_keep_close(struct fixture *fx, struct pinbench_run *run)
{
	long long before, held;
	int fd = open(PINBENCH_DEVICE, O_RDWR | O_CLOEXEC);
	int err;

	if (fd < 0 || foll_pins_held(&before))
		return -1;
	err = keep(fd, run);
	if (!err && (foll_pins_held(&held) || held - before != RANGE_PAGES))
		err = -1;
	/* another descriptor's kept pins are not this one's */
	if (!err && release_kept(fx->fd, run) != ENOENT)
		err = -1;
	close(fd);
	fx->outcome = "released on close";
	return err;
}

static const struct {
	const char *name;
	case_fn fn;
	int expected_errno;
} cases[] = {
	{ "valid request succeeds", case_valid, 0 },
	{ "unaligned address", case_unaligned_addr, EINVAL },
	{ "unaligned length", case_unaligned_len, EINVAL },
	{ "zero length", case_zero_len, EINVAL },
	{ "overflowing length", case_overflowing_len, EOVERFLOW },
	{ "kernel address", case_kernel_address, EFAULT },
	{ "unmapped range", case_unmapped_range, EFAULT },
	{ "partly mapped range", case_partly_mapped, EFAULT },
	{ "partly mapped, chunks pinned then undone",
	  case_partly_mapped_chunks, EFAULT },
	{ "partly mapped, mmap-locked pin", case_partly_mapped_locked, EFAULT },
	{ "PROT_NONE range", case_prot_none, EFAULT },
	{ "read-only range, write pin", case_read_only_write_pin, EFAULT },
	{ "wrong ABI version", case_bad_abi_version, EPROTO },
	{ "wrong struct size", case_bad_struct_size, EINVAL },
	{ "unknown strategy", case_unknown_strategy, EINVAL },
	{ "unknown pin method", case_unknown_pin_method, EINVAL },
	{ "FOLL_GET pin with unpin release", case_get_with_unpin, EINVAL },
	{ "FOLL_PIN pin with put_page release", case_pin_with_put_page,
	  EINVAL },
	{ "unknown flags", case_unknown_flags, EINVAL },
	{ "zero iterations", case_zero_iterations, EINVAL },
	{ "too many iterations", case_huge_iterations, EINVAL },
	{ "too many warmup iterations", case_huge_warmup, EINVAL },
	{ "NULL sample buffer", case_null_samples, EINVAL },
	{ "sample buffer too small", case_small_samples, ENOBUFS },
	{ "sample buffer in kernel space", case_kernel_samples, EFAULT },
	{ "more pages than max_pinned_pages", case_above_pin_cap, E2BIG },
	{ "chunk too big", case_chunk_too_big, EINVAL },
	{ "chunks of one page", case_chunk_of_one, 0 },
	{ "unpin_folios as INFO says", case_unpin_folios, 0 },
	{ "INFO wrong ABI version", case_info_bad_abi, EPROTO },
	{ "INFO wrong struct size", case_info_bad_size, EINVAL },
	{ "unknown ioctl", case_unknown_ioctl, ENOTTY },
	{ "ABI 1 ioctl ('P')", case_abi1_ioctl, EPROTO },
	{ "ABI 2 INFO (another size, another ioctl number)", case_abi2_info,
	  EPROTO },
	{ "dirtying strategy with read-only pins", case_dirty_read_only,
	  EINVAL },
	{ "release_pages with read-only pins", case_release_pages_read_only,
	  EINVAL },
	{ "held page without the reference oracle",
	  case_hold_without_ref_check, EINVAL },
	{ "reference oracle on a clean release", case_ref_check, 0 },
	{ "RUN with NULL argument", case_run_null_arg, EFAULT },
	{ "ENTRY past the last pin method and strategy INFO counts",
	  case_entry_counts, ENOENT },
	{ "ENTRY of an unknown kind", case_entry_unknown_kind, EINVAL },
	{ "ENTRY with a wrong struct_size", case_entry_bad_size, EINVAL },
	{ "ENTRY from an older ABI (version written back)",
	  case_entry_old_abi, EPROTO },
	{ "ENTRY with NULL argument", case_entry_null_arg, EFAULT },
	{ "event task-clock counted in the window", case_event_task_clock, 0 },
	{ "events the kernel refuses: per-event status, RUN goes on",
	  case_event_unsupported, 0 },
	{ "more events than PINBENCH_MAX_EVENTS", case_event_too_many, EINVAL },
	{ "breakpoint event", case_event_breakpoint, EINVAL },
	{ "events without a counts buffer", case_event_no_buffer, EINVAL },
	{ "counts buffer in kernel space", case_event_kernel_buffer, EFAULT },
	{ "reserved2 set", case_event_reserved, EINVAL },
	{ "window ids marked (window_tag)", case_window_tag, 0 },
	{ "window_tag + iterations past 2^64", case_window_tag_wraps, EINVAL },
	{ "pins kept between two RUNs, then released", case_keep_then_release,
	  0 },
	{ "release of pins never kept", case_release_nothing_kept, ENOENT },
	{ "release naming another range than the kept one",
	  case_release_other_range, EINVAL },
	{ "keep twice on one descriptor", case_keep_twice, EBUSY },
	{ "keep with 2 iterations", case_keep_iterations, EINVAL },
	{ "keep and release in one RUN", case_keep_and_release, EINVAL },
	{ "pins kept, descriptor closed (another cannot take them)",
	  case_keep_close, 0 },
};

static int setup(struct fixture *fx)
{
	size_t len;
	int err;

	fx->page = sysconf(_SC_PAGESIZE);
	err = device_open_info(&fx->fd, &fx->info);
	if (err) {
		fprintf(stderr, "pinbench-badrun: %s: %s\n", PINBENCH_DEVICE,
			strerror(err));
		return -1;
	}
	len = RANGE_PAGES * fx->page;
	fx->range = mmap(NULL, len, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (fx->range == MAP_FAILED)
		return -1;
	memset(fx->range, 1, len);
	return 0;
}

int main(void)
{
	size_t n = sizeof(cases) / sizeof(cases[0]);
	struct fixture fx;
	long long held_before;
	int failed = 0;
	size_t i;

	if (setup(&fx))
		return 1;
	/* natively, other users may hold pins: count only what we add */
	if (foll_pins_held(&held_before)) {
		fprintf(stderr, "pinbench-badrun: /proc/vmstat has no nr_foll_pin_acquired/released: no leak oracle\n");
		return 1;
	}
	printf("1..%zu\n", n);
	for (i = 0; i < n; i++) {
		struct pinbench_run run;
		long long leak;
		int err;

		fixture_run(&fx, &run);
		fx.outcome = NULL;
		err = cases[i].fn(&fx, &run);
		leak = foll_pins_added(held_before);
		if (err == cases[i].expected_errno && leak == 0) {
			printf("ok %zu - badrun: %s -> %s\n", i + 1,
			       cases[i].name, fx.outcome ? fx.outcome :
			       err ? strerrorname_np(err) : "success");
			continue;
		}
		failed++;
		printf("not ok %zu - badrun: %s\n", i + 1, cases[i].name);
		printf("# expected %s, got %s (%d); pins leaked: %lld\n",
		       cases[i].expected_errno ?
		       strerrorname_np(cases[i].expected_errno) : "success",
		       err > 0 ? strerrorname_np(err) : "wrong result", err,
		       leak);
	}
	return failed;
}
