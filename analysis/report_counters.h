/*
 * The report's counters section: per config, each event's median count
 * per page in the release window (run --events), "unsupported" where the
 * machine could not count it, and IPC.
 */
#ifndef PINBENCH_REPORT_COUNTERS_H
#define PINBENCH_REPORT_COUNTERS_H

#include <stdbool.h>
#include <stdio.h>

#include "summary.h"

/* Nothing when no sample asked for events; -1 on a write error. */
int report_counters_section(FILE *f, const struct summary *sum,
			    bool emulated, bool markdown);

#endif
