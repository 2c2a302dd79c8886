/* pinbench merge OUT_DIR BOOT_DIR...: one kernel's boots in one directory. */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "commands.h"
#include "exit_codes.h"
#include "merge.h"
#include "messages.h"

static void merge_usage(FILE *f)
{
	fprintf(f,
		"usage: pinbench merge OUT_DIR BOOT_DIR...\n"
		"\n"
		"Join the run directories of one kernel's boots (pinbench sweep --boot 1,\n"
		"--boot 2, ... each in a fresh boot; make bench BOOTS=N does it) into\n"
		"OUT_DIR, a new directory:\n"
		"  samples.csv   every BOOT_DIR's rows under one header, as they are (the\n"
		"                boot column tells them apart)\n"
		"  meta.json     the first BOOT_DIR's, with \"boots\": N, \"boot_ids\",\n"
		"                \"boot_seeds\", \"calibration\" (each boot's) and\n"
		"                \"complete\" true only if every boot was\n"
		"  console-boot<b>.log, output-boot<b>.log, hugepages-boot<b>.txt\n"
		"                each boot's guest logs, when it has them\n"
		"  summary.csv, ministat/  as pinbench summarize writes them: with two or\n"
		"                more boots the spread within and between boots, and the\n"
		"                CI of the per-boot medians\n"
		"Refused (exit 2): BOOT_DIRs of different kernels or accels, of another\n"
		"samples.csv format (no boot column), a boot number in two BOOT_DIRs, an\n"
		"empty samples.csv, a missing or bad meta.json in any BOOT_DIR, an OUT_DIR\n"
		"that already holds a samples.csv. A merge that fails leaves OUT_DIR as it\n"
		"was, so it can be retried.\n"
		"\n"
		"options:\n"
		"  -h, --help  this text\n");
}

int cmd_merge(int argc, char **argv)
{
	static const struct option options[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char err[2048];
	int opt;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (opt) {
		case 'h':
			merge_usage(stdout);
			return EXIT_OK;
		default:
			return cli_bad_option("merge", opt, argv);
		}
	}
	if (argc - optind < 2) {
		pb_error("merge: needs OUT_DIR and at least one BOOT_DIR (try pinbench merge --help)");
		return EXIT_USAGE;
	}
	if (cli_check_dirs("merge", &argv[optind], argc - optind))
		return EXIT_USAGE;
	switch (merge_boots(argv[optind],
			    (const char *const *)&argv[optind + 1],
			    (size_t)(argc - optind - 1), err, sizeof(err))) {
	case MERGE_OK:
		return EXIT_OK;
	case MERGE_REFUSED:
		pb_error("merge: %s", err);
		return EXIT_USAGE;
	default:
		pb_error("merge: %s", err);
		return EXIT_RUNTIME;
	}
}
