/*
 * The analysis subcommands of a build that measures only (pinbench-guest:
 * bench/ without analysis/, what the guest carries). The guest runs info,
 * run and sweep; what reads finished run directories runs on the host.
 */
#include "commands.h"
#include "exit_codes.h"
#include "messages.h"

static int measures_only(char **argv)
{
	pb_error("%s: analysis runs on the host; this build measures only",
		 argv[0]);
	return EXIT_USAGE;
}

int cmd_compare(int argc, char **argv)
{
	(void)argc;
	return measures_only(argv);
}

int cmd_figures(int argc, char **argv)
{
	(void)argc;
	return measures_only(argv);
}

int cmd_fio_summarize(int argc, char **argv)
{
	(void)argc;
	return measures_only(argv);
}

int cmd_insns_join(int argc, char **argv)
{
	(void)argc;
	return measures_only(argv);
}

int cmd_merge(int argc, char **argv)
{
	(void)argc;
	return measures_only(argv);
}

int cmd_report(int argc, char **argv)
{
	(void)argc;
	return measures_only(argv);
}

int cmd_summarize(int argc, char **argv)
{
	(void)argc;
	return measures_only(argv);
}
