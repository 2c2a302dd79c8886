/*
 * pinbench profile's plumbing on the fake device with a fake perf
 * (fake_perf.sh): perf is asked to enable its events right before each
 * RUN ioctl and to disable them right after (the fake device and the fake
 * perf append to one log, so the order shows), kptr_restrict is lifted
 * while perf runs and put back, the report text lands in the run
 * directory; and when perf fails nothing is left half-written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_runner.h"
#include "tap.h"
#include "test_util.h"

#define FIXTURE "fixtures/perf-report-6.12-unpin_pages.txt"

static struct outcome profile(const char *dir, const char *log,
			      const char *kptr, const char *extra_env)
{
	char env[4096];

	snprintf(env, sizeof(env),
		 "PINBENCH_PERF=./fake_perf.sh;FAKE_PERF_LOG=%s;"
		 "PINBENCH_FAKE_LOG=%s;FAKE_PERF_REPORT=" FIXTURE ";"
		 "PINBENCH_KPTR_RESTRICT=%s;PINBENCH_ACCEL=tcg%s%s",
		 log, log, kptr, extra_env ? ";" : "",
		 extra_env ? extra_env : "");
	return run_cli(FAKE_PINBENCH, env, "profile", "--composition",
		       "anon-4k", "--size", "8K", "--strategy", "put_page",
		       "--iterations", "3", "--warmup", "1", "--out", dir);
}

/* Each RUN line of the log between "perf enable" and "perf disable". */
static void check_windows(const char *log_text, int want_runs)
{
	char *copy = strdup(log_text), *line, *rest = copy;
	int runs = 0, n = 0;
	bool enabled = false, stopped = false;

	while ((line = strsep(&rest, "\n")) != NULL && *line) {
		n++;
		if (n == 1 || n == 2) {
			/* kptr_restrict as perf saw it, then perf's ready check */
			if (n == 1 && geteuid() == 0)
				CHECK_STR(line, "perf kptr_restrict 0");
			if (n == 2 || geteuid())
				CHECK_STR(line, "perf ping");
			if (n == 1 && geteuid())
				n++;
			continue;
		}
		if (!strcmp(line, "perf enable")) {
			CHECK(!enabled);
			enabled = true;
		} else if (!strcmp(line, "perf disable")) {
			CHECK(enabled);
			enabled = false;
		} else if (!strcmp(line, "perf stop")) {
			CHECK(!enabled);
			stopped = true;
		} else {
			if (!enabled)
				tap_fail(__FILE__, __LINE__,
					 "RUN \"%s\" with sampling off", line);
			runs++;
		}
	}
	CHECK(stopped);
	CHECK_INT(runs, want_runs);
	free(copy);
}

static void test_sampling_only_in_runs(void)
{
	char dir[512], log[512], kptr[512], path[1024];
	char *text, *want;
	struct outcome o;

	snprintf(dir, sizeof(dir), "%s", scratch_path("profile-run"));
	snprintf(log, sizeof(log), "%s", scratch_path("profile.log"));
	snprintf(kptr, sizeof(kptr), "%s", scratch_path("kptr_restrict"));
	CHECK_INT(write_text_file(kptr, "2\n"), 0);
	o = profile(dir, log, kptr, NULL);
	CHECK_STATUS(o, 0);
	CHECK_CONTAINS(o.err, "profile: 4 RUN ioctls sampled (cpu-clock)");
	outcome_free(&o);
	text = slurp(log);
	/* interleaved: a warmup round, then one RUN per iteration */
	if (text)
		check_windows(text, 4);
	free(text);
	text = slurp(kptr);
	CHECK_STR(text, "2\n");
	free(text);
	snprintf(path, sizeof(path), "%s/profile-anon-4k-8K-put_page.txt",
		 dir);
	text = slurp(path);
	want = slurp(FIXTURE);
	CHECK(text && want && !strcmp(text, want));
	free(text);
	free(want);
	snprintf(path, sizeof(path), "%s/perf.data", dir);
	text = slurp(path);
	CHECK_STR(text, "fake-perf-data\n");
	free(text);
	CHECK_INT(count_entries_containing(dir, ".tmp"), 0);
	CHECK_INT(count_entries_containing(dir, "samples.csv"), 1);
}

/* perf dying mid-run, or missing: an error, no profile, no perf.data. */
static void test_perf_fails(void)
{
	char dir[512], log[512], kptr[512], *text;
	struct outcome o;

	snprintf(dir, sizeof(dir), "%s", scratch_path("profile-dies"));
	snprintf(log, sizeof(log), "%s", scratch_path("profile-dies.log"));
	snprintf(kptr, sizeof(kptr), "%s", scratch_path("kptr-dies"));
	CHECK_INT(write_text_file(kptr, "1\n"), 0);
	o = profile(dir, log, kptr, "FAKE_PERF_DIE=enable");
	CHECK_STATUS(o, 1);
	CHECK_CONTAINS(o.err, "perf record ended before acknowledging 'enable'");
	outcome_free(&o);
	CHECK_INT(count_entries_containing(dir, "profile-"), 0);
	CHECK_INT(count_entries_containing(dir, "perf.data"), 0);
	text = slurp(kptr);
	CHECK_STR(text, "1\n");
	free(text);

	snprintf(dir, sizeof(dir), "%s", scratch_path("profile-noperf"));
	o = run_cli(FAKE_PINBENCH, "PINBENCH_PERF=/nonexistent/perf",
		    "profile", "--composition", "anon-4k", "--size", "8K",
		    "--strategy", "put_page", "--out", dir);
	CHECK_STATUS(o, 1);
	CHECK_CONTAINS(o.err, "PINBENCH_PERF=/nonexistent/perf is not an executable");
	outcome_free(&o);
	CHECK(access(dir, F_OK) != 0);
}

static void test_one_case(void)
{
	struct outcome o;

	o = run_cli(FAKE_PINBENCH, NULL, "profile", "--composition", "anon-4k",
		    "--sizes", "4K,8K", "--strategy", "put_page", "--out",
		    scratch_path("profile-two"));
	CHECK_STATUS(o, 2);
	CHECK_CONTAINS(o.err, "one case");
	outcome_free(&o);
	o = run_cli(FAKE_PINBENCH, NULL, "profile", "--size", "4K",
		    "--strategy", "all", "--out", scratch_path("profile-all"));
	CHECK_STATUS(o, 2);
	CHECK_CONTAINS(o.err, "not lists, not all");
	outcome_free(&o);
	o = run_cli(FAKE_PINBENCH, NULL, "profile", "--size", "4K",
		    "--strategy", "put_page");
	CHECK_STATUS(o, 2);
	CHECK_CONTAINS(o.err, "--out DIR is needed");
	outcome_free(&o);
	/* run's options are profile's; profile's own are not run's */
	o = run_cli(FAKE_PINBENCH, NULL, "run", "--size", "4K");
	CHECK_STATUS(o, 2);
	CHECK_CONTAINS(o.err, "--size is an option of pinbench profile");
	outcome_free(&o);
	o = run_cli(FAKE_PINBENCH, NULL, "profile", "--help");
	CHECK_STATUS(o, 0);
	CHECK_CONTAINS(o.out, "usage: pinbench profile");
	CHECK_CONTAINS(o.out, "--pin-method M");
	CHECK_CONTAINS(o.out, "--strategy X");
	outcome_free(&o);
}

TAP_SUITE(profile,
	{ "profile: perf enabled right before each RUN and disabled right after, kptr_restrict lifted and put back, report text saved", test_sampling_only_in_runs },
	{ "profile: perf dying or missing is an error, nothing half-written", test_perf_fails },
	{ "profile: one case, --out needed; --size/--strategy are profile's own", test_one_case },
);
