/* "[k/N] anon-thp 2M unpin_pages: median 12.3 ns/page, ETA 1m05s" */
#ifndef PINBENCH_PROGRESS_H
#define PINBENCH_PROGRESS_H

#include <stddef.h>

struct progress {
	size_t done, total;
	double partial;		/* of the ones in flight, what is done: 0.5 */
	double started;		/* monotonic seconds */
};

double monotonic_seconds(void);

/* "42s", "3m05s", "1h02m" */
void format_duration(double seconds, char *buf, size_t len);

/* Remaining time, extrapolated from the RUNs done so far. */
double progress_eta(const struct progress *p, double now);

#endif
