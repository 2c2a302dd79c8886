/*
 * The order of the strategies in each round of an interleaved sweep: a
 * Fisher-Yates shuffle driven by splitmix64, so that one --seed gives the
 * same orders on every machine and libc.
 */
#ifndef PINBENCH_SHUFFLE_H
#define PINBENCH_SHUFFLE_H

#include <stddef.h>
#include <stdint.h>

struct shuffle_rng {
	uint64_t state;
};

void shuffle_seed(struct shuffle_rng *rng, uint64_t seed);

/* The next 64 random bits. */
uint64_t shuffle_next(struct shuffle_rng *rng);

/* Uniform in [0, bound), bound >= 1, without modulo bias. */
uint64_t shuffle_below(struct shuffle_rng *rng, uint64_t bound);

/* Permutes order[0..n) in place, uniformly. */
void shuffle_order(struct shuffle_rng *rng, size_t *order, size_t n);

/* A seed when none is given: the clock's nanoseconds mixed with the pid. */
uint64_t shuffle_default_seed(void);

#endif
