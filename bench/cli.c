#include <getopt.h>

#include "cli.h"
#include "exit_codes.h"
#include "messages.h"

int cli_bad_option(const char *command, int opt, char **argv)
{
	const char *arg = argv[optind - 1];

	if (opt == ':')
		pb_error("%s: option '%s' needs a value (try pinbench %s --help)",
			 command, arg, command);
	else if (optopt && arg[0] == '-' && arg[1] != '-')
		pb_error("%s: unknown option '-%c' (try pinbench %s --help)",
			 command, optopt, command);
	else
		pb_error("%s: unknown option '%s' (try pinbench %s --help)",
			 command, arg, command);
	return EXIT_USAGE;
}

int cli_check_dirs(const char *command, char *const *dirs, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (!*dirs[i]) {
			pb_error("%s: directory argument %d is empty (\"\" is no directory; use . for this one)",
				 command, i + 1);
			return -1;
		}
	return 0;
}

int cli_one_dir(const char *command, int argc, char **argv, int optind)
{
	if (argc - optind != 1) {
		pb_error("%s: needs exactly one DIR (try pinbench %s --help)",
			 command, command);
		return -1;
	}
	return cli_check_dirs(command, &argv[optind], 1);
}
