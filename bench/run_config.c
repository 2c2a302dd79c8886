#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "run_config.h"

static char *trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

/* Cuts a comment: '#' at the start or after whitespace. */
static void cut_comment(char *line)
{
	char *p;

	for (p = line; *p; p++) {
		if (*p == '#' && (p == line || isspace((unsigned char)p[-1]))) {
			*p = '\0';
			return;
		}
	}
}

int config_file_read(const char *path, struct config_file *cf, char *err,
		     size_t errlen)
{
	char *line, *next, *eq, *key;
	unsigned int number = 0;
	size_t len, cap = 0;

	memset(cf, 0, sizeof(*cf));
	cf->path = path;
	cf->text = read_whole_file(path, &len);
	if (!cf->text) {
		snprintf(err, errlen, "%s: %s", path, read_error_text(errno));
		return -1;
	}
	if (memchr(cf->text, '\0', len)) {
		snprintf(err, errlen, "%s: not a text file", path);
		goto fail;
	}
	for (line = cf->text; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		number++;
		cut_comment(line);
		line = trim(line);
		if (!*line)
			continue;
		eq = strchr(line, '=');
		if (!eq) {
			snprintf(err, errlen,
				 "%s:%u: expected 'key = value', got '%s'",
				 path, number, line);
			goto fail;
		}
		*eq = '\0';
		key = trim(line);
		if (!*key) {
			snprintf(err, errlen, "%s:%u: a value without a key",
				 path, number);
			goto fail;
		}
		if (cf->count == cap) {
			struct config_entry *bigger;

			cap = cap ? 2 * cap : 16;
			bigger = realloc(cf->entries, cap * sizeof(*bigger));
			if (!bigger) {
				snprintf(err, errlen, "%s: out of memory", path);
				goto fail;
			}
			cf->entries = bigger;
		}
		cf->entries[cf->count++] = (struct config_entry){
			.line = number, .key = key, .value = trim(eq + 1),
		};
	}
	return 0;
fail:
	config_file_free(cf);
	return -1;
}

void config_file_free(struct config_file *cf)
{
	free(cf->entries);
	free(cf->text);
	memset(cf, 0, sizeof(*cf));
}
