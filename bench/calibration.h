/*
 * A boot's speed as calibrate.c measures it, at the start, middle and end
 * of a sweep, kept in meta.json ("calibration"; merge: one per boot) and
 * read back for the report and the calibrated columns of summary.csv.
 */
#ifndef PINBENCH_CALIBRATION_H
#define PINBENCH_CALIBRATION_H

#include <stdbool.h>
#include <stddef.h>

#include "json.h"

/* A boot off the run's median, or drifting within itself, by more. */
#define CALIBRATION_LIMIT 0.10

struct calibration {
	unsigned int boot;
	double start_ns, middle_ns, end_ns;	/* ns/iteration; NaN: not taken */
};

/* The median of the points taken; NaN when none. */
double calibration_median(const struct calibration *c);

/* (max - min) / min of the points taken; NaN when fewer than 2. */
double calibration_drift(const struct calibration *c);

/*
 * {"boot_id": 1, "start_ns": 2.5, ..., "drift": 0.01} for meta.json, to
 * 4 decimals, null for a point not taken; NULL when out of memory.
 */
json_t *calibration_json(const struct calibration *c);

struct run_calibration {
	struct calibration *boots;	/* as meta.json lists them */
	size_t n;
	double median_ns;		/* of the boots' medians; NaN: none */
};

/*
 * meta's "calibration" (meta: NULL for none): an object (one boot) or an
 * array of them (merge). n = 0 when absent (older runs); -1 only when out
 * of memory.
 */
int run_calibration_read(const json_t *meta, struct run_calibration *rc);
/* The same from dir/meta.json; none when it is absent or no JSON. */
int run_calibration_load(const char *dir, struct run_calibration *rc);
void run_calibration_free(struct run_calibration *rc);

/* The boot's median, NaN when that boot has none. */
double run_calibration_of_boot(const struct run_calibration *rc,
			       unsigned int boot);

/* |boot median - run median| / run median: > CALIBRATION_LIMIT is flagged. */
double run_calibration_offset(const struct run_calibration *rc, size_t i);

#endif
