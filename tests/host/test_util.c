#include <dirent.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"
#include "paths.h"
#include "run_options.h"
#include "tap.h"
#include "test_util.h"

static char scratch[256];

const char *scratch_dir(void)
{
	const char *tmp = getenv("TMPDIR");

	if (!scratch[0]) {
		snprintf(scratch, sizeof(scratch), "%s/pinbench-test.XXXXXX",
			 tmp && *tmp ? tmp : "/tmp");
		if (!mkdtemp(scratch)) {
			perror("mkdtemp");
			exit(99);
		}
	}
	return scratch;
}

static int remove_entry(const char *path, const struct stat *st, int flag,
			struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void scratch_remove(void)
{
	if (scratch[0])
		nftw(scratch, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	scratch[0] = '\0';
}

const char *scratch_path(const char *name)
{
	static char paths[4][512];
	static unsigned int next;
	char *buf = paths[next++ % 4];

	snprintf(buf, sizeof(paths[0]), "%s/%s", scratch_dir(), name);
	return buf;
}

int write_text_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	int ret;

	if (!f)
		return -1;
	fputs(text, f);
	ret = ferror(f) ? -1 : 0;
	return fclose(f) ? -1 : ret;
}

char *slurp(const char *path)
{
	return read_whole_file(path, NULL);
}

int count_entries_containing(const char *dir, const char *part)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
		    strstr(e->d_name, part))
			n++;
	closedir(d);
	return n;
}

const char *fake_sysfs(const char *name)
{
	static char roots[8][512];
	static unsigned int next;
	char *root = roots[next++ % 8];

	snprintf(root, sizeof(roots[0]), "%s/%s", scratch_dir(), name);
	mkdir_parents(root, 0755);
	return root;
}

int tree_write(const char *root, const char *rel, const char *text)
{
	char path[1024], *slash;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	slash = strrchr(path, '/');
	*slash = '\0';
	if (mkdir_parents(path, 0755))
		return -1;
	*slash = '/';
	return write_text_file(path, text);
}

char *tree_read(const char *root, const char *rel)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	return slurp(path);
}

int host_has_thp(void)
{
	return !access("/sys/kernel/mm/transparent_hugepage", F_OK);
}

static int saved_stderr = -1;
static char capture_path[512];

void stderr_capture_begin(void)
{
	fflush(stderr);
	snprintf(capture_path, sizeof(capture_path), "%s/stderr.capture",
		 scratch_dir());
	saved_stderr = dup(STDERR_FILENO);
	if (!freopen(capture_path, "w", stderr))
		exit(99);
}

char *stderr_capture_end(void)
{
	fflush(stderr);
	dup2(saved_stderr, STDERR_FILENO);
	close(saved_stderr);
	saved_stderr = -1;
	return slurp(capture_path);
}

/* The line of text holding part, malloc'ed; "" if none. */
char *replace_all(const char *text, const char *from, const char *to)
{
	size_t nfrom = strlen(from), nto = strlen(to), n = 0;
	const char *p;
	char *out, *w;

	for (p = text; (p = strstr(p, from)); p += nfrom)
		n++;
	out = malloc(strlen(text) + n * nto + 1);
	if (!out)
		abort();
	for (w = out; (p = strstr(text, from)); text = p + nfrom) {
		memcpy(w, text, (size_t)(p - text));
		w += p - text;
		memcpy(w, to, nto);
		w += nto;
	}
	strcpy(w, text);
	return out;
}

int edit_file(const char *path, const char *from, const char *to)
{
	char *text = slurp(path), *edited;
	int ret;

	if (!text)
		return -1;
	edited = replace_all(text, from, to);
	ret = write_text_file(path, edited);
	free(edited);
	free(text);
	return ret;
}

char *line_with(const char *text, const char *part)
{
	const char *at = text ? strstr(text, part) : NULL, *start, *end;

	if (!at)
		return strdup("");
	for (start = at; start > text && start[-1] != '\n'; start--)
		;
	end = strchr(at, '\n');
	if (!end)
		end = at + strlen(at);
	return strndup(start, (size_t)(end - start));
}

/* Parses "COMMAND ARGS..." (NULL-terminated); *said gets stderr, to free(). */
int parse_run_options(const char *command, struct run_options *opts,
		      char **said, ...)
{
	char *argv[32] = { (char *)command };
	int argc = 1, status = -1, ret;
	va_list ap;

	va_start(ap, said);
	while (argc < 31 && (argv[argc] = va_arg(ap, char *)) != NULL)
		argc++;
	va_end(ap);
	optind = 1;
	stderr_capture_begin();
	ret = run_options_parse(argc, argv, opts, &status);
	*said = stderr_capture_end();
	return ret ? status : -1;	/* -1: go on */
}

json_t *json_of(const char *text)
{
	json_error_t error;
	json_t *value = text ? json_loads(text, JSON_DECODE_ANY, &error) : NULL;

	if (!value)
		tap_fail(__FILE__, __LINE__, "not JSON: %s",
			 text ? error.text : "(no text)");
	return value;
}
