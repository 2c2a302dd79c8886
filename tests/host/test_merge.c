/*
 * A boot is the unit of replication: pinbench merge joins one kernel's
 * boots into one run directory, and compare and report then take one
 * sample per boot (its median) instead of the iterations.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_runner.h"
#include "synthetic_run.h"
#include "meta.h"
#include "tap.h"
#include "test_util.h"

/* A boot directory measured with the fake device. */
static void fake_boot(const char *dir, const char *boot, const char *seed)
{
	struct outcome o;

	o = run_cli(FAKE_PINBENCH, "PINBENCH_ACCEL=tcg", "sweep", "--sizes",
		    "4K,64K", "--strategies", "put_page,unpin_pages,noop",
		    "--iterations", "2", "--boot", boot, "--seed", seed,
		    "--run-id", "merged-run", "--quiet", "--out", dir);
	CHECK_STATUS(o, 0);
	outcome_free(&o);
}

static void test_merge_two_boots(void)
{
	const char *b1 = strdup(scratch_path("merge-boot1"));
	const char *b2 = strdup(scratch_path("merge-boot2"));
	const char *out = strdup(scratch_path("merge-out"));
	char *samples, *s1, *s2, *meta, *text, *summary;
	struct outcome o;

	fake_boot(b1, "1", "11");
	fake_boot(b2, "2", "12");
	write_text_file(dir_file(b1, "console.log"), "boot one console\n");
	write_text_file(dir_file(b2, "console.log"), "boot two console\n");
	write_text_file(dir_file(b2, "output.log"), "boot two output\n");

	o = run_cli(REAL_PINBENCH, NULL, "merge", out, b1, b2);
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	samples = slurp(dir_file(out, "samples.csv"));
	s1 = slurp(dir_file(b1, "samples.csv"));
	s2 = slurp(dir_file(b2, "samples.csv"));
	/* one header, then the rows of boot 1, then those of boot 2 */
	CHECK_INT(count_matches(samples, "run_id,"), 1);
	CHECK_INT(count_lines(samples), count_lines(s1) + count_lines(s2) - 1);
	CHECK(samples && s1 && s2 && !strncmp(samples, s1, strlen(s1)) &&
	      !strcmp(samples + strlen(s1), strchr(s2, '\n') + 1));
	CHECK_INT(count_matches(samples, ",ok,"), 2 * 2 * 3 * 2);
	free(samples);
	free(s1);
	free(s2);

	meta = slurp(dir_file(out, "meta.json"));
	CHECK_CONTAINS(meta, "\"boots\": 2");
	CHECK_CONTAINS(meta, "\"boot_ids\": [1, 2]");
	CHECK_CONTAINS(meta, "\"boot_seeds\": [11, 12]");
	CHECK_CONTAINS(meta, "\"complete\": true");
	CHECK_CONTAINS(meta, "\"run_id\": \"merged-run\"");
	CHECK(meta && !strstr(meta, "\"boot\":"));	/* one boot's, gone */
	/* each boot's calibration kept, in boot order */
	CHECK_CONTAINS(meta, "\"calibration\": [{\"boot_id\": 1, \"start_ns\": ");
	CHECK_CONTAINS(meta, "}, {\"boot_id\": 2, \"start_ns\": ");
	CHECK(meta && meta[strlen(meta) - 2] == '}');
	free(meta);
	text = slurp(dir_file(out, "console-boot1.log"));
	CHECK_STR(text, "boot one console\n");
	free(text);
	text = slurp(dir_file(out, "console-boot2.log"));
	CHECK_STR(text, "boot two console\n");
	free(text);
	text = slurp(dir_file(out, "output-boot2.log"));
	CHECK_STR(text, "boot two output\n");
	free(text);
	CHECK(access(dir_file(out, "output-boot1.log"), F_OK));

	/*
	 * summarized: put_page 2 and 3 ns/page in each boot (the fake is
	 * the same every boot): CV within 0.2828, between 0, CI of the
	 * per-boot medians {2.5, 2.5}
	 */
	summary = slurp(dir_file(out, "summary.csv"));
	CHECK_CONTAINS(summary, ",anon-4k,4096,1,gup_fast,put_page,1,ok,4,2.000,2.500,2.500,0.577,0.2309,3.000,3.000,3.000,2.500,2.500,");
	CHECK_CONTAINS(summary, ",1,2,0.2828,0.0000,boots,2.500,2.500,2.500,0.5000,2.500,");
	free(summary);
	CHECK_INT(count_entries_containing(dir_file(out, "ministat"), ".txt"),
		  6);

	/* compare and report see the boots */
	o = run_cli(REAL_PINBENCH, NULL, "compare", out, out);
	CHECK_STATUS(o, 0);
	CHECK_CONTAINS(o.out, "samples: per-boot medians of 2 boots\n");
	outcome_free(&o);
	o = run_cli(REAL_PINBENCH, NULL, "report", out);
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	text = slurp(dir_file(out, "report.txt"));
	CHECK_CONTAINS(text, "\nsamples:    per-boot medians of 2 boots (what the t-tests compare)\n");
	CHECK_CONTAINS(text, "\niterations: 2 per config in each of 2 boots\n");
	CHECK_CONTAINS(text, "\norder:      interleaved, shuffled rounds (seed 11 of the first boot), each sample its RUN's first iteration, pinned to CPU ");
	free(text);

	/* into a directory that holds a run already: refused */
	o = run_cli(REAL_PINBENCH, NULL, "merge", out, b1, b2);
	CHECK_STATUS(o, 2);
	CHECK_CONTAINS(o.err, "already holds a samples.csv: merge into a new directory");
	outcome_free(&o);
	free((void *)b1);
	free((void *)b2);
	free((void *)out);
}

static const double ten[] = { 10, 11, 12 }, twenty[] = { 20, 21, 22 };
static const unsigned int boot_1[] = { 1, 1, 1 }, boot_2[] = { 2, 2, 2 };

static const struct synthetic_config put_page_ten[] = {
	{ "anon-4k", 1048576, "gup_fast", "put_page", true, ten, 3, false },
};
static const struct synthetic_config put_page_twenty[] = {
	{ "anon-4k", 1048576, "gup_fast", "put_page", true, twenty, 3, false },
};
static const unsigned int *const in_boot_1[] = { boot_1 };
static const unsigned int *const in_boot_2[] = { boot_2 };

static void test_merge_refusals(void)
{
	const char *a = strdup(scratch_path("merge-kernel-a"));
	const char *b = strdup(scratch_path("merge-kernel-b"));
	const char *same = strdup(scratch_path("merge-same-boot"));
	const char *old = strdup(scratch_path("merge-old"));
	const struct synthetic_run run_a = {
		"ra", "6.1.0-a", "tcg", put_page_ten, 1, false,
	};
	const struct synthetic_run run_b = {
		"rb", "6.12.0-b", "tcg", put_page_twenty, 1, false,
	};
	const struct synthetic_run run_same = {
		"rs", "6.1.0-a", "tcg", put_page_twenty, 1, false,
	};
	struct outcome o;

	CHECK_INT(synthetic_run_write_boots(a, &run_a, in_boot_1), 0);
	CHECK_INT(synthetic_run_write_boots(b, &run_b, in_boot_2), 0);
	CHECK_INT(synthetic_run_write_boots(same, &run_same, in_boot_1), 0);

	/* two kernels: not boots of one */
	o = run_cli(REAL_PINBENCH, NULL, "merge",
		    scratch_path("merge-refused-1"), a, b);
	CHECK_STATUS(o, 2);
	CHECK_CONTAINS(o.err, "holds kernel 6.12.0-b (tcg)");
	CHECK_CONTAINS(o.err, "merge joins boots of one kernel");
	outcome_free(&o);
	CHECK(access(scratch_path("merge-refused-1"), F_OK));

	/* boot 1 twice */
	o = run_cli(REAL_PINBENCH, NULL, "merge",
		    scratch_path("merge-refused-2"), a, same);
	CHECK_STATUS(o, 2);
	CHECK_CONTAINS(o.err, "boot 1 is in both");
	CHECK_CONTAINS(o.err, "--boot N");
	outcome_free(&o);

	/* boots of two module catalogues: whose roles would the report read? */
	{
		const char *c = strdup(scratch_path("merge-catalogue"));
		const struct synthetic_run run_c = {
			"rc", "6.1.0-a", "tcg", put_page_twenty, 1, false,
		};

		CHECK_INT(synthetic_run_write_boots(c, &run_c, in_boot_2), 0);
		CHECK_INT(meta_set_field(dir_file(c, "meta.json"), "catalogue",
					 json_pack("{s:[], s:[]}", "pin_methods",
						   "strategies")), 0);
		o = run_cli(REAL_PINBENCH, NULL, "merge",
			    scratch_path("merge-refused-4"), a, c);
		CHECK_STATUS(o, 2);
		CHECK_CONTAINS(o.err, "different module catalogues");
		outcome_free(&o);
		CHECK(access(scratch_path("merge-refused-4"), F_OK));
		free((void *)c);
	}

	/* a samples.csv of before the boot column */
	mkdir(old, 0755);
	write_text_file(dir_file(old, "samples.csv"),
		"run_id,kernel,accel,emulated,composition,size_bytes,pages,pin_method,strategy,write,iteration,status,pin_ns,release_ns,release_cycles,pin_cycles,ns_per_page,pin_ns_per_page,req_huge_pct,huge_pct,mix_ok,hist,req_mix,note\n"
		"r,6.1.0-a,tcg,1,anon-4k,4096,1,gup_fast,put_page,1,0,ok,10,2,1,1,2.000,10.000,0.00,0.00,1,o0=1,,\n");
	o = run_cli(REAL_PINBENCH, NULL, "merge",
		    scratch_path("merge-refused-3"), a, old);
	CHECK_STATUS(o, 2);
	CHECK_CONTAINS(o.err, "merge-old/samples.csv: its columns are not this pinbench's (no boot column");
	outcome_free(&o);

	/* OUT_DIR among the inputs, too few arguments, no such input */
	o = run_cli(REAL_PINBENCH, NULL, "merge", a, a, same);
	CHECK_STATUS(o, 2);
	CHECK_CONTAINS(o.err, "is also a BOOT_DIR");
	outcome_free(&o);
	o = run_cli(REAL_PINBENCH, NULL, "merge", scratch_path("merge-x"));
	CHECK_STATUS(o, 2);
	CHECK_CONTAINS(o.err, "merge: needs OUT_DIR and at least one BOOT_DIR");
	outcome_free(&o);
	o = run_cli(REAL_PINBENCH, NULL, "merge", scratch_path("merge-y"), a,
		    scratch_path("merge-nowhere"));
	CHECK_STATUS(o, 1);
	CHECK_CONTAINS(o.err, "merge-nowhere/samples.csv: No such file");
	outcome_free(&o);
	free((void *)a);
	free((void *)b);
	free((void *)same);
	free((void *)old);
}

/*
 * Three boots whose medians differ (A: 10, 14, 12; B: 11, 15, 13) with
 * tight iterations around them. On the 30 iterations Welch finds B
 * slower (t 2.2997, df 58, p = 0.0251, as if they were independent); on
 * the per-boot medians, 3 against 3 (mean 12 vs 13, sd 2 each: t 0.6124,
 * df 4) it does not (p = 0.5734): the boots' spread swamps a 1 ns/page
 * difference. (p by numeric integration of Student's t density.)
 */
#define BOOT_ITERS 10
static double a_values[3 * BOOT_ITERS], b_values[3 * BOOT_ITERS];
static unsigned int boot_of_value[3 * BOOT_ITERS];

static void fill_boots(void)
{
	static const double a_mid[] = { 10, 14, 12 }, b_mid[] = { 11, 15, 13 };
	/* around the median, symmetric, exact in 1/256 ns */
	static const double off[BOOT_ITERS] = {
		-0.5, -0.25, -0.25, 0, 0, 0, 0, 0.25, 0.25, 0.5,
	};
	size_t b, i;

	for (b = 0; b < 3; b++)
		for (i = 0; i < BOOT_ITERS; i++) {
			a_values[b * BOOT_ITERS + i] = a_mid[b] + off[i];
			b_values[b * BOOT_ITERS + i] = b_mid[b] + off[i];
			boot_of_value[b * BOOT_ITERS + i] = (unsigned int)b + 1;
		}
}

static void write_boot_runs(const char *a, const char *b, bool boots)
{
	const struct synthetic_config ca[] = {
		{ "anon-4k", 1048576, "gup_fast", "put_page", true, a_values,
		  3 * BOOT_ITERS, false },
		{ "anon-4k", 1048576, "pin_fast", "unpin_pages", true,
		  b_values, 3 * BOOT_ITERS, false },
	};
	const struct synthetic_config cb[] = {
		{ "anon-4k", 1048576, "gup_fast", "put_page", true, b_values,
		  3 * BOOT_ITERS, false },
	};
	const struct synthetic_run ra = { "boots-a", "6.1.0-a", "kvm", ca, 2, false };
	const struct synthetic_run rb = { "boots-b", "6.12.0-b", "kvm", cb, 1, false };
	const unsigned int *const in_boots[] = { boot_of_value, boot_of_value };

	CHECK_INT(synthetic_run_write_boots(a, &ra, boots ? in_boots : NULL),
		  0);
	CHECK_INT(synthetic_run_write_boots(b, &rb, boots ? in_boots : NULL),
		  0);
}

static void test_compare_report_per_boot(void)
{
	char a1[512], b1[512], a3[512], b3[512], *text, *line;
	struct outcome o;

	fill_boots();
	snprintf(a1, sizeof(a1), "%s", scratch_path("boots-a-one"));
	snprintf(b1, sizeof(b1), "%s", scratch_path("boots-b-one"));
	snprintf(a3, sizeof(a3), "%s", scratch_path("boots-a-three"));
	snprintf(b3, sizeof(b3), "%s", scratch_path("boots-b-three"));
	write_boot_runs(a1, b1, false);
	write_boot_runs(a3, b3, true);

	/* one boot: the 30 iterations are the samples, and B is slower */
	o = run_cli(REAL_PINBENCH, NULL, "compare", a1, b1);
	CHECK_STATUS(o, 1);
	CHECK_CONTAINS(o.out, "samples: iterations of one boot\n");
	CHECK_CONTAINS(o.out, "+-1.68");
	CHECK_CONTAINS(o.out, "0.025 *");
	CHECK_CONTAINS(o.out, " slower");
	outcome_free(&o);

	/* three boots: a median each, 3 against 3, no difference proven */
	o = run_cli(REAL_PINBENCH, NULL, "compare", a3, b3);
	CHECK_STATUS(o, 0);
	CHECK_CONTAINS(o.out, "samples: per-boot medians of 3 boots\n");
	/* median, mean, stddev of the boots' medians; %change of the mean */
	CHECK_CONTAINS(o.out, "12.00  12.00    +-2.00   13.00  13.00    +-2.00   +8.33%");
	CHECK_CONTAINS(o.out, "0.573");
	CHECK_CONTAINS(o.out, "no difference proven");
	outcome_free(&o);

	/* report: the same unit in its header and legend, per boot n */
	text = pinbench_then_read("report", a3, "report.txt");
	CHECK_CONTAINS(text, "\nsamples:    per-boot medians of 3 boots (what the t-tests compare)\n");
	CHECK_CONTAINS(text, "samples: per-boot medians of 3 boots.");
	CHECK_CONTAINS(text, "\niterations: 10 per config in each of 3 boots, after 3 warmup\n");
	free(text);
	text = pinbench_then_read("report", a1, "report.txt");
	CHECK_CONTAINS(text, "\nsamples:    iterations of one boot (what the t-tests compare)\n");
	CHECK_CONTAINS(text, "\niterations: 30 per config, after 3 warmup\n");
	free(text);

	/* summary.csv: the CI of 3 boots is around their medians' mean */
	text = pinbench_then_read("summarize", a3, "summary.csv");
	CHECK_CONTAINS(text, ",ci_unit,ci_center,");
	line = line_with(text, ",put_page,");
	CHECK(strstr(line, ",boots,12.000") != NULL);
	free(line);
	free(text);
	text = pinbench_then_read("summarize", a1, "summary.csv");
	line = line_with(text, ",put_page,");
	CHECK(strstr(line, ",iterations,") != NULL);
	free(line);
	free(text);
}

TAP_SUITE(merge,
	{ "merge: two boots -> one directory, one header, meta boots, console-boot<b>.log, summary spread",
	  test_merge_two_boots },
	{ "merge refuses two kernels, a boot twice, the old format, OUT among the inputs",
	  test_merge_refusals },
	{ "compare and report: per-boot medians as samples with >= 2 boots, iterations with one",
	  test_compare_report_per_boot },
);
