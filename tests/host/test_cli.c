/*
 * The pinbench CLI end to end: build/pinbench-real is bench/ as is (its
 * device.c meets no /dev/pinbench on a host), build/pinbench-fake swaps in
 * fake_device.c so that whole runs can be checked here.
 */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli_runner.h"
#include "csv.h"
#include "json.h"
#include "samples_csv.h"
#include "tap.h"
#include "test_util.h"

static void test_missing_module(void)
{
	struct outcome o;

	if (!access("/dev/pinbench", F_OK)) {
		tap_skip("/dev/pinbench exists on this host");
		return;
	}
	o = run_cli(REAL_PINBENCH, NULL, "info");
	CHECK_STATUS(o, 1);
	CHECK_STR(o.err, "pinbench: /dev/pinbench: No such file or directory (ENOENT): module not loaded: insmod pinbench.ko\n");
	outcome_free(&o);
	/* run checks what it can before it needs the device */
	o = run_cli(REAL_PINBENCH, NULL, "run", "--sizes", "3K");
	CHECK_STATUS(o, 2);
	CHECK_CONTAINS(o.err, "not a multiple");
	outcome_free(&o);
	o = run_cli(REAL_PINBENCH, NULL, "run", "--quiet", "--sizes", "4K");
	CHECK_STATUS(o, 1);
	CHECK_CONTAINS(o.err, "module not loaded: insmod pinbench.ko");
	outcome_free(&o);
}

static void test_help_texts(void)
{
	static const char *const run_options[] = {
		"--composition", "--sizes", "--strategies", "--pin-method",
		"--iterations", "--warmup", "--read-only", "--verify-all",
		"--chunk-pages", "--out", "--run-id", "--accel", "--tolerance",
		"--quiet", "--help", "anon-4k", "anon-thp", "fast", "locked",
		"longterm", "130", "--order", "interleaved", "grouped",
		"--seed", "--turn-warmup", "--cpu N|none", "--boot N", "noise",
		"cond_resched()", "outliers are kept", "unit of replication",
	};
	struct outcome o;
	size_t i;

	o = run_cli(REAL_PINBENCH, NULL, "--help");
	CHECK_STATUS(o, 0);
	CHECK_CONTAINS(o.out, "info ");
	CHECK_CONTAINS(o.out, "run ");
	CHECK_CONTAINS(o.out, "summarize ");
	CHECK_CONTAINS(o.out, "merge ");
	outcome_free(&o);
	o = run_cli(REAL_PINBENCH, NULL, "run", "--help");
	CHECK_STATUS(o, 0);
	for (i = 0; i < sizeof(run_options) / sizeof(run_options[0]); i++)
		CHECK_CONTAINS(o.out, run_options[i]);
	outcome_free(&o);
	o = run_cli(REAL_PINBENCH, NULL, "info", "--help");
	CHECK_STATUS(o, 0);
	CHECK_CONTAINS(o.out, "--json");
	outcome_free(&o);
	o = run_cli(REAL_PINBENCH, NULL, "summarize", "--help");
	CHECK_STATUS(o, 0);
	CHECK_CONTAINS(o.out, "ministat");
	CHECK_CONTAINS(o.out, "between_boot_cv");
	outcome_free(&o);
	o = run_cli(REAL_PINBENCH, NULL, "merge", "--help");
	CHECK_STATUS(o, 0);
	CHECK_CONTAINS(o.out, "usage: pinbench merge OUT_DIR BOOT_DIR...");
	CHECK_CONTAINS(o.out, "console-boot<b>.log");
	outcome_free(&o);
	o = run_cli(REAL_PINBENCH, NULL, "frobnicate");
	CHECK_STATUS(o, 2);
	CHECK_CONTAINS(o.err, "pinbench: unknown command 'frobnicate'");
	outcome_free(&o);
	o = run_cli(REAL_PINBENCH, NULL, "--version");
	CHECK_STATUS(o, 0);
	CHECK_CONTAINS(o.out, "pinbench ");
	outcome_free(&o);
}

static void test_full_run(void)
{
	const char *dir = scratch_path("cli-full");
	char run_id[128], *samples, *summary, *meta;
	json_t *parsed;
	struct sample_table t;
	char err[512];
	struct outcome o;

	o = run_cli(FAKE_PINBENCH, "PINBENCH_ACCEL=tcg", "run", "--composition",
		    "anon-4k", "--sizes", "4K,64K", "--iterations", "3",
		    "--warmup", "1", "--out", dir, "--quiet");
	CHECK_STATUS(o, 0);
	CHECK_CONTAINS(o.err, "pinbench: strategy unpin_folios is not supported by this kernel (6.1.0-fake): recorded as unsupported");
	CHECK(!strstr(o.err, "[1/"));	/* --quiet */
	outcome_free(&o);

	samples = slurp(dir_file(dir, "samples.csv"));
	/* 2 sizes x (10 strategies x 3 iterations + 1 unsupported row) */
	CHECK_INT(count_lines(samples), 1 + 2 * (10 * 3 + 1));
	CHECK_INT(count_matches(samples, "run_id,"), 1);
	/* interleaved, 1 warmup: round 2 is the fake's 4th sample (+3) */
	CHECK_CONTAINS(samples, ",tcg,1,anon-4k,65536,16,gup_fast,put_page,1,2,ok,1603,19,57,4809,1.188,100.188,0.00,0.00,1,o0=16;anon=16;folios=16,o0=100;anon=100,,0,,0,fast,,,,,,,,,,,,,,,,,,\n");
	CHECK_CONTAINS(samples, ",anon-4k,4096,1,pin_fast,unpin_folios,1,,unsupported,,,,,,,0.00,,,,o0=100;anon=100,,0,,,fast,,,,,,,,,,,,,,,,,,\n");
	CHECK_CONTAINS(samples, ",pin_fast,noop,1,0,ok,");
	/* prepare_ns only for a strategy with a prepare window (fake: pages) */
	CHECK_CONTAINS(samples, ",anon-4k,4096,1,pin_fast,unpin_range_dirty,1,0,ok,101,10,30,303,10.000,101.000,0.00,0.00,1,o0=1;anon=1;folios=1,o0=100;anon=100,,0,1,0,fast,,,,,,,,,,,,,,,,,,\n");
	free(samples);

	summary = slurp(dir_file(dir, "summary.csv"));
	/* 11 strategies and unpin_range_dirty+prepare per size */
	CHECK_INT(count_lines(summary), 1 + 2 * 12);
	/* release + prepare: 10, 11, 12 ns/page + 1 */
	CHECK_CONTAINS(summary, ",anon-4k,4096,1,pin_fast,unpin_range_dirty+prepare,1,ok,3,11.000,12.000,12.000,");
	CHECK_CONTAINS(summary, ",anon-4k,4096,1,pin_fast,unpin_range_dirty,1,ok,3,10.000,11.000,11.000,");
	/* noop is strategy 10: 11 ns/page plus sample number, the floor */
	CHECK_CONTAINS(summary, ",anon-4k,4096,1,gup_fast,put_page,1,ok,3,2.000,3.000,3.000,1.000,0.3333,3.800,3.980,4.000,");
	CHECK_CONTAINS(summary, ",pin_fast,noop,1,ok,3,12.000,13.000,13.000,1.000,0.0769,13.800,13.980,14.000,10.516,15.484,102.000,13.000,1,1,0.0769,,iterations,13.000,12.000,14.000,0.7500,13.000,13.000,,0,fast,,,,,,,,,,,,,,,,\n");
	CHECK_CONTAINS(summary, ",pin_fast,unpin_folios,1,unsupported,0,,,,,,,,,,,,13.000,,0,,,,,,,,,,,,fast,,,,,,,,,,,,,,,,\n");
	free(summary);

	meta = slurp(dir_file(dir, "meta.json"));
	CHECK_CONTAINS(meta, "\"complete\": true");
	CHECK_CONTAINS(meta, "\"accel\": \"tcg\"");
	CHECK_CONTAINS(meta, "\"emulated\": true");
	CHECK_CONTAINS(meta, "\"module_version\": \"0.1.0\"");
	CHECK_CONTAINS(meta, "\"command_line\": \"pinbench run --composition anon-4k");
	CHECK_CONTAINS(meta, "\"order\": \"interleaved\"");
	CHECK_CONTAINS(meta, "\"seed\": ");
	CHECK_CONTAINS(meta, "\"boot\": 0");
	CHECK(!strstr(meta, "\"cpu_pinned\": null"));	/* pinned by default */
	parsed = json_of(meta);
	CHECK(!json_copy_string(parsed, "run_id", run_id, sizeof(run_id)));
	json_decref(parsed);
	free(meta);
	if (!samples_csv_read(dir_file(dir, "samples.csv"), &t, err,
			      sizeof(err))) {
		CHECK(t.count > 0);
		if (t.count)
			CHECK_STR(t.rows[0].run_id, run_id);
		sample_table_free(&t);
	} else {
		tap_fail(__FILE__, __LINE__, "%s", err);
	}
	CHECK_INT(count_entries_containing(dir_file(dir, "ministat"), ".txt"),
		  22);
	CHECK_INT(count_entries_containing(dir, ".tmp"), 0);
}

/* A second run into the same DIR: rows appended, the same run id. */
static void test_append_run(void)
{
	const char *dir = scratch_path("cli-full");
	char *samples, *summary;
	struct outcome o;

	o = run_cli(FAKE_PINBENCH, "PINBENCH_ACCEL=tcg", "run", "--sizes", "4K",
		    "--strategies", "noop", "--iterations", "3", "--out", dir);
	CHECK_STATUS(o, 0);
	/* progress on stderr without --quiet */
	CHECK_CONTAINS(o.err, "[1/1] anon-4k 4K noop: median 13.0 ns/page\n");
	outcome_free(&o);
	samples = slurp(dir_file(dir, "samples.csv"));
	CHECK_INT(count_lines(samples), 1 + 2 * 31 + 3);
	CHECK_INT(count_matches(samples, "run_id,"), 1);
	free(samples);
	summary = slurp(dir_file(dir, "summary.csv"));
	CHECK_INT(count_lines(summary), 1 + 2 * 12);	/* noop now n=6 */
	CHECK_CONTAINS(summary, ",anon-4k,4096,1,pin_fast,noop,1,ok,6,");
	free(summary);

	o = run_cli(FAKE_PINBENCH, NULL, "run", "--sizes", "4K", "--out", dir,
		    "--run-id", "another");
	CHECK_STATUS(o, 2);
	CHECK_CONTAINS(o.err, "belongs to run");
	outcome_free(&o);
}

static void test_summarize_again(void)
{
	const char *dir = scratch_path("cli-full");
	char *before, *after;
	struct outcome o;

	before = slurp(dir_file(dir, "summary.csv"));
	unlink(dir_file(dir, "summary.csv"));
	o = run_cli(FAKE_PINBENCH, NULL, "summarize", dir);
	CHECK_STATUS(o, 0);
	CHECK_STR(o.err, "");
	outcome_free(&o);
	after = slurp(dir_file(dir, "summary.csv"));
	CHECK(before && after && !strcmp(before, after));
	free(before);
	free(after);
}

static void test_refusals(void)
{
	const char *dir = scratch_path("cli-refused");
	struct outcome o;

	o = run_cli(FAKE_PINBENCH, NULL, "run", "--sizes", "4K", "--strategies",
		    "unpin_folios", "--out", dir);
	CHECK_STATUS(o, 2);
	CHECK_CONTAINS(o.err, "pinbench: run: strategy unpin_folios is not supported by this kernel");
	outcome_free(&o);
	o = run_cli(FAKE_PINBENCH, NULL, "run", "--sizes", "4K", "--strategies",
		    "unpin_pages", "--pin-method", "gup_fast", "--out", dir);
	CHECK_STATUS(o, 2);
	CHECK_CONTAINS(o.err, "pin method gup_fast takes FOLL_GET references");
	outcome_free(&o);
	o = run_cli(FAKE_PINBENCH, NULL, "run", "--sizes", "8G", "--out", dir);
	CHECK_STATUS(o, 2);
	CHECK_CONTAINS(o.err, "max_pinned_pages");
	outcome_free(&o);
	/* more than the machine can give: refused before anything is built */
	o = run_cli(FAKE_PINBENCH, NULL, "run", "--sizes", "65536G", "--out", dir);
	CHECK_STATUS(o, 2);
	CHECK_CONTAINS(o.err, "anon-4k unsupported here: needs 65536G of memory to build the range, MemAvailable is ");
	outcome_free(&o);
	o = run_cli(FAKE_PINBENCH, NULL, "sweep", "--composition", "anon-4k",
		    "--sizes", "4K,65536G", "--skip-unavailable", "--out",
		    scratch_path("cli-memory-sweep"));
	CHECK_STATUS(o, 0);
	CHECK_CONTAINS(o.err, "anon-4k at 65536G unavailable here: needs 65536G of memory");
	outcome_free(&o);
	/* nothing was measured, so nothing was written */
	CHECK(access(dir, F_OK));
	o = run_cli(FAKE_PINBENCH, "PINBENCH_FAKE_OPEN_ERRNO=13", "info");
	CHECK_STATUS(o, 1);
	CHECK_CONTAINS(o.err, "Permission denied (EACCES): needs CAP_SYS_ADMIN");
	outcome_free(&o);
}

static void test_run_errors(void)
{
	static const struct {
		const char *env, *says;
	} miscounts[] = {
		{ "PINBENCH_FAKE_SHORT=1",
		  "RUN anon-4k 65536 bytes unpin_pages: the module pinned 15 pages, the range has 16; no rows written" },
		{ "PINBENCH_FAKE_UNCOUNTED=2",
		  "RUN anon-4k 65536 bytes unpin_pages: the module's composition histogram counts 14 pages, it pinned 16; no rows written" },
	};
	const char *dir = scratch_path("cli-errors");
	char *meta, *samples;
	struct outcome o;
	size_t i;

	o = run_cli(FAKE_PINBENCH, "PINBENCH_FAKE_RUN_ERRNO=22", "run",
		    "--sizes", "4K", "--strategies", "put_page",
		    "--out", dir, "--quiet");
	CHECK_STATUS(o, 1);
	CHECK_CONTAINS(o.err, "pinbench: RUN anon-4k 4096 bytes put_page: Invalid argument (EINVAL): the module refused");
	outcome_free(&o);
	meta = slurp(dir_file(dir, "meta.json"));
	CHECK_CONTAINS(meta, "\"complete\": false");
	free(meta);

	o = run_cli(FAKE_PINBENCH, "PINBENCH_FAKE_NOT_PINNED=3", "run",
		    "--sizes", "64K", "--out", dir, "--quiet",
		    "--strategies", "unpin_pages");
	CHECK_STATUS(o, 1);
	CHECK_CONTAINS(o.err, "RUN anon-4k 65536 bytes unpin_pages: verification failed: 3 of 16 pages were not held");
	outcome_free(&o);
	samples = slurp(dir_file(dir, "samples.csv"));
	CHECK(samples == NULL);	/* no rows for a failed verification */
	free(samples);

	/* pages is counted by the module, and its histogram must add up */
	for (i = 0; i < sizeof(miscounts) / sizeof(miscounts[0]); i++) {
		o = run_cli(FAKE_PINBENCH, miscounts[i].env, "run", "--sizes",
			    "64K", "--out", dir, "--quiet", "--strategies",
			    "unpin_pages");
		CHECK_STATUS(o, 1);
		CHECK_CONTAINS(o.err, miscounts[i].says);
		outcome_free(&o);
		samples = slurp(dir_file(dir, "samples.csv"));
		CHECK(samples == NULL);
		free(samples);
	}
}

static void test_mix_warning(void)
{
	const char *dir = scratch_path("cli-mix");
	char *samples;
	struct outcome o;

	o = run_cli(FAKE_PINBENCH, "PINBENCH_FAKE_HUGE_PCT=50", "run",
		    "--sizes", "4M", "--strategies", "put_page", "--iterations",
		    "2", "--out", dir, "--quiet");
	CHECK_STATUS(o, 0);
	CHECK_CONTAINS(o.err, "pinbench: warning: RUN anon-4k 4194304 bytes put_page: 50.00% of pages in PMD-or-larger folios, 0.00% requested (tolerance 5 points): rows flagged mix_ok=0");
	outcome_free(&o);
	samples = slurp(dir_file(dir, "samples.csv"));
	CHECK_CONTAINS(samples, ",0.00,50.00,0,o0=512;o9=512;anon=1024;folios=513,o0=100;anon=100,,0,,0,fast,,,,,,,,,,,,,,,,,,\n");
	free(samples);
}

static void test_cut_short(int sig, const char *name)
{
	char dirname[64], *meta, *summary, *samples, said[64];
	const char *dir;
	struct outcome o;
	int rows;

	snprintf(dirname, sizeof(dirname), "cli-cut-%s", name);
	dir = scratch_path(dirname);
	/* grouped: 10 RUNs of 150 ms each, signalled after 400 ms */
	o = run_cli_signalled(FAKE_PINBENCH, "PINBENCH_FAKE_DELAY_MS=150", sig,
			      400, "run", "--sizes", "4K", "--iterations", "2",
			      "--order", "grouped", "--out", dir, "--quiet",
			      NULL);
	CHECK_STATUS(o, 130);
	snprintf(said, sizeof(said), "pinbench: cut short by %s after ", name);
	CHECK_CONTAINS(o.err, said);
	outcome_free(&o);
	meta = slurp(dir_file(dir, "meta.json"));
	CHECK_CONTAINS(meta, "\"complete\": false");
	free(meta);
	samples = slurp(dir_file(dir, "samples.csv"));
	rows = count_lines(samples) - 1;
	/* whole RUNs only (2 rows each), and not all of them */
	CHECK(rows >= 2 && rows < 2 * 10 && rows % 2 == 0);
	if (!(rows >= 2 && rows < 20 && rows % 2 == 0))
		tap_diag("%d rows", rows);
	free(samples);
	summary = slurp(dir_file(dir, "summary.csv"));
	CHECK_INT(count_lines(summary), 1 + rows / 2);
	free(summary);
	CHECK_INT(count_entries_containing(dir, ".tmp"), 0);
}

static void test_cut_short_by_sigint(void)
{
	test_cut_short(SIGINT, "SIGINT");
}

static void test_cut_short_by_sigterm(void)
{
	test_cut_short(SIGTERM, "SIGTERM");
}

/*
 * This pinbench against a module with a strategy more (a newer tree's):
 * info lists it, --strategies all measures it with its family's method,
 * meta.json and the report carry it; nothing here knew its name.
 */
static void test_newer_module(void)
{
	const char *env = "PINBENCH_FAKE_EXTRA_STRATEGY=unpin_future";
	const char *dir = scratch_path("cli-newer");
	char *samples, *meta, *report;
	struct outcome o;

	o = run_cli(FAKE_PINBENCH, env, "info");
	CHECK_STATUS(o, 0);
	CHECK_CONTAINS(o.out, "\nunpin_future          yes        FOLL_PIN  unpin_user_pages");
	outcome_free(&o);
	o = run_cli(FAKE_PINBENCH, env, "run", "--composition", "anon-4k",
		    "--sizes", "4K", "--iterations", "2", "--warmup", "0",
		    "--out", dir, "--quiet");
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	samples = slurp(dir_file(dir, "samples.csv"));
	CHECK_INT(count_matches(samples ? samples : "", ",pin_fast,unpin_future,1,"), 2);
	free(samples);
	meta = slurp(dir_file(dir, "meta.json"));
	CHECK_CONTAINS(meta ? meta : "", "\"name\": \"unpin_future\"");
	free(meta);
	o = run_cli(REAL_PINBENCH, NULL, "report", dir);
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	report = slurp(dir_file(dir, "report.txt"));
	CHECK_CONTAINS(report ? report : "", "  unpin_future ");
	free(report);
}

TAP_SUITE(cli,
	{ "a module with a strategy this pinbench never heard of: listed, measured, reported",
	  test_newer_module },
	{ "without the module: a clear message, exit 1; usage errors first, exit 2",
	  test_missing_module },
	{ "--help of every command explains every option", test_help_texts },
	{ "a whole run (fake device): samples, unsupported rows, summary, meta, ministat",
	  test_full_run },
	{ "a second run into the same DIR appends under the same run id",
	  test_append_run },
	{ "summarize DIR rewrites the same summary.csv", test_summarize_again },
	{ "unsupported strategy, wrong pin family, too large, EACCES: refused",
	  test_refusals },
	{ "a failing RUN and a failed verification: exit 1, said why",
	  test_run_errors },
	{ "a composition off its request: warning and mix_ok=0", test_mix_warning },
	{ "SIGINT: current RUN finishes, rows kept, summary written, exit 130",
	  test_cut_short_by_sigint },
	{ "SIGTERM: the same", test_cut_short_by_sigterm },
);
