/*
 * The report's instructions section: per config, the instructions the
 * emulator counted per page in the release window (pinbench insns-join),
 * their CV beside ns/page's, the pin window's, and how many windows an
 * interrupt landed in (left out).
 */
#ifndef PINBENCH_REPORT_INSNS_H
#define PINBENCH_REPORT_INSNS_H

#include <stdbool.h>
#include <stdio.h>

#include "summary.h"

/* Nothing when no window was counted; -1 on a write error. */
int report_insns_section(FILE *f, const struct summary *sum, bool markdown);

#endif
