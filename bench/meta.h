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
};

/* Gathers the machine's facts (uname, cpuinfo, THP, preempt) and writes. */
int meta_write(const char *path, const struct run_meta *meta);

/* 0 and the run id of an existing meta.json; -1 if absent or unreadable. */
int meta_read_run_id(const char *path, char *run_id, size_t len);

int meta_read_complete(const char *path, bool *complete);

/* Rewrites only the "complete" field, atomically. */
int meta_set_complete(const char *path, bool complete);

/*
 * A meta.json text with "key" set to raw (a JSON value as written: 3,
 * true, "text"): replaced where it is, else added as the last field.
 * malloc'ed; NULL when out of memory or the text is no object.
 */
char *meta_text_set(const char *json, const char *key, const char *raw);

/* meta_text_set() on the file at path, atomically. */
int meta_set_field(const char *path, const char *key, const char *raw);
/*
 * Is json (read from path; NULL: could not be, errno set) a pinbench
 * meta.json: an object with a "run_id" string and a "complete" true or
 * false? 0, or -1 with "path: why" in err. A report or merge must not
 * guess "complete" or the order from a file that is not one.
 */
int meta_text_check(const char *json, const char *path, char *err,
		    size_t errlen);

/* The same for DIR/meta.json. */
int meta_dir_check(const char *dir, char *err, size_t errlen);

/* "program argv[0] argv[1] ...", joined by spaces, malloc'ed. */
char *command_line_join(const char *program, int argc, char **argv);

#endif
