/* pinbench report DIR: report.txt and report.md from a run directory. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "commands.h"
#include "compare.h"
#include "exit_codes.h"
#include "messages.h"
#include "replicates.h"
#include "report.h"

static void report_usage(FILE *f)
{
	fprintf(f,
		"usage: pinbench report [options] DIR\n"
		"\n"
		"Write, from DIR/samples.csv and DIR/meta.json:\n"
		"  DIR/report.txt  plain text to paste into a cover letter: kernel,\n"
		"                  accel (EMULATED (TCG) flagged), CPU, THP mode, date,\n"
		"                  pinbench version, iterations, order and CPU pinning,\n"
		"                  what the tests take as samples; then per composition\n"
		"                  (and pin mode, write or read-only pins) a table,\n"
		"                  rows = strategies, columns = sizes, each cell the\n"
		"                  median ns/page (or --metric's value) +-stddev and\n"
		"                  its %%change vs the baseline, '*' when Welch's\n"
		"                  t-test (two-sided) says\n"
		"                  the strategy differs from the baseline (p < alpha),\n"
		"                  '!' when the measured composition was off its\n"
		"                  request; the noop floor as the last row; strategies\n"
		"                  the kernel lacks as n/a (unsupported). With two or\n"
		"                  more boots in DIR (pinbench merge) the t-test takes\n"
		"                  one sample per boot, its median; the header says\n"
		"                  \"samples: per-boot medians of K boots\"\n"
		"  DIR/report.md   the same tables in markdown, with the figures of\n"
		"                  DIR/plots/ (scripts/plots.sh DIR) embedded\n"
		"\n"
		"options:\n"
		"  --alpha A           significance level, 0 < A < 1 (default %g)\n"
		"  --baseline NAME     the strategy %%change is against (default: the\n"
		"                      one the module's catalogue calls the baseline,\n"
		"                      meta.json); a NAME the run lacks is an error\n"
		"  --exclude-disturbed leave out samples whose thread was switched out\n"
		"                      or migrated inside a timed window (said on top)\n"
		"  --metric NAME       what the cells, %%changes and t-tests are of\n"
		"                      (default %s; said on top when another): %s.\n"
		"                      insns_per_page needs the emulator's counts\n"
		"                      (make bench COUNT=insns, pinbench insns-join)\n"
		"  -h, --help          this text\n"
		"\n"
		"A run whose windows the emulator counted (pinbench insns-join) gets a\n"
		"section \"Instructions per page (emulated)\".\n"
		"A missing or bad DIR/meta.json is an error: the header would be guessed.\n",
		DEFAULT_ALPHA, DEFAULT_METRIC, sample_metric_names());
}

int cmd_report(int argc, char **argv)
{
	static const struct option options[] = {
		{ "alpha", required_argument, NULL, 'a' },
		{ "baseline", required_argument, NULL, 'b' },
		{ "exclude-disturbed", no_argument, NULL, 'x' },
		{ "metric", required_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct report_options opt = {
		.alpha = DEFAULT_ALPHA,
	};
	char err[1024], *end;
	int opt_char;

	opterr = 0;
	while ((opt_char = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (opt_char) {
		case 'a':
			opt.alpha = strtod(optarg, &end);
			if (*end || end == optarg ||
			    !(opt.alpha > 0 && opt.alpha < 1)) {
				pb_error("report: --alpha '%s': a number between 0 and 1 (exclusive)",
					 optarg);
				return EXIT_USAGE;
			}
			break;
		case 'b':
			opt.baseline = optarg;
			break;
		case 'x':
			opt.exclude_disturbed = true;
			break;
		case 'm':
			if (sample_metric_option("report", optarg, &opt.metric))
				return EXIT_USAGE;
			break;
		case 'h':
			report_usage(stdout);
			return EXIT_OK;
		default:
			return cli_bad_option("report", opt_char, argv);
		}
	}
	if (cli_one_dir("report", argc, argv, optind))
		return EXIT_USAGE;
	if (report_write(argv[optind], &opt, err, sizeof(err))) {
		pb_error("report: %s", err);
		return EXIT_RUNTIME;
	}
	return EXIT_OK;
}
