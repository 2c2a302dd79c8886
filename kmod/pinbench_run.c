// SPDX-License-Identifier: GPL-2.0
/*
 * The RUN ioctl: validate a request, then pin (timed), verify (untimed),
 * prepare (timed on its own), release (timed), finish (untimed), once per
 * iteration; with PINBENCH_F_REF_CHECK the reference oracle around it all.
 */
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/timex.h>
#include <linux/uaccess.h>
#include "pinbench.h"
#include "pinbench_compat.h"
#include "pinbench_mark.h"

struct pb_run_ctx {
	struct pinbench_run req;
	const struct pb_pin_method *method;
	const struct pb_strategy *strategy;
	unsigned int gup_flags;
	unsigned long nr_pages;
	unsigned long chunk_pages;
	struct pb_pinset set;
	struct pb_refcheck refcheck;
	struct pb_counters counters;
	struct pinbench_count counts[PINBENCH_MAX_EVENTS];	/* a sample's */
	struct page *held;		/* F_SELFTEST_HOLD: kept from release */
};

/* Every field a caller controls is checked here, before anything is pinned. */
static int pb_run_validate(struct pb_run_ctx *ctx)
{
	const struct pinbench_run *req = &ctx->req;
	u64 end, sample_bytes, count_bytes, last_id;

	if (req->pin_method >= PB_NR_PIN_METHODS ||
	    req->strategy >= PB_NR_STRATEGIES ||
	    req->flags & ~PINBENCH_F_ALL)
		return -EINVAL;
	ctx->method = &pb_pin_methods[req->pin_method];
	ctx->strategy = &pb_strategies[req->strategy];
	if (!ctx->strategy->supported)
		return -EOPNOTSUPP;
	/* a FOLL_GET reference must not be dropped by unpin, nor the reverse */
	if (ctx->method->foll_pin != ctx->strategy->foll_pin)
		return -EINVAL;
	/* dirtying what was pinned without FOLL_WRITE is wrong (ext4 WARNs) */
	if ((ctx->strategy->dirties || ctx->strategy->write_only) &&
	    !(req->flags & PINBENCH_F_WRITE))
		return -EINVAL;
	/* kept pins: one pin, or one release, of one range */
	if ((req->flags & PINBENCH_F_KEEP_PINS) &&
	    (req->flags & PINBENCH_F_RELEASE_KEPT))
		return -EINVAL;
	if ((req->flags & (PINBENCH_F_KEEP_PINS | PINBENCH_F_RELEASE_KEPT)) &&
	    (req->iterations != 1 || req->warmup ||
	     (req->flags & (PINBENCH_F_REF_CHECK | PINBENCH_F_SELFTEST_HOLD))))
		return -EINVAL;
	/* the held page is one array entry: not a folio or a run */
	if ((req->flags & PINBENCH_F_SELFTEST_HOLD) &&
	    (!(req->flags & PINBENCH_F_REF_CHECK) || ctx->strategy->prepare))
		return -EINVAL;

	if (!req->iterations || req->iterations > PINBENCH_MAX_ITERATIONS ||
	    req->warmup > PINBENCH_MAX_ITERATIONS)
		return -EINVAL;
	if (!req->samples)
		return -EINVAL;
	if (req->samples_cap < req->iterations)
		return -ENOBUFS;
	if (check_mul_overflow((u64)req->iterations,
			       (u64)sizeof(struct pinbench_sample),
			       &sample_bytes) ||
	    !access_ok(u64_to_user_ptr(req->samples), sample_bytes))
		return -EFAULT;
	if (req->nr_events > PINBENCH_MAX_EVENTS)
		return -EINVAL;
	/* sample i's windows carry window_tag + i: no wrap to 0 (none) */
	if (req->window_tag &&
	    check_add_overflow(req->window_tag, (u64)req->iterations,
			       &last_id))
		return -EINVAL;
	if (check_mul_overflow((u64)req->iterations * req->nr_events,
			       (u64)sizeof(struct pinbench_count), &count_bytes) ||
	    (req->nr_events &&
	     !access_ok(u64_to_user_ptr(req->counts), count_bytes)))
		return -EFAULT;

	if (!req->len || !PAGE_ALIGNED(req->addr) || !PAGE_ALIGNED(req->len))
		return -EINVAL;
	if (check_add_overflow(req->addr, req->len, &end))
		return -EOVERFLOW;
	if (!access_ok(u64_to_user_ptr(req->addr), req->len))
		return -EFAULT;
	ctx->nr_pages = req->len >> PAGE_SHIFT;
	/*
	 * The page arrays are allocated before anything is pinned: a cap
	 * raised past RAM must not let a range that can never be pinned
	 * allocate them (8 bytes a page) until the OOM killer steps in.
	 */
	if (ctx->nr_pages > READ_ONCE(pinbench_max_pinned_pages) ||
	    ctx->nr_pages > totalram_pages())
		return -E2BIG;

	ctx->chunk_pages = req->chunk_pages ?: PINBENCH_DEFAULT_CHUNK_PAGES;
	if (ctx->chunk_pages > PINBENCH_MAX_CHUNK_PAGES)
		return -EINVAL;

	ctx->gup_flags = 0;
	if (req->flags & PINBENCH_F_WRITE)
		ctx->gup_flags |= FOLL_WRITE;
	return 0;
}

static void pb_each_chunk(struct pb_pinset *set, void (*fn)(struct pb_chunk *))
{
	unsigned long i;

	for (i = 0; i < set->nr_chunks; i++)
		fn(&set->chunks[i]);
}

/*
 * The positive control of the reference oracle: the last entry of the
 * last non-empty chunk is not released until the oracle has looked.
 */
static void pb_hold_back(struct pb_run_ctx *ctx)
{
	struct pb_pinset *set = &ctx->set;
	unsigned long i;

	for (i = set->nr_chunks; i-- > 0;) {
		struct pb_chunk *chunk = &set->chunks[i];

		if (chunk->nr_items) {
			ctx->held = chunk->pages[--chunk->nr_items];
			return;
		}
	}
}

static void pb_release_held(struct pb_run_ctx *ctx)
{
	if (!ctx->held)
		return;
	if (ctx->method->foll_pin)
		unpin_user_page(ctx->held);
	else
		put_page(ctx->held);
	ctx->held = NULL;
}

/*
 * The id, most significant bit first: one marker per bit, each in its
 * own branch so that the emulator sees which. noinline: one copy.
 */
static noinline void pb_mark_id(u64 id)
{
	int bit;

	if (!id)
		return;
	for (bit = PINBENCH_MARK_ID_BITS - 1; bit >= 0; bit--) {
		if ((id >> bit) & 1)
			pb_mark(PINBENCH_MARK_BIT1);
		else
			pb_mark(PINBENCH_MARK_BIT0);
	}
}

static unsigned long pb_switches(void)
{
	return current->nvcsw + current->nivcsw;
}

/*
 * The pin window, then the verification and the held-back page
 * (untimed). On error nothing is left pinned. id: the windows' id for
 * the emulator's counts (0: none, a warmup iteration). The markers sit
 * inside each window's clock reads: what is counted is what is timed,
 * the clock reads excepted.
 */
static int pb_pin_window(struct pb_run_ctx *ctx, u64 id, bool verify,
			 bool hold, struct pinbench_composition *comp,
			 struct pinbench_sample *sample)
{
	struct pb_pinset *set = &ctx->set;
	cycles_t c0, c1;
	u64 t0, t1;
	int ret;

	sample->pin_cpu = raw_smp_processor_id();
	pb_mark_id(id);
	c0 = get_cycles();
	t0 = ktime_get_ns();
	pb_mark(PINBENCH_MARK_START(PINBENCH_WINDOW_PIN));
	ret = pb_pinset_pin(set, ctx->method, ctx->gup_flags);
	pb_mark(PINBENCH_MARK_STOP(PINBENCH_WINDOW_PIN));
	t1 = ktime_get_ns();
	c1 = get_cycles();
	if (ret)
		return ret;
	sample->pin_ns = t1 - t0;
	sample->pin_tsc = c1 - c0;

	if (verify)
		pb_verify(set, ctx->method->foll_pin, comp);
	if (hold)
		pb_hold_back(ctx);
	return 0;
}

/* The prepare and release windows: afterwards nothing is pinned. */
static void pb_release_window(struct pb_run_ctx *ctx, u64 id,
			      struct pinbench_sample *sample,
			      struct pinbench_count *counts)
{
	const struct pb_strategy *strategy = ctx->strategy;
	struct pb_pinset *set = &ctx->set;
	unsigned long switches;
	unsigned int cpu;
	cycles_t c0, c1;
	u64 t0, t1;
	unsigned long i;

	/* read untimed: was the task switched out or moved in a window? */
	switches = pb_switches();
	cpu = raw_smp_processor_id();
	if (strategy->prepare) {
		pb_mark_id(id);
		t0 = ktime_get_ns();
		pb_mark(PINBENCH_MARK_START(PINBENCH_WINDOW_PREPARE));
		pb_each_chunk(set, strategy->prepare);
		pb_mark(PINBENCH_MARK_STOP(PINBENCH_WINDOW_PREPARE));
		t1 = ktime_get_ns();
		sample->prepare_ns = t1 - t0;
	}

	/* the counters see the release window and its two clock reads */
	pb_mark_id(id);
	pb_counters_mark(&ctx->counters);
	c0 = get_cycles();
	t0 = ktime_get_ns();
	pb_mark(PINBENCH_MARK_START(PINBENCH_WINDOW_RELEASE));
	for (i = 0; i < set->nr_chunks; i++)
		strategy->release(&set->chunks[i]);
	pb_mark(PINBENCH_MARK_STOP(PINBENCH_WINDOW_RELEASE));
	t1 = ktime_get_ns();
	c1 = get_cycles();
	pb_counters_read(&ctx->counters, counts);
	sample->ctx_switches = pb_switches() - switches;
	sample->migrations = raw_smp_processor_id() != cpu;

	if (strategy->finish)
		pb_each_chunk(set, strategy->finish);
	for (i = 0; i < set->nr_chunks; i++)
		set->chunks[i].nr_pinned = 0;

	sample->release_ns = t1 - t0;
	sample->release_tsc = c1 - c0;
	sample->release_start_ns = t0;
	sample->release_end_ns = t1;
	sample->release_cpu = cpu;
}

/*
 * One iteration: pin and release, or with F_KEEP_PINS the pin alone (the
 * caller keeps the pins), with F_RELEASE_KEPT the release alone.
 */
static int pb_run_iteration(struct pb_run_ctx *ctx, u64 id, bool verify,
			    bool hold, struct pinbench_composition *comp,
			    struct pinbench_sample *sample,
			    struct pinbench_count *counts)
{
	u32 flags = ctx->req.flags;
	int ret;

	if (!(flags & PINBENCH_F_RELEASE_KEPT)) {
		ret = pb_pin_window(ctx, id, verify, hold, comp, sample);
		if (ret || (flags & PINBENCH_F_KEEP_PINS))
			return ret;
	}
	pb_release_window(ctx, id, sample, counts);
	return 0;
}

static int pb_run_loop(struct pb_run_ctx *ctx)
{
	struct pinbench_run *req = &ctx->req;
	struct pinbench_sample __user *usamples =
		u64_to_user_ptr(req->samples);
	struct pinbench_count __user *ucounts = u64_to_user_ptr(req->counts);
	struct pinbench_composition comp;
	u32 total = req->warmup + req->iterations;
	u32 iter;
	int ret;

	req->samples_written = 0;
	for (iter = 0; iter < total; iter++) {
		struct pinbench_sample sample = {};
		bool first = iter == 0;
		bool verify = first || (req->flags & PINBENCH_F_VERIFY_ALL);
		bool hold = iter == total - 1 &&
			    (req->flags & PINBENCH_F_SELFTEST_HOLD);
		u64 id = req->window_tag && iter >= req->warmup ?
			 req->window_tag + (iter - req->warmup) : 0;

		ret = pb_run_iteration(ctx, id, verify, hold,
				       first ? &req->comp : &comp, &sample,
				       ctx->counts);
		if (ret)
			return ret;
		if (!first && verify)
			req->comp.pages_not_pinned += comp.pages_not_pinned;
		if (iter >= req->warmup) {
			if (copy_to_user(&usamples[req->samples_written],
					 &sample, sizeof(sample)))
				return -EFAULT;
			if (req->nr_events &&
			    copy_to_user(&ucounts[(u64)req->samples_written *
						  req->nr_events], ctx->counts,
					 req->nr_events * sizeof(ctx->counts[0])))
				return -EFAULT;
			req->samples_written++;
		}
		/* between iterations, never inside a timed window */
		if (fatal_signal_pending(current))
			return -EINTR;
		/* Ctrl-C: stop here and hand back what was measured */
		if (signal_pending(current) && iter + 1 < total) {
			req->out_flags |= PINBENCH_OUT_INTERRUPTED;
			return 0;
		}
		cond_resched();
	}
	return 0;
}

/*
 * The context lives on the heap: with the request, the counters and a
 * sample's counts it is over 1 KiB, above a pinning path that faults and
 * reclaims.
 */
long pb_ioctl_run(struct file *file, struct pinbench_run __user *uarg)
{
	struct pb_run_ctx *ctx;
	int ret;

	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	ret = pb_copy_request(&ctx->req, uarg, sizeof(ctx->req));
	if (ret)
		goto out_ctx;
	memset(&ctx->req.comp, 0, sizeof(ctx->req.comp));
	ctx->req.pages = 0;
	ctx->req.samples_written = 0;
	ctx->req.out_flags = 0;
	ctx->req.reserved = 0;
	ctx->req.ref_folios = 0;
	ctx->req.ref_changed = 0;
	ctx->req.ref_delta = 0;

	ret = pb_run_validate(ctx);
	if (ret)
		goto out_ctx;
	ret = pb_counters_create(&ctx->counters, &ctx->req);
	if (ret)
		goto out_ctx;
	if (ctx->req.flags & PINBENCH_F_RELEASE_KEPT)
		ret = pb_kept_take(file, &ctx->set, &ctx->req);
	else
		ret = pb_pinset_alloc(&ctx->set, ctx->req.addr, ctx->nr_pages,
				      ctx->chunk_pages,
				      ctx->strategy->needs_run_len);
	if (ret)
		goto out_counters;

	if (ctx->req.flags & PINBENCH_F_REF_CHECK) {
		ret = pb_refcheck_begin(&ctx->refcheck, &ctx->set, ctx->method,
					ctx->gup_flags);
		if (ret)
			goto out_free;
	}

	ret = pb_run_loop(ctx);
	if (ret)
		goto out_release;
	if (ctx->req.flags & PINBENCH_F_REF_CHECK) {
		ctx->req.ref_folios = ctx->refcheck.nr;
		pb_refcheck_end(&ctx->refcheck, &ctx->req.ref_changed,
				&ctx->req.ref_delta);
	}
	/* counted, not the request echoed: the tests add the histogram up */
	ctx->req.pages = ctx->set.pinned;
	if (copy_to_user(uarg, &ctx->req, sizeof(ctx->req))) {
		ret = -EFAULT;
		goto out_release;
	}
	/* last: a RUN that fails keeps nothing, and what is kept is whole */
	if (ctx->req.flags & PINBENCH_F_KEEP_PINS)
		ret = pb_kept_stash(file, &ctx->set, &ctx->req,
				    ctx->method->foll_pin);
out_release:
	/* F_KEEP_PINS not kept (or its sample not copied): not left pinned */
	pb_pinset_release_all(&ctx->set, ctx->method->foll_pin);
	pb_release_held(ctx);
	pb_refcheck_free(&ctx->refcheck);
out_free:
	pb_pinset_free(&ctx->set);
out_counters:
	pb_counters_free(&ctx->counters);
out_ctx:
	kfree(ctx);
	return ret;
}
