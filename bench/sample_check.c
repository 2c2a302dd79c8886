#include <ctype.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "json.h"
#include "module_info.h"
#include "sample_check.h"

#define DEFAULT_PAGE_SIZE	4096

/* A first character of [A-Za-z0-9], then those and the extra ones. */
static bool name_in(const char *s, const char *extra)
{
	if (!isalnum((unsigned char)*s))
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr(extra, *s))
			return false;
	return true;
}

bool sample_plain_name_ok(const char *s)
{
	return name_in(s, "._+~-");
}

/* strategies and pin methods: lower case, digits and _ */
static bool method_name_ok(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) &&
		    *s != '_')
			return false;
	return true;
}

static bool status_ok(const char *s)
{
	return !strcmp(s, SAMPLE_STATUS_OK) ||
	       !strcmp(s, SAMPLE_STATUS_UNSUPPORTED) ||
	       !strcmp(s, SAMPLE_STATUS_UNAVAILABLE);
}

bool samples_have_strategy(const struct sample_table *table,
			   const char *strategy)
{
	size_t i;

	for (i = 0; i < table->count; i++)
		if (!strcmp(table->rows[i].strategy, strategy))
			return true;
	return false;
}

bool samples_measured_strategy(const struct sample_table *table,
			       const char *strategy)
{
	size_t i;

	for (i = 0; i < table->count; i++)
		if (!strcmp(table->rows[i].strategy, strategy) &&
		    sample_is_measured(&table->rows[i]))
			return true;
	return false;
}

uint64_t samples_page_size(const char *samples_path)
{
	const char *slash = strrchr(samples_path, '/');
	char *meta_path;
	int dirlen = slash ? (int)(slash - samples_path) : 1;
	json_int_t page_size;
	json_t *meta;

	if (asprintf(&meta_path, "%.*s/meta.json", dirlen,
		     slash ? samples_path : ".") < 0)
		return DEFAULT_PAGE_SIZE;
	meta = json_object_load(meta_path);
	free(meta_path);
	page_size = json_integer_value(json_object_get(meta, "page_size"));
	json_decref(meta);
	return page_size > 0 ? (uint64_t)page_size : DEFAULT_PAGE_SIZE;
}

static bool composition_name_ok(const char *s)
{
	return name_in(s, "._:+-");	/* "mixed-thp:25" */
}

/* Empty (no mode, an older file) or a mode pinbench knows. */
static bool pin_mode_ok(const char *s)
{
	return !*s || pin_mode_find(s);
}

/* The string columns and what each may hold. */
static const struct {
	const char *column;
	size_t offset;
	bool (*ok)(const char *s);
} named_columns[] = {
	{ "run_id", offsetof(struct sample_row, run_id), sample_plain_name_ok },
	{ "kernel", offsetof(struct sample_row, kernel), sample_plain_name_ok },
	{ "accel", offsetof(struct sample_row, accel), sample_plain_name_ok },
	{ "composition", offsetof(struct sample_row, composition),
	  composition_name_ok },
	{ "pin_method", offsetof(struct sample_row, pin_method),
	  method_name_ok },
	{ "strategy", offsetof(struct sample_row, strategy), method_name_ok },
	{ "status", offsetof(struct sample_row, status), status_ok },
	{ "pin_mode", offsetof(struct sample_row, pin_mode), pin_mode_ok },
};

bool sample_name_ok(const char *column, const char *value)
{
	size_t i;

	for (i = 0; i < sizeof(named_columns) / sizeof(named_columns[0]);
	     i++)
		if (!strcmp(named_columns[i].column, column))
			return named_columns[i].ok(value);
	return false;
}

/* The first column of row that is not what pinbench writes, or NULL. */
static const char *bad_column(const struct sample_row *row)
{
	size_t i;

	for (i = 0; i < sizeof(named_columns) / sizeof(named_columns[0]);
	     i++) {
		const char *value = *(const char *const *)
			((const char *)row + named_columns[i].offset);

		if (!named_columns[i].ok(value))
			return named_columns[i].column;
	}
	return NULL;
}

/* The identity of a measured sample: config, iteration, boot. */
static int identity_cmp(const struct sample_row *x, const struct sample_row *y)
{
	int c;

	if ((c = strcmp(x->run_id, y->run_id)) ||
	    (c = strcmp(x->kernel, y->kernel)) ||
	    (c = strcmp(x->accel, y->accel)) ||
	    (c = strcmp(x->composition, y->composition)) ||
	    (c = strcmp(x->pin_method, y->pin_method)) ||
	    (c = strcmp(x->strategy, y->strategy)))
		return c;
	if (x->size_bytes != y->size_bytes)
		return x->size_bytes < y->size_bytes ? -1 : 1;
	if (x->write != y->write)
		return x->write ? 1 : -1;
	if (x->iteration != y->iteration)
		return x->iteration < y->iteration ? -1 : 1;
	if (x->boot != y->boot)
		return x->boot < y->boot ? -1 : 1;
	return 0;
}

static const struct sample_row *sort_rows;

/* qsort of row indexes; equals stay in file order, so lines name in order */
static int index_cmp(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = identity_cmp(&sort_rows[i], &sort_rows[j]);

	return c ? c : (i < j ? -1 : 1);
}

static int check_duplicates(const struct sample_table *table,
			    const unsigned long *lines, const char *path,
			    char *err, size_t errlen)
{
	size_t *idx = malloc((table->count + 1) * sizeof(*idx)), i, n = 0;
	int ret = 0;

	if (!idx) {
		snprintf(err, errlen, "%s: out of memory", path);
		return -1;
	}
	for (i = 0; i < table->count; i++)
		if (sample_is_measured(&table->rows[i]))
			idx[n++] = i;
	sort_rows = table->rows;
	qsort(idx, n, sizeof(*idx), index_cmp);
	for (i = 1; i < n; i++) {
		const struct sample_row *a = &table->rows[idx[i - 1]];
		const struct sample_row *b = &table->rows[idx[i]];

		if (!identity_cmp(a, b)) {
			snprintf(err, errlen,
				 "%s:%lu: duplicate row: config, iteration %" PRIu32 " and boot %" PRIu32 " already on line %lu (a file appended to itself?)",
				 path, lines[idx[i]], b->iteration, b->boot,
				 lines[idx[i - 1]]);
			ret = -1;
			break;
		}
	}
	free(idx);
	return ret;
}

int samples_check_table(const struct sample_table *table,
			const unsigned long *lines, const char *path,
			char *err, size_t errlen)
{
	uint64_t page_size = samples_page_size(path);
	const char *bad;
	size_t i;

	for (i = 0; i < table->count; i++) {
		const struct sample_row *row = &table->rows[i];

		bad = bad_column(row);
		if (bad) {
			snprintf(err, errlen,
				 "%s:%lu: bad %s: not a name or status pinbench writes",
				 path, lines[i], bad);
			return -1;
		}
		if (row->pages && (row->size_bytes % page_size ||
				   row->size_bytes / page_size != row->pages)) {
			snprintf(err, errlen,
				 "%s:%lu: pages %" PRIu64 " x page size %" PRIu64 " is not size_bytes %" PRIu64,
				 path, lines[i], row->pages, page_size,
				 row->size_bytes);
			return -1;
		}
	}
	return check_duplicates(table, lines, path, err, errlen);
}
