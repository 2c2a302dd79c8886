/*
 * fio's JSON output (--output-format=json or json+) read as untrusted
 * input: each job becomes a row of what it ran (engine, fixedbufs, buffer
 * kind, block size, rw, target) and what it measured (IOPS, bandwidth,
 * completion latency p50/p99, CPU). What it ran is read from the options
 * fio echoes back ("global options", then the job's "job options"), so a
 * row says what fio did, not what a file name claims.
 */
#ifndef PINBENCH_FIO_RESULT_H
#define PINBENCH_FIO_RESULT_H

#include <stddef.h>
#include <stdint.h>

/* a job name: [A-Za-z0-9._+-], 1 to FIO_NAME_MAX - 1 characters */
#define FIO_NAME_MAX	96

struct fio_row {
	char name[FIO_NAME_MAX];	/* the job's name (fio's "jobname") */
	const char *target;	/* "nullb", "ext4": the job's description */
	const char *engine;	/* "psync", "libaio", "io_uring" */
	int fixedbufs;		/* io_uring registered buffers: 0 or 1 */
	const char *buffer;	/* "malloc" (4K pages), "shmhuge", "mmaphuge" */
	uint64_t bs;		/* block size, bytes */
	const char *rw;		/* "read", "randread", "write", "randwrite" */
	double iops;
	uint64_t bw_bytes;	/* bytes per second */
	uint64_t clat_p50_ns, clat_p99_ns;
	double usr_cpu, sys_cpu;	/* % of a CPU */
};

/* The names a row's words may take, in the order fio.csv sorts them. */
extern const char *const fio_targets[];
extern const char *const fio_engines[];
extern const char *const fio_buffers[];
extern const char *const fio_rws[];

/*
 * The jobs of one fio JSON output text[0..len) appended to *rows (grown
 * with realloc; *nrows counts them). 0, or -1 with why in err and *rows,
 * *nrows as they were: a job that failed (error != 0), ran no IO, lacks a
 * field, or holds a value out of range or not in the tables above, and
 * any job that is not direct=1, is refused.
 */
int fio_result_parse(const char *text, size_t len, struct fio_row **rows,
		     size_t *nrows, char *err, size_t errlen);

/* index of s in a NULL-terminated table, or -1 */
int fio_word_index(const char *const *table, const char *s);

#endif
