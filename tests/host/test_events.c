/*
 * --events: the module's counts of the release window reach samples.csv
 * (a count, or "unsupported", never a zero), summary.csv (per page, IPC)
 * and the report; a bad name is refused naming the valid ones.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_runner.h"
#include "samples_csv.h"
#include "tap.h"
#include "test_util.h"

/* A fake run of put_page on 4K, grouped, with --events LIST. */
static struct outcome events_run(const char *dir, const char *env,
				 const char *list)
{
	return run_cli(FAKE_PINBENCH, env, "run", "--sizes", "4K,16K",
		       "--strategies", "put_page,noop", "--order", "grouped",
		       "--iterations", "3", "--warmup", "0", "--events", list,
		       "--quiet", "--out", dir);
}

static void test_counts_in_samples(void)
{
	const char *dir = scratch_path("events-sw");
	struct sample_table t;
	struct outcome o;
	char err[512];
	size_t i, measured = 0;

	o = events_run(dir, NULL, "task-clock,context-switches,instructions");
	CHECK_STATUS(o, 0);
	/* said once, with why; the run goes on */
	CHECK_INT(count_matches(o.err, "event instructions: unsupported here"), 1);
	outcome_free(&o);
	if (samples_csv_read(dir_file(dir, "samples.csv"), &t, err,
			     sizeof(err))) {
		tap_fail(__FILE__, __LINE__, "%s", err);
		return;
	}
	for (i = 0; i < t.count; i++) {
		const struct sample_row *row = &t.rows[i];

		if (!sample_is_measured(row))
			continue;
		measured++;
		CHECK_INT(row->counts.state[EV_TASK_CLOCK], EVENT_COUNTED);
		/* the fake's task-clock is its release window */
		CHECK(row->counts.value[EV_TASK_CLOCK] == row->release_ns);
		CHECK_INT(row->counts.state[EV_CONTEXT_SWITCHES], EVENT_COUNTED);
		CHECK_INT(row->counts.state[EV_INSTRUCTIONS], EVENT_UNSUPPORTED);
		CHECK_INT(row->counts.state[EV_CYCLES], EVENT_NOT_ASKED);
		CHECK(row->counts.coverage == 1.0);
	}
	CHECK_INT((long)measured, 12);
	sample_table_free(&t);
	{
		char *samples = slurp(dir_file(dir, "samples.csv"));
		char *summary = slurp(dir_file(dir, "summary.csv"));

		CHECK_CONTAINS(samples, ",task_clock_ns,context_switches,");
		CHECK_CONTAINS(samples, ",unsupported,");
		/* put_page at 16K: 4 pages, ns/page 1 + k/4: median 1.25 */
		CHECK_CONTAINS(summary, ",,unsupported,,,,,1.2500,0.0000,,,,,,,,\n");
		free(samples);
		free(summary);
	}
	{
		char *txt = pinbench_then_read("report", dir, "report.txt");

		CHECK_CONTAINS(txt, "Counters of the release window, per page");
		CHECK_CONTAINS(txt, "instructions");
		const char *line = txt ? strstr(txt, "\n  anon-4k 16K gup_fast put_page ") : NULL;
		char row[256] = "";

		if (line)
			sscanf(line + 1, "%255[^\n]", row);
		/* task-clock 1.25 ns/page, context switches 0, instructions */
		CHECK_CONTAINS(row, "1.25");
		CHECK_CONTAINS(row, "unsupported");
		free(txt);
	}
}

static void test_counts_with_pmu(void)
{
	const char *dir = scratch_path("events-hw");
	char *summary, *samples;
	struct outcome o;

	o = events_run(dir, "PINBENCH_FAKE_PMU=1;PINBENCH_FAKE_RUNNING=500",
		       "cycles,instructions");
	CHECK_STATUS(o, 0);
	CHECK(!strstr(o.err, "unsupported"));
	outcome_free(&o);
	samples = slurp(dir_file(dir, "samples.csv"));
	/* 1 page: 1 cycle, 50 instructions; half the window running */
	CHECK_CONTAINS(samples, ",1,50,,,,,,,,,0.5000,,,,,,,\n");
	free(samples);
	summary = slurp(dir_file(dir, "summary.csv"));
	/* per page, and IPC = instructions / cycles */
	CHECK_CONTAINS(summary, ",1.0000,50.0000,,,,,,,,,50.0000,,,,,\n");
	free(summary);
}

/* The counters figure: a bar per counted event, the rest named. */
static void test_counters_figure(void)
{
	const char *dir = scratch_path("events-fig");
	struct outcome o = events_run(dir, NULL, "task-clock,instructions");
	char *dat, *vars;

	CHECK_STATUS(o, 0);
	outcome_free(&o);
	o = run_cli(REAL_PINBENCH, NULL, "figures", dir);
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	dat = slurp(dir_file(dir, "plots/data/counters-anon-4k.dat"));
	vars = slurp(dir_file(dir, "plots/data/counters-anon-4k.vars.gp"));
	/* at 16K: put_page 1.25 ns/page, noop 2.25 + ...; instructions not drawn */
	CHECK_CONTAINS(dat, "strategy task-clock\n");
	CHECK_CONTAINS(dat, "put_page 1.25\n");
	CHECK_CONTAINS(vars, "unsupported_text = \"instructions\"");
	free(dat);
	free(vars);
	/* without --events: no counters figure */
	o = events_run(scratch_path("events-nofig"), NULL, "none");
	outcome_free(&o);
	o = run_cli(REAL_PINBENCH, NULL, "figures", scratch_path("events-nofig"));
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	CHECK(access(scratch_path("events-nofig/plots/data/counters-anon-4k.dat"),
		     F_OK));
}

/* A window the PMU never ran an event in: empty, coverage 0, never 0. */
static void test_not_running(void)
{
	const char *dir = scratch_path("events-norun");
	struct outcome o = events_run(dir, "PINBENCH_FAKE_PMU=1;PINBENCH_FAKE_RUNNING=0",
				      "cycles,task-clock");
	char *samples;

	CHECK_STATUS(o, 0);
	outcome_free(&o);
	samples = slurp(dir_file(dir, "samples.csv"));
	CHECK_CONTAINS(samples, ",fast,,,,,,,,,,,0.0000,,,,,,,\n");
	free(samples);
}

/* X+prepare rows: release + prepare; the counters saw the release alone. */
static void test_prepare_rows_uncounted(void)
{
	const char *dir = scratch_path("events-prep");
	struct outcome o = run_cli(FAKE_PINBENCH, NULL, "run", "--sizes", "4K",
				   "--strategies", "unpin_range_dirty",
				   "--iterations", "2", "--events",
				   "task-clock", "--quiet", "--out", dir);
	char *summary;

	CHECK_STATUS(o, 0);
	outcome_free(&o);
	summary = slurp(dir_file(dir, "summary.csv"));
	CHECK_CONTAINS(summary, ",unpin_range_dirty,1,ok,");
	CHECK_CONTAINS(summary, ",unpin_range_dirty+prepare,1,ok,");
	/* the +prepare row: no per-page counts (fast, then 16 empty) */
	{
		const char *p = summary ? strstr(summary, "unpin_range_dirty+prepare,") : NULL;
		const char *end = p ? strchr(p, '\n') : NULL;
		size_t n = end ? (size_t)(end - p) : 0;

		CHECK(n > 21 && !strncmp(end - 21, ",fast,,,,,,,,,,,,,,,,", 21));
	}
	free(summary);
}

static void test_bad_events(void)
{
	struct outcome o = events_run(scratch_path("events-bad"), NULL,
				      "task-clock,bogus");

	CHECK_STATUS(o, 2);
	CHECK_CONTAINS(o.err, "unknown event 'bogus': use default, none or any of cycles, instructions,");
	CHECK_CONTAINS(o.err, "task-clock, context-switches, cpu-migrations, page-faults");
	outcome_free(&o);
	/* none: no counters, the columns empty */
	o = events_run(scratch_path("events-none"), NULL, "none");
	CHECK_STATUS(o, 0);
	outcome_free(&o);
}

TAP_SUITE(events,
	{ "--events: counts of the release window per sample; unsupported said, never 0",
	  test_counts_in_samples },
	{ "--events with a PMU: per page in summary.csv, IPC, multiplexing as counter_coverage",
	  test_counts_with_pmu },
	{ "--events: the counters figure draws what was counted, names what was not",
	  test_counters_figure },
	{ "--events: an event the PMU never ran in a window: empty, coverage 0",
	  test_not_running },
	{ "--events: X+prepare rows carry no counts (the counters saw the release)",
	  test_prepare_rows_uncounted },
	{ "--events: a bad name refused listing the valid ones; none", test_bad_events },
);
