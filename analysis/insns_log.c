#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "insns_log.h"
#include "sizes.h"

#define LOG_MAGIC "# pinbench-insns log-version "

static int cmp_window(const void *pa, const void *pb)
{
	const struct insns_window *a = pa, *b = pb;

	if (a->id != b->id)
		return a->id < b->id ? -1 : 1;
	return (int)a->kind - (int)b->kind;
}

/* "w VCPU KIND ID INSNS IRQS", single spaces, nothing else */
static int parse_window(char *line, struct insns_window *w)
{
	char *field[7], *rest = line;
	uint64_t vcpu;
	size_t n = 0;
	int kind;

	while (n < 7 && (field[n] = strsep(&rest, " ")) != NULL)
		n++;
	if (n != 6 || strcmp(field[0], "w"))
		return -1;
	kind = window_index_of(field[2]);
	if (number_parse(field[1], 4095, &vcpu) || kind < 0 ||
	    window_id_parse(field[3], &w->id) ||
	    number_parse(field[4], UINT64_MAX, &w->insns) ||
	    number_parse(field[5], UINT64_MAX, &w->irqs))
		return -1;
	w->vcpu = (unsigned int)vcpu;
	w->kind = (enum window_index)kind;
	return 0;
}

/* The plugin's first line: its name and the log format's version. */
static int check_header(const char *line)
{
	uint64_t version;
	char word[24];
	size_t n;

	if (strncmp(line, LOG_MAGIC, strlen(LOG_MAGIC)))
		return -1;
	line += strlen(LOG_MAGIC);
	n = strcspn(line, ": ");
	if (n == 0 || n >= sizeof(word))
		return -1;
	memcpy(word, line, n);
	word[n] = '\0';
	return number_parse(word, UINT32_MAX, &version) ||
	       version != PINBENCH_INSNS_LOG_VERSION ? -1 : 0;
}

static int add_window(struct insns_log *log, size_t *cap,
		      const struct insns_window *w)
{
	if (log->count == *cap) {
		size_t more = *cap ? 2 * *cap : 1024;
		struct insns_window *bigger;

		bigger = realloc(log->windows, more * sizeof(*bigger));
		if (!bigger)
			return -1;
		log->windows = bigger;
		*cap = more;
	}
	log->windows[log->count++] = *w;
	return 0;
}

static int read_lines(char *text, size_t len, const char *path,
		      struct insns_log *log, char *err, size_t errlen)
{
	char *line = text, *end = text + len;
	unsigned long lineno = 0;
	size_t cap = 0;

	while (line < end) {
		char *nl = memchr(line, '\n', (size_t)(end - line));
		struct insns_window w;

		lineno++;
		if (!nl) {	/* torn by a killed QEMU: not a window */
			log->cut_lines++;
			break;
		}
		*nl = '\0';
		if (lineno == 1 && check_header(line)) {
			snprintf(err, errlen,
				 "%s:1: not a pinbench-insns log of version %d (vm/pinbench-insns.so writes one)",
				 path, PINBENCH_INSNS_LOG_VERSION);
			return -1;
		}
		if (line[0] != '#') {
			if (parse_window(line, &w)) {
				snprintf(err, errlen,
					 "%s:%lu: not a window line (w VCPU KIND ID INSNS IRQS)",
					 path, lineno);
				return -1;
			}
			if (add_window(log, &cap, &w)) {
				snprintf(err, errlen, "%s: out of memory", path);
				return -1;
			}
		}
		line = nl + 1;
	}
	if (!lineno) {
		snprintf(err, errlen, "%s: empty (was the plugin loaded?)", path);
		return -1;
	}
	return 0;
}

int insns_log_read(const char *path, struct insns_log *log, char *err,
		   size_t errlen)
{
	size_t len, i;
	char *text;

	memset(log, 0, sizeof(*log));
	text = read_whole_file(path, &len);
	if (!text) {
		snprintf(err, errlen, "%s: %s", path, read_error_text(errno));
		return -1;
	}
	if (read_lines(text, len, path, log, err, errlen))
		goto fail;
	qsort(log->windows, log->count, sizeof(*log->windows), cmp_window);
	for (i = 1; i < log->count; i++)
		if (!cmp_window(&log->windows[i - 1], &log->windows[i])) {
			snprintf(err, errlen,
				 "%s: window %016llx %s logged twice (two boots' logs in one file?)",
				 path, (unsigned long long)log->windows[i].id,
				 window_defs[log->windows[i].kind].name);
			goto fail;
		}
	free(text);
	return 0;
fail:
	free(text);
	insns_log_free(log);
	return -1;
}

const struct insns_window *insns_log_find(const struct insns_log *log,
					  uint64_t id, enum window_index kind)
{
	struct insns_window key = { .id = id, .kind = kind };

	return bsearch(&key, log->windows, log->count, sizeof(key),
		       cmp_window);
}

void insns_log_free(struct insns_log *log)
{
	free(log->windows);
	memset(log, 0, sizeof(*log));
}
