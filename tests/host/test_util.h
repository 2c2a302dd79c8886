/* Scratch directories, files and captured stderr for host tests. */
#ifndef PINBENCH_TEST_UTIL_H
#define PINBENCH_TEST_UTIL_H

#include <stddef.h>

#include <jansson.h>

/* A fresh directory under $TMPDIR (or /tmp); removed by scratch_remove. */
const char *scratch_dir(void);
void scratch_remove(void);

/* dir/name in a static buffer (one of a few, rotating). */
const char *scratch_path(const char *name);

int write_text_file(const char *path, const char *text);
/* malloc'ed content, or NULL */
char *slurp(const char *path);
/* entries in dir other than . and .. whose name contains part */
int count_entries_containing(const char *dir, const char *part);

/*
 * A fake /sys for PINBENCH_SYSFS_ROOT: a fresh scratch directory name;
 * tree_write() creates root/rel (and its directories) holding text.
 */
const char *fake_sysfs(const char *name);
int tree_write(const char *root, const char *rel, const char *text);
/* root/rel's content, malloc'ed, or NULL */
char *tree_read(const char *root, const char *rel);

/* Does this host's kernel have THP (MADV_HUGEPAGE works)? Real /sys. */
int host_has_thp(void);

/* Everything written to stderr between begin and end, malloc'ed. */
void stderr_capture_begin(void);
char *stderr_capture_end(void);

/* text with every from replaced by to, malloc'ed (text is not freed). */
char *replace_all(const char *text, const char *from, const char *to);

/* path's content with every from replaced by to; 0, or -1 if unreadable */
int edit_file(const char *path, const char *from, const char *to);

/* The line of text holding part, malloc'ed; "" if none. */
char *line_with(const char *text, const char *part);

/* text as JSON (any value), to json_decref(); NULL and a failure if not. */
json_t *json_of(const char *text);

struct run_options;
/* Parses "COMMAND ARGS..." (NULL-terminated); *said gets stderr, to free(). */
int parse_run_options(const char *command, struct run_options *opts,
		      char **said, ...);

#endif
