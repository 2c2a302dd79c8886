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
	json_t *meta;		/* meta.json, checked */
};

static void input_free(struct boot_input *in)
{
	free(in->text);
	sample_table_free(&in->table);
	free(in->boots);
	json_decref(in->meta);
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
	if (path_join(path, sizeof(path), dir, "meta.json")) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return MERGE_REFUSED;
	}
	in->meta = meta_load(path, err, errlen);
	if (!in->meta)
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
		/* one module's catalogue: the roles the report reads */
		if (!json_equal(json_object_get(in[d].meta, "catalogue"),
				json_object_get(in[0].meta, "catalogue")) &&
		    (json_object_get(in[d].meta, "catalogue") ||
		     json_object_get(in[0].meta, "catalogue"))) {
			snprintf(err, errlen,
				 "%s and %s were measured with different module catalogues (meta.json catalogue): merge joins boots of one module",
				 in[d].dir, in[0].dir);
			return MERGE_REFUSED;
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

/* The inputs' boot numbers, in order. */
static json_t *boot_ids(const struct boot_input *in, size_t n)
{
	json_t *list = json_array();
	size_t d, i;

	for (d = 0; d < n; d++)
		for (i = 0; i < in[d].nboots; i++)
			if (json_array_append_new(list,
						  json_integer(in[d].boots[i])))
				goto fail;
	return list;
fail:
	json_decref(list);
	return NULL;
}

/* Each input's seed, null where it has none pinbench could have written. */
static json_t *boot_seeds(const struct boot_input *in, size_t n)
{
	json_t *list = json_array(), *seed;
	size_t d;

	for (d = 0; d < n; d++) {
		seed = json_object_get(in[d].meta, "seed");
		if (json_is_integer(seed) && json_integer_value(seed) >= 0)
			seed = json_copy(seed);
		else
			seed = json_null();
		if (json_array_append_new(list, seed)) {
			json_decref(list);
			return NULL;
		}
	}
	return list;
}

/*
 * [{...}, {...}]: each input's "calibration" (an object, or a merged
 * directory's array), so that every boot keeps its own; an empty array
 * when no input has one (older runs); NULL when out of memory.
 */
static json_t *calibration_list(const struct boot_input *in, size_t n)
{
	json_t *list = json_array(), *v;
	size_t d;
	int bad = !list;

	for (d = 0; d < n && !bad; d++) {
		v = json_object_get(in[d].meta, "calibration");
		if (json_is_object(v))
			bad = json_array_append(list, v);
		else if (json_is_array(v))
			bad = json_array_extend(list, v);
	}
	if (bad) {
		json_decref(list);
		return NULL;
	}
	return list;
}

/* OUT/meta.json: the first boot's, told it is a merge of them all. */
static json_t *merged_meta(const struct boot_input *in, size_t n)
{
	json_t *meta = json_deep_copy(in[0].meta), *calibrations;
	size_t d, boots = 0;
	bool complete = true;
	int bad = !meta;

	for (d = 0; d < n; d++) {
		boots += in[d].nboots;
		complete &= json_is_true(json_object_get(in[d].meta, "complete"));
	}
	json_object_del(meta, "boot");	/* one boot's */
	bad |= json_object_set_new(meta, "complete", json_boolean(complete));
	bad |= json_object_set_new(meta, "boots", json_integer((json_int_t)boots));
	bad |= json_object_set_new(meta, "boot_ids", boot_ids(in, n));
	bad |= json_object_set_new(meta, "boot_seeds", boot_seeds(in, n));
	calibrations = calibration_list(in, n);
	if (json_array_size(calibrations))
		bad |= json_object_set_new(meta, "calibration", calibrations);
	else if (!calibrations)
		bad = 1;
	else
		json_decref(calibrations);
	if (bad) {
		json_decref(meta);
		return NULL;
	}
	return meta;
}

static enum merge_result write_meta(const char *out,
				    const struct boot_input *in, size_t n,
				    char *err, size_t errlen)
{
	char path[4096];
	json_t *meta = merged_meta(in, n);

	if (!meta) {
		snprintf(err, errlen, "writing %s/meta.json: out of memory", out);
		return MERGE_FAILED;
	}
	if (path_join(path, sizeof(path), out, "meta.json") ||
	    meta_object_write(path, meta)) {
		snprintf(err, errlen, "writing %s/meta.json: %s", out,
			 strerror(errno));
		json_decref(meta);
		return MERGE_FAILED;
	}
	json_decref(meta);
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
		{ "insns-windows.txt", "insns-windows", ".txt" },
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
