/*
 * The ids a sweep gives its RUNs' windows (struct pinbench_run
 * window_tag): unique in a boot, so that an emulator's log of every
 * window of the boot joins each to its samples.csv row (insns-join).
 */
#ifndef PINBENCH_WINDOW_IDS_H
#define PINBENCH_WINDOW_IDS_H

#include <stdint.h>

/* A random high half (two pinbench processes of one boot never meet), 1. */
uint64_t window_ids_first(void);
/*
 * The tag of a RUN of iterations samples: *next, which moves past them;
 * 0 (no ids) when *next is 0.
 */
uint64_t window_ids_take(uint64_t *next, uint32_t iterations);

#endif
