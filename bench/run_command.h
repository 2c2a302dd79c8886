/*
 * The measuring of pinbench run, sweep and profile once their options are
 * parsed (cmd_run.c): checks, the device, the loop, the run directory.
 */
#ifndef PINBENCH_RUN_COMMAND_H
#define PINBENCH_RUN_COMMAND_H

#include "run_options.h"
#include "run_sweep.h"

/*
 * argv as given (meta.json's command line), opts from run_options_parse;
 * hooks around each RUN ioctl, NULL for none. Returns the exit status.
 */
int run_parsed(int argc, char **argv, struct run_options *opts,
	       const struct run_hooks *hooks);

#endif
