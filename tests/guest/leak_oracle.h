/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The leak oracle: every FOLL_PIN acquired has been released. The per-CPU
 * vmstat deltas are folded first (stat_refresh), or the two counters differ
 * by a few dozen even when nothing leaked.
 */
#ifndef PINBENCH_LEAK_ORACLE_H
#define PINBENCH_LEAK_ORACLE_H

#include <stdio.h>
#include <string.h>

struct foll_pin_counts {
	unsigned long long acquired;
	unsigned long long released;
};

static inline int read_foll_pin_counts(struct foll_pin_counts *counts)
{
	char name[64];
	unsigned long long value;
	FILE *refresh, *vmstat;
	int found = 0;

	refresh = fopen("/proc/sys/vm/stat_refresh", "w");
	if (refresh) {
		fputs("1\n", refresh);
		fclose(refresh);
	}
	vmstat = fopen("/proc/vmstat", "r");
	if (!vmstat)
		return -1;
	while (fscanf(vmstat, "%63s %llu", name, &value) == 2) {
		if (!strcmp(name, "nr_foll_pin_acquired")) {
			counts->acquired = value;
			found++;
		} else if (!strcmp(name, "nr_foll_pin_released")) {
			counts->released = value;
			found++;
		}
	}
	fclose(vmstat);
	return found == 2 ? 0 : -1;
}

/*
 * The pins held right now (acquired - released) into *held: 0 when balanced.
 * -1 when the counters cannot be read: a caller must fail then, never take
 * it for a balance (two unreadable reads would subtract to 0).
 */
static inline int foll_pins_held(long long *held)
{
	struct foll_pin_counts counts;

	if (read_foll_pin_counts(&counts))
		return -1;
	*held = (long long)(counts.acquired - counts.released);
	return 0;
}

/* The pins added since held_before, or -1 (and a message) when unreadable. */
static inline long long foll_pins_added(long long held_before)
{
	long long held;

	if (foll_pins_held(&held)) {
		printf("# leak oracle: nr_foll_pin_acquired/released unreadable in /proc/vmstat\n");
		return -1;
	}
	return held - held_before;
}

#endif
