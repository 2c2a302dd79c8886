/*
 * The text of `perf report --stdio --no-children --sort symbol -g none`
 * (what pinbench profile saves as profile-*.txt), read back as a table of
 * symbols and their share of the samples. The text travels between
 * machines (made in the guest, read on the host): it is untrusted, and a
 * line that is not what perf writes is an error that names it.
 */
#ifndef PINBENCH_PERF_REPORT_H
#define PINBENCH_PERF_REPORT_H

#include <stddef.h>

struct perf_symbol {
	char name[128];
	double share;		/* percent of samples */
};

struct perf_report {
	struct perf_symbol *symbols;	/* in the file's order: largest first */
	size_t n;
};

/*
 * Parses `perf report --stdio --no-children --sort symbol -g none` output.
 * 0 or -1 with err filled. A symbol listed twice (the same name in two
 * maps) is one entry, its shares added.
 */
int perf_report_read(const char *path, struct perf_report *out, char *err,
		     size_t errlen);
void perf_report_free(struct perf_report *r);

/*
 * Sum of the shares of symbols matching any fnmatch(3) pattern of the
 * NULL-terminated list (a symbol matching two patterns counts once).
 */
double perf_report_share(const struct perf_report *r,
			 const char *const *patterns);

/* The symbol named name, or NULL. */
const struct perf_symbol *perf_report_find(const struct perf_report *r,
					   const char *name);

/*
 * The kernel's pin and unpin paths, as symbol patterns (perf_paths.c, one
 * table). A symbol belongs to the first row its name matches, so the
 * release-side gup_put_folio is never counted as pinning by gup_*.
 */
enum perf_path {
	PERF_PATH_NONE,
	PERF_PATH_PIN,		/* get_user_pages*, pin_user_pages*: acquire */
	PERF_PATH_UNPIN,	/* unpin_user_page*, bio_release_pages: release */
};

struct perf_path_symbol {
	const char *pattern;	/* fnmatch(3) */
	enum perf_path path;
	const char *why;
};

extern const struct perf_path_symbol perf_path_symbols[];
extern const size_t nr_perf_path_symbols;

/* "pin", "unpin" or "none" */
const char *perf_path_name(enum perf_path path);

/* The path of one symbol name: its first matching row's, else NONE. */
enum perf_path perf_path_of(const char *symbol);

/* Sum of the shares of r's symbols on path. */
double perf_report_path_share(const struct perf_report *r,
			      enum perf_path path);

#endif
