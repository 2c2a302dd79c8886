/* Shared getopt_long handling: pinbench's own words for a bad option. */
#ifndef PINBENCH_CLI_H
#define PINBENCH_CLI_H

/*
 * Call with opterr = 0 and an optstring starting with ':'. Says what was
 * wrong with the option getopt_long just returned as opt ('?' or ':').
 * Returns EXIT_USAGE.
 */
int cli_bad_option(const char *command, int opt, char **argv);

/*
 * Directory arguments: "" would put DIR/samples.csv at /samples.csv, so
 * an empty one is refused. 0, or -1 after saying so.
 */
int cli_check_dirs(const char *command, char *const *dirs, int n);

/* The one DIR left after the options, not empty: 0, or -1 (said). */
int cli_one_dir(const char *command, int argc, char **argv, int optind);

#endif
