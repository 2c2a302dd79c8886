/*
 * Every sweep config error says FILE:LINE, also those found only after
 * the module's INFO (strategy, pin method) or after sizes met
 * compositions; a key given twice is an error naming both lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_runner.h"
#include "tap.h"
#include "test_util.h"

/* A config of text; the fake sweep must exit 2 saying says. */
static void check_config_error(const char *name, const char *text,
			       const char *says)
{
	const char *path = strdup(scratch_path(name));
	char *want;
	struct outcome o;

	write_text_file(path, text);
	o = run_cli(FAKE_PINBENCH, NULL, "sweep", "--config", path, "--quiet",
		    "--out", scratch_path("config-lines-out"));
	CHECK_STATUS(o, 2);
	want = replace_all(says, "FILE", path);
	CHECK_CONTAINS(o.err, want);
	free(want);
	outcome_free(&o);
	free((void *)path);
}

static void test_config_errors_have_lines(void)
{
	check_config_error("c-strategy.conf",
			   "# a comment\niterations = 2\nstrategies = noop,bogus\n",
			   "FILE:3: unknown strategy 'bogus'");
	check_config_error("c-pin.conf",
			   "iterations = 2\n\npin-method = bogus\n",
			   "FILE:3: unknown pin method 'bogus'");
	check_config_error("c-size.conf", "sizes = 4K,6K\n",
			   "FILE:1: size 6K is not a multiple of anon-4k's page size 4K");
	check_config_error("c-comp-size.conf",
			   "composition = anon-4k\nsizes.anon-4k = 6K\n",
			   "FILE:2: size 6K is not a multiple of anon-4k's page size 4K");
	check_config_error("c-twice.conf",
			   "iterations = 3\nsizes = 4K\niterations = 5\n",
			   "FILE:3: iterations given twice, first on line 1");
}

/*
 * A profile is one file: its guest.* keys are scripts/bench.sh's, which
 * the sweep takes as known and otherwise leaves alone; a misspelt one or
 * one without a value is an error naming its line.
 */
static void test_guest_keys(void)
{
	const char *path = strdup(scratch_path("c-guest.conf"));
	struct outcome o;

	write_text_file(path, "guest.mem = 4G\nguest.hugepages = 2M:160\n"
			"guest.ext4 = 512M\nguest.cpus = 2\nguest.timeout = 60\n"
			"composition = anon-4k\nsizes = 4K\nstrategies = noop\n"
			"iterations = 1\nwarmup = 0\n");
	o = run_cli(FAKE_PINBENCH, NULL, "sweep", "--config", path, "--quiet",
		    "--out", scratch_path("config-guest-out"));
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	free((void *)path);
	check_config_error("c-guest-bad.conf", "iterations = 2\nguest.memory = 4G\n",
			   "FILE:2: unknown key 'guest.memory' (a profile's guest keys: guest.<mem|cpus|hugepages|ext4|timeout>)");
	check_config_error("c-guest-empty.conf", "guest.ext4 =\n",
			   "FILE:1: guest.ext4 wants a value");
}

TAP_SUITE(config_lines,
	{ "sweep --config: guest.* keys (a profile's guest) known, checked by line",
	  test_guest_keys },
	{ "sweep --config: strategy, pin method, size errors and a key twice name FILE:LINE",
	  test_config_errors_have_lines },
);
