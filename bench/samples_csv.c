#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "sample_check.h"
#include "samples_csv.h"
#include "sizes.h"

enum sample_column {
	COL_RUN_ID, COL_KERNEL, COL_ACCEL, COL_EMULATED, COL_COMPOSITION,
	COL_SIZE_BYTES, COL_PAGES, COL_PIN_METHOD, COL_STRATEGY, COL_WRITE,
	COL_ITERATION, COL_STATUS, COL_PIN_NS, COL_RELEASE_NS,
	COL_RELEASE_TSC, COL_PIN_TSC, COL_NS_PER_PAGE,
	COL_PIN_NS_PER_PAGE, COL_REQ_HUGE_PCT, COL_HUGE_PCT, COL_MIX_OK,
	COL_HIST, COL_REQ_MIX, COL_NOTE, COL_BOOT, COL_PREPARE_NS,
	COL_DISTURBED, COL_PIN_MODE, COL_EVENTS,
	COL_COVERAGE = COL_EVENTS + NR_EVENTS, COL_WINDOW_ID,
	NR_SAMPLE_COLUMNS = COL_WINDOW_ID + NR_WINDOWS_CSV_COLUMNS,
};

/* samples.csv before the window columns: no id, nothing counted */
#define SAMPLES_CSV_NO_WINDOW_COLUMNS	COL_WINDOW_ID

/* samples.csv before the event columns: read as not asked */
#define SAMPLES_CSV_NO_EVENTS_COLUMNS	COL_EVENTS

/* samples.csv before pin_mode: read with it empty */
#define SAMPLES_CSV_NO_PIN_MODE_COLUMNS	COL_PIN_MODE

/* samples.csv before prepare_ns and disturbed */
#define SAMPLES_CSV_NO_PREPARE_COLUMNS	COL_PREPARE_NS

/* samples.csv before req_mix and note: read with those empty, boot 0 */
#define SAMPLES_CSV_LEGACY_COLUMNS	COL_REQ_MIX
/* samples.csv before the boot column: every row boot 0 */
#define SAMPLES_CSV_NO_BOOT_COLUMNS	COL_BOOT

double sample_ns_per_page(const struct sample_row *row)
{
	return (double)row->release_ns / (double)row->pages;
}

double sample_insns_per_page(const struct sample_row *row,
			     enum window_index w)
{
	if (row->disturbed)
		return NAN;
	return window_insns_per_page(&row->windows, w, row->pages);
}

double sample_pin_ns_per_page(const struct sample_row *row)
{
	return (double)row->pin_ns / (double)row->pages;
}

int samples_csv_write_header(FILE *f)
{
	return fputs(SAMPLES_CSV_HEADER "\n", f) < 0 ? -1 : 0;
}

/* A note stays one awk -F, field: commas and line breaks become ';' ' '. */
static void write_note(FILE *f, const char *note)
{
	char *copy = strdup(note ? note : ""), *p;

	if (!copy)
		return;
	for (p = copy; *p; p++) {
		if (*p == ',')
			*p = ';';
		else if (*p == '\n' || *p == '\r' || *p == '"')
			*p = ' ';
	}
	csv_write_field(f, copy);
	free(copy);
}

/* run_id..write: the columns samples.csv and summary.csv both start with. */
void samples_csv_write_config(FILE *f, const struct sample_row *row)
{
	csv_write_field(f, row->run_id);
	fputc(',', f);
	csv_write_field(f, row->kernel);
	fputc(',', f);
	csv_write_field(f, row->accel);
	fprintf(f, ",%d,", row->emulated);
	csv_write_field(f, row->composition);
	fprintf(f, ",%" PRIu64 ",%" PRIu64 ",", row->size_bytes, row->pages);
	csv_write_field(f, row->pin_method);
	fputc(',', f);
	csv_write_field(f, row->strategy);
	fprintf(f, ",%d,", row->write);
}

/* ",<event>..." and ",coverage": empty not asked, never a zero for unsupported */
static void write_counts(FILE *f, const struct event_counts *c)
{
	bool asked = false;	/* coverage only of a sample that asked */
	size_t i;

	for (i = 0; i < NR_EVENTS; i++) {
		fputc(',', f);
		if (!c || c->state[i] == EVENT_NOT_ASKED)
			continue;
		asked = true;
		if (c->state[i] == EVENT_NOT_RUN)
			continue;
		if (c->state[i] == EVENT_UNSUPPORTED)
			fputs(EVENT_UNSUPPORTED_TEXT, f);
		else
			fprintf(f, "%" PRIu64, c->value[i]);
	}
	fputc(',', f);
	if (asked)
		csv_write_double(f, "%.4f", c->coverage);
}

int samples_csv_write_row(FILE *f, const struct sample_row *row)
{
	bool measured = sample_is_measured(row);

	samples_csv_write_config(f, row);
	if (measured)
		fprintf(f, "%" PRIu32, row->iteration);
	fputc(',', f);
	csv_write_field(f, row->status);
	if (measured)
		fprintf(f, ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64
			",%.3f,%.3f,",
			row->pin_ns, row->release_ns, row->release_tsc,
			row->pin_tsc, sample_ns_per_page(row),
			sample_pin_ns_per_page(row));
	else
		fputs(",,,,,,,", f);
	csv_write_double(f, "%.2f", row->req_huge_pct);
	if (measured)
		fprintf(f, ",%.2f,%d,", row->huge_pct, row->mix_ok);
	else
		fputs(",,,", f);
	if (measured && row->hist)
		csv_write_field(f, row->hist);
	fputc(',', f);
	csv_write_field(f, row->req_mix ? row->req_mix : "");
	fputc(',', f);
	write_note(f, row->note);
	fprintf(f, ",%" PRIu32 ",", row->boot);
	if (measured && row->has_prepare)
		fprintf(f, "%" PRIu64, row->prepare_ns);
	fputc(',', f);
	if (measured)
		fprintf(f, "%" PRIu32, row->disturbed);
	fputc(',', f);
	csv_write_field(f, row->pin_mode ? row->pin_mode : "");
	write_counts(f, measured ? &row->counts : NULL);
	window_counts_write(f, measured ? &row->windows : NULL);
	fputc('\n', f);
	return ferror(f) ? -1 : 0;
}

static int parse_u64(const char *s, uint64_t *v)
{
	return number_parse(s, UINT64_MAX, v);
}

static int parse_bool(const char *s, bool *v)
{
	if (strcmp(s, "0") && strcmp(s, "1"))
		return -1;
	*v = s[0] == '1';
	return 0;
}

static int parse_double(const char *s, double *v)
{
	char *end;

	if (!*s)
		return -1;
	errno = 0;
	*v = strtod(s, &end);
	return errno || *end || !isfinite(*v) ? -1 : 0;
}

/* On a bad column: name it in *bad and fail. */
#define PARSE_OR_FAIL(column, call) \
	do { \
		if (call) { \
			*bad = column; \
			return -1; \
		} \
	} while (0)

/* The event columns of an "ok" row: empty, "unsupported" or a count. */
static int parse_counts(char **fields, struct event_counts *c,
			const char **bad)
{
	const char *cov = fields[COL_COVERAGE];
	size_t i;

	for (i = 0; i < NR_EVENTS; i++) {
		const char *v = fields[COL_EVENTS + i];

		if (!*v)
			continue;
		if (!strcmp(v, EVENT_UNSUPPORTED_TEXT)) {
			c->state[i] = EVENT_UNSUPPORTED;
			continue;
		}
		PARSE_OR_FAIL(event_defs[i].column, parse_u64(v, &c->value[i]));
		c->state[i] = EVENT_COUNTED;
	}
	c->coverage = NAN;
	PARSE_OR_FAIL("counter_coverage", *cov &&
		      (parse_double(cov, &c->coverage) ||
		       c->coverage < 0 || c->coverage > 1));
	return 0;
}

/* The columns only an "ok" row fills. */
static int parse_measurements(char **fields, struct sample_row *row,
			      const char **bad)
{
	uint64_t iteration;
	double unused;

	PARSE_OR_FAIL("iteration", number_parse(fields[COL_ITERATION],
						UINT32_MAX, &iteration));
	row->iteration = (uint32_t)iteration;
	PARSE_OR_FAIL("pin_ns", parse_u64(fields[COL_PIN_NS], &row->pin_ns));
	PARSE_OR_FAIL("release_ns", parse_u64(fields[COL_RELEASE_NS],
					      &row->release_ns));
	PARSE_OR_FAIL("release_tsc", parse_u64(fields[COL_RELEASE_TSC],
					       &row->release_tsc));
	PARSE_OR_FAIL("pin_tsc", parse_u64(fields[COL_PIN_TSC],
					   &row->pin_tsc));
	/* both empty in files of a pinbench before them */
	row->has_prepare = *fields[COL_PREPARE_NS] != '\0';
	PARSE_OR_FAIL("prepare_ns", row->has_prepare &&
		      parse_u64(fields[COL_PREPARE_NS], &row->prepare_ns));
	if (*fields[COL_DISTURBED]) {
		uint64_t disturbed;

		PARSE_OR_FAIL("disturbed", number_parse(fields[COL_DISTURBED],
							UINT32_MAX,
							&disturbed));
		row->disturbed = (uint32_t)disturbed;
	}
	/* recomputed from the integer columns, but must be well formed */
	PARSE_OR_FAIL("ns_per_page", parse_double(fields[COL_NS_PER_PAGE],
						  &unused));
	PARSE_OR_FAIL("pin_ns_per_page",
		      parse_double(fields[COL_PIN_NS_PER_PAGE], &unused));
	PARSE_OR_FAIL("huge_pct", parse_double(fields[COL_HUGE_PCT],
					       &row->huge_pct));
	PARSE_OR_FAIL("mix_ok", parse_bool(fields[COL_MIX_OK], &row->mix_ok));
	row->hist = fields[COL_HIST];
	if (parse_counts(fields, &row->counts, bad))
		return -1;
	return window_counts_parse(&fields[COL_WINDOW_ID], &row->windows, bad);
}

static int parse_sample_row(char **fields, struct sample_row *row,
			    const char **bad)
{
	memset(row, 0, sizeof(*row));
	row->run_id = fields[COL_RUN_ID];
	row->kernel = fields[COL_KERNEL];
	row->accel = fields[COL_ACCEL];
	row->composition = fields[COL_COMPOSITION];
	row->pin_method = fields[COL_PIN_METHOD];
	row->strategy = fields[COL_STRATEGY];
	row->status = fields[COL_STATUS];
	row->pin_mode = fields[COL_PIN_MODE];
	row->hist = "";
	row->req_mix = fields[COL_REQ_MIX];
	row->note = fields[COL_NOTE];
	row->huge_pct = NAN;
	row->req_huge_pct = NAN;
	row->counts.coverage = NAN;

	PARSE_OR_FAIL("emulated", parse_bool(fields[COL_EMULATED],
					     &row->emulated));
	PARSE_OR_FAIL("size_bytes", parse_u64(fields[COL_SIZE_BYTES],
					      &row->size_bytes));
	PARSE_OR_FAIL("pages", parse_u64(fields[COL_PAGES], &row->pages));
	PARSE_OR_FAIL("write", parse_bool(fields[COL_WRITE], &row->write));
	PARSE_OR_FAIL("req_huge_pct", *fields[COL_REQ_HUGE_PCT] &&
		      parse_double(fields[COL_REQ_HUGE_PCT],
				   &row->req_huge_pct));
	if (*fields[COL_BOOT]) {	/* empty in files without the column */
		uint64_t boot;

		PARSE_OR_FAIL("boot", number_parse(fields[COL_BOOT],
						   UINT32_MAX, &boot));
		row->boot = (uint32_t)boot;
	}
	PARSE_OR_FAIL("status", !*row->status);
	if (strcmp(row->status, SAMPLE_STATUS_OK))
		return 0;
	PARSE_OR_FAIL("pages", !row->pages);
	return parse_measurements(fields, row, bad);
}

/* Column names of an older pinbench, read as today's. */
static bool legacy_name(size_t column, const char *name)
{
	return (column == COL_RELEASE_TSC && !strcmp(name, "release_cycles")) ||
	       (column == COL_PIN_TSC && !strcmp(name, "pin_cycles"));
}

/*
 * The header is split in place too: compare it field by field. A file of
 * an older pinbench, without the last columns (from window_id on; from
 * the events on; from pin_mode; from prepare_ns; from boot; from
 * req_mix), reads too;
 * *ncolumns: how many this one has.
 */
static bool header_matches(char **fields, size_t nfields, size_t *ncolumns)
{
	char header[] = SAMPLES_CSV_HEADER, *rest = header, *name;
	size_t i;

	for (i = 0; (name = strsep(&rest, ",")) != NULL; i++)
		if (i >= nfields || (strcmp(name, fields[i]) &&
				     !legacy_name(i, fields[i])))
			break;
	*ncolumns = i;
	return (i == NR_SAMPLE_COLUMNS ||
		i == SAMPLES_CSV_NO_WINDOW_COLUMNS ||
		i == SAMPLES_CSV_NO_EVENTS_COLUMNS ||
		i == SAMPLES_CSV_NO_PIN_MODE_COLUMNS ||
		i == SAMPLES_CSV_NO_PREPARE_COLUMNS ||
		i == SAMPLES_CSV_NO_BOOT_COLUMNS ||
		i == SAMPLES_CSV_LEGACY_COLUMNS) && i == nfields;
}

int samples_csv_read(const char *path, struct sample_table *table,
		     char *err, size_t errlen)
{
	static char empty[] = "";	/* rows outlive this call */
	char *fields[NR_SAMPLE_COLUMNS + 1];
	struct csv_reader reader;
	size_t len, nfields, ncolumns, cap = 0;
	struct sample_row *bigger;
	unsigned long *lines = NULL, *more_lines;	/* of each row */
	const char *bad;
	int ret;

	memset(table, 0, sizeof(*table));
	table->text = read_whole_file(path, &len);
	if (!table->text) {
		snprintf(err, errlen, "%s: %s", path, read_error_text(errno));
		return -1;
	}
	csv_reader_init(&reader, table->text, len);
	ret = csv_next_record(&reader, fields, NR_SAMPLE_COLUMNS + 1, &nfields);
	if (ret <= 0 || !header_matches(fields, nfields, &ncolumns))
		goto bad_header;

	while ((ret = csv_next_record(&reader, fields, NR_SAMPLE_COLUMNS + 1,
				      &nfields)) > 0) {
		if (nfields != ncolumns) {
			snprintf(err, errlen, "%s:%lu: %zu fields, expected %zu",
				 path, reader.line, nfields, ncolumns);
			goto fail;
		}
		for (; nfields < NR_SAMPLE_COLUMNS; nfields++)
			fields[nfields] = empty;
		if (table->count == cap) {
			cap = cap ? 2 * cap : 1024;
			bigger = realloc(table->rows, cap * sizeof(*bigger));
			if (!bigger) {
				snprintf(err, errlen, "%s: out of memory", path);
				goto fail;
			}
			table->rows = bigger;
			more_lines = realloc(lines, cap * sizeof(*lines));
			if (!more_lines) {
				snprintf(err, errlen, "%s: out of memory", path);
				goto fail;
			}
			lines = more_lines;
		}
		lines[table->count] = reader.line;
		if (parse_sample_row(fields, &table->rows[table->count], &bad)) {
			snprintf(err, errlen, "%s:%lu: bad %s", path,
				 reader.line, bad);
			goto fail;
		}
		table->count++;
	}
	if (ret < 0) {
		snprintf(err, errlen, "%s:%lu: malformed CSV record", path,
			 reader.line);
		goto fail;
	}
	if (samples_check_table(table, lines, path, err, errlen))
		goto fail;
	free(lines);
	return 0;

bad_header:
	snprintf(err, errlen,
		 "%s: not a pinbench samples.csv (header differs; written by another pinbench version?)",
		 path);
fail:
	free(lines);
	sample_table_free(table);
	return -1;
}

void sample_table_free(struct sample_table *table)
{
	free(table->rows);
	free(table->text);
	free(table->derived_names);
	memset(table, 0, sizeof(*table));
}
