#include <stdlib.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "window_ids.h"

uint64_t window_ids_first(void)
{
	/* tests: a fixed first id in hex, 0 for no ids at all */
	const char *fixed = getenv("PINBENCH_WINDOW_ID_BASE");
	uint32_t high;

	if (fixed && *fixed)
		return strtoull(fixed, NULL, 16);
	if (getrandom(&high, sizeof(high), GRND_NONBLOCK) != sizeof(high))
		high = (uint32_t)time(NULL) ^ (uint32_t)getpid() << 16;
	/* 0 is "no id": a high half of 0 still starts at 1 */
	return (uint64_t)high << 32 | 1;
}

uint64_t window_ids_take(uint64_t *next, uint32_t iterations)
{
	uint64_t tag = *next;

	if (!tag)
		return 0;	/* no ids */
	/* a wrap would reach 0, "none": start over above it */
	if (tag + iterations < tag)
		tag = 1;
	*next = tag + iterations;
	return tag;
}
