#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_file.h"
#include "csv.h"
#include "json.h"
#include "merge.h"
#include "meta.h"
#include "paths.h"
#include "samples_csv.h"
#include "summary.h"

/* What one BOOT_DIR holds. */
struct boot_input {
	const char *dir;
	char *text;		/* samples.csv as it is */
	const char *rows;	/* text after the header line */
	struct sample_table table;
	uint32_t *boots;	/* distinct boot numbers, in order */
	size_t nboots;
	char *meta;		/* meta.json, or NULL */
};

static void input_free(struct boot_input *in)
{
	free(in->text);
	sample_table_free(&in->table);
	free(in->boots);
	free(in->meta);
	memset(in, 0, sizeof(*in));
}

static char *read_in(const char *dir, const char *name)
{
	char path[4096];

	if (path_join(path, sizeof(path), dir, name))
		return NULL;
	return read_whole_file(path, NULL);
}

static int add_boot(struct boot_input *in, uint32_t boot)
{
	uint32_t *bigger;
	size_t i;

	for (i = 0; i < in->nboots; i++)
		if (in->boots[i] == boot)
			return 0;
	bigger = realloc(in->boots, (in->nboots + 1) * sizeof(*bigger));
	if (!bigger)
		return -1;
	in->boots = bigger;
	in->boots[in->nboots++] = boot;
	return 0;
}

static enum merge_result load_input(const char *dir, struct boot_input *in,
				    char *err, size_t errlen)
{
	char path[4096], *eol;
	size_t i;

	memset(in, 0, sizeof(*in));
	in->dir = dir;
	if (path_join(path, sizeof(path), dir, "samples.csv") ||
	    !(in->text = read_whole_file(path, NULL))) {
		snprintf(err, errlen, "%s/samples.csv: %s", dir,
			 read_error_text(errno));
		return MERGE_FAILED;
	}
	eol = strchr(in->text, '\n');
	if (!eol || (size_t)(eol - in->text) != strlen(SAMPLES_CSV_HEADER) ||
	    strncmp(in->text, SAMPLES_CSV_HEADER, (size_t)(eol - in->text))) {
		snprintf(err, errlen,
			 "%s/samples.csv: its columns are not this pinbench's (no boot column: written by an older pinbench?)",
			 dir);
		return MERGE_REFUSED;
	}
	in->rows = eol + 1;
	if (samples_csv_read(path, &in->table, err, errlen))
		return MERGE_REFUSED;
	if (!in->table.count) {
		snprintf(err, errlen, "%s/samples.csv: no rows (did that boot fail?)",
			 dir);
		return MERGE_REFUSED;
	}
	for (i = 0; i < in->table.count; i++)
		if (add_boot(in, in->table.rows[i].boot)) {
			snprintf(err, errlen, "out of memory");
			return MERGE_FAILED;
		}
	/* every boot's, before OUT is touched: a retry must find it empty */
	in->meta = read_in(dir, "meta.json");
	if (path_join(path, sizeof(path), dir, "meta.json") ||
	    meta_text_check(in->meta, path, err, errlen))
		return MERGE_REFUSED;
	return MERGE_OK;
}

/* Same kernel and accel in every row of every input; boots apart. */
static enum merge_result check_inputs(const struct boot_input *in, size_t n,
				      char *err, size_t errlen)
{
	const struct sample_row *ref = &in[0].table.rows[0];
	size_t d, e, i, j;

	for (d = 0; d < n; d++) {
		for (i = 0; i < in[d].table.count; i++) {
			const struct sample_row *r = &in[d].table.rows[i];

			if (strcmp(r->kernel, ref->kernel) ||
			    strcmp(r->accel, ref->accel)) {
				snprintf(err, errlen,
					 "%s holds kernel %s (%s), %s holds %s (%s): merge joins boots of one kernel",
					 in[d].dir, r->kernel, r->accel,
					 in[0].dir, ref->kernel, ref->accel);
				return MERGE_REFUSED;
			}
		}
		for (e = 0; e < d; e++)
			for (i = 0; i < in[d].nboots; i++)
				for (j = 0; j < in[e].nboots; j++)
					if (in[d].boots[i] == in[e].boots[j]) {
						snprintf(err, errlen,
							 "boot %" PRIu32 " is in both %s and %s: give each boot its own number (pinbench sweep --boot N)",
							 in[d].boots[i],
							 in[e].dir, in[d].dir);
						return MERGE_REFUSED;
					}
	}
	return MERGE_OK;
}

struct merged_rows {
	const struct boot_input *in;
	size_t n;
};

static int write_merged_samples(FILE *f, void *arg)
{
	const struct merged_rows *m = arg;
	size_t d, len;

	if (samples_csv_write_header(f))
		return -1;
	for (d = 0; d < m->n; d++) {
		len = strlen(m->in[d].rows);
		fwrite(m->in[d].rows, 1, len, f);
		if (len && m->in[d].rows[len - 1] != '\n')
			fputc('\n', f);
	}
	return ferror(f) ? -1 : 0;
}

static int write_text(FILE *f, void *arg)
{
	fputs(arg, f);
	return ferror(f) ? -1 : 0;
}

/* The line of "key" (one key a line, as meta.json is written) removed. */
static void remove_key_line(char *json, const char *key)
{
	char *value = (char *)json_find_value(json, key), *start, *end;

	if (!value)
		return;
	for (start = value; start > json && start[-1] != '\n'; start--)
		;
	end = strchr(value, '\n');
	if (!end)
		return;
	memmove(start, end + 1, strlen(end + 1) + 1);
}

/* "[1, 2, 3]" of the inputs' boot numbers, or of their meta.json seeds. */
static void json_list(const struct boot_input *in, size_t n, bool seeds,
		      char *buf, size_t len)
{
	size_t d, i, used = 1;
	const char *v;

	snprintf(buf, len, "[");
	for (d = 0; d < n; d++) {
		for (i = 0; i < (seeds ? 1 : in[d].nboots); i++) {
			char item[32];

			if (!seeds)
				snprintf(item, sizeof(item), "%" PRIu32,
					 in[d].boots[i]);
			else if (in[d].meta &&
				 (v = json_find_value(in[d].meta, "seed")) &&
				 *v >= '0' && *v <= '9')
				snprintf(item, sizeof(item), "%llu",
					 strtoull(v, NULL, 10));
			else
				snprintf(item, sizeof(item), "null");
			used += (size_t)snprintf(buf + used,
						 used < len ? len - used : 0,
						 "%s%s", used > 1 ? ", " : "",
						 item);
		}
	}
	if (used < len)
		snprintf(buf + used, len - used, "]");
}

/*
 * "[{...}, {...}]": each input's "calibration" (an object, or a merged
 * directory's array), so that every boot keeps its own; NULL when no
 * input has one (older runs) or out of memory.
 */
static char *calibration_list(const struct boot_input *in, size_t n)
{
	const char *v, *end;
	char *list = NULL;
	size_t len = 0, d, items = 0;
	FILE *f = open_memstream(&list, &len);

	if (!f)
		return NULL;
	fputc('[', f);
	for (d = 0; d < n; d++) {
		v = in[d].meta ? json_find_value(in[d].meta, "calibration") :
				 NULL;
		if (!v || (*v != '{' && *v != '['))
			continue;
		end = json_value_end(v);
		if (*v == '[')	/* its elements, without the brackets */
			v++, end--;
		fprintf(f, "%s%.*s", items++ ? ", " : "", (int)(end - v), v);
	}
	fputc(']', f);
	if (fclose(f) || !items) {
		free(list);
		return NULL;
	}
	return list;
}

static enum merge_result write_meta(const char *out,
				    const struct boot_input *in, size_t n,
				    char *err, size_t errlen)
{
	char path[4096], number[32], list[1024];
	char *json = strdup(in[0].meta), *next, *calibrations;
	size_t d, boots = 0;
	bool complete = true, c;

	for (d = 0; d < n; d++) {
		boots += in[d].nboots;
		if (!in[d].meta || json_find_bool(in[d].meta, "complete", &c) ||
		    !c)
			complete = false;
	}
	if (json)
		remove_key_line(json, "boot");
	snprintf(number, sizeof(number), "%zu", boots);
#define SET(key, raw) \
	do { \
		next = json ? meta_text_set(json, key, raw) : NULL; \
		free(json); \
		json = next; \
	} while (0)
	SET("complete", complete ? "true" : "false");
	SET("boots", number);
	json_list(in, n, false, list, sizeof(list));
	SET("boot_ids", list);
	json_list(in, n, true, list, sizeof(list));
	SET("boot_seeds", list);
	calibrations = calibration_list(in, n);
	if (calibrations)
		SET("calibration", calibrations);
	free(calibrations);
#undef SET
	if (!json) {
		snprintf(err, errlen, "%s/meta.json: not a pinbench meta.json",
			 in[0].dir);
		return MERGE_FAILED;
	}
	if (path_join(path, sizeof(path), out, "meta.json") ||
	    atomic_write_file(path, write_text, json)) {
		snprintf(err, errlen, "writing %s/meta.json: %s", out,
			 strerror(errno));
		free(json);
		return MERGE_FAILED;
	}
	free(json);
	return MERGE_OK;
}

/* dir/name as out/<stem>-boot<b><ext>, when it is there. */
static enum merge_result copy_log(const char *out, const char *dir,
				  const char *name, const char *stem,
				  const char *ext, unsigned long boot,
				  char *err, size_t errlen)
{
	char path[4096], target[256];
	char *text = read_in(dir, name);

	if (!text)
		return MERGE_OK;
	snprintf(target, sizeof(target), "%s-boot%lu%s", stem, boot, ext);
	if (path_join(path, sizeof(path), out, target) ||
	    atomic_write_file(path, write_text, text)) {
		snprintf(err, errlen, "writing %s/%s: %s", out, target,
			 strerror(errno));
		free(text);
		return MERGE_FAILED;
	}
	free(text);
	return MERGE_OK;
}

static enum merge_result copy_logs(const char *out,
				   const struct boot_input *in, size_t n,
				   char *err, size_t errlen)
{
	static const struct { const char *name, *stem, *ext; } logs[] = {
		{ "console.log", "console", ".log" },
		{ "output.log", "output", ".log" },
		{ "hugepages.txt", "hugepages", ".txt" },
	};
	enum merge_result ret;
	size_t d, k;

	for (d = 0; d < n; d++) {
		/* a directory of one boot names its logs after it */
		unsigned long boot = in[d].nboots == 1 ? in[d].boots[0] :
							 (unsigned long)d + 1;

		for (k = 0; k < sizeof(logs) / sizeof(logs[0]); k++) {
			ret = copy_log(out, in[d].dir, logs[k].name,
				       logs[k].stem, logs[k].ext, boot, err,
				       errlen);
			if (ret != MERGE_OK)
				return ret;
		}
	}
	return MERGE_OK;
}

static bool same_dir(const char *a, const char *b)
{
	struct stat sa, sb;

	return !stat(a, &sa) && !stat(b, &sb) && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

/* A merge that failed half way: gone, so that a retry is not refused. */
static void undo_merge(const char *out, bool created)
{
	static const char *const written[] = {
		"samples.csv", "meta.json", "summary.csv",
	};
	char path[4096];
	size_t i;

	for (i = 0; i < sizeof(written) / sizeof(written[0]); i++)
		if (!path_join(path, sizeof(path), out, written[i]))
			unlink(path);
	if (created)
		rmdir(out);	/* only if nothing else is left in it */
}

enum merge_result merge_boots(const char *out, const char *const *dirs,
			      size_t ndirs, char *err, size_t errlen)
{
	struct boot_input *in = calloc(ndirs + 1, sizeof(*in));
	struct merged_rows rows = { .in = in, .n = ndirs };
	enum merge_result ret = MERGE_FAILED;
	char path[4096];
	bool created;
	size_t d;

	if (!in) {
		snprintf(err, errlen, "out of memory");
		return MERGE_FAILED;
	}
	for (d = 0; d < ndirs; d++) {
		if (same_dir(out, dirs[d])) {
			snprintf(err, errlen, "OUT_DIR %s is also a BOOT_DIR",
				 out);
			ret = MERGE_REFUSED;
			goto out;
		}
	}
	if (path_join(path, sizeof(path), out, "samples.csv") ||
	    !access(path, F_OK)) {
		snprintf(err, errlen,
			 "%s already holds a samples.csv: merge into a new directory",
			 out);
		ret = MERGE_REFUSED;
		goto out;
	}
	for (d = 0; d < ndirs; d++) {
		ret = load_input(dirs[d], &in[d], err, errlen);
		if (ret != MERGE_OK)
			goto out;
	}
	ret = check_inputs(in, ndirs, err, errlen);
	if (ret != MERGE_OK)
		goto out;
	ret = MERGE_FAILED;
	created = access(out, F_OK) != 0;
	if (mkdir_parents(out, 0755)) {
		snprintf(err, errlen, "creating %s: %s", out, strerror(errno));
		goto out;
	}
	if (atomic_write_file(path, write_merged_samples, &rows)) {
		snprintf(err, errlen, "writing %s: %s", path, strerror(errno));
		goto out;
	}
	ret = write_meta(out, in, ndirs, err, errlen);
	if (ret == MERGE_OK)
		ret = copy_logs(out, in, ndirs, err, errlen);
	if (ret == MERGE_OK && summarize_dir(out, false, err, errlen))
		ret = MERGE_FAILED;
	if (ret != MERGE_OK)
		undo_merge(out, created);
out:
	for (d = 0; d < ndirs; d++)
		input_free(&in[d]);
	free(in);
	return ret;
}
