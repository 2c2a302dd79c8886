/*
 * How fast this boot runs plain userspace code: a fixed integer loop, no
 * syscalls and no memory beyond registers, so it does not depend on the
 * kernel under test. Boots of one emulated kernel differ by more than
 * strategies do on a shared host; this is the yardstick for that.
 */
#ifndef PINBENCH_CALIBRATE_H
#define PINBENCH_CALIBRATE_H

#include <stdint.h>

/* About 20 ms natively, 0.2-0.6 s under TCG: the work is fixed. */
#define CALIBRATE_ITERATIONS 8000000u
#define CALIBRATE_REPETITIONS 3

/* The loop once; its result, which depends on every iteration. */
uint64_t calibrate_loop(uint32_t iterations);

/* ns per loop iteration, the best of CALIBRATE_REPETITIONS. */
double calibrate_ns(void);

#endif
