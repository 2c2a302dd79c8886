/*
 * The measuring loop of pinbench run and pinbench sweep (one loop for
 * both): composition x size (built once) x planned (pin method, strategy).
 * --order interleaved: per (composition, size) a warmup round, then one
 * round per iteration over every strategy in a shuffled order (--seed),
 * a RUN of one sample each; --order grouped: a RUN per strategy.
 */
#ifndef PINBENCH_RUN_SWEEP_H
#define PINBENCH_RUN_SWEEP_H

#include <stdbool.h>
#include <stddef.h>

#include "calibration.h"
#include "device.h"
#include "run_options.h"
#include "run_plan.h"

/* One composition at one size. */
struct sweep_item {
	struct composition *comp;
	uint64_t size;
	const char *unavailable;	/* NULL, or why: recorded, not built */
};

/*
 * Called right before and right after each RUN ioctl (pinbench profile:
 * perf's sampling on only while the module runs, never while memory is
 * built or rows are written). A hook returns 0, or -1 after saying why:
 * the sweep then fails.
 */
struct run_hooks {
	int (*before_run)(void *ctx);
	int (*after_run)(void *ctx);
	void *ctx;
};

struct sweep {
	const struct run_options *opts;
	const struct run_hooks *hooks;	/* NULL: none (run, sweep) */
	const struct pinbench_device *dev;
	const struct planned_strategy *plan;
	size_t nr_planned;
	bool name_pin_method;		/* several pin methods: say which */
	const struct sweep_item *items;
	size_t nr_items;
	const char *run_id;
	const char *kernel;		/* uname -r */
	const char *samples_path;	/* rows are appended after every RUN */
	uint32_t first_iteration;	/* a run appended: after the file's */
};

enum sweep_end {
	SWEEP_DONE,
	SWEEP_CUT_SHORT,	/* SIGINT/SIGTERM, between RUNs */
	SWEEP_FAILED,		/* said why on stderr */
};

struct sweep_counts {
	size_t runs_done;	/* (item, strategy) pairs measured */
	size_t runs_total;	/* (item, supported strategy) pairs planned */
	double seconds;
	/* calibrate_ns() at the start, half way through the RUNs, the end */
	struct calibration calibration;
};

enum sweep_end sweep_run(const struct sweep *sweep,
			 struct sweep_counts *counts);

#endif
