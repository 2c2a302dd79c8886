/*
 * pinbench fio-summarize DIR: the fio jobs of a run directory
 * (DIR/fio/<job>.json, one job each, written by scripts/guest/fio.sh) into
 *   DIR/fio.csv         a row per job: what it ran and what it measured
 *   DIR/fio-iops.dat    the figure's data: IOPS, a row per case (target,
 *                       rw, bs), a column per variant (engine, fixedbufs,
 *                       buffer); plots/fio.gp draws it
 *   DIR/fio-report.txt  the report section: the jobs and their IOPS, with
 *                       the EMULATED label under TCG
 * written as a set: all of them or none.
 */
#ifndef PINBENCH_FIO_SUMMARY_H
#define PINBENCH_FIO_SUMMARY_H

#include <stddef.h>

/*
 * What share of a job's CPU samples are in the pin and in the unpin paths,
 * from its perf profile DIR/fio/<job>.perf.txt (`perf report --stdio
 * --no-children --sort symbol -g none --percent-limit 0`). With a
 * provider fio.csv gains the columns pin_share and unpin_share (0 to 1)
 * and the report a column each; without one (NULL) they are left out.
 */
struct fio_share_provider {
	/* the symbol list, for the report: "gup_*, *pin_user_pages*, ..." */
	const char *symbols;
	/* 0 with *pin, *unpin in [0, 1]; -1 with why in err */
	int (*shares)(const char *perf_txt, double *pin, double *unpin,
		      char *err, size_t errlen);
};

/* 0, or -1 with why in err and no file of the set changed. */
int fio_summarize_dir(const char *dir, const struct fio_share_provider *shares,
		      char *err, size_t errlen);

#endif
