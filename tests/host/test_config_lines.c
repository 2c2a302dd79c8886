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

TAP_SUITE(config_lines,
	{ "sweep --config: strategy, pin method, size errors and a key twice name FILE:LINE",
	  test_config_errors_have_lines },
);
