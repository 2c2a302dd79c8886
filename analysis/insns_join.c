#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"
#include "insns_join.h"
#include "insns_log.h"
#include "paths.h"
#include "samples_csv.h"
#include "summary.h"

struct table_writer {
	const struct sample_table *table;
};

static int write_table(FILE *f, void *arg)
{
	const struct table_writer *w = arg;
	size_t i;

	if (samples_csv_write_header(f))
		return -1;
	for (i = 0; i < w->table->count; i++)
		if (samples_csv_write_row(f, &w->table->rows[i]))
			return -1;
	return 0;
}

/* Row's windows from the log; what was joined before is replaced. */
static bool join_row(struct sample_row *row, const struct insns_log *log,
		     size_t *claimed)
{
	struct window_counts *w = &row->windows;
	int i;

	for (i = 0; i < NR_WINDOWS; i++) {
		const struct insns_window *found;

		found = insns_log_find(log, w->id, (enum window_index)i);
		w->counted[i] = found != NULL;
		w->insns[i] = found ? found->insns : 0;
		w->irqs[i] = found ? found->irqs : 0;
		*claimed += found != NULL;
	}
	return w->counted[WINDOW_RELEASE];
}

static int cmp_u64(const void *pa, const void *pb)
{
	uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;

	return a < b ? -1 : a > b;
}

/*
 * Two rows of one window id would both take its counts (a directory
 * merged from boots of a fixed PINBENCH_WINDOW_ID_BASE, an edited file):
 * refused, naming the id.
 */
static int check_unique_ids(const struct sample_table *table, char *err,
			    size_t errlen)
{
	uint64_t *ids = malloc((table->count + 1) * sizeof(*ids));
	size_t i, n = 0;
	int ret = 0;

	if (!ids) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (i = 0; i < table->count; i++)
		if (sample_is_measured(&table->rows[i]) &&
		    table->rows[i].windows.has_id)
			ids[n++] = table->rows[i].windows.id;
	qsort(ids, n, sizeof(*ids), cmp_u64);
	for (i = 1; i < n && !ret; i++)
		if (ids[i] == ids[i - 1]) {
			snprintf(err, errlen,
				 "window_id %016llx is on two rows: the counts of one window cannot be two samples'",
				 (unsigned long long)ids[i]);
			ret = -1;
		}
	free(ids);
	return ret;
}

static void join_table(struct sample_table *table,
		       const struct insns_log *log,
		       struct insns_join_counts *c)
{
	size_t i, claimed = 0;

	for (i = 0; i < table->count; i++) {
		struct sample_row *row = &table->rows[i];

		if (!sample_is_measured(row) || !row->windows.has_id)
			continue;
		c->rows_with_id++;
		if (!join_row(row, log, &claimed))
			continue;
		c->rows_counted++;
		c->irq_windows += row->windows.irqs[WINDOW_RELEASE] > 0;
	}
	c->unclaimed = log->count - claimed;
}

int insns_join(const char *dir, const char *log_path,
	       struct insns_join_counts *counts, char *err, size_t errlen)
{
	struct table_writer writer;
	struct sample_table table;
	struct insns_log log;
	char path[4096];
	int ret = -1;

	memset(counts, 0, sizeof(*counts));
	if (path_join(path, sizeof(path), dir, "samples.csv")) {
		snprintf(err, errlen, "%s: path too long", dir);
		return -1;
	}
	if (samples_csv_read(path, &table, err, errlen))
		return -1;
	if (insns_log_read(log_path, &log, err, errlen))
		goto out_table;
	counts->cut_lines = log.cut_lines;
	if (check_unique_ids(&table, err, errlen))
		goto out_log;
	join_table(&table, &log, counts);
	if (!counts->rows_with_id) {
		snprintf(err, errlen,
			 "%s: no measured row has a window_id (measured by a pinbench before ABI 5, or nothing measured)",
			 path);
		goto out_log;
	}
	if (!counts->rows_counted) {
		snprintf(err, errlen,
			 "%s: none of the %zu windows of %s is a window of %s (another boot's log? was the plugin loaded where they were measured?)",
			 log_path, counts->rows_with_id, dir, path);
		goto out_log;
	}
	writer.table = &table;
	if (atomic_write_file(path, write_table, &writer)) {
		snprintf(err, errlen, "writing %s: %s", path, strerror(errno));
		goto out_log;
	}
	/* summary.csv's insns columns from the rows just written */
	ret = summarize_dir(dir, false, err, errlen);
out_log:
	insns_log_free(&log);
out_table:
	sample_table_free(&table);
	return ret;
}
