/* meta.json: what a run directory was measured on, and whether it is whole. */
#ifndef PINBENCH_META_H
#define PINBENCH_META_H

#include <stdbool.h>
#include <stddef.h>

struct run_meta {
	const char *run_id;
	const char *accel;
	const char *module_version;
	unsigned int abi_version;
	const char *git_version;
	const char *command_line;
	bool complete;
};

/* Gathers the machine's facts (uname, cpuinfo, THP, preempt) and writes. */
int meta_write(const char *path, const struct run_meta *meta);

/* 0 and the run id of an existing meta.json; -1 if absent or unreadable. */
int meta_read_run_id(const char *path, char *run_id, size_t len);

int meta_read_complete(const char *path, bool *complete);

/* Rewrites only the "complete" field, atomically. */
int meta_set_complete(const char *path, bool complete);

/* "program argv[0] argv[1] ...", joined by spaces, malloc'ed. */
char *command_line_join(const char *program, int argc, char **argv);

#endif
