/*
 * samples.csv as summarize, compare, report and merge read it
 * (samples_csv_read), plus:
 *  - the record splitter (csv_next_record) on a buffer of exactly the
 *    input's size, so AddressSanitizer sees any read past the end
 *    (read_whole_file's buffer is at least 64 KiB);
 *  - a round trip: every table read back is written out with
 *    samples_csv_write_header/row (as merge does) and must read again,
 *    with the same rows.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "fuzz_util.h"
#include "samples_csv.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_init_files("samples");
	return 0;
}

static void split_records(const uint8_t *data, size_t size)
{
	char *text = fuzz_cstring(data, size), *fields[32];
	struct csv_reader r;
	size_t n, i;
	unsigned long last = 0;
	int ret;

	csv_reader_init(&r, text, size);
	while ((ret = csv_next_record(&r, fields, 32, &n)) > 0) {
		FUZZ_ASSERT(n >= 1 && n <= 32);
		FUZZ_ASSERT(r.line > last);
		last = r.line;
		for (i = 0; i < n; i++)
			FUZZ_ASSERT(fields[i] >= text &&
				    fields[i] + strlen(fields[i]) <= text + size);
		FUZZ_ASSERT(r.pos >= text && r.pos <= text + size);
	}
	free(text);
}

static int same(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}

/* A note keeps its text unless it has what write_note replaces. */
static int note_survives(const char *note)
{
	return !strpbrk(note ? note : "", ",\n\r\"");
}

static void round_trip(const struct sample_table *in)
{
	struct sample_table back;
	char err[512];
	size_t i;
	FILE *f = fopen(fuzz_paths[1], "w");

	FUZZ_ASSERT(f);
	FUZZ_ASSERT(samples_csv_write_header(f) == 0);
	for (i = 0; i < in->count; i++)
		FUZZ_ASSERT(samples_csv_write_row(f, &in->rows[i]) == 0);
	FUZZ_ASSERT(fclose(f) == 0);

	if (samples_csv_read(fuzz_paths[1], &back, err, sizeof(err))) {
		fprintf(fuzz_real_stderr, "round trip: %s\n", err);
		abort();
	}
	FUZZ_ASSERT(back.count == in->count);
	for (i = 0; i < in->count; i++) {
		const struct sample_row *a = &in->rows[i], *b = &back.rows[i];

		FUZZ_ASSERT(same(a->run_id, b->run_id));
		FUZZ_ASSERT(same(a->kernel, b->kernel));
		FUZZ_ASSERT(same(a->accel, b->accel));
		FUZZ_ASSERT(a->emulated == b->emulated);
		FUZZ_ASSERT(same(a->composition, b->composition));
		FUZZ_ASSERT(a->size_bytes == b->size_bytes);
		FUZZ_ASSERT(a->pages == b->pages);
		FUZZ_ASSERT(same(a->pin_method, b->pin_method));
		FUZZ_ASSERT(same(a->strategy, b->strategy));
		FUZZ_ASSERT(a->write == b->write);
		FUZZ_ASSERT(same(a->status, b->status));
		FUZZ_ASSERT(isnan(a->req_huge_pct) == isnan(b->req_huge_pct));
		FUZZ_ASSERT(same(a->req_mix, b->req_mix));
		FUZZ_ASSERT(!note_survives(a->note) || same(a->note, b->note));
		FUZZ_ASSERT(a->boot == b->boot);
		FUZZ_ASSERT(sample_is_measured(a) == sample_is_measured(b));
		if (sample_is_measured(a)) {
			FUZZ_ASSERT(a->iteration == b->iteration);
			FUZZ_ASSERT(a->pin_ns == b->pin_ns);
			FUZZ_ASSERT(a->release_ns == b->release_ns);
			FUZZ_ASSERT(a->release_tsc == b->release_tsc);
			FUZZ_ASSERT(a->pin_tsc == b->pin_tsc);
			FUZZ_ASSERT(a->mix_ok == b->mix_ok);
			FUZZ_ASSERT(same(a->hist, b->hist));
		}
	}
	sample_table_free(&back);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write_file(0, data, size);
	struct sample_table table;
	char err[512];

	split_records(data, size);

	if (samples_csv_read(path, &table, err, sizeof(err))) {
		FUZZ_ASSERT(err[0]);
		FUZZ_ASSERT(!table.rows && !table.text && !table.count);
		return 0;
	}
	round_trip(&table);
	sample_table_free(&table);
	return 0;
}
