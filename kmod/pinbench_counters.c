// SPDX-License-Identifier: GPL-2.0
/*
 * Perf counters scoped to the release window: created on the measuring
 * task once per RUN and freed after it (never timed), counting from
 * creation, read just before and just after each release window; a
 * window's counts are the difference. Reading is the cheaper fence:
 * perf_event_enable() and perf_event_disable() around each window added
 * about 25 us of task-clock to every window under TCG (6.12, measured
 * 2026-11-30), a noop window 10x its release_ns.
 */
#include <linux/err.h>
#include <linux/perf_event.h>
#include <linux/sched.h>
#include "pinbench.h"

/* A kernel without perf has no counters to give: say so at build time. */
#if !IS_ENABLED(CONFIG_PERF_EVENTS)
#error "pinbench needs CONFIG_PERF_EVENTS (the counters of RUN events)"
#endif

/*
 * Counting only, no sampling: what the task does in the window. Hardware
 * events are pinned: one the PMU cannot keep on a counter is not counted
 * at all (time_running stays put: userspace says so), never multiplexed
 * into a fraction of the window.
 */
static struct perf_event *pb_counter_create(const struct pinbench_event *ev)
{
	struct perf_event_attr attr = {
		.type = ev->type,
		.size = sizeof(attr),
		.config = ev->config,
		.exclude_hv = 1,
		.pinned = ev->type != PERF_TYPE_SOFTWARE,
	};

	return perf_event_create_kernel_counter(&attr, -1, current, NULL, NULL);
}

int pb_counters_create(struct pb_counters *c, struct pinbench_run *req)
{
	u32 i;

	memset(c, 0, sizeof(*c));
	if (req->nr_events > PINBENCH_MAX_EVENTS || req->reserved2)
		return -EINVAL;
	if (req->nr_events && !req->counts)
		return -EINVAL;
	/* counting events only: no breakpoints, tracepoints or raw PMUs */
	for (i = 0; i < req->nr_events; i++)
		if (req->events[i].type != PERF_TYPE_HARDWARE &&
		    req->events[i].type != PERF_TYPE_SOFTWARE &&
		    req->events[i].type != PERF_TYPE_HW_CACHE)
			return -EINVAL;
	/* what a caller left past nr_events goes back as nothing */
	for (i = req->nr_events; i < PINBENCH_MAX_EVENTS; i++)
		req->events[i].status = 0;
	c->nr = req->nr_events;
	for (i = 0; i < c->nr; i++) {
		struct perf_event *event = pb_counter_create(&req->events[i]);

		if (IS_ERR(event)) {
			/* this kernel or machine cannot count it: said, not fatal */
			req->events[i].status = PTR_ERR(event);
			continue;
		}
		req->events[i].status = 0;
		c->events[i] = event;
	}
	return 0;
}

/* What each counter holds now, the start of a window. */
void pb_counters_mark(struct pb_counters *c)
{
	u32 i;

	for (i = 0; i < c->nr; i++)
		if (c->events[i])
			c->last[i].value = perf_event_read_value(c->events[i],
					&c->last[i].time_enabled,
					&c->last[i].time_running);
}

/* The window just closed: what each counter gained since the mark. */
void pb_counters_read(struct pb_counters *c, struct pinbench_count *out)
{
	u64 value, enabled, running;
	u32 i;

	for (i = 0; i < c->nr; i++) {
		memset(&out[i], 0, sizeof(out[i]));
		if (!c->events[i])
			continue;
		value = perf_event_read_value(c->events[i], &enabled,
					      &running);
		out[i].value = value - c->last[i].value;
		out[i].time_enabled = enabled - c->last[i].time_enabled;
		out[i].time_running = running - c->last[i].time_running;
	}
}

void pb_counters_free(struct pb_counters *c)
{
	u32 i;

	for (i = 0; i < c->nr; i++)
		if (c->events[i])
			perf_event_release_kernel(c->events[i]);
	c->nr = 0;
}
