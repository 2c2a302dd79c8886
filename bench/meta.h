/* meta.json: what a run directory was measured on, and whether it is whole. */
#ifndef PINBENCH_META_H
#define PINBENCH_META_H

#include <stdbool.h>
#include <stddef.h>

#include "json.h"
#include "module_info.h"

struct run_meta {
	const char *run_id;
	const char *accel;
	const char *module_version;
	unsigned int abi_version;
	const char *kernel_debug;	/* "debug_vm,kasan", "none" (INFO) */
	bool ref_check;			/* --ref-check */
	const char *git_version;
	const char *command_line;
	bool complete;
	/* how the samples were taken (run/sweep options) */
	const char *order;		/* "interleaved" or "grouped" */
	unsigned long long seed;	/* of the shuffled rounds */
	unsigned int turn_warmup;	/* --turn-warmup */
	int cpu_pinned;			/* the CPU, or -1: not pinned (null) */
	unsigned int boot;		/* --boot */
	/* the module's catalogue (catalog_json.h); NULL: none written */
	const struct module_info *catalog;
};

/* Gathers the machine's facts (uname, cpuinfo, THP, preempt) and writes. */
int meta_write(const char *path, const struct run_meta *meta);

/* 0 and the run id of an existing meta.json; -1 if absent or unreadable. */
int meta_read_run_id(const char *path, char *run_id, size_t len);

/* -1 with errno from the read, or 0 for a file without "complete". */
int meta_read_complete(const char *path, bool *complete);

/* Rewrites the "complete" field, atomically; EINVAL when it has none. */
int meta_set_complete(const char *path, bool complete);

/*
 * The file at path with "key" set to value (taken, even on failure):
 * replaced where it is, else added as the last field; atomically.
 * EINVAL when the file is no JSON object.
 */
int meta_set_field(const char *path, const char *key, json_t *value);

/* The object in a pinbench meta.json, laid out as pinbench writes it. */
int meta_object_write(const char *path, const json_t *meta);

/*
 * The pinbench meta.json at path: an object with a "run_id" string and a
 * "complete" true or false; NULL with "path: why" in err. A report or
 * merge must not guess "complete" or the order from a file that is not.
 */
json_t *meta_load(const char *path, char *err, size_t errlen);

/* The same check for DIR/meta.json, 0 or -1. */
int meta_dir_check(const char *dir, char *err, size_t errlen);

/* "program argv[0] argv[1] ...", joined by spaces, malloc'ed. */
char *command_line_join(const char *program, int argc, char **argv);

#endif
