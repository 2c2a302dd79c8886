/*
 * One case of pinbench scale: its threads, each pinned to its CPU with
 * its own descriptor, started together at a barrier, each issuing its
 * own RUNs; remote-release pairs hand pins kept on a shared descriptor
 * (F_KEEP_PINS) from the pinning thread to the releasing one
 * (F_RELEASE_KEPT).
 */
#ifndef PINBENCH_SCALE_THREADS_H
#define PINBENCH_SCALE_THREADS_H
#include <stdint.h>
#include "region.h"
#include "scale_options.h"
#include "scale_result.h"

struct scale_job {
	const struct scale_options *opts;
	unsigned int max_iterations;	/* the module's, per RUN */
	unsigned int strategy, pin_method;
	uint32_t flags;			/* PINBENCH_F_WRITE or 0 */
	struct scale_case *c;		/* c->th[t].place set */
	struct region *const *regions;	/* thread t's range */
};

/*
 * Runs the case: c->th[t].samples, n, pages and err filled. 0; -1 when
 * the threads could not be started (err says why).
 */
int scale_run_case(const struct scale_job *job, char *err, size_t errlen);
#endif
