/*
 * Options described once (after perf's parse-options): a command's table
 * of descriptors gives its getopt long options, its config file keys,
 * the checks of their values and its --help. Only options that really
 * are special get a callback.
 */
#ifndef PINBENCH_OPTION_TABLE_H
#define PINBENCH_OPTION_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "messages.h"

enum opt_type {
	OPT_T_GROUP,	/* no option: a heading in --help */
	OPT_T_HELP,	/* prints the usage; exit status 0 */
	OPT_T_SWITCH,	/* bool; yes/no, true/false, on/off, 1/0 in a file */
	OPT_T_U32,	/* uint32_t, at least .min */
	OPT_T_DOUBLE,	/* finite double, at least .dmin, in .wants units */
	OPT_T_STRING,	/* const char *, into argv or the config text */
	OPT_T_CHOICE,	/* an int-sized enum: the index of a .choices name */
	OPT_T_CALLBACK,	/* .set does it all */
};

#define OPTF_NO_CONFIG	(1u << 0)	/* not a config file key */
#define OPTF_EARLY	(1u << 1)	/* applied as soon as it is read */
#define OPTF_NONEMPTY	(1u << 2)	/* string: "" refused, "wants .wants" */
#define OPTF_LINE	(1u << 3)	/* string: config line at .line_offset */

/* Where a value came from: the command line (file NULL) or a file line. */
struct opt_origin {
	const char *file;
	unsigned int line;
};

#define OPT_FROM_COMMAND_LINE ((struct opt_origin){ NULL, 0 })

struct opt_desc;
struct opt_parser;

/* One use of an option. */
struct opt_use {
	const struct opt_desc *desc;
	const char *spelled;	/* "--iterations", or the key as written */
	const char *arg;	/* NULL: a switch on the command line */
	struct opt_origin from;
};

struct opt_desc {
	enum opt_type type;
	const char *name;	/* long name; a group's heading goes in help */
	char short_name;	/* 0: none */
	const char *argname;	/* "N", "LIST"; NULL for switches */
	const char *only;	/* NULL, or the one command that takes it */
	unsigned int flags;	/* OPTF_* */
	size_t offset;		/* of the value in the parser's target */
	size_t line_offset;	/* OPTF_LINE: of an unsigned int */
	uint32_t min;		/* OPT_T_U32 */
	double dmin;		/* OPT_T_DOUBLE */
	const char *wants;	/* what an error says it wants */
	const char *const *choices;	/* OPT_T_CHOICE: the names */
	const char *const *choice_help;	/* NULL, or --help of each name */
	size_t nr_choices;
	int (*set)(struct opt_parser *p, const struct opt_use *use);
	const char *help;
	/* NULL, or more --help after the option's own (a list of choices) */
	void (*help_more)(FILE *f, const struct opt_parser *p);
};

struct opt_parser {
	const char *command;		/* "run": errors start with it */
	/* NULL, or a command whose .only rows command takes too (profile
	 * takes run's) */
	const char *also;
	const struct opt_desc *table;
	size_t nr;
	void *target;			/* where the offsets point */
	void *extra;			/* the callbacks' own state */
	void (*usage)(FILE *f, const struct opt_parser *p);
	/* opt_collect: the command line's uses, applied by opt_apply_staged */
	struct opt_use *staged;
	size_t nr_staged;
};

/*
 * Reads argv with getopt_long: OPTF_EARLY options are applied, the rest
 * staged in order. 0: go on. -1: stop with *exit_status (EXIT_OK after
 * --help; else EXIT_USAGE, said).
 */
int opt_collect(struct opt_parser *p, int argc, char **argv,
		int *exit_status);

/* The staged uses, in the order given: 0, or -1 said. */
int opt_apply_staged(struct opt_parser *p);

#define OPT_UNKNOWN_KEY 1

/*
 * A config file line: 0, -1 said, or OPT_UNKNOWN_KEY (not said: the
 * caller knows its other keys). '_' in key reads as '-'.
 */
int opt_apply_key(struct opt_parser *p, const char *key, const char *value,
		  struct opt_origin from);

/* Applies one use (from the command line or a file): 0, or -1 said. */
int opt_apply(struct opt_parser *p, const struct opt_use *use);

void opt_parser_free(struct opt_parser *p);

/* "COMMAND: [FILE:LINE: ]text" as a pinbench error. */
void opt_say(const struct opt_parser *p, struct opt_origin from,
	     const char *fmt, ...) PB_PRINTF(3, 4);

/* Every option of p->command, with its group headings, for --help. */
void opt_usage(FILE *f, const struct opt_parser *p);

/* "    name      help", help folded, for lists under an option. */
void opt_help_item(FILE *f, int name_width, const char *name,
		   const char *help);

/* text folded at width, every line after the first indented. */
void opt_print_folded(FILE *f, const char *text, int indent, int width);

#endif
