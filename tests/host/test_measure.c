/*
 * Measurement discipline: the shuffled order of the strategies per round
 * (shuffle.c, --order, --seed), the RUN ioctls each order issues (fake
 * device log) and the flags they carry, CPU pinning (cpu_pin.c, --cpu) and
 * the boot column (--boot).
 */
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_runner.h"
#include "cpu_pin.h"
#include "pinbench_uapi.h"
#include "samples_csv.h"
#include "shuffle.h"
#include "tap.h"
#include "test_util.h"

/* Strategy numbers of the ABI (enum pinbench_strategy). */
#define PUT_PAGE	0
#define UNPIN_PAGES	5
#define NOOP		10

static bool is_permutation(const size_t *order, size_t n)
{
	bool seen[64] = { false };
	size_t i;

	for (i = 0; i < n; i++) {
		if (order[i] >= n || seen[order[i]])
			return false;
		seen[order[i]] = true;
	}
	return true;
}

static void test_shuffle(void)
{
	size_t a[11], b[11], i, round, n = 11, counts[6] = { 0 };
	struct shuffle_rng ra, rb;
	bool differs = false, every_round_same = true;
	size_t first[11];

	/* splitmix64's reference output for seed 0: the same on any libc */
	shuffle_seed(&ra, 0);
	CHECK(shuffle_next(&ra) == 0xe220a8397b1dcdafULL);
	CHECK(shuffle_next(&ra) == 0x6e789e6aa1b965f4ULL);

	shuffle_seed(&ra, 42);
	shuffle_seed(&rb, 42);
	for (round = 0; round < 200; round++) {
		for (i = 0; i < n; i++)
			a[i] = b[i] = i;
		shuffle_order(&ra, a, n);
		shuffle_order(&rb, b, n);
		CHECK(is_permutation(a, n));
		CHECK(!memcmp(a, b, sizeof(a)));	/* same seed, same orders */
		if (!round)
			memcpy(first, a, sizeof(a));
		else if (memcmp(first, a, sizeof(a)))
			every_round_same = false;
	}
	CHECK(!every_round_same);	/* a fresh order per round */

	/* another seed, other orders */
	shuffle_seed(&ra, 42);
	shuffle_seed(&rb, 43);
	for (i = 0; i < n; i++)
		a[i] = b[i] = i;
	shuffle_order(&ra, a, n);
	shuffle_order(&rb, b, n);
	differs = memcmp(a, b, sizeof(a)) != 0;
	CHECK(differs);

	/* uniform: each of the 6 orders of 3 about 1/6 of 60000 shuffles */
	shuffle_seed(&ra, 7);
	for (round = 0; round < 60000; round++) {
		size_t o[3] = { 0, 1, 2 };

		shuffle_order(&ra, o, 3);
		counts[o[0] * 2 + (o[1] > o[2])]++;
	}
	for (i = 0; i < 6; i++)
		CHECK(counts[i] > 9500 && counts[i] < 10500);
	/* one element and none: nothing to do, nothing drawn out of range */
	a[0] = 0;
	shuffle_order(&ra, a, 1);
	CHECK_INT(a[0], 0);
	shuffle_order(&ra, a, 0);
	for (i = 0; i < 1000; i++)
		CHECK(shuffle_below(&ra, 3) < 3);
}

struct logged_run {
	unsigned int strategy, method, iterations, warmup, flags;
	unsigned long long len;
	char cpus[64];
};

/* The fake device's log of RUN ioctls; the count. */
static size_t read_log(const char *path, struct logged_run *runs, size_t max)
{
	char *text = slurp(path), *line, *rest;
	size_t n = 0;

	if (!text)
		return 0;
	for (line = strtok_r(text, "\n", &rest); line && n < max;
	     line = strtok_r(NULL, "\n", &rest)) {
		struct logged_run *r = &runs[n];

		if (sscanf(line, "%u %u %u %u %llu cpus=%63s flags=%u",
			   &r->strategy, &r->method, &r->iterations,
			   &r->warmup, &r->len, r->cpus, &r->flags) == 7)
			n++;
	}
	free(text);
	return n;
}

/* A fresh fake device log at scratch NAME: its path, and env to set it. */
static void fresh_log(const char *name, char log[512], char env[600])
{
	snprintf(log, 512, "%s", scratch_path(name));
	snprintf(env, 600, "PINBENCH_FAKE_LOG=%s", log);
	remove(log);
}

/* Did runs[from..from+3) take put_page, unpin_pages and noop once each? */
static bool round_of_three(const struct logged_run *runs, size_t from)
{
	unsigned int seen = 0;
	size_t i;

	for (i = from; i < from + 3; i++)
		seen |= 1u << runs[i].strategy;
	return seen == (1u << PUT_PAGE | 1u << UNPIN_PAGES | 1u << NOOP);
}

static struct outcome run_logged(const char *log, const char *order,
				 const char *seed, const char *warmup,
				 const char *dir)
{
	char env[600];

	remove(log);
	snprintf(env, sizeof(env), "PINBENCH_FAKE_LOG=%s", log);
	return run_cli(FAKE_PINBENCH, env, "run", "--sizes", "4K",
		       "--strategies", "put_page,unpin_pages,noop",
		       "--iterations", "4", "--warmup", warmup, "--order", order,
		       "--seed", seed, "--run-id", "order", "--quiet", "--out",
		       dir);
}

/*
 * samples.csv's strategy and iteration columns, "put_page/0 ..."; with
 * values, each row's release_ns and pin_ns too: "put_page/0=1,100 ...".
 */
static void row_sequence(const char *dir, bool values, char *buf, size_t len)
{
	struct sample_table t;
	char err[512];
	size_t i, used = 0;

	buf[0] = '\0';
	if (samples_csv_read(dir_file(dir, "samples.csv"), &t, err,
			     sizeof(err))) {
		tap_fail(__FILE__, __LINE__, "%s", err);
		return;
	}
	for (i = 0; i < t.count && used < len; i++) {
		used += (size_t)snprintf(buf + used, len - used, "%s%s/%u",
					 i ? " " : "", t.rows[i].strategy,
					 t.rows[i].iteration);
		if (values && used < len)
			used += (size_t)snprintf(buf + used, len - used,
						 "=%llu,%llu",
						 (unsigned long long)t.rows[i].release_ns,
						 (unsigned long long)t.rows[i].pin_ns);
	}
	sample_table_free(&t);
}

static void test_grouped_and_interleaved(void)
{
	char log[512];
	struct logged_run runs[64], again[64];
	char rows[1024], *meta;
	size_t n, m, i, round;
	struct outcome o;
	bool orders_vary = false;

	snprintf(log, sizeof(log), "%s", scratch_path("order.log"));
	/* grouped: one RUN per strategy, all iterations and the warmup */
	o = run_logged(log, "grouped", "1", "2", scratch_path("order-grouped"));
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	n = read_log(log, runs, 64);
	CHECK_INT(n, 3);
	if (n == 3) {
		CHECK_INT(runs[0].strategy, PUT_PAGE);
		CHECK_INT(runs[1].strategy, UNPIN_PAGES);
		CHECK_INT(runs[2].strategy, NOOP);
		for (i = 0; i < 3; i++) {
			CHECK_INT(runs[i].iterations, 4);
			CHECK_INT(runs[i].warmup, 2);
		}
	}
	row_sequence(scratch_path("order-grouped"), false, rows, sizeof(rows));
	CHECK_STR(rows, "put_page/0 put_page/1 put_page/2 put_page/3 unpin_pages/0 unpin_pages/1 unpin_pages/2 unpin_pages/3 noop/0 noop/1 noop/2 noop/3");
	/* each row its own sample's values: the fake's differ per sample */
	row_sequence(scratch_path("order-grouped"), true, rows, sizeof(rows));
	CHECK_STR(rows, "put_page/0=1,100 put_page/1=2,101 put_page/2=3,102 put_page/3=4,103 unpin_pages/0=6,100 unpin_pages/1=7,101 unpin_pages/2=8,102 unpin_pages/3=9,103 noop/0=11,100 noop/1=12,101 noop/2=13,102 noop/3=14,103");
	meta = slurp(dir_file(scratch_path("order-grouped"), "meta.json"));
	CHECK_CONTAINS(meta, "\"order\": \"grouped\"");
	free(meta);

	/*
	 * interleaved: a warmup round (each once: 1 sample after warmup - 1,
	 * dropped), then 4 rounds of one 1-sample RUN per strategy, each
	 * round a permutation
	 */
	o = run_logged(log, "interleaved", "1", "2",
		       scratch_path("order-interleaved"));
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	n = read_log(log, runs, 64);
	CHECK_INT(n, 3 + 4 * 3);
	if (n == 15) {
		for (i = 0; i < 3; i++) {
			CHECK_INT(runs[i].iterations, 1);
			CHECK_INT(runs[i].warmup, 1);
		}
		for (i = 3; i < 15; i++) {
			CHECK_INT(runs[i].iterations, 1);
			CHECK_INT(runs[i].warmup, 0);
		}
		for (round = 0; round < 5; round++)
			CHECK(round_of_three(runs, 3 * round));
		for (round = 2; round < 5; round++)
			if (runs[3 * round].strategy != runs[3].strategy ||
			    runs[3 * round + 1].strategy != runs[4].strategy)
				orders_vary = true;
		CHECK(orders_vary);
	}
	/* rows: round by round, in plan order whatever order they ran in */
	row_sequence(scratch_path("order-interleaved"), false, rows,
		     sizeof(rows));
	CHECK_STR(rows, "put_page/0 unpin_pages/0 noop/0 put_page/1 unpin_pages/1 noop/1 put_page/2 unpin_pages/2 noop/2 put_page/3 unpin_pages/3 noop/3");
	meta = slurp(dir_file(scratch_path("order-interleaved"), "meta.json"));
	CHECK_CONTAINS(meta, "\"order\": \"interleaved\"");
	CHECK_CONTAINS(meta, "\"seed\": 1,");
	free(meta);

	/* the same seed: the same RUNs in the same order */
	o = run_logged(log, "interleaved", "1", "2",
		       scratch_path("order-interleaved-again"));
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	m = read_log(log, again, 64);
	CHECK_INT(m, n);
	for (i = 0; i < n && i < m; i++)
		CHECK_INT(again[i].strategy, runs[i].strategy);
	/* another seed: other orders */
	o = run_logged(log, "interleaved", "2", "2",
		       scratch_path("order-interleaved-seed2"));
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	m = read_log(log, again, 64);
	CHECK_INT(m, n);
	for (i = 0, orders_vary = false; i < n && i < m; i++)
		orders_vary |= again[i].strategy != runs[i].strategy;
	CHECK(orders_vary);
	/* no warmup: no warmup round */
	o = run_logged(log, "interleaved", "1", "0",
		       scratch_path("order-no-warmup"));
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	n = read_log(log, runs, 64);
	CHECK_INT(n, 4 * 3);
	for (i = 0; i < n; i++)
		CHECK_INT(runs[i].warmup, 0);

	/* --turn-warmup 1: each 1-sample RUN of a round after a warm one */
	{
		char env[600];

		remove(log);
		snprintf(env, sizeof(env), "PINBENCH_FAKE_LOG=%s", log);
		o = run_cli(FAKE_PINBENCH, env, "run", "--sizes", "4K",
			    "--strategies", "put_page,noop", "--iterations",
			    "2", "--warmup", "3", "--turn-warmup", "1",
			    "--quiet", "--out", scratch_path("order-turn"));
		CHECK_STATUS(o, 0);
		outcome_free(&o);
	}
	n = read_log(log, runs, 64);
	CHECK_INT(n, 2 + 2 * 2);
	for (i = 0; i < n; i++) {
		CHECK_INT(runs[i].iterations, 1);
		CHECK_INT(runs[i].warmup, i < 2 ? 2 : 1);
	}
	meta = slurp(dir_file(scratch_path("order-turn"), "meta.json"));
	CHECK_CONTAINS(meta, "\"turn_warmup\": 1,");
	free(meta);

	o = run_cli(FAKE_PINBENCH, NULL, "run", "--order", "random",
		    "--out", scratch_path("order-bad"));
	CHECK_STATUS(o, 2);
	CHECK_CONTAINS(o.err, "run: --order wants interleaved or grouped, not 'random'");
	outcome_free(&o);
	o = run_cli(FAKE_PINBENCH, NULL, "run", "--seed", "-1", "--out",
		    scratch_path("order-bad"));
	CHECK_STATUS(o, 2);
	CHECK_CONTAINS(o.err, "run: --seed wants a whole number >= 0, not '-1'");
	outcome_free(&o);
}

/*
 * Every strategy leads some round: a shuffle that keeps one first (drift
 * always in its favour) fails. Seed 1 makes the outcome fixed; a uniform
 * shuffle leaves one of 3 never first in 24 rounds with p < 1e-3.
 */
static void test_every_strategy_leads(void)
{
	struct logged_run runs[80];
	char log[512], env[600];
	unsigned int led = 0;
	struct outcome o;
	size_t n, i;

	fresh_log("lead.log", log, env);
	o = run_cli(FAKE_PINBENCH, env, "run", "--sizes", "4K",
		    "--strategies", "put_page,unpin_pages,noop",
		    "--iterations", "24", "--warmup", "0", "--order",
		    "interleaved", "--seed", "1", "--quiet", "--out",
		    scratch_path("order-lead"));
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	n = read_log(log, runs, 80);
	CHECK_INT(n, 24 * 3);
	for (i = 0; i + 3 <= n; i += 3) {
		CHECK(round_of_three(runs, i));
		led |= 1u << runs[i].strategy;
	}
	CHECK_INT(led, 1u << PUT_PAGE | 1u << UNPIN_PAGES | 1u << NOOP);
}

/* Every RUN of `pinbench run OPTION...` carries flags, and only them. */
static void check_flags(const char *option, const char *option2,
			unsigned int flags, int line)
{
	struct logged_run runs[16];
	char log[512], env[600];
	struct outcome o;
	size_t n, i;

	fresh_log("flags.log", log, env);
	o = run_cli(FAKE_PINBENCH, env, "run", "--sizes", "4K",
		    "--strategies", "put_page,unpin_pages", "--iterations",
		    "2", "--warmup", "1", "--quiet", "--out",
		    scratch_path("flags"), option, option2);
	if (o.status != 0)
		tap_fail(__FILE__, line, "exit %d: %s", o.status,
			 o.err ? o.err : "");
	outcome_free(&o);
	n = read_log(log, runs, 16);
	if (n != 2 + 2 * 2)
		tap_fail(__FILE__, line, "%zu RUNs, want 6", n);
	for (i = 0; i < n; i++)
		if (runs[i].flags != flags)
			tap_fail(__FILE__, line, "RUN %zu: flags %#x, want %#x",
				 i, runs[i].flags, flags);
}

static void test_run_flags(void)
{
	check_flags(NULL, NULL, PINBENCH_F_WRITE, __LINE__);
	check_flags("--verify-all", NULL,
		    PINBENCH_F_WRITE | PINBENCH_F_VERIFY_ALL, __LINE__);
	check_flags("--read-only", "--verify-all", PINBENCH_F_VERIFY_ALL,
		    __LINE__);
	check_flags("--ref-check", NULL,
		    PINBENCH_F_WRITE | PINBENCH_F_REF_CHECK, __LINE__);
}

/* Cut short in the middle of a round: the rows of whole rounds only. */
static void test_interleaved_cut_short(void)
{
	char dir[512];
	struct sample_table t;
	char err[512];
	size_t i, put_page = 0, noop = 0;
	unsigned int rounds[8] = { 0 };
	struct outcome o;

	snprintf(dir, sizeof(dir), "%s", scratch_path("order-cut"));
	/* rounds of 2 RUNs of 100 ms: 2 or so rounds in 550 ms, not 6 */
	o = run_cli_signalled(FAKE_PINBENCH, "PINBENCH_FAKE_DELAY_MS=100",
			      SIGINT, 550, "run", "--sizes", "4K",
			      "--strategies", "put_page,noop", "--iterations",
			      "6", "--warmup", "0", "--out", dir, "--quiet",
			      NULL);
	CHECK_STATUS(o, 130);
	CHECK_CONTAINS(o.err, "pinbench: cut short by SIGINT after ");
	outcome_free(&o);
	if (samples_csv_read(dir_file(dir, "samples.csv"), &t, err,
			     sizeof(err))) {
		tap_fail(__FILE__, __LINE__, "%s", err);
		return;
	}
	CHECK(t.count >= 2 && t.count < 12);
	for (i = 0; i < t.count; i++) {
		put_page += !strcmp(t.rows[i].strategy, "put_page");
		noop += !strcmp(t.rows[i].strategy, "noop");
		if (t.rows[i].iteration < 8)
			rounds[t.rows[i].iteration]++;
	}
	CHECK_INT(put_page, noop);	/* every strategy the same n */
	for (i = 0; i < t.count / 2; i++)
		CHECK_INT(rounds[i], 2);	/* whole rounds, from 0 */
	sample_table_free(&t);

	/*
	 * Where the signal lands is timing; here for sure mid-round: the
	 * module stops the 4th RUN (round 1's second turn) before its sample.
	 * Round 1's first row must go: round 0's 2 rows are all there is.
	 */
	o = run_cli(FAKE_PINBENCH, "PINBENCH_FAKE_INTERRUPT=3", "run",
		    "--sizes", "4K", "--strategies", "put_page,noop",
		    "--iterations", "6", "--warmup", "0", "--order",
		    "interleaved", "--seed", "1", "--out",
		    scratch_path("order-cut-mid"), "--quiet");
	CHECK_STATUS(o, 130);
	CHECK_CONTAINS(o.err, "cut short");
	outcome_free(&o);
	if (samples_csv_read(dir_file(scratch_path("order-cut-mid"),
				      "samples.csv"), &t, err, sizeof(err))) {
		tap_fail(__FILE__, __LINE__, "%s", err);
		return;
	}
	CHECK_INT(t.count, 2);
	for (i = 0; i < t.count; i++)
		CHECK_INT(t.rows[i].iteration, 0);
	sample_table_free(&t);
}

static void test_cpu_pinning(void)
{
	cpu_set_t saved, now;
	char err[512], allowed[256];
	int cpus;

	if (sched_getaffinity(0, sizeof(saved), &saved)) {
		tap_fail(__FILE__, __LINE__, "sched_getaffinity");
		return;
	}
	if (!CPU_ISSET(0, &saved)) {
		tap_skip("CPU 0 is not in this process's allowed set");
		return;
	}
	cpus = CPU_COUNT(&saved);
	CHECK_INT(cpu_pin(0, err, sizeof(err)), 0);
	CHECK(!sched_getaffinity(0, sizeof(now), &now));
	CHECK_INT(CPU_COUNT(&now), 1);
	CHECK(CPU_ISSET(0, &now));
	CHECK_INT(cpu_current(), 0);
	cpu_allowed_text(allowed, sizeof(allowed));
	CHECK_STR(allowed, "0");
	/* now only 0 is allowed: any other CPU is refused, and says so */
	if (cpus > 1) {
		CHECK_INT(cpu_pin(1, err, sizeof(err)), -1);
		CHECK_STR(err, "--cpu 1: not a CPU this process may run on (allowed: 0)");
	}
	CHECK_INT(cpu_pin(CPU_SETSIZE + 3, err, sizeof(err)), -1);
	CHECK_CONTAINS(err, "not a CPU this process may run on (allowed: 0)");
	CHECK(!sched_setaffinity(0, sizeof(saved), &saved));
}

static void test_cpu_option(void)
{
	char log[512];
	struct logged_run runs[16];
	char env[600], *meta;
	struct outcome o;
	size_t n;

	snprintf(log, sizeof(log), "%s", scratch_path("cpu.log"));
	snprintf(env, sizeof(env), "PINBENCH_FAKE_LOG=%s", log);
	remove(log);
	o = run_cli(FAKE_PINBENCH, env, "run", "--sizes", "4K",
		    "--strategies", "put_page", "--iterations", "1",
		    "--cpu", "0", "--quiet", "--out", scratch_path("cpu-0"));
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	n = read_log(log, runs, 16);
	CHECK(n >= 1);
	if (n)
		CHECK_STR(runs[0].cpus, "0");	/* pinned while measuring */
	meta = slurp(dir_file(scratch_path("cpu-0"), "meta.json"));
	CHECK_CONTAINS(meta, "\"cpu_pinned\": 0,");
	free(meta);

	/* the default: pinned to one CPU, the one it started on */
	remove(log);
	o = run_cli(FAKE_PINBENCH, env, "run", "--sizes", "4K",
		    "--strategies", "put_page", "--iterations", "1",
		    "--quiet", "--out", scratch_path("cpu-default"));
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	n = read_log(log, runs, 16);
	CHECK(n >= 1);
	if (n)
		CHECK(!strchr(runs[0].cpus, ',') && !strchr(runs[0].cpus, '-'));
	meta = slurp(dir_file(scratch_path("cpu-default"), "meta.json"));
	CHECK_CONTAINS(meta, "\"cpu_pinned\": ");
	CHECK(!strstr(meta, "\"cpu_pinned\": null"));
	free(meta);

	o = run_cli(FAKE_PINBENCH, NULL, "run", "--sizes", "4K",
		    "--strategies", "put_page", "--iterations", "1",
		    "--cpu", "none", "--quiet", "--out",
		    scratch_path("cpu-none"));
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	meta = slurp(dir_file(scratch_path("cpu-none"), "meta.json"));
	CHECK_CONTAINS(meta, "\"cpu_pinned\": null,");
	free(meta);

	/* a CPU outside the allowed set: said before anything is built */
	o = run_cli(FAKE_PINBENCH, NULL, "run", "--cpu", "4095", "--out",
		    scratch_path("cpu-bad"));
	CHECK_STATUS(o, 2);
	CHECK_CONTAINS(o.err, "pinbench: run: --cpu 4095: not a CPU this process may run on (allowed: ");
	outcome_free(&o);
	CHECK(access(scratch_path("cpu-bad"), F_OK));
	o = run_cli(FAKE_PINBENCH, NULL, "sweep", "--cpu", "first", "--out",
		    scratch_path("cpu-bad"));
	CHECK_STATUS(o, 2);
	CHECK_CONTAINS(o.err, "sweep: --cpu wants a CPU number or none, not 'first'");
	outcome_free(&o);
}

static void test_boot_option(void)
{
	char dir[512];
	struct sample_table t;
	char err[512], *meta, *summary;
	size_t i;
	struct outcome o;

	snprintf(dir, sizeof(dir), "%s", scratch_path("boot-3"));
	o = run_cli(FAKE_PINBENCH, NULL, "sweep", "--sizes", "4K",
		    "--strategies", "all", "--iterations", "2", "--boot", "3",
		    "--quiet", "--out", dir);
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	if (samples_csv_read(dir_file(dir, "samples.csv"), &t, err,
			     sizeof(err))) {
		tap_fail(__FILE__, __LINE__, "%s", err);
		return;
	}
	CHECK_INT(t.count, 10 * 2 + 1);	/* + unpin_folios unsupported */
	for (i = 0; i < t.count; i++)
		CHECK_INT(t.rows[i].boot, 3);
	sample_table_free(&t);
	meta = slurp(dir_file(dir, "meta.json"));
	CHECK_CONTAINS(meta, "\"boot\": 3,");
	free(meta);
	/* one boot: its spread, no between-boot spread, CI of iterations */
	summary = slurp(dir_file(dir, "summary.csv"));
	/* put_page after the warmup round: 2 and 3 ns/page */
	CHECK_CONTAINS(summary, ",gup_fast,put_page,1,ok,2,2.000,2.500,");
	CHECK_CONTAINS(summary, ",1,1,0.2828,,iterations,2.500,2.000,3.000,0.5000,2.500,2.500,,0,fast,,,,,,,,,,,,,,,,\n");
	free(summary);
	o = run_cli(FAKE_PINBENCH, NULL, "run", "--boot", "x", "--out", dir);
	CHECK_STATUS(o, 2);
	CHECK_CONTAINS(o.err, "--boot wants a whole number >= 0, not 'x'");
	outcome_free(&o);
}

TAP_SUITE(measure,
	{ "shuffle: each round a permutation, fresh per round, the same for a seed, uniform",
	  test_shuffle },
	{ "--order grouped: a RUN per strategy; interleaved: warmup round, shuffled rounds of 1-sample RUNs, rows in plan order",
	  test_grouped_and_interleaved },
	{ "--order interleaved, 24 rounds, seed 1: every strategy goes first in some round",
	  test_every_strategy_leads },
	{ "the flags each RUN carries: write, --read-only, --verify-all, --ref-check",
	  test_run_flags },
	{ "--order interleaved cut short: whole rounds only, every strategy the same n",
	  test_interleaved_cut_short },
	{ "cpu_pin: pinned to CPU 0 (sched_getaffinity), a CPU outside the set refused",
	  test_cpu_pinning },
	{ "--cpu N|none: pinned while measuring, in meta.json; a bad CPU refused, exit 2",
	  test_cpu_option },
	{ "--boot N: the boot column and meta.json; summary of one boot",
	  test_boot_option },
);
