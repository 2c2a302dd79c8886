/*
 * The report's boot-speed part: each boot's calibration (calibration.h),
 * the boots it flags, and per config the between-boot CV of the median
 * raw and calibrated, so that a replication run says whether the boots'
 * speed explains their spread.
 */
#ifndef PINBENCH_REPORT_CALIBRATION_H
#define PINBENCH_REPORT_CALIBRATION_H

#include <stdbool.h>
#include <stdio.h>

#include "run_dir.h"

/* "WARNING: ..." lines of the flagged boots, for the top; 0 or -1. */
int report_calibration_warnings(FILE *f, const struct run_dir *rd,
				bool markdown);

/* The sections, text or markdown; nothing for a run without either. */
int report_calibration_sections(FILE *f, const struct run_dir *rd,
				bool markdown);

#endif
