#include <math.h>
#include <stdio.h>
#include <time.h>

#include "progress.h"

double monotonic_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void format_duration(double seconds, char *buf, size_t len)
{
	long s = seconds > 0 ? lround(seconds) : 0;

	if (s < 60)
		snprintf(buf, len, "%lds", s);
	else if (s < 3600)
		snprintf(buf, len, "%ldm%02lds", s / 60, s % 60);
	else
		snprintf(buf, len, "%ldh%02ldm", s / 3600, s % 3600 / 60);
}

double progress_eta(const struct progress *p, double now)
{
	double done = (double)p->done + p->partial;

	if (done <= 0 || done >= (double)p->total)
		return 0;
	return (now - p->started) / done * ((double)p->total - done);
}
