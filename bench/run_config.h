/*
 * The sweep config file: "key = value" lines, '#' comments (a whole line,
 * or after whitespace), blank lines ignored. Keys are checked by the
 * caller; this only splits lines and keeps their numbers.
 */
#ifndef PINBENCH_RUN_CONFIG_H
#define PINBENCH_RUN_CONFIG_H

#include <stddef.h>

struct config_entry {
	unsigned int line;
	char *key;		/* trimmed, never empty */
	char *value;		/* trimmed, may be empty */
};

struct config_file {
	const char *path;
	char *text;		/* the file; keys and values point into it */
	struct config_entry *entries;
	size_t count;
};

/* 0, or -1 with "FILE:LINE: ..." (or "FILE: ...") in err. */
int config_file_read(const char *path, struct config_file *cf, char *err,
		     size_t errlen);
void config_file_free(struct config_file *cf);

#endif
