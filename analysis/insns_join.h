/*
 * pinbench insns-join: the emulator's counts of a boot (insns_log.h)
 * into the samples.csv rows whose windows they are, by window id; then
 * summary.csv again. Written whole or not at all.
 */
#ifndef PINBENCH_INSNS_JOIN_H
#define PINBENCH_INSNS_JOIN_H

#include <stddef.h>

struct insns_join_counts {
	size_t rows_with_id;	/* measured rows the module marked */
	size_t rows_counted;	/* of those, release window found */
	size_t irq_windows;	/* counted release windows with irqs */
	size_t unclaimed;	/* logged windows no row of DIR has */
	size_t cut_lines;	/* a torn last line of the log */
};

/* 0, or -1 with the reason in err (nothing written). */
int insns_join(const char *dir, const char *log_path,
	       struct insns_join_counts *counts, char *err, size_t errlen);

#endif
