/*
 * Files written whole or not at all: the content goes to "<path>.tmp.<pid>"
 * which is fsync'ed and renamed over path, so a run cut short (or killed)
 * never leaves a torn samples.csv, summary.csv or meta.json.
 */
#ifndef PINBENCH_ATOMIC_FILE_H
#define PINBENCH_ATOMIC_FILE_H

#include <stdio.h>

/* Writes content to f; returns 0, or -1 with errno set. */
typedef int (*atomic_writer_fn)(FILE *f, void *ctx);

/* 0 on success; -1 with errno set, path untouched, no temp file left. */
int atomic_write_file(const char *path, atomic_writer_fn write_content,
		      void *ctx);

/*
 * Rewrites path as its current content followed by write_rows(), or as
 * write_header() followed by write_rows() when path does not exist yet.
 */
int atomic_append_file(const char *path, atomic_writer_fn write_header,
		       atomic_writer_fn write_rows, void *ctx);

#endif
