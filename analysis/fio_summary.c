/*
 * Loading DIR/fio/: meta.json (kernel, accel) and each <job>.json, one
 * fio job whose name is the file's; then the set fio.csv, fio-iops.dat,
 * fio-report.txt written whole or not at all.
 */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"
#include "csv.h"
#include "fio_run.h"
#include "json.h"
#include "paths.h"
#include "sample_check.h"

#define FIO_FILES_MAX	4096

static int load_meta(const char *dir, struct fio_run *run, char *err,
		     size_t errlen)
{
	char path[4096];
	json_t *meta;
	int bad;

	snprintf(path, sizeof(path), "%s/fio/meta.json", dir);
	meta = json_object_load(path);
	if (!meta) {
		snprintf(err, errlen, "%s: %s (scripts/guest/fio.sh writes it)",
			 path, errno ? read_error_text(errno) : "no JSON object");
		return -1;
	}
	bad = json_copy_string(meta, "kernel", run->kernel, sizeof(run->kernel)) ||
	      json_copy_string(meta, "accel", run->accel, sizeof(run->accel)) ||
	      !sample_plain_name_ok(run->kernel) ||
	      !sample_plain_name_ok(run->accel);
	json_decref(meta);
	if (bad) {
		snprintf(err, errlen, "%s: want \"kernel\" and \"accel\", names of [A-Za-z0-9._+~-], not starting with . _ + ~ -",
			 path);
		return -1;
	}
	run->emulated = !strcmp(run->accel, "tcg");
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The job files' stems, sorted; -1 with err. */
static int list_jobs(const char *fiodir, char ***names, size_t *n, char *err,
		     size_t errlen)
{
	struct dirent *de;
	char **list = NULL, **grown;
	size_t count = 0, len;
	DIR *d = opendir(fiodir);

	if (!d) {
		snprintf(err, errlen, "%s: %s", fiodir, strerror(errno));
		return -1;
	}
	while ((de = readdir(d))) {
		len = strlen(de->d_name);
		if (len <= 5 || strcmp(de->d_name + len - 5, ".json") ||
		    !strcmp(de->d_name, "meta.json"))
			continue;
		if (len - 5 >= FIO_NAME_MAX) {
			snprintf(err, errlen, "%s: %.40s...: a name longer than a job's",
				 fiodir, de->d_name);
			break;
		}
		grown = count < FIO_FILES_MAX ?
			realloc(list, (count + 1) * sizeof(*list)) : NULL;
		if (!grown || !(grown[count] = strndup(de->d_name, len - 5))) {
			snprintf(err, errlen, "%s: more than %d job files, or out of memory",
				 fiodir, FIO_FILES_MAX);
			list = grown ? grown : list;
			break;
		}
		list = grown;
		count++;
	}
	closedir(d);
	*names = list;
	*n = count;
	if (de)
		return -1;
	if (!count) {
		snprintf(err, errlen, "%s: no fio job output (<job>.json)", fiodir);
		return -1;
	}
	qsort(list, count, sizeof(*list), by_name);
	return 0;
}

static int load_job(const char *fiodir, const char *stem, struct fio_run *run,
		    struct fio_row **rows, size_t *nrows, char *err,
		    size_t errlen)
{
	char path[4096], name[FIO_NAME_MAX + 16], why[512];
	struct fio_job *grown;
	struct fio_job *job;
	size_t n = *nrows, len;
	char *text;
	int status;

	snprintf(name, sizeof(name), "%s.json", stem);
	if (path_join(path, sizeof(path), fiodir, name)) {
		snprintf(err, errlen, "%s/%s: path too long", fiodir, name);
		return -1;
	}
	text = read_whole_file(path, &len);
	if (!text) {
		snprintf(err, errlen, "%s: %s", path, read_error_text(errno));
		return -1;
	}
	status = fio_result_parse(text, len, rows, nrows, why, sizeof(why));
	free(text);
	if (status) {
		snprintf(err, errlen, "%s: %s", path, why);
		return -1;
	}
	/* one job a file, named as the file: its perf.txt is <name>.perf.txt */
	if (*nrows != n + 1 || strcmp((*rows)[n].name, stem)) {
		snprintf(err, errlen, "%s: want one job named \"%s\" (the file's name), found %zu jobs, the first \"%s\"",
			 path, stem, *nrows - n, (*rows)[n].name);
		return -1;
	}
	grown = realloc(run->jobs, (run->njobs + 1) * sizeof(*run->jobs));
	if (!grown) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	run->jobs = grown;
	job = &run->jobs[run->njobs++];
	job->row = (*rows)[n];
	job->pin_share = job->unpin_share = NAN;
	if (!run->shares)
		return 0;
	snprintf(name, sizeof(name), "%s.perf.txt", stem);
	if (path_join(path, sizeof(path), fiodir, name)) {
		snprintf(err, errlen, "%s/%s: path too long", fiodir, name);
		return -1;
	}
	if (run->shares->shares(path, &job->pin_share, &job->unpin_share, why,
				sizeof(why))) {
		snprintf(err, errlen, "%s: %s", path, why);
		return -1;
	}
	return 0;
}

static int compare_jobs(const void *a, const void *b)
{
	const struct fio_row *x = &((const struct fio_job *)a)->row;
	const struct fio_row *y = &((const struct fio_job *)b)->row;
	int d;

	if ((d = fio_word_index(fio_targets, x->target) -
		 fio_word_index(fio_targets, y->target)))
		return d;
	if ((d = fio_word_index(fio_rws, x->rw) - fio_word_index(fio_rws, y->rw)))
		return d;
	if (x->bs != y->bs)
		return x->bs < y->bs ? -1 : 1;
	if ((d = fio_word_index(fio_engines, x->engine) -
		 fio_word_index(fio_engines, y->engine)))
		return d;
	if ((d = x->fixedbufs - y->fixedbufs))
		return d;
	if ((d = fio_word_index(fio_buffers, x->buffer) -
		 fio_word_index(fio_buffers, y->buffer)))
		return d;
	return strcmp(x->name, y->name);
}

/* Two jobs of the same case and variant: which would the figure show? */
static int check_unique(const struct fio_run *run, char *err, size_t errlen)
{
	const struct fio_job *a, *b;
	size_t i;

	for (i = 1; i < run->njobs; i++) {
		a = &run->jobs[i - 1];
		b = &run->jobs[i];
		if (!strcmp(a->row.target, b->row.target) &&
		    !strcmp(a->row.rw, b->row.rw) && a->row.bs == b->row.bs &&
		    !strcmp(a->row.engine, b->row.engine) &&
		    a->row.fixedbufs == b->row.fixedbufs &&
		    !strcmp(a->row.buffer, b->row.buffer)) {
			snprintf(err, errlen, "jobs %s and %s ran the same case: one of them is left over",
				 a->row.name, b->row.name);
			return -1;
		}
	}
	return 0;
}

static const struct atomic_dir_file outputs[] = {
	{ "fio.csv", fio_write_csv },
	{ "fio-iops.dat", fio_write_iops_dat },
	{ "fio-shares.dat", fio_write_shares_dat },
	{ "fio-report.txt", fio_write_report },
};

int fio_summarize_dir(const char *dir, const struct fio_share_provider *shares,
		      char *err, size_t errlen)
{
	struct fio_run run = { .shares = shares };
	struct fio_row *rows = NULL;
	char fiodir[4096], **names = NULL;
	size_t nrows = 0, nnames = 0, i;
	int status = -1;

	snprintf(fiodir, sizeof(fiodir), "%s/fio", dir);
	if (load_meta(dir, &run, err, errlen) ||
	    list_jobs(fiodir, &names, &nnames, err, errlen))
		goto out;
	for (i = 0; i < nnames; i++)
		if (load_job(fiodir, names[i], &run, &rows, &nrows, err, errlen))
			goto out;
	qsort(run.jobs, run.njobs, sizeof(*run.jobs), compare_jobs);
	if (check_unique(&run, err, errlen))
		goto out;
	if (atomic_dir_write(dir, outputs, sizeof(outputs) / sizeof(outputs[0]),
			     NULL, &run, err, errlen))
		goto out;
	status = 0;
out:
	for (i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	free(rows);
	free(run.jobs);
	return status;
}
