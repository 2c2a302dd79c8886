/*
 * pinbench insns-join DIR [LOG]: the instructions the emulator counted in
 * each timed window (scripts/vm-run.sh --count-insns) into samples.csv.
 */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "commands.h"
#include "exit_codes.h"
#include "insns_join.h"
#include "messages.h"
#include "paths.h"

#define DEFAULT_LOG "insns-windows.txt"

static void insns_join_usage(FILE *f)
{
	fprintf(f,
		"usage: pinbench insns-join DIR [LOG]\n"
		"\n"
		"Join the instruction counts of a boot under QEMU with the plugin\n"
		"vm/pinbench-insns.so (scripts/vm-run.sh --count-insns; make bench\n"
		"COUNT=insns does this) into DIR/samples.csv, by the window id the\n"
		"module marked each sample's windows with, and rewrite summary.csv.\n"
		"LOG: the plugin's log of that boot (default DIR/" DEFAULT_LOG ").\n"
		"\n"
		"samples.csv gains, per window (pin, prepare, release), _insns: the\n"
		"guest instructions executed strictly between the window's markers,\n"
		"its clock reads excluded; and _irqs: interrupt or exception returns\n"
		"inside it (nonzero: a handler's instructions are in the count; such\n"
		"windows are left out of the instruction statistics). summary.csv\n"
		"gains insns_n, insns_per_page (median), insns_cv, pin_insns_per_page\n"
		"and insns_irq_windows; report, compare and figures take --metric\n"
		"insns_per_page. Joining again replaces the counts.\n"
		"\n"
		"options:\n"
		"  -h, --help  this text\n");
}

int cmd_insns_join(int argc, char **argv)
{
	static const struct option options[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct insns_join_counts c;
	char err[1024], log[4096];
	const char *dir;
	int opt;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		if (opt != 'h')
			return cli_bad_option("insns-join", opt, argv);
		insns_join_usage(stdout);
		return EXIT_OK;
	}
	if (optind >= argc || argc - optind > 2) {
		insns_join_usage(stderr);
		return EXIT_USAGE;
	}
	dir = argv[optind];
	if (argc - optind == 2)
		snprintf(log, sizeof(log), "%s", argv[optind + 1]);
	else if (path_join(log, sizeof(log), dir, DEFAULT_LOG)) {
		pb_error("insns-join: %s: path too long", dir);
		return EXIT_USAGE;
	}
	if (insns_join(dir, log, &c, err, sizeof(err))) {
		pb_error("insns-join: %s", err);
		return EXIT_RUNTIME;
	}
	printf("insns-join: %s: %zu of %zu samples counted, %zu of them with an interrupt in the release window (left out of the instruction statistics)\n",
	       dir, c.rows_counted, c.rows_with_id, c.irq_windows);
	if (c.rows_counted < c.rows_with_id)
		pb_warning("insns-join: %zu samples of %s have no count in %s: their columns stay empty",
			   c.rows_with_id - c.rows_counted, dir, log);
	if (c.unclaimed)
		printf("insns-join: %zu windows of the log belong to no row of %s (other runs of the boot, or a RUN stopped and measured again)\n",
		       c.unclaimed, dir);
	if (c.cut_lines)
		pb_warning("insns-join: %s ends in a torn line (QEMU killed?): left out",
			   log);
	return EXIT_OK;
}
