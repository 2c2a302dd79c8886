/* Exit status of every pinbench command. */
#ifndef PINBENCH_EXIT_CODES_H
#define PINBENCH_EXIT_CODES_H

enum pinbench_exit {
	EXIT_OK = 0,
	EXIT_RUNTIME = 1,	/* the system or the module said no */
	EXIT_USAGE = 2,		/* the command line is wrong, or asks for a
				 * composition this machine cannot build */
	EXIT_CUT_SHORT = 130,	/* SIGINT/SIGTERM: stopped between RUNs */
};

#endif
