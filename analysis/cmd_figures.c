/* pinbench figures DIR: the figures' data files (figures.h). */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "exit_codes.h"
#include "figures.h"
#include "messages.h"
#include "sample_check.h"
#include "sample_view.h"

static void figures_usage(FILE *f)
{
	fprintf(f,
		"usage: pinbench figures [options] DIR\n"
		"\n"
		"Write, from DIR/samples.csv and DIR/meta.json, what scripts/plots.sh\n"
		"draws with gnuplot, into DIR/plots/data/:\n"
		"  <name>.dat       a figure's data\n"
		"  <name>.vars.gp   its gnuplot variables (plots/<kind>.gp reads them;\n"
		"                   plotdir, datafile and outbase come from plots.sh)\n"
		"  manifest         \"KIND NAME\" a line per figure, in drawing order\n"
		"The kinds, per composition (and pin mode, \"-<mode>\" appended when\n"
		"the run has several): release_vs_size (a line per strategy, the\n"
		"catalogue's floor last), speedup (the catalogue's baseline median\n"
		"over each strategy's), pin_vs_release (at the largest size); and\n"
		"compositions-<strategy> (one strategy on every composition).\n"
		"Names that are not what pinbench writes (meta.json's, samples.csv's)\n"
		"are refused before anything is written: gnuplot runs `backquoted`\n"
		"text in strings.\n"
		"\n"
		"options:\n"
		"  --strategy NAME     of the compositions figure (default %s)\n"
		"  --exclude-disturbed leave out samples whose thread was switched out\n"
		"                      or migrated inside a timed window\n"
		"  -h, --help          this text\n",
		FIGURES_DEFAULT_STRATEGY);
}

static bool strategy_name_ok(const char *name)
{
	char base[128];
	size_t len = strlen(name);

	if (strategy_is_prepared(name))
		len -= strlen(PREPARED_SUFFIX);
	if (len >= sizeof(base))
		return false;
	memcpy(base, name, len);
	base[len] = '\0';
	return sample_name_ok("strategy", base);
}

int cmd_figures(int argc, char **argv)
{
	static const struct option options[] = {
		{ "strategy", required_argument, NULL, 's' },
		{ "exclude-disturbed", no_argument, NULL, 'x' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct figures_options opt = {
		.strategy = FIGURES_DEFAULT_STRATEGY,
	};
	char err[1024];
	int opt_char;

	opterr = 0;
	while ((opt_char = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (opt_char) {
		case 's':
			opt.strategy = optarg;
			break;
		case 'x':
			opt.exclude_disturbed = true;
			break;
		case 'h':
			figures_usage(stdout);
			return EXIT_OK;
		default:
			return cli_bad_option("figures", opt_char, argv);
		}
	}
	if (cli_one_dir("figures", argc, argv, optind))
		return EXIT_USAGE;
	/* it names files and a title: a strategy name, or "<name>+prepare" */
	if (!strategy_name_ok(opt.strategy)) {
		pb_error("figures: --strategy: not a strategy name (a-z, 0-9, _, and +prepare)");
		return EXIT_USAGE;
	}
	if (figures_write(argv[optind], &opt, err, sizeof(err))) {
		pb_error("figures: %s", err);
		return EXIT_RUNTIME;
	}
	return EXIT_OK;
}
