/*
 * pinbench run/sweep --cpu: the measuring thread stays on one CPU, so a
 * migration never lands inside a timed window and every sample sees the
 * same caches. Pinned before any memory is built.
 */
#ifndef PINBENCH_CPU_PIN_H
#define PINBENCH_CPU_PIN_H

#include <stddef.h>

#define CPU_PIN_NONE	(-1)	/* --cpu none */
#define CPU_PIN_CURRENT	(-2)	/* the default: where the process started */

/* The CPU the calling thread runs on now; -1 with errno set. */
int cpu_current(void);

/* "0-3,6": the CPUs the calling thread may run on. */
void cpu_allowed_text(char *buf, size_t len);

/*
 * Pins the calling thread to cpu (>= 0). 0; -1 with a message in err when
 * cpu is not in the allowed set (cpuset, taskset); -2 when a call failed.
 */
int cpu_pin(int cpu, char *err, size_t errlen);

#endif
