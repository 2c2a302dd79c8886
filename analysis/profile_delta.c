#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "messages.h"
#include "paths.h"
#include "profile_delta.h"

static int by_change(const void *x, const void *y)
{
	const struct symbol_delta *a = x, *b = y;
	double da = fabs(a->delta), db = fabs(b->delta);

	if (da != db)
		return da < db ? 1 : -1;
	return strcmp(a->name, b->name);
}

size_t profile_top_deltas(const struct perf_report *a,
			  const struct perf_report *b,
			  struct symbol_delta *out, size_t k)
{
	struct symbol_delta *all = calloc(a->n + b->n + 1, sizeof(*all));
	const struct perf_symbol *other;
	size_t i, n = 0;

	if (!all)
		return 0;
	for (i = 0; i < a->n; i++) {
		other = perf_report_find(b, a->symbols[i].name);
		snprintf(all[n].name, sizeof(all[n].name), "%s",
			 a->symbols[i].name);
		all[n].share_a = a->symbols[i].share;
		all[n].share_b = other ? other->share : 0;
		n++;
	}
	for (i = 0; i < b->n; i++) {
		if (perf_report_find(a, b->symbols[i].name))
			continue;	/* counted above */
		snprintf(all[n].name, sizeof(all[n].name), "%s",
			 b->symbols[i].name);
		all[n].share_b = b->symbols[i].share;
		n++;
	}
	for (i = 0; i < n; i++)
		all[i].delta = all[i].share_b - all[i].share_a;
	qsort(all, n, sizeof(*all), by_change);
	for (i = 0; i < n && i < k && all[i].delta != 0; i++)
		out[i] = all[i];
	free(all);
	return i;
}

/* DIR's profile of row's config, or -1 when it has none. */
static int profile_of(const char *dir, const struct sample_row *row,
		      char *path, size_t len)
{
	char name[512];

	if (profile_file_name(name, sizeof(name), row->composition,
			      row->size_bytes, row->strategy) ||
	    path_join(path, len, dir, name))
		return -1;
	return access(path, F_OK) ? -1 : 0;
}

static int read_profile(const char *path, struct perf_report *r)
{
	char err[512];

	if (!perf_report_read(path, r, err, sizeof(err)))
		return 0;
	pb_warning("compare: profile skipped: %s", err);
	return -1;
}

static void print_config(FILE *f, const struct compare_row *row,
			 const struct perf_report *a,
			 const struct perf_report *b)
{
	struct symbol_delta top[PROFILE_DELTA_TOP];
	char label[256];
	size_t i, n = profile_top_deltas(a, b, top, PROFILE_DELTA_TOP);

	config_label(row->a->first, label, sizeof(label));
	fprintf(f, "  %s (%s, %+.2f%%): pin path %.1f%% -> %.1f%%, unpin path %.1f%% -> %.1f%%\n",
		label, compare_verdict_name(row->verdict), row->change_pct,
		perf_report_path_share(a, PERF_PATH_PIN),
		perf_report_path_share(b, PERF_PATH_PIN),
		perf_report_path_share(a, PERF_PATH_UNPIN),
		perf_report_path_share(b, PERF_PATH_UNPIN));
	if (!n)
		fprintf(f, "    no symbol's share changed\n");
	for (i = 0; i < n; i++)
		fprintf(f, "    %-40s %6.2f%% -> %6.2f%%  %+7.2f\n",
			top[i].name, top[i].share_a, top[i].share_b,
			top[i].delta);
}

int profile_deltas_print(FILE *f, const struct run_dir *a,
			 const struct run_dir *b, const struct comparison *c)
{
	char path_a[4096], path_b[4096];
	bool said = false;
	size_t i;

	for (i = 0; i < c->count; i++) {
		const struct compare_row *row = &c->rows[i];
		struct perf_report ra, rb;

		if (row->verdict != VERDICT_SLOWER &&
		    row->verdict != VERDICT_FASTER)
			continue;
		if (profile_of(a->path, row->a->first, path_a,
			       sizeof(path_a)) ||
		    profile_of(b->path, row->b->first, path_b,
			       sizeof(path_b)) ||
		    read_profile(path_a, &ra))
			continue;
		if (read_profile(path_b, &rb)) {
			perf_report_free(&ra);
			continue;
		}
		if (!said)
			fprintf(f, "\nwhy (perf profiles of both runs: share of samples A -> B, the top %d changes):\n",
				PROFILE_DELTA_TOP);
		said = true;
		print_config(f, row, &ra, &rb);
		perf_report_free(&ra);
		perf_report_free(&rb);
	}
	return ferror(f) ? -1 : 0;
}
