/*
 * A write that fails half way (a file where ministat/ should be, a
 * directory where report.md should be) must leave the old
 * summary.csv, ministat/ and report files as they were: the set is
 * written to temp names first and renamed only when all are written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_runner.h"
#include "tap.h"
#include "test_util.h"

/* A fake run's directory, summarized; free() it. */
static const char *summarized_run(const char *name)
{
	const char *dir = strdup(scratch_path(name));
	struct outcome o;

	o = run_cli(FAKE_PINBENCH, NULL, "run", "--sizes", "4K,64K",
		    "--strategies", "put_page,noop", "--iterations", "2",
		    "--quiet", "--out", dir);
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	return dir;
}

static void test_summarize_keeps_old_set(void)
{
	const char *dir = summarized_run("set-summary");
	char *text;

	write_text_file(dir_file(dir, "summary.csv"), "old summary\n");
	rename(dir_file(dir, "ministat"), scratch_path("set-ministat-away"));
	write_text_file(dir_file(dir, "ministat"), "a file in the way\n");
	CHECK_CLI(1, "ministat", REAL_PINBENCH, "summarize", dir);
	text = slurp(dir_file(dir, "summary.csv"));
	CHECK_STR(text, "old summary\n");
	free(text);
	CHECK_INT(count_entries_containing(dir, ".tmp."), 0);
	free((void *)dir);
}

static void test_report_keeps_old_pair(void)
{
	const char *dir = summarized_run("set-report");
	char *text;

	write_text_file(dir_file(dir, "report.txt"), "old report\n");
	mkdir(dir_file(dir, "report.md"), 0755);
	write_text_file(dir_file(dir_file(dir, "report.md"), "x"), "x\n");
	CHECK_CLI(1, "report.md", REAL_PINBENCH, "report", dir);
	text = slurp(dir_file(dir, "report.txt"));
	CHECK_STR(text, "old report\n");
	free(text);
	CHECK_INT(count_entries_containing(dir, ".tmp."), 0);
	free((void *)dir);
}

TAP_SUITE(write_set,
	{ "summarize: ministat a file: exit 1, the old summary.csv kept, no temp left",
	  test_summarize_keeps_old_set },
	{ "report: report.md a directory: exit 1, the old report.txt kept",
	  test_report_keeps_old_pair },
);
