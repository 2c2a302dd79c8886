/*
 * pinbench merge OUT_DIR BOOT_DIR...: the run directories of one kernel's
 * boots (sweep --boot 1, --boot 2, ...) joined into one, so that summary,
 * report and compare see the boots as the replicates they are.
 */
#ifndef PINBENCH_MERGE_H
#define PINBENCH_MERGE_H

#include <stddef.h>

enum merge_result {
	MERGE_OK,
	MERGE_REFUSED,		/* the inputs do not belong together */
	MERGE_FAILED,		/* reading or writing failed */
};

/*
 * OUT/samples.csv: every BOOT_DIR's rows under one header (same header,
 * kernel and accel everywhere, each boot number in one directory only);
 * OUT/meta.json: the first's, with "boots", "boot_ids", "boot_seeds" and
 * "complete" of them all; each directory's console.log and output.log as
 * console-boot<b>.log, output-boot<b>.log; then summary.csv and ministat/.
 * The message in err says what and where.
 */
enum merge_result merge_boots(const char *out, const char *const *dirs,
			      size_t ndirs, char *err, size_t errlen);

#endif
