/*
 * pinbench scale's figures, from DIR/scale-summary.csv when it exists:
 *   scale_throughput-<mode>  aggregate pages/s vs threads, a line per
 *                            composition and strategy
 *   scale_efficiency-<mode>  speedup / threads vs threads
 *   scale_local_remote       1-thread ns/page: private (local), cross-node
 *                            (remote memory), remote-release (remote CPU)
 */
#ifndef PINBENCH_FIGURE_SCALE_H
#define PINBENCH_FIGURE_SCALE_H
#include <stddef.h>
#include "figures.h"

/*
 * Appends dir's scale figures to set (none without scale-summary.csv).
 * 0, or -1 with err (an unreadable or malformed file, memory).
 */
int figure_scale_add(const char *dir, struct figure_set *set, char *err,
		     size_t errlen);
#endif
