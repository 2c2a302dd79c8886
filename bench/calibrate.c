#include <time.h>

#include "calibrate.h"

/* volatile: the compiler may not fold the loop from a known seed */
static volatile uint64_t calibrate_seed = 0x9e3779b97f4a7c15ull;
static volatile uint64_t calibrate_sink;

/*
 * A page of its own: under TCG the loop's speed must not depend on what
 * the link put beside it (the same loop ran 13 times slower in one build
 * than in another).
 */
__attribute__((aligned(4096), noinline))
uint64_t calibrate_loop(uint32_t iterations)
{
	uint64_t x = calibrate_seed, acc = 0;
	uint32_t i;

	/* xorshift64 and a multiply chained through acc: serial work */
	for (i = 0; i < iterations; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		acc += x * (acc | 1);
	}
	calibrate_sink = acc;
	return acc;
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

double calibrate_ns(void)
{
	double best = 0, start, took;
	int i;

	/* the best: a preemption or emulator pause only ever adds time */
	for (i = 0; i < CALIBRATE_REPETITIONS; i++) {
		start = now_ns();
		calibrate_loop(CALIBRATE_ITERATIONS);
		took = now_ns() - start;
		if (!i || took < best)
			best = took;
	}
	return best / CALIBRATE_ITERATIONS;
}
