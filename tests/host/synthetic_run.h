/* Run directories with chosen ns/page samples, for compare and report. */
#ifndef PINBENCH_SYNTHETIC_RUN_H
#define PINBENCH_SYNTHETIC_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct synthetic_config {
	const char *composition;
	uint64_t size_bytes;		/* pages = size / 4096 */
	const char *pin_method;
	const char *strategy;
	bool write;
	const double *ns_per_page;	/* NULL: an "unsupported" row */
	size_t n;
	bool mix_off;			/* mix_ok = 0 on every row */
};

struct synthetic_run {
	const char *run_id;
	const char *kernel;
	const char *accel;		/* "tcg": emulated */
	const struct synthetic_config *configs;
	size_t nconfigs;
	bool cut_short;			/* meta.json "complete": false */
};

/*
 * dir/samples.csv (through samples_csv_write_row) and dir/meta.json;
 * 0 or -1.
 */
int synthetic_run_write(const char *dir, const struct synthetic_run *run);

/*
 * The same with the boot column: boots[c][i] is the boot of sample i of
 * config c (boots NULL, or boots[c] NULL: boot 0).
 */
int synthetic_run_write_boots(const char *dir, const struct synthetic_run *run,
			      const unsigned int *const *boots);

#define NR(array) (sizeof(array) / sizeof((array)[0]))

#endif
