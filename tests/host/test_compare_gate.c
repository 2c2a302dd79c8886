/*
 * pinbench compare as a gate: nothing compared must not pass (exit 2 with
 * the reason), a run compared with itself says so, and the header never
 * calls 5 boots "iterations of one boot".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli_runner.h"
#include "samples_csv.h"
#include "synthetic_run.h"
#include "tap.h"
#include "test_util.h"

static const double ten[] = { 9, 10, 11, 9, 10 };
static const unsigned int five_boots[] = { 1, 2, 3, 4, 5 };
static const unsigned int *const boots_a[] = { five_boots };

static const struct synthetic_config config_4k[] = {
	{ "anon-4k", 4096, "pin_fast", "unpin_pages", true, ten, 5, false },
};
static const struct synthetic_config config_thp[] = {
	{ "anon-thp", 2097152, "pin_fast", "unpin_pages", true, ten, 5, false },
};
static const struct synthetic_run run_5boots = {
	"gate-a", "6.12.0", "kvm", config_4k, 1, false,
};
static const struct synthetic_run run_other = {
	"gate-b", "6.12.0", "kvm", config_thp, 1, false,
};

static void test_nothing_compared(void)
{
	const char *a = strdup(scratch_path("gate-a"));
	const char *b = strdup(scratch_path("gate-b"));
	const char *empty = strdup(scratch_path("gate-empty"));
	struct outcome o;

	CHECK_INT(synthetic_run_write_boots(a, &run_5boots, boots_a), 0);
	CHECK_INT(synthetic_run_write(b, &run_other), 0);
	mkdir(empty, 0755);
	write_text_file(dir_file(empty, "samples.csv"),
			SAMPLES_CSV_HEADER "\n");

	/* 5 boots against 1 boot, no config in common */
	o = run_cli(REAL_PINBENCH, NULL, "compare", a, b);
	CHECK_STATUS(o, 2);
	CHECK_CONTAINS(o.err, "nothing compared: no config");
	CHECK_CONTAINS(o.out, "samples: none (no config measured in both runs)");
	CHECK(!strstr(o.out, "iterations of one boot"));
	outcome_free(&o);

	/* a header-only run, either side */
	CHECK_CLI(2, "gate-empty has no rows", REAL_PINBENCH, "compare", a,
		  empty);
	CHECK_CLI(2, "gate-empty has no rows", REAL_PINBENCH, "compare", empty,
		  a);
	free((void *)a);
	free((void *)b);
	free((void *)empty);
}

static void test_compare_with_itself(void)
{
	const char *a = strdup(scratch_path("gate-self"));
	struct outcome o;

	CHECK_INT(synthetic_run_write_boots(a, &run_5boots, boots_a), 0);
	o = run_cli(REAL_PINBENCH, NULL, "compare", a, a);
	CHECK_STATUS(o, 0);
	CHECK_CONTAINS(o.err, "hold the same samples: a run compared with itself");
	CHECK_CONTAINS(o.out, "samples: per-boot medians of 5 boots");
	outcome_free(&o);
	o = run_cli(REAL_PINBENCH, NULL, "compare", a,
		    scratch_path("gate-b"));
	CHECK(!strstr(o.err, "compared with itself"));
	outcome_free(&o);
	free((void *)a);
}

TAP_SUITE(compare_gate,
	{ "compare: nothing compared (no common config, header-only run) is exit 2 with the reason",
	  test_nothing_compared },
	{ "compare: a run compared with itself says so", test_compare_with_itself },
);
