/*
 * RFC 4180 CSV pieces: quote a field only when it needs it (so plain rows
 * stay awk -F, friendly) and split records in place in a file loaded whole.
 */
#ifndef PINBENCH_CSV_H
#define PINBENCH_CSV_H

#include <stddef.h>
#include <stdio.h>

void csv_write_field(FILE *f, const char *s);

/* A double with the given printf format, or nothing when it is NaN. */
void csv_write_double(FILE *f, const char *fmt, double value);

struct csv_reader {
	char *pos;		/* next unread character */
	char *end;
	unsigned long line;	/* line the last record started on, from 1 */
};

/* text[len] must be writable (read_whole_file puts a NUL there). */
void csv_reader_init(struct csv_reader *r, char *text, size_t len);

/*
 * Splits the next record in place; fields point into the text.
 * Returns 1 with *nfields set, 0 at the end, -1 on a malformed record (a
 * NUL byte too) or more than max_fields fields. Empty lines are skipped.
 */
int csv_next_record(struct csv_reader *r, char **fields, size_t max_fields,
		    size_t *nfields);

/* Input files are results and configs: a bigger one is a mistake. */
#define READ_WHOLE_FILE_MAX	(1UL << 30)

/*
 * The whole file, NUL-terminated, malloc'ed; NULL with errno set: EINVAL
 * for a FIFO, device or socket (never waits on one), EISDIR, EFBIG above
 * READ_WHOLE_FILE_MAX bytes.
 */
char *read_whole_file(const char *path, size_t *len);

/* strerror(err) for read_whole_file's errors, clearer for its own. */
const char *read_error_text(int err);

#endif
