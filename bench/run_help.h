/* pinbench run --help and sweep --help: the prose around the option table. */
#ifndef PINBENCH_RUN_HELP_H
#define PINBENCH_RUN_HELP_H

#include <stdio.h>

#include "option_table.h"

/* The usage of p->command ("run" or "sweep"). */
void run_help(FILE *f, const struct opt_parser *p);

#endif
