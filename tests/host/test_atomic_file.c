/* atomic_file.c: whole files or none, never a temp file left behind. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"
#include "tap.h"
#include "test_util.h"

static int write_hello(FILE *f, void *arg)
{
	fputs(arg, f);
	return 0;
}

static int write_then_fail(FILE *f, void *arg)
{
	(void)arg;
	fputs("half a file", f);
	errno = ENOSPC;
	return -1;
}

static int write_header(FILE *f, void *arg)
{
	(void)arg;
	fputs("header\n", f);
	return 0;
}

static void test_write_leaves_no_temp(void)
{
	const char *path = scratch_path("atomic.txt");
	char *text;

	CHECK(!atomic_write_file(path, write_hello, "hello\n"));
	text = slurp(path);
	CHECK_STR(text, "hello\n");
	free(text);
	CHECK_INT(count_entries_containing(scratch_dir(), "atomic.txt.tmp"), 0);
}

static void test_failed_write_keeps_old(void)
{
	const char *path = scratch_path("atomic.txt");
	char *text;

	errno = 0;
	CHECK(atomic_write_file(path, write_then_fail, NULL));
	CHECK_INT(errno, ENOSPC);
	text = slurp(path);
	CHECK_STR(text, "hello\n");	/* the previous test's content */
	free(text);
	CHECK_INT(count_entries_containing(scratch_dir(), "atomic.txt.tmp"), 0);
	/* a directory that does not exist: an error, no file */
	CHECK(atomic_write_file(scratch_path("no/such/dir.txt"), write_hello,
				"x"));
	CHECK_INT(errno, ENOENT);
}

static void test_append(void)
{
	const char *path = scratch_path("append.csv");
	char *text;

	CHECK(!atomic_append_file(path, write_header, write_hello, "a\n"));
	CHECK(!atomic_append_file(path, write_header, write_hello, "b\n"));
	text = slurp(path);
	CHECK_STR(text, "header\na\nb\n");
	free(text);
	CHECK_INT(count_entries_containing(scratch_dir(), "append.csv.tmp"), 0);
}

TAP_SUITE(atomic_file,
	{ "a write replaces the file and leaves no temp file",
	  test_write_leaves_no_temp },
	{ "a failed write keeps the old file, errno kept, no temp file",
	  test_failed_write_keeps_old },
	{ "append: header once, then rows after rows", test_append },
);
