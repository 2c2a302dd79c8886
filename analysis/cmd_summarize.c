/* pinbench summarize DIR: summary.csv and ministat files from samples.csv. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "cli.h"
#include "commands.h"
#include "exit_codes.h"
#include "messages.h"
#include "summary.h"

static void summarize_usage(FILE *f)
{
	fprintf(f,
		"usage: pinbench summarize [--exclude-disturbed] DIR\n"
		"\n"
		"Read DIR/samples.csv (written by pinbench run) and rewrite:\n"
		"  DIR/summary.csv   one row per (kernel, accel, composition, size,\n"
		"                    pin method, strategy, write): n, min, median, mean,\n"
		"                    stddev, cv, p90, p99, max and the 95%% confidence\n"
		"                    interval of the mean of ns/page, the median pin\n"
		"                    ns/page, the noop floor of the same config, mix_ok;\n"
		"                    then the spread of the boots (samples.csv's boot\n"
		"                    column): boots, within_boot_cv (the mean of each\n"
		"                    boot's CV), between_boot_cv (the CV of the per-boot\n"
		"                    medians; empty with one boot), and ci_unit: with\n"
		"                    two or more boots the CI is of the mean of the\n"
		"                    per-boot medians (boots), else of the iterations.\n"
		"                    The other statistics are over every row of all boots.\n"
		"                    Then median_ci_lo/hi (95%% CI of the median, order\n"
		"                    statistics; of the per-boot medians with two or\n"
		"                    more boots), median_ci_level (its coverage; below\n"
		"                    0.95 with under 6 samples: [min, max]),\n"
		"                    median_ci_center (the median it is of), calib_median\n"
		"                    and between_boot_cv_calibrated (each boot scaled by\n"
		"                    its meta.json calibration; empty without one)\n"
		"  DIR/ministat/<composition>_<size>_<pin_method>_<strategy>.txt\n"
		"                    one ns/page value per line, for ministat(1);\n"
		"                    \"_ro\" is appended for read-only pins\n"
		"A strategy with a prepare window (INFO's roles: unpin_folios,\n"
		"unpin_range_dirty) also gets \"<strategy>+prepare\": release +\n"
		"prepare, what a caller holding a pages array pays; the plain name is\n"
		"what a caller already holding folios or runs pays.\n"
		"\n"
		"options:\n"
		"  --exclude-disturbed  leave out the samples whose thread was switched\n"
		"                       out or migrated inside a timed window (samples.csv\n"
		"                       disturbed > 0); report says how many it saw\n"
		"  -h, --help  this text\n");
}

int cmd_summarize(int argc, char **argv)
{
	static const struct option options[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "exclude-disturbed", no_argument, NULL, 'x' },
		{ NULL, 0, NULL, 0 },
	};
	bool exclude_disturbed = false;
	char err[1024];
	int opt;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (opt) {
		case 'h':
			summarize_usage(stdout);
			return EXIT_OK;
		case 'x':
			exclude_disturbed = true;
			break;
		default:
			return cli_bad_option("summarize", opt, argv);
		}
	}
	if (cli_one_dir("summarize", argc, argv, optind))
		return EXIT_USAGE;
	if (summarize_dir(argv[optind], exclude_disturbed, err,
			  sizeof(err))) {
		pb_error("summarize: %s", err);
		return EXIT_RUNTIME;
	}
	return EXIT_OK;
}
