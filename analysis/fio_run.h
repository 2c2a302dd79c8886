/*
 * The fio jobs of one run directory, loaded and sorted (fio_summary.c),
 * as the writers of fio.csv, fio-iops.dat and fio-report.txt see them.
 */
#ifndef PINBENCH_FIO_RUN_H
#define PINBENCH_FIO_RUN_H

#include <stdbool.h>
#include <stdio.h>

#include "fio_result.h"
#include "fio_summary.h"

struct fio_job {
	struct fio_row row;
	double pin_share, unpin_share;	/* NaN without a share provider */
};

struct fio_run {
	char kernel[128];	/* DIR/fio/meta.json's */
	char accel[32];
	bool emulated;		/* accel tcg */
	struct fio_job *jobs;	/* sorted: target, rw, bs, engine,
				 * fixedbufs, buffer */
	size_t njobs;
	const struct fio_share_provider *shares;	/* or NULL */
};

/* "4K", "64K", "1M": a block size as the figure and report name it */
void fio_bs_label(unsigned long long bs, char *out, size_t outlen);

/* the figure's case of a job ("nullb/randread/4K") and its variant
 * ("io_uring+fixedbufs/shmhuge") */
void fio_case_label(const struct fio_row *r, char *out, size_t outlen);
void fio_variant_label(const struct fio_row *r, char *out, size_t outlen);

/* atomic_writer_fn's (atomic_file.h), ctx a struct fio_run */
int fio_write_csv(FILE *f, void *run);
int fio_write_iops_dat(FILE *f, void *run);
/* pin + unpin share per job, percent, laid out as fio-iops.dat */
int fio_write_shares_dat(FILE *f, void *run);
int fio_write_report(FILE *f, void *run);

#endif
