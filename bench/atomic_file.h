/*
 * Files written whole or not at all: the content goes to "<path>.tmp.<pid>"
 * which is fsync'ed and renamed over path, so a run cut short (or killed)
 * never leaves a torn samples.csv, summary.csv or meta.json.
 */
#ifndef PINBENCH_ATOMIC_FILE_H
#define PINBENCH_ATOMIC_FILE_H

#include <stdbool.h>
#include <stdio.h>

/* Writes content to f; returns 0, or -1 with errno set. */
typedef int (*atomic_writer_fn)(FILE *f, void *ctx);

/* 0 on success; -1 with errno set, path untouched, no temp file left. */
int atomic_write_file(const char *path, atomic_writer_fn write_content,
		      void *ctx);

/*
 * Files written as a set (summary.csv and ministat/, report.txt and .md):
 * each is written to its temp name; only when all are written are they
 * renamed, so a failure (disk full, a file where a directory should be)
 * leaves every old file as it was.
 */
struct atomic_set {
	char **tmp;		/* NULL once renamed */
	char **path;
	size_t count;
	const char *failed;	/* the path a commit stopped at */
};

/* 0, or -1 with errno set; nothing renamed yet. */
int atomic_set_write(struct atomic_set *set, const char *path,
		     atomic_writer_fn write_content, void *ctx);
/* Renames them all; 0, or -1 with errno set and failed named. */
int atomic_set_commit(struct atomic_set *set);
/* Removes the temp files not renamed (after a failure) and frees. */
void atomic_set_free(struct atomic_set *set);

/* A file of a directory's set: its name there, what writes it. */
struct atomic_dir_file {
	const char *name;
	atomic_writer_fn write;
};

/*
 * dir/<name> of each of files[0..n) that skip() does not leave out
 * (skip may be NULL), each written by its writer with ctx, renamed as one
 * set: 0, or -1 with "writing PATH: why" in err and the old files kept.
 */
int atomic_dir_write(const char *dir, const struct atomic_dir_file *files,
		     size_t n, bool (*skip)(const struct atomic_dir_file *,
					    void *ctx),
		     void *ctx, char *err, size_t errlen);

/*
 * Rewrites path as its current content followed by write_rows(), or as
 * write_header() followed by write_rows() when path does not exist yet.
 */
int atomic_append_file(const char *path, atomic_writer_fn write_header,
		       atomic_writer_fn write_rows, void *ctx);

#endif
