#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fio_result.h"
#include "json.h"

const char *const fio_targets[] = { "nullb", "ext4", NULL };
const char *const fio_engines[] = { "psync", "libaio", "io_uring", NULL };
const char *const fio_buffers[] = { "malloc", "shmhuge", "mmaphuge", NULL };
const char *const fio_rws[] = { "read", "randread", "write", "randwrite",
				NULL };

/* Bounds far above anything real: a value beyond one is not a result. */
#define FIO_JOBS_MAX		4096
#define FIO_IOPS_MAX		1e10
#define FIO_BW_MAX		(1ULL << 44)	/* 16 TiB/s */
#define FIO_CLAT_MAX_NS		(1ULL << 44)	/* 4.9 hours */
#define FIO_CPU_MAX		1e5		/* % of one CPU */
#define FIO_BS_MIN		512
#define FIO_BS_MAX		(1ULL << 30)

int fio_word_index(const char *const *table, const char *s)
{
	int i;

	for (i = 0; table[i]; i++)
		if (!strcmp(table[i], s))
			return i;
	return -1;
}

struct fio_ctx {
	const json_t *global;	/* "global options", or NULL */
	const json_t *job;	/* the job's "job options", or NULL */
	size_t index;		/* of the job in "jobs" */
	char *err;
	size_t errlen;
};

static int refuse(struct fio_ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int refuse(struct fio_ctx *c, const char *fmt, ...)
{
	char why[384];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	snprintf(c->err, c->errlen, "fio job %zu: %s", c->index + 1, why);
	return -1;
}

static bool name_ok(const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0 || n >= FIO_NAME_MAX)
		return false;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr("._+-", s[i]))
			return false;
	return true;
}

/*
 * An option as fio echoes it: the job's own, else the global one; *value
 * NULL when neither sets it. -1 when it is there but no string.
 */
static int option(struct fio_ctx *c, const char *key, const char **value)
{
	const json_t *v = c->job ? json_object_get(c->job, key) : NULL;

	if (!v && c->global)
		v = json_object_get(c->global, key);
	*value = NULL;
	if (!v)
		return 0;
	if (!json_is_string(v))
		return refuse(c, "option %s is not a string", key);
	*value = json_string_value(v);
	return 0;
}

/* A required option whose value must be a word of table. */
static int option_word(struct fio_ctx *c, const char *key,
		       const char *const *table, const char **out)
{
	const char *v;
	int i;

	if (option(c, key, &v))
		return -1;
	if (!v)
		return refuse(c, "no option %s", key);
	i = fio_word_index(table, v);
	if (i < 0)
		return refuse(c, "option %s: \"%.40s\" is not one of the words pinbench's fio jobs use",
			      key, v);
	*out = table[i];
	return 0;
}

/* fio's size syntax as the job files write it: 4k, 64K, 1m, 4096, 2MiB. */
static int parse_bs(const char *s, uint64_t *out)
{
	unsigned long long n, mult = 1;
	char *end;

	if (!isdigit((unsigned char)s[0]))
		return -1;
	errno = 0;
	n = strtoull(s, &end, 10);
	if (errno || n == 0)
		return -1;
	switch (tolower((unsigned char)*end)) {
	case 'k': mult = 1ULL << 10; end++; break;
	case 'm': mult = 1ULL << 20; end++; break;
	case 'g': mult = 1ULL << 30; end++; break;
	}
	if (mult > 1 && (*end == 'i' || *end == 'I'))
		end++;
	if (*end == 'b' || *end == 'B')
		end++;
	if (*end || n > FIO_BS_MAX / mult)
		return -1;
	*out = n * mult;
	return 0;
}

static int buffer_kind(struct fio_ctx *c, const char **out)
{
	const char *v;
	char kind[16];
	size_t n;
	int i;

	/* iomem= is echoed as "mem"; fio's default is malloc */
	if (option(c, "mem", &v))
		return -1;
	if (!v && option(c, "iomem", &v))
		return -1;
	if (!v) {
		*out = fio_buffers[0];
		return 0;
	}
	/* mmaphuge:/hugetlbfs/file names a backing file */
	n = strcspn(v, ":");
	i = -1;
	if (n < sizeof(kind)) {
		memcpy(kind, v, n);
		kind[n] = '\0';
		i = fio_word_index(fio_buffers, kind);
	}
	if (i < 0 || (v[n] && strcmp(kind, "mmaphuge")))
		return refuse(c, "option mem: \"%.40s\" is not malloc, shmhuge or mmaphuge", v);
	*out = fio_buffers[i];
	return 0;
}

static int fixedbufs(struct fio_ctx *c, const char *engine, int *out)
{
	const char *v;

	if (option(c, "fixedbufs", &v))
		return -1;
	/* a flag: "fixedbufs" alone is echoed as "" */
	if (!v || !strcmp(v, "0"))
		*out = 0;
	else if (!strcmp(v, "") || !strcmp(v, "1"))
		*out = 1;
	else
		return refuse(c, "option fixedbufs: \"%.40s\" is not 0 or 1", v);
	if (*out && strcmp(engine, "io_uring"))
		return refuse(c, "fixedbufs=1 with engine %s (io_uring's option)", engine);
	return 0;
}

/* A JSON number in [lo, hi] (integers too): -1 if absent or not one. */
static int number(struct fio_ctx *c, const json_t *o, const char *key,
		  double lo, double hi, double *out)
{
	const json_t *v = json_object_get(o, key);
	double d;

	if (!v)
		return refuse(c, "no %s", key);
	if (!json_is_number(v))
		return refuse(c, "%s is not a number", key);
	d = json_number_value(v);
	if (!isfinite(d) || d < lo || d > hi)
		return refuse(c, "%s = %g is out of range [%g, %g]", key, d,
			      lo, hi);
	*out = d;
	return 0;
}

/* A JSON integer in [lo, hi]. */
static int integer(struct fio_ctx *c, const json_t *o, const char *key,
		   unsigned long long lo, unsigned long long hi, uint64_t *out)
{
	const json_t *v = json_object_get(o, key);
	json_int_t i;

	if (!v)
		return refuse(c, "no %s", key);
	if (!json_is_integer(v))
		return refuse(c, "%s is not an integer", key);
	i = json_integer_value(v);
	if (i < 0 || (unsigned long long)i < lo ||
	    (unsigned long long)i > hi)
		return refuse(c, "%s = %lld is out of range [%llu, %llu]", key,
			      (long long)i, lo, hi);
	*out = (uint64_t)i;
	return 0;
}

/* The direction's IOPS, bandwidth and completion latency percentiles. */
static int measured(struct fio_ctx *c, const json_t *dir, const char *name,
		    struct fio_row *row)
{
	const json_t *clat, *pct;
	uint64_t ios;

	if (!json_is_object(dir))
		return refuse(c, "no %s statistics object", name);
	if (integer(c, dir, "total_ios", 0, UINT64_MAX >> 1, &ios))
		return -1;
	if (ios == 0)
		return refuse(c, "ran no %s IO (total_ios 0)", name);
	if (number(c, dir, "iops", 0, FIO_IOPS_MAX, &row->iops) ||
	    integer(c, dir, "bw_bytes", 1, FIO_BW_MAX, &row->bw_bytes))
		return -1;
	if (row->iops <= 0)
		return refuse(c, "%s iops is 0", name);
	clat = json_object_get(dir, "clat_ns");
	if (!json_is_object(clat))
		return refuse(c, "no %s clat_ns object", name);
	pct = json_object_get(clat, "percentile");
	if (!json_is_object(pct))
		return refuse(c, "no %s clat_ns percentile object (fio run with clat_percentiles=0?)",
			      name);
	if (integer(c, pct, "50.000000", 0, FIO_CLAT_MAX_NS, &row->clat_p50_ns) ||
	    integer(c, pct, "99.000000", 0, FIO_CLAT_MAX_NS, &row->clat_p99_ns))
		return -1;
	if (row->clat_p50_ns > row->clat_p99_ns)
		return refuse(c, "clat p50 %llu ns above p99 %llu ns",
			      (unsigned long long)row->clat_p50_ns,
			      (unsigned long long)row->clat_p99_ns);
	return 0;
}

static int parse_job(struct fio_ctx *c, const json_t *job,
		     struct fio_row *row)
{
	const json_t *name = json_object_get(job, "jobname");
	const char *direct, *bs, *dir;
	uint64_t error;

	memset(row, 0, sizeof(*row));
	if (!json_is_object(job))
		return refuse(c, "not an object");
	c->job = json_object_get(job, "job options");
	if (c->job && !json_is_object(c->job))
		return refuse(c, "job options is not an object");
	if (!json_is_string(name))
		return refuse(c, "no jobname string");
	if (!name_ok(json_string_value(name)))
		return refuse(c, "jobname \"%.40s\" is not 1 to %d characters of [A-Za-z0-9._+-]",
			      json_string_value(name), FIO_NAME_MAX - 1);
	strcpy(row->name, json_string_value(name));
	if (integer(c, job, "error", 0, UINT64_MAX >> 1, &error))
		return -1;
	if (error)
		return refuse(c, "%s: fio says error %llu", row->name,
			      (unsigned long long)error);
	if (option(c, "direct", &direct))
		return -1;
	if (!direct || strcmp(direct, "1"))
		return refuse(c, "%s: not direct=1 (buffered IO pins nothing)",
			      row->name);
	if (option_word(c, "description", fio_targets, &row->target) ||
	    option_word(c, "ioengine", fio_engines, &row->engine) ||
	    option_word(c, "rw", fio_rws, &row->rw) ||
	    fixedbufs(c, row->engine, &row->fixedbufs) ||
	    buffer_kind(c, &row->buffer) || option(c, "bs", &bs))
		return -1;
	if (!bs || parse_bs(bs, &row->bs))
		return refuse(c, "%s: option bs \"%.40s\" is not one size of %d to %llu bytes",
			      row->name, bs ? bs : "", FIO_BS_MIN,
			      (unsigned long long)FIO_BS_MAX);
	if (row->bs < FIO_BS_MIN)
		return refuse(c, "%s: bs %llu below %d bytes", row->name,
			      (unsigned long long)row->bs, FIO_BS_MIN);
	dir = strstr(row->rw, "read") ? "read" : "write";
	if (measured(c, json_object_get(job, dir), dir, row) ||
	    number(c, job, "usr_cpu", 0, FIO_CPU_MAX, &row->usr_cpu) ||
	    number(c, job, "sys_cpu", 0, FIO_CPU_MAX, &row->sys_cpu))
		return -1;
	return 0;
}

int fio_result_parse(const char *text, size_t len, struct fio_row **rows,
		     size_t *nrows, char *err, size_t errlen)
{
	struct fio_ctx c = { .err = err, .errlen = errlen };
	const json_t *jobs, *job;
	struct fio_row *grown;
	char why[256];
	json_t *root;
	size_t n;
	int status = -1;

	root = json_object_parse(text, len, why, sizeof(why));
	if (!root) {
		snprintf(err, errlen, "not fio JSON output: %s", why);
		return -1;
	}
	c.global = json_object_get(root, "global options");
	jobs = json_object_get(root, "jobs");
	n = json_array_size(jobs);
	if (c.global && !json_is_object(c.global)) {
		snprintf(err, errlen, "\"global options\" is not an object");
	} else if (!json_is_array(jobs) || n == 0 || n > FIO_JOBS_MAX) {
		snprintf(err, errlen, "no \"jobs\" array of 1 to %d jobs",
			 FIO_JOBS_MAX);
	} else if (*nrows > FIO_JOBS_MAX * 64 ||
		   !(grown = realloc(*rows, (*nrows + n) * sizeof(**rows)))) {
		snprintf(err, errlen, "out of memory for %zu more rows", n);
	} else {
		*rows = grown;
		for (c.index = 0; c.index < n; c.index++) {
			job = json_array_get(jobs, c.index);
			if (parse_job(&c, job, &grown[*nrows + c.index]))
				break;
		}
		if (c.index == n) {
			*nrows += n;
			status = 0;
		}
	}
	json_decref(root);
	return status;
}
