#include <dirent.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "paths.h"
#include "perf_report.h"
#include "report_profiles.h"
#include "text_table.h"

static int profile_name(const struct dirent *e)
{
	return !fnmatch("profile-*.txt", e->d_name, 0);
}

static int print_table(FILE *f, const struct perf_report *r, bool markdown)
{
	struct text_table t;
	enum perf_path path;
	size_t i, row;
	int ret;

	tt_init(&t, 3);
	tt_group(&t, 0, "share", "r");
	tt_group(&t, 1, "symbol", "l");
	tt_group(&t, 2, "path", "l");
	for (i = 0; i < r->n && i < REPORT_PROFILE_TOP; i++) {
		row = tt_add_row(&t);
		tt_set(&t, row, 0, 0, "%.2f%%", r->symbols[i].share);
		tt_set(&t, row, 1, 0, "%s", r->symbols[i].name);
		path = perf_path_of(r->symbols[i].name);
		tt_set(&t, row, 2, 0, "%s",
		       path == PERF_PATH_NONE ? "-" : perf_path_name(path));
	}
	ret = markdown ? tt_print_markdown(f, &t) : tt_print_text(f, &t, "  ");
	tt_free(&t);
	return ret;
}

static int one_profile(FILE *f, const char *dir, const char *name,
		       bool emulated, bool markdown)
{
	char path[4096], err[512];
	struct perf_report r;
	int ret;

	fprintf(f, markdown ? "\n## where the time goes: %s%s\n\n" :
			      "\nwhere the time goes: %s%s\n",
		name, !emulated ? "" : markdown ? " (EMULATED)" : " [EMULATED]");
	if (path_join(path, sizeof(path), dir, name) ||
	    perf_report_read(path, &r, err, sizeof(err))) {
		fprintf(f, "  not read: %s\n", path_join(path, sizeof(path),
			dir, name) ? "path too long" : err);
		return ferror(f) ? -1 : 0;
	}
	fprintf(f, "%sperf samples inside the RUN ioctls (pin, verify, release); pin path %.2f%%, unpin path %.2f%%; top %zu of %zu symbols%s\n",
		markdown ? "" : "  ",
		perf_report_path_share(&r, PERF_PATH_PIN),
		perf_report_path_share(&r, PERF_PATH_UNPIN),
		r.n < REPORT_PROFILE_TOP ? r.n : (size_t)REPORT_PROFILE_TOP,
		r.n, markdown ? "\n" : "");
	ret = print_table(f, &r, markdown);
	perf_report_free(&r);
	return ret || ferror(f) ? -1 : 0;
}

int report_profile_sections(FILE *f, const char *dir, bool emulated,
			    bool markdown)
{
	struct dirent **names;
	int n, i, ret = 0;

	n = scandir(dir, &names, profile_name, alphasort);
	for (i = 0; i < n; i++) {
		if (!ret && one_profile(f, dir, names[i]->d_name, emulated,
					markdown))
			ret = -1;
		free(names[i]);
	}
	if (n >= 0)
		free(names);
	return ret;
}
