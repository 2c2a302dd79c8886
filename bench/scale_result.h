/*
 * What one case of pinbench scale (mode x composition x strategy x
 * threads) measured, per thread, and the arithmetic of its summary:
 * aggregate pages per second, speedup and efficiency against one
 * thread, the spread between threads, whether the windows overlapped.
 * No device here: the host tests feed it made-up samples.
 */
#ifndef PINBENCH_SCALE_RESULT_H
#define PINBENCH_SCALE_RESULT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "pinbench_uapi.h"
#include "scale_options.h"

struct scale_thread_result {
	struct scale_place place;
	struct pinbench_sample *samples;	/* measured only */
	size_t n;
	uint64_t pages;				/* per sample */
	/* sampled pages on place.mem_node: 1 yes, 0 no, -1 unknown */
	int mem_before, mem_after;
	int mem_seen;				/* a node found, -1 none */
	int err;				/* a RUN's errno, or 0 */
};

struct scale_case {
	enum scale_mode mode;
	const char *composition;
	uint64_t size;
	const char *pin_method, *strategy;
	unsigned int threads;
	struct scale_thread_result *th;		/* threads of them */
	char unavailable[256];			/* why not measured; "" */
	char note[256];
};

struct scale_thread_stats {
	double ns_per_page;	/* median over its samples */
	double pages_per_s;	/* 1e9 / ns_per_page: its rate, by the median */
	uint64_t start_ns, end_ns;	/* first window's start, last's end */
	bool cpu_ok;		/* every window on the CPU it was placed on */
	bool placement_ok;	/* cpu_ok and its pages on its node */
};

struct scale_case_stats {
	double pages_per_s;	/* sum over threads */
	double ns_per_page;	/* median of the threads' medians */
	double thread_cv;	/* of the threads' medians; NaN for one */
	bool placement_ok;
	bool overlap_ok;	/* every two threads' spans intersect */
	size_t windows_overlapping;	/* windows overlapping another's */
};

void scale_thread_stats(const struct scale_thread_result *th,
			struct scale_thread_stats *out);
void scale_case_stats(const struct scale_case *c,
		      struct scale_case_stats *out);
/* pps against one thread's; NaN without a base. */
double scale_speedup(double pages_per_s, double base_pages_per_s);
/* speedup / threads */
double scale_efficiency(double speedup, unsigned int threads);
void scale_case_free(struct scale_case *c);
#endif
