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
