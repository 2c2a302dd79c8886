/*
 * fio's JSON output as fio-summarize reads it (analysis/fio_result.c):
 * refused with a reason, or every row's name plain, its words from the
 * tables, its numbers finite and in range.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fio_result.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int in_table(const char *const *table, const char *s)
{
	return s && fio_word_index(table, s) >= 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fio_row *rows = NULL;
	char err[512] = "";
	size_t n = 0, i, k;

	if (fio_result_parse((const char *)data, size, &rows, &n, err,
			     sizeof(err))) {
		FUZZ_ASSERT(n == 0 && err[0]);
		free(rows);
		return 0;
	}
	FUZZ_ASSERT(n > 0);
	for (i = 0; i < n; i++) {
		const struct fio_row *r = &rows[i];

		FUZZ_ASSERT(r->name[0] && strlen(r->name) < FIO_NAME_MAX);
		for (k = 0; r->name[k]; k++)
			FUZZ_ASSERT(isalnum((unsigned char)r->name[k]) ||
				    strchr("._+-", r->name[k]));
		FUZZ_ASSERT(in_table(fio_targets, r->target) &&
			    in_table(fio_engines, r->engine) &&
			    in_table(fio_buffers, r->buffer) &&
			    in_table(fio_rws, r->rw));
		FUZZ_ASSERT(r->fixedbufs == 0 || r->fixedbufs == 1);
		FUZZ_ASSERT(r->bs >= 512 && isfinite(r->iops) && r->iops > 0);
		FUZZ_ASSERT(isfinite(r->usr_cpu) && isfinite(r->sys_cpu));
		FUZZ_ASSERT(r->clat_p50_ns <= r->clat_p99_ns);
	}
	free(rows);
	return 0;
}
