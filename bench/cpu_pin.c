#include <errno.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cpu_pin.h"

int cpu_current(void)
{
	return sched_getcpu();
}

static void append(char *buf, size_t len, size_t *used, const char *fmt,
		   int a, int b)
{
	int n;

	if (*used >= len)
		return;
	n = snprintf(buf + *used, len - *used, fmt, a, b);
	if (n > 0)
		*used += (size_t)n;
}

void cpu_allowed_text(char *buf, size_t len)
{
	cpu_set_t set;
	size_t used = 0;
	int cpu, first = -1;
	bool any = false;

	if (!len)
		return;
	buf[0] = '\0';
	if (sched_getaffinity(0, sizeof(set), &set)) {
		snprintf(buf, len, "unknown");
		return;
	}
	for (cpu = 0; cpu <= CPU_SETSIZE; cpu++) {
		bool in = cpu < CPU_SETSIZE && CPU_ISSET(cpu, &set);

		if (in && first < 0)
			first = cpu;
		if (in || first < 0)
			continue;
		if (first == cpu - 1)
			append(buf, len, &used, any ? ",%d" : "%d", first, 0);
		else
			append(buf, len, &used, any ? ",%d-%d" : "%d-%d",
			       first, cpu - 1);
		any = true;
		first = -1;
	}
}

int cpu_pin(int cpu, char *err, size_t errlen)
{
	char allowed[256];
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof(set), &set)) {
		snprintf(err, errlen, "sched_getaffinity: %s", strerror(errno));
		return -2;
	}
	if (cpu < 0 || cpu >= CPU_SETSIZE || !CPU_ISSET(cpu, &set)) {
		cpu_allowed_text(allowed, sizeof(allowed));
		snprintf(err, errlen,
			 "--cpu %d: not a CPU this process may run on (allowed: %s)",
			 cpu, allowed);
		return -1;
	}
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set)) {
		snprintf(err, errlen, "--cpu %d: sched_setaffinity: %s", cpu,
			 strerror(errno));
		return -2;
	}
	return 0;
}
