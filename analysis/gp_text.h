/*
 * Text that goes into a gnuplot variables file. gnuplot runs `commands`
 * inside double-quoted strings and expands @macros, and names in a run
 * directory travel between machines: whatever reaches a string here
 * passes a strict whitelist, so quotes, backquotes, backslashes, $ and @
 * never get through, whatever the checks before missed.
 */
#ifndef PINBENCH_GP_TEXT_H
#define PINBENCH_GP_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The characters a figure's text may hold. */
bool gp_char_ok(char c);

/* text with every other character left out, into buf. */
void gp_text(char *buf, size_t len, const char *text);

/*
 * name = 'text' (quote '\'') or name = "text" (quote '"', where a line
 * break of text becomes gnuplot's \n), text whitelisted.
 */
void gp_var_string(FILE *f, const char *name, char quote, const char *text);

#endif
