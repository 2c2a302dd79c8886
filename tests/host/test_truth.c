/*
 * Numbers that mean what they say, on the host (fake device): read-only
 * pins refused for the strategies that cannot honour them, a RUN cut by
 * a signal keeps its samples, the reference oracle fails a run, disturbed
 * samples are counted and can be left out, a median below the noop floor
 * is flagged, the kernel's debug options are recorded.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_runner.h"
#include "synthetic_run.h"
#include "tap.h"
#include "test_util.h"

/* o must have exited 0; then DIR/FILE, read whole (free it). */
static char *ran_then_read(struct outcome o, const char *dir,
			   const char *file)
{
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	return slurp(dir_file(dir, file));
}

/* Named, a strategy that dirties is refused before anything is built. */
static void test_read_only_refused(void)
{
	const char *dir = scratch_path("truth-ro");

	CHECK_CLI(2, "strategy dirty_put_page needs write pins: it dirties the pages",
		  FAKE_PINBENCH, "run", "--read-only", "--sizes", "4K",
		  "--strategies", "put_page,dirty_put_page", "--out", dir);
	CHECK(access(dir_file(dir, "samples.csv"), F_OK));
	CHECK_CLI(2, "release_pages needs write pins: it cannot drop every reference a read-only pin takes (release_pages() skips the huge zero folio",
		  FAKE_PINBENCH, "run", "--read-only", "--sizes", "4K",
		  "--strategies", "release_pages", "--out", dir);
}

/* Under "all" they are recorded unsupported, with why; the rest runs. */
static void test_read_only_all(void)
{
	const char *dir = scratch_path("truth-ro-all");
	char *samples;
	struct outcome o;

	o = run_cli(FAKE_PINBENCH, NULL, "run", "--read-only", "--sizes", "4K",
		    "--strategies", "all", "--iterations", "2", "--out", dir,
		    "--quiet");
	CHECK_STATUS(o, 0);
	CHECK_CONTAINS(o.err, "strategy unpin_dirty is not measured with --read-only: it dirties the pages");
	outcome_free(&o);
	samples = slurp(dir_file(dir, "samples.csv"));
	CHECK_CONTAINS(samples, ",gup_fast,release_pages,0,,unsupported,");
	CHECK_CONTAINS(samples, ",pin_fast,unpin_range_dirty,0,,unsupported,");
	CHECK_CONTAINS(samples, "needs write pins: it dirties the pages");
	CHECK_INT(count_matches(samples, ",unsupported,"), 6);
	CHECK_INT(count_matches(samples, ",gup_fast,put_page,0,"), 2);
	CHECK_INT(count_matches(samples, ",pin_fast,unpin_dirty_clean,0,"), 2);
	free(samples);
}

/* The module stopped a RUN between iterations: rows kept, exit 130. */
static void test_interrupted_run(void)
{
	const char *dir = scratch_path("truth-cut");
	char *samples;
	struct outcome o;

	o = run_cli(FAKE_PINBENCH, "PINBENCH_FAKE_INTERRUPT=2", "run",
		    "--order", "grouped", "--sizes", "4K", "--strategies",
		    "unpin_pages,noop", "--iterations", "5", "--out", dir,
		    "--quiet");
	CHECK_STATUS(o, 130);
	CHECK_CONTAINS(o.err, "cut short");
	outcome_free(&o);
	samples = slurp(dir_file(dir, "samples.csv"));
	CHECK_INT(count_matches(samples, ",unpin_pages,1,"), 2);
	CHECK_INT(count_matches(samples, ",noop,"), 0);
	free(samples);
	samples = slurp(dir_file(dir, "meta.json"));
	CHECK_CONTAINS(samples, "\"complete\": false");
	free(samples);
}

/*
 * A signal that asks no stop (Ctrl-Z and fg, a debugger) also stops a
 * RUN in the module: the RUN is measured again, nothing is lost.
 */
static void test_spurious_interrupt(void)
{
	const char *order[] = { "grouped", "interleaved" };
	char *samples;
	size_t i;

	for (i = 0; i < 2; i++) {
		const char *dir = scratch_path(i ? "truth-spur-i" :
					       "truth-spur-g");

		samples = ran_then_read(run_cli(FAKE_PINBENCH,
						"PINBENCH_FAKE_SPURIOUS=2",
						"run", "--order", order[i],
						"--sizes", "4K", "--strategies",
						"unpin_pages,noop",
						"--iterations", "5", "--out",
						dir, "--quiet"),
					dir, "samples.csv");
		CHECK_INT(count_matches(samples, ",unpin_pages,1,"), 5);
		CHECK_INT(count_matches(samples, ",noop,1,"), 5);
		free(samples);
		samples = slurp(dir_file(dir, "meta.json"));
		CHECK_CONTAINS(samples, "\"complete\": true");
		free(samples);
	}
}

/* A folio not back to its refcount fails the run, no rows written. */
static void test_ref_check(void)
{
	const char *dir = scratch_path("truth-ref");
	char *text;
	struct outcome o;

	o = run_cli(FAKE_PINBENCH, "PINBENCH_FAKE_REF_CHANGED=3", "run",
		    "--ref-check", "--sizes", "16K", "--strategies", "put_page",
		    "--iterations", "2", "--out", dir, "--quiet");
	CHECK_STATUS(o, 1);
	CHECK_CONTAINS(o.err, "reference oracle: 3 of 4 folios are not back to their refcount after the last release (net +3 references)");
	outcome_free(&o);
	text = slurp(dir_file(dir, "samples.csv"));
	CHECK(!text || !strstr(text, ",ok,"));
	free(text);

	dir = scratch_path("truth-ref-ok");
	text = ran_then_read(run_cli(FAKE_PINBENCH, NULL, "run", "--ref-check",
				     "--sizes", "16K", "--strategies",
				     "put_page", "--iterations", "2", "--out",
				     dir, "--quiet"),
			     dir, "meta.json");
	CHECK_CONTAINS(text, "\"ref_check\": true");
	CHECK_CONTAINS(text, "\"kernel_debug\": \"none\"");
	free(text);
}

/* disturbed counted per sample, said in the report, left out on request */
static void test_disturbed(void)
{
	const char *dir = scratch_path("truth-disturbed");
	char *text;

	text = ran_then_read(run_cli(FAKE_PINBENCH, "PINBENCH_FAKE_DISTURBED=2",
				     "run", "--order", "grouped", "--sizes",
				     "4K", "--strategies", "put_page",
				     "--iterations", "4", "--warmup", "0",
				     "--out", dir, "--quiet"),
			     dir, "samples.csv");
	/* samples k = 0..3: k % 2 == 0 disturbed */
	CHECK_INT(count_matches(text, ",0,,1,fast,,,,,,,,,,,,,,,,,,\n"), 2);
	CHECK_INT(count_matches(text, ",0,,0,fast,,,,,,,,,,,,,,,,,,\n"), 2);
	free(text);
	text = slurp(dir_file(dir, "summary.csv"));
	CHECK_CONTAINS(text, ",gup_fast,put_page,1,ok,4,");
	CHECK_CONTAINS(text, ",2,fast,,,,,,,,,,,,,,,,\n");	/* disturbed, pin_mode */
	free(text);
	text = ran_then_read(run_cli(FAKE_PINBENCH, NULL, "report", dir),
			     dir, "report.txt");
	CHECK_CONTAINS(text, "disturbed:  2 of 4 samples");
	CHECK_CONTAINS(text, "kept (--exclude-disturbed leaves them out)");
	free(text);
	if (!system("command -v gnuplot > /dev/null 2>&1")) {
		text = ran_then_read(run_cli(PLOTS_SH, PLOTS_ENV, dir),
				     dir, "plots/release_vs_size-anon-4k.svg");
		CHECK_CONTAINS(text, "2 of 4 samples disturbed");
		free(text);
	}
	text = ran_then_read(run_cli(FAKE_PINBENCH, NULL, "summarize",
				     "--exclude-disturbed", dir),
			     dir, "summary.csv");
	/* left: k = 1, 3: 2 and 4 ns/page */
	CHECK_CONTAINS(text, ",gup_fast,put_page,1,ok,2,2.000,3.000,3.000,");
	free(text);
	text = ran_then_read(run_cli(FAKE_PINBENCH, NULL, "report",
				     "--exclude-disturbed", dir),
			     dir, "report.txt");
	CHECK_CONTAINS(text, "left out (--exclude-disturbed)");
	free(text);
}

/* compare says what a +prepare row is, and what it left out */
static void test_compare_says(void)
{
	const char *a = strdup(scratch_path("truth-cmp-a"));
	const char *b = strdup(scratch_path("truth-cmp-b"));
	struct outcome o;

	o = run_cli(FAKE_PINBENCH, "PINBENCH_FAKE_DISTURBED=3", "run",
		    "--sizes", "4K", "--strategies", "unpin_range_dirty,noop",
		    "--iterations", "3", "--out", a, "--quiet");
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	o = run_cli(FAKE_PINBENCH, NULL, "run", "--sizes", "4K", "--strategies",
		    "unpin_range_dirty,noop", "--iterations", "3", "--out", b,
		    "--quiet");
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	o = run_cli(FAKE_PINBENCH, NULL, "compare", "--exclude-disturbed", a, b);
	CHECK_CONTAINS(o.out, "anon-4k 4K pin_fast unpin_range_dirty+prepare");
	CHECK_CONTAINS(o.out, "X+prepare: X's release plus its prepare window");
	CHECK_CONTAINS(o.out, "left out: A 2 of 6, B 0 of 6");
	outcome_free(&o);
	free((void *)a);
	free((void *)b);
}

/* A release cheaper than the noop floor is flagged, never shown silently. */
static void test_below_floor_flagged(void)
{
	static const double fast[] = { 0.4, 0.5, 0.45 };
	static const double floor_ns[] = { 1.2, 1.3, 1.25 };
	static const double put[] = { 16, 17, 16.5 };
	static const struct synthetic_config configs[] = {
		{ "anon-thp", 2 << 20, "gup_fast", "put_page", true, put, 3,
		  false },
		{ "anon-thp", 2 << 20, "pin_fast", "unpin_range_dirty", true,
		  fast, 3, false },
		{ "anon-thp", 2 << 20, "pin_fast", "noop", true, floor_ns, 3,
		  false },
	};
	const struct synthetic_run run = {
		.run_id = "floor", .kernel = "6.12", .accel = "kvm",
		.configs = configs, .nconfigs = NR(configs),
	};
	const char *dir = scratch_path("truth-floor");
	char *text, cmd[1024];

	CHECK(!synthetic_run_write(dir, &run));
	text = ran_then_read(run_cli(FAKE_PINBENCH, NULL, "report", dir),
			     dir, "report.txt");
	CHECK_CONTAINS(text, "WARNING: 1 median(s) below the noop floor of their config (marked <): 1 unexplained");
	CHECK_INT(count_matches(text, "<\n"), 1);
	free(text);

	/* with a prepare window of 2 ns/page its +prepare row is above */
	snprintf(cmd, sizeof(cmd),
		 "cd '%s' && awk -F, 'BEGIN { OFS = \",\" } $9 == \"unpin_range_dirty\" { $26 = 1024 } 1' samples.csv > s.tmp && mv s.tmp samples.csv",
		 dir);
	CHECK(!system(cmd));
	text = ran_then_read(run_cli(FAKE_PINBENCH, NULL, "report", dir),
			     dir, "report.txt");
	CHECK_CONTAINS(text, "1 median(s) below the noop floor of their config (marked <): 0 unexplained");
	CHECK_CONTAINS(text, "1 the release alone of a strategy with a prepare window");
	CHECK_CONTAINS(text, "unpin_range_dirty+prepare");
	free(text);
}

TAP_SUITE(truth,
	{ "truth: read-only pins: a named dirtying strategy or release_pages refused, exit 2, nothing written", test_read_only_refused },
	{ "truth: read-only pins, all strategies: the refused recorded unsupported with why", test_read_only_all },
	{ "truth: a RUN stopped by a signal keeps its samples, exit 130, complete false", test_interrupted_run },
	{ "truth: a RUN stopped by a signal that asks no stop is measured again: every sample kept, complete", test_spurious_interrupt },
	{ "truth: the reference oracle fails a run, says how many folios; meta says ref_check, kernel_debug", test_ref_check },
	{ "truth: disturbed samples counted, said in the report, left out with --exclude-disturbed", test_disturbed },
	{ "truth: a median below the noop floor is flagged in the report", test_below_floor_flagged },
	{ "truth: compare names the +prepare rows and the disturbed samples it left out", test_compare_says },
);
