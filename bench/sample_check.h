/*
 * What a samples.csv read from elsewhere must satisfy before anything uses
 * it: names in the alphabet pinbench writes (they end up in file names,
 * reports and gnuplot strings), a known status, pages * page size ==
 * size_bytes, and no (config, iteration, boot) twice.
 */
#ifndef PINBENCH_SAMPLE_CHECK_H
#define PINBENCH_SAMPLE_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "samples_csv.h"

/*
 * run_id, kernel, accel: letters, digits, . _ + - ~, not first . _ + - ~
 * (scripts/plots.sh's name_re_plain)
 */
bool sample_plain_name_ok(const char *s);

/* Does a row of table name this strategy (a --baseline)? */
bool samples_have_strategy(const struct sample_table *table,
			   const char *strategy);
/* Has a measured ("ok") row of strategy: more than its name in the file. */
bool samples_measured_strategy(const struct sample_table *table,
			       const char *strategy);

/*
 * Is value what pinbench writes in column ("kernel", "composition",
 * ...)? Also for the same names elsewhere (meta.json's); a column not
 * checked here says false.
 */
bool sample_name_ok(const char *column, const char *value);

/* Without meta.json (or its page_size) next to samples_path: 4096. */
uint64_t samples_page_size(const char *samples_path);

/*
 * 0, or -1 with "path:line: ..." in err. lines[i] is the line row i
 * started on.
 */
int samples_check_table(const struct sample_table *table,
			const unsigned long *lines, const char *path,
			char *err, size_t errlen);

#endif
