#include <time.h>
#include <unistd.h>

#include "shuffle.h"

void shuffle_seed(struct shuffle_rng *rng, uint64_t seed)
{
	rng->state = seed;
}

/* splitmix64 (Steele, Lea, Flood 2014; Vigna's public domain code) */
uint64_t shuffle_next(struct shuffle_rng *rng)
{
	uint64_t z = (rng->state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

uint64_t shuffle_below(struct shuffle_rng *rng, uint64_t bound)
{
	/* reject the top partial block of 2^64 that bound does not divide */
	uint64_t limit = UINT64_MAX - UINT64_MAX % bound, x;

	do
		x = shuffle_next(rng);
	while (x >= limit);
	return x % bound;
}

void shuffle_order(struct shuffle_rng *rng, size_t *order, size_t n)
{
	size_t i, j, t;

	for (i = n; i > 1; i--) {
		j = (size_t)shuffle_below(rng, i);
		t = order[i - 1];
		order[i - 1] = order[j];
		order[j] = t;
	}
}

uint64_t shuffle_default_seed(void)
{
	struct timespec ts;
	struct shuffle_rng mix;

	clock_gettime(CLOCK_REALTIME, &ts);
	shuffle_seed(&mix, (uint64_t)ts.tv_sec * 1000000000ULL +
		     (uint64_t)ts.tv_nsec);
	mix.state ^= (uint64_t)getpid() << 32;
	/* small and positive: easy to read in meta.json and to type back */
	return shuffle_next(&mix) >> 33;
}
