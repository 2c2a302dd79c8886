/*
 * pinbench: measure what it costs the kernel to release pinned user pages,
 * strategy by strategy, through /dev/pinbench (pinbench.ko).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "exit_codes.h"
#include "messages.h"
#include "pinbench_uapi.h"
#include "version.h"

static const struct subcommand {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} subcommands[] = {
	{ "info", cmd_info,
	  "show what the loaded module and this kernel support" },
	{ "run", cmd_run,
	  "build memory compositions and time every release strategy" },
	{ "sweep", cmd_sweep,
	  "the matrix compositions x sizes x pin methods x strategies,\n"
	  "                 from options or a config file (--config FILE)" },
	{ "scale", cmd_scale,
	  "release cost as threads are added: private, shared,\n"
	  "                 cross-node and remote-release placement (libnuma)" },
	{ "profile", cmd_profile,
	  "one case of run under perf record, sampling only inside\n"
	  "                 the RUN ioctls: DIR/perf.data, DIR/profile-*.txt" },
	{ "merge", cmd_merge,
	  "join the run directories of one kernel's boots into one" },
	{ "insns-join", cmd_insns_join,
	  "the emulator's instruction counts of each timed window\n"
	  "                 (vm-run.sh --count-insns) into DIR/samples.csv" },
	{ "summarize", cmd_summarize,
	  "rewrite DIR/summary.csv and DIR/ministat/ from DIR/samples.csv" },
	{ "compare", cmd_compare,
	  "run B against run A, config by config: Welch's t-test,\n"
	  "                 exit 1 when B is significantly slower somewhere" },
	{ "report", cmd_report,
	  "DIR/report.txt (for a cover letter) and DIR/report.md" },
	{ "figures", cmd_figures,
	  "the data and gnuplot variables of DIR's figures, in\n"
	  "                 DIR/plots/data/ (scripts/plots.sh draws them)" },
	{ "fio-summarize", cmd_fio_summarize,
	  "DIR/fio.csv, its figure's data and report section from\n"
	  "                 the fio jobs of make bench-fio (DIR/fio/)" },
};

#define NR_SUBCOMMANDS (sizeof(subcommands) / sizeof(subcommands[0]))

static void usage(FILE *f)
{
	size_t i;

	fprintf(f,
		"usage: pinbench <command> [options]\n"
		"       pinbench --help | --version\n"
		"\n"
		"Measure what it costs the kernel to release pinned user pages\n"
		"(put_page, unpin_user_pages, ...), through /dev/pinbench (pinbench.ko).\n"
		"\n"
		"commands:\n");
	for (i = 0; i < NR_SUBCOMMANDS; i++)
		fprintf(f, "  %-13s  %s\n", subcommands[i].name,
			subcommands[i].summary);
	fprintf(f,
		"\n"
		"'pinbench <command> --help' explains a command's options.\n"
		"exit status: 0 ok, 1 runtime error, 2 usage error (or a composition\n"
		"             this machine cannot build, said before anything runs),\n"
		"             130 cut short by SIGINT/SIGTERM (run, sweep)\n");
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	size_t i;
	int opt;

	/* "+": stop at the command, its options are its own */
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+:hV", options, NULL)) != -1) {
		switch (opt) {
		case 'h':
			usage(stdout);
			return EXIT_OK;
		case 'V':
			printf("pinbench %s (ABI %d)\n", pinbench_git_version,
			       PINBENCH_ABI_VERSION);
			return EXIT_OK;
		default:
			pb_error("unknown option '%s' (try pinbench --help)",
				 argv[optind - 1]);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	for (i = 0; i < NR_SUBCOMMANDS; i++) {
		if (!strcmp(argv[optind], subcommands[i].name)) {
			char **sub_argv = argv + optind;
			int sub_argc = argc - optind;

			optind = 1;	/* fresh getopt_long for the command */
			return subcommands[i].run(sub_argc, sub_argv);
		}
	}
	pb_error("unknown command '%s' (try pinbench --help)", argv[optind]);
	return EXIT_USAGE;
}
