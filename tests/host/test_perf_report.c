/*
 * analysis/perf_report.c, perf_paths.c and profile_delta.c: a real
 * `perf report --stdio --no-children --sort symbol -g none` text (made by
 * pinbench profile in a 6.12 guest, fixtures/), hand-written ones in the
 * same format, malformed ones that must be refused with their line, the
 * pin/unpin shares, and compare naming the symbols that moved.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_runner.h"
#include "perf_report.h"
#include "profile_delta.h"
#include "synthetic_run.h"
#include "tap.h"
#include "test_util.h"

/* pinbench profile --composition anon-4k --size 16M --strategy
 * unpin_pages --iterations 20, 6.12 under TCG, cpu-clock */
#define FIXTURE "fixtures/perf-report-6.12-unpin_pages.txt"

#define HEADER \
	"# Samples: 10  of event 'cpu-clock'\n" \
	"#\n" \
	"# Overhead  Symbol\n" \
	"# ........  ..........\n" \
	"#\n"

static int read_text(const char *name, const char *text,
		     struct perf_report *r, char *err, size_t errlen)
{
	const char *path = scratch_path(name);

	CHECK_INT(write_text_file(path, text), 0);
	return perf_report_read(path, r, err, errlen);
}

static void test_fixture(void)
{
	struct perf_report r;
	char err[512] = "";

	if (perf_report_read(FIXTURE, &r, err, sizeof(err))) {
		tap_fail(__FILE__, __LINE__, "%s", err);
		return;
	}
	CHECK_INT(r.n, 33);
	CHECK_STR(r.symbols[0].name, "gup_fast_fallback");
	CHECK_NEAR(r.symbols[0].share, 50.58, 1e-9);
	/* 6.40 twice: by name after the share */
	CHECK_STR(r.symbols[1].name, "pb_verify");
	CHECK_STR(r.symbols[2].name, "unpin_user_pages");
	/* the IPC columns are not part of the name */
	CHECK(perf_report_find(&r, "finish_task_switch.isra.0") != NULL);
	CHECK(perf_report_find(&r, "gup_put_folio") != NULL);
	CHECK_NEAR(perf_report_path_share(&r, PERF_PATH_UNPIN),
		   6.40 + 4.65 + 2.91, 1e-9);
	CHECK_NEAR(perf_report_path_share(&r, PERF_PATH_PIN),
		   50.58 + 0.58, 1e-9);
	CHECK_NEAR(perf_report_share(&r, (const char *const[]){
			"unpin_user_pages", "gup_put_folio", NULL }),
		   6.40 + 4.65, 1e-9);
	/* a symbol two patterns match counts once */
	CHECK_NEAR(perf_report_share(&r, (const char *const[]){
			"gup_*", "gup_put_folio", NULL }),
		   50.58 + 4.65 + 2.91, 1e-9);
	CHECK_NEAR(perf_report_share(&r, (const char *const[]){ NULL }), 0,
		   0);
	perf_report_free(&r);
	CHECK(r.symbols == NULL && r.n == 0);
}

/* Without IPC columns (older perf), user and kernel maps, a name twice. */
static void test_plain_columns(void)
{
	struct perf_report r;
	char err[512] = "";

	if (read_text("plain.txt", HEADER
		      "    40.00%  [k] pb_put_page\n"
		      "    30.00%  [k] try_grab_folio.part.0\n"
		      "    20.00%  [.] main\n"
		      "     5.00%  [k] main\n"
		      "\n"
		      "#\n# (Tip: a tip)\n#\n", &r, err, sizeof(err))) {
		tap_fail(__FILE__, __LINE__, "%s", err);
		return;
	}
	CHECK_INT(r.n, 3);
	CHECK_STR(r.symbols[0].name, "pb_put_page");
	CHECK_STR(r.symbols[1].name, "try_grab_folio.part.0");
	CHECK_STR(r.symbols[2].name, "main");
	CHECK_NEAR(r.symbols[2].share, 25, 1e-9);
	CHECK_NEAR(perf_report_path_share(&r, PERF_PATH_PIN), 30, 1e-9);
	CHECK_NEAR(perf_report_path_share(&r, PERF_PATH_UNPIN), 0, 0);
	perf_report_free(&r);
}

/* The table's order matters: unpin names that also look like pin ones. */
static void test_paths(void)
{
	static const struct {
		const char *symbol;
		enum perf_path path;
	} cases[] = {
		{ "unpin_user_pages", PERF_PATH_UNPIN },
		{ "unpin_user_pages_dirty_lock", PERF_PATH_UNPIN },
		{ "unpin_user_page_range_dirty_lock", PERF_PATH_UNPIN },
		{ "unpin_folios", PERF_PATH_UNPIN },
		{ "gup_put_folio", PERF_PATH_UNPIN },
		{ "gup_put_folio.isra.0", PERF_PATH_UNPIN },
		{ "put_compound_head", PERF_PATH_UNPIN },
		{ "bio_release_pages", PERF_PATH_UNPIN },
		{ "__bio_release_pages", PERF_PATH_UNPIN },
		{ "gup_fast_fallback", PERF_PATH_PIN },
		{ "gup_pte_range", PERF_PATH_PIN },
		{ "pin_user_pages_fast", PERF_PATH_PIN },
		{ "internal_get_user_pages_fast", PERF_PATH_PIN },
		{ "__get_user_pages", PERF_PATH_PIN },
		{ "__gup_longterm_locked", PERF_PATH_PIN },
		{ "try_grab_folio", PERF_PATH_PIN },
		{ "try_grab_folio_fast", PERF_PATH_PIN },
		{ "try_grab_page", PERF_PATH_PIN },
		{ "follow_page_mask", PERF_PATH_PIN },
		{ "follow_pmd_mask", PERF_PATH_PIN },
		{ "put_page", PERF_PATH_NONE },
		{ "__folio_put", PERF_PATH_NONE },
		{ "release_pages", PERF_PATH_NONE },
		{ "pb_put_page", PERF_PATH_NONE },
		{ "handle_mm_fault", PERF_PATH_NONE },
	};
	size_t i;

	for (i = 0; i < NR(cases); i++)
		if (perf_path_of(cases[i].symbol) != cases[i].path)
			tap_fail(__FILE__, __LINE__, "%s is %s, want %s",
				 cases[i].symbol,
				 perf_path_name(perf_path_of(cases[i].symbol)),
				 perf_path_name(cases[i].path));
	for (i = 0; i < nr_perf_path_symbols; i++)
		CHECK(perf_path_symbols[i].why && perf_path_symbols[i].why[0]);
}

static void check_refused(const char *text, const char *part)
{
	struct perf_report r = { (struct perf_symbol *)1, 1 };
	char err[512] = "";

	if (!read_text("bad.txt", text, &r, err, sizeof(err))) {
		tap_fail(__FILE__, __LINE__, "accepted, want \"%s\": %.60s",
			 part, text);
		perf_report_free(&r);
		return;
	}
	CHECK_CONTAINS(err, part);
	CHECK(r.symbols == NULL && r.n == 0);
}

static void test_malformed(void)
{
	char long_name[300], *long_line;
	struct perf_report r;
	char err[512] = "";

	check_refused("", "no \"# Overhead  Symbol\" header");
	check_refused(HEADER, "no symbol lines");
	check_refused("    10.00%  [k] foo\n" HEADER, "before the");
	check_refused("# Children      Self  Symbol\n", "--no-children");
	check_refused("# Overhead  Shared Object  Symbol\n", "--sort symbol");
	check_refused(HEADER HEADER, "a second event");
	check_refused(HEADER "   100.01%  [k] foo\n", "not within 0..100");
	check_refused(HEADER "    nan%  [k] foo\n", "not a symbol line");
	check_refused(HEADER "    -5.00%  [k] foo\n", "not a symbol line");
	check_refused(HEADER "    1e2%  [k] foo\n", "not a symbol line");
	check_refused(HEADER "    60.00%  [k] foo\n    60.00%  [k] bar\n",
		      "add up to 120.00%");
	check_refused(HEADER "    10.00%  foo\n", "no [k]");
	check_refused(HEADER "    10.00%  [x] foo\n", "no [k]");
	check_refused(HEADER "    10.00%  [k] \n", "without a symbol name");
	check_refused(HEADER "    10.00%  [k] fo\033o\n", "byte 0x1b");
	check_refused(HEADER "    10.00%  [k] foo\n            |\n",
		      ":7: not a symbol line");
	memset(long_name, 'a', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	long_line = malloc(sizeof(long_name) + 256);
	snprintf(long_line, sizeof(long_name) + 256, "%s    1.00%%  [k] %s\n",
		 HEADER, long_name);
	check_refused(long_line, "at most 127");
	free(long_line);
	long_line = malloc(6000);
	memset(long_line, ' ', 5998);
	long_line[5998] = '\n';
	long_line[5999] = '\0';
	check_refused(long_line, "longer than 4096 bytes");
	free(long_line);
	/* the IPC column: the name must end before it */
	check_refused("# Overhead  Symbol  IPC   [IPC Coverage]\n"
		      "# ........  ......  ....................\n"
		      "    10.00%  [k] a_much_longer_name  -  -\n",
		      "where the IPC column starts");
	/* a NUL inside a line */
	CHECK_INT(write_text_file(scratch_path("nul.txt"), HEADER), 0);
	{
		FILE *f = fopen(scratch_path("nul.txt"), "a");

		fwrite("    1.00%  [k] f\0o\n", 1, 19, f);
		fclose(f);
	}
	CHECK_INT(perf_report_read(scratch_path("nul.txt"), &r, err,
				   sizeof(err)), -1);
	CHECK_CONTAINS(err, "NUL byte");
	CHECK_INT(perf_report_read(scratch_path("does-not-exist"), &r, err,
				   sizeof(err)), -1);
	CHECK_CONTAINS(err, "No such file");
	CHECK_INT(perf_report_read(scratch_dir(), &r, err, sizeof(err)), -1);
	CHECK_CONTAINS(err, "not a regular file");
}

static void test_top_deltas(void)
{
	struct perf_report a, b;
	struct symbol_delta top[5];
	char err[512] = "";
	size_t n;

	CHECK_INT(read_text("a.txt", HEADER "  50.00%  [k] foo\n"
			    "  30.00%  [k] bar\n  20.00%  [k] baz\n", &a, err,
			    sizeof(err)), 0);
	CHECK_INT(read_text("b.txt", HEADER "  50.00%  [k] qux\n"
			    "  30.00%  [k] bar\n  20.00%  [k] foo\n", &b, err,
			    sizeof(err)), 0);
	n = profile_top_deltas(&a, &b, top, 5);
	/* bar did not move: not named */
	CHECK_INT(n, 3);
	CHECK_STR(top[0].name, "qux");
	CHECK_NEAR(top[0].share_a, 0, 0);
	CHECK_NEAR(top[0].delta, 50, 1e-9);
	CHECK_STR(top[1].name, "foo");
	CHECK_NEAR(top[1].delta, -30, 1e-9);
	CHECK_STR(top[2].name, "baz");
	CHECK_NEAR(top[2].share_b, 0, 0);
	CHECK_INT(profile_top_deltas(&a, &b, top, 2), 2);
	CHECK_INT(profile_top_deltas(&a, &a, top, 5), 0);
	perf_report_free(&a);
	perf_report_free(&b);
}

static const double ns10[] = { 9, 10, 11, 9, 10, 11, 9, 10, 11, 10 };
static const double ns20[] = { 19, 20, 21, 19, 20, 21, 19, 20, 21, 20 };

/* compare: a slower config with both profiles gets its symbols named. */
static void test_compare_names_symbols(void)
{
	static const struct synthetic_config ca[] = {
		{ "anon-4k", 2097152, "gup_fast", "put_page", true, ns10, 10,
		  false },
		{ "anon-4k", 2097152, "pin_fast", "unpin_pages", true, ns10,
		  10, false },
	};
	static const struct synthetic_config cb[] = {
		{ "anon-4k", 2097152, "gup_fast", "put_page", true, ns20, 10,
		  false },
		{ "anon-4k", 2097152, "pin_fast", "unpin_pages", true, ns20,
		  10, false },
	};
	static const struct synthetic_run ra = {
		"prof-a", "6.1.0", "tcg", ca, NR(ca), false,
	};
	static const struct synthetic_run rb = {
		"prof-b", "6.12.0", "tcg", cb, NR(cb), false,
	};
	char a[512], b[512], path[1024];
	struct outcome o;
	char *line;

	snprintf(a, sizeof(a), "%s", scratch_path("prof-a"));
	snprintf(b, sizeof(b), "%s", scratch_path("prof-b"));
	CHECK_INT(synthetic_run_write(a, &ra), 0);
	CHECK_INT(synthetic_run_write(b, &rb), 0);
	snprintf(path, sizeof(path), "%s/profile-anon-4k-2M-put_page.txt", a);
	CHECK_INT(write_text_file(path, HEADER "  60.00%  [k] gup_fast_fallback\n"
				  "  20.00%  [k] pb_put_page\n"
				  "  20.00%  [k] pb_verify\n"), 0);
	snprintf(path, sizeof(path), "%s/profile-anon-4k-2M-put_page.txt", b);
	CHECK_INT(write_text_file(path, HEADER "  40.00%  [k] gup_fast_fallback\n"
				  "  45.00%  [k] pb_put_page\n"
				  "  15.00%  [k] pb_verify\n"), 0);
	/* unpin_pages: a damaged profile in B, skipped with its reason */
	snprintf(path, sizeof(path), "%s/profile-anon-4k-2M-unpin_pages.txt",
		 a);
	CHECK_INT(write_text_file(path, HEADER "  60.00%  [k] x\n"), 0);
	snprintf(path, sizeof(path), "%s/profile-anon-4k-2M-unpin_pages.txt",
		 b);
	CHECK_INT(write_text_file(path, HEADER "  160.00%  [k] x\n"), 0);

	o = run_cli(REAL_PINBENCH, NULL, "compare", a, b);
	CHECK_STATUS(o, 1);
	CHECK_CONTAINS(o.out, "why (perf profiles of both runs");
	line = line_with(o.out, "anon-4k 2M gup_fast put_page (slower");
	CHECK_CONTAINS(line, "pin path 60.0% -> 40.0%");
	free(line);
	line = line_with(o.out, " pb_put_page ");
	CHECK_CONTAINS(line, "20.00% ->  45.00%   +25.00");
	free(line);
	/* largest change first: pb_put_page +25, then gup_fast_fallback -20 */
	CHECK(strstr(o.out, " pb_put_page ") &&
	      strstr(o.out, " gup_fast_fallback ") &&
	      strstr(o.out, " pb_put_page ") <
	      strstr(o.out, " gup_fast_fallback "));
	CHECK_CONTAINS(o.err, "profile skipped");
	CHECK_CONTAINS(o.err, "not within 0..100");
	outcome_free(&o);
}

/* report: each profile's top symbols and path shares; a bad one named. */
static void test_report_profiles(void)
{
	static const struct synthetic_config c[] = {
		{ "anon-4k", 2097152, "gup_fast", "put_page", true, ns10, 10,
		  false },
	};
	static const struct synthetic_run run = {
		"prof-r", "6.12.0", "tcg", c, NR(c), false,
	};
	char dir[512], path[1024], *text, *line;
	struct outcome o;

	snprintf(dir, sizeof(dir), "%s", scratch_path("prof-report"));
	CHECK_INT(synthetic_run_write(dir, &run), 0);
	snprintf(path, sizeof(path), "%s/profile-anon-4k-2M-put_page.txt",
		 dir);
	CHECK_INT(write_text_file(path, HEADER "  60.00%  [k] gup_fast_fallback\n"
				  "  25.00%  [k] pb_put_page\n"
				  "  15.00%  [k] gup_put_folio\n"), 0);
	snprintf(path, sizeof(path), "%s/profile-anon-4k-2M-noop.txt", dir);
	CHECK_INT(write_text_file(path, "garbage\n"), 0);
	o = run_cli(REAL_PINBENCH, NULL, "report", dir);
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	snprintf(path, sizeof(path), "%s/report.txt", dir);
	text = slurp(path);
	CHECK_CONTAINS(text, "where the time goes: profile-anon-4k-2M-put_page.txt [EMULATED]\n");
	CHECK_CONTAINS(text, "pin path 60.00%, unpin path 15.00%; top 3 of 3 symbols");
	line = line_with(text ? text : "", " pb_put_page ");
	CHECK_CONTAINS(line, "25.00%  pb_put_page");
	free(line);
	line = line_with(text ? text : "", " gup_put_folio ");
	CHECK_CONTAINS(line, "unpin");
	free(line);
	CHECK_CONTAINS(text, "where the time goes: profile-anon-4k-2M-noop.txt [EMULATED]\n  not read: ");
	free(text);
}

TAP_SUITE(perf_report,
	{ "a real perf report text (6.12 guest): symbols, shares, IPC columns dropped", test_fixture },
	{ "plain columns, user and kernel maps, a name listed twice merged", test_plain_columns },
	{ "pin and unpin paths: first match wins, unpin names never pin", test_paths },
	{ "malformed reports refused with the line and why, nothing returned", test_malformed },
	{ "profile_top_deltas: largest |share change| first, unchanged left out", test_top_deltas },
	{ "compare names the symbols that moved for a slower config, skips a bad profile", test_compare_names_symbols },
	{ "report lists each profile's top symbols and path shares, names a bad one", test_report_profiles },
);
