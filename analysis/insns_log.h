/*
 * The log vm/pinbench-insns.so writes in a boot (pinbench_markers.h): one
 * line per tagged window. Read as untrusted input: a line that is not
 * exactly a window, a comment or the plugin's header is refused by line
 * number; a last line without its newline (QEMU killed mid-write) is
 * left out and counted.
 */
#ifndef PINBENCH_INSNS_LOG_H
#define PINBENCH_INSNS_LOG_H

#include <stddef.h>
#include <stdint.h>

#include "window_counts.h"

struct insns_window {
	uint64_t id;
	enum window_index kind;
	unsigned int vcpu;
	uint64_t insns, irqs;
};

struct insns_log {
	struct insns_window *windows;	/* sorted by (id, kind) */
	size_t count;
	size_t cut_lines;		/* a torn last line: 0 or 1 */
};

/* 0, or -1 with the file and line in err (a window logged twice too). */
int insns_log_read(const char *path, struct insns_log *log, char *err,
		   size_t errlen);
/* The window (id, kind), or NULL. */
const struct insns_window *insns_log_find(const struct insns_log *log,
					  uint64_t id, enum window_index kind);
void insns_log_free(struct insns_log *log);

#endif
