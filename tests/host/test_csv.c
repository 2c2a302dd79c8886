/* csv.c and samples_csv.c: quoting, splitting, samples.csv round trip. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"
#include "csv.h"
#include "samples_csv.h"
#include "tap.h"
#include "test_util.h"

static char *field_to_string(const char *s)
{
	static char buf[256];
	FILE *f;

	memset(buf, 0, sizeof(buf));
	f = fmemopen(buf, sizeof(buf), "w");

	csv_write_field(f, s);
	fclose(f);
	return buf;
}

static void test_field_quoting(void)
{
	CHECK_STR(field_to_string("plain-6.1.0"), "plain-6.1.0");
	CHECK_STR(field_to_string("o0=1;o9=2"), "o0=1;o9=2");
	CHECK_STR(field_to_string("a,b"), "\"a,b\"");
	CHECK_STR(field_to_string("say \"hi\""), "\"say \"\"hi\"\"\"");
	CHECK_STR(field_to_string("two\nlines"), "\"two\nlines\"");
	CHECK_STR(field_to_string(""), "");
}

static void test_record_splitting(void)
{
	char text[] = "a,\"b,c\",\"d\"\"e\"\r\n\n,,\n\"multi\nline\",x";
	struct csv_reader r;
	char *f[8];
	size_t n;

	csv_reader_init(&r, text, strlen(text));
	CHECK_INT(csv_next_record(&r, f, 8, &n), 1);
	CHECK_INT(n, 3);
	CHECK_STR(f[0], "a");
	CHECK_STR(f[1], "b,c");
	CHECK_STR(f[2], "d\"e");
	CHECK_INT(csv_next_record(&r, f, 8, &n), 1);	/* blank line skipped */
	CHECK_INT(r.line, 3);
	CHECK_INT(n, 3);
	CHECK_STR(f[0], "");
	CHECK_STR(f[2], "");
	CHECK_INT(csv_next_record(&r, f, 8, &n), 1);
	CHECK_INT(n, 2);
	CHECK_STR(f[0], "multi\nline");
	CHECK_STR(f[1], "x");	/* no final newline */
	CHECK_INT(csv_next_record(&r, f, 8, &n), 0);
}

static void test_malformed_records(void)
{
	char unterminated[] = "a,\"b\n";
	char stray_quote[] = "a,b\"c\n";
	char too_many[] = "a,b,c\n";
	struct csv_reader r;
	char *f[2];
	size_t n;

	csv_reader_init(&r, unterminated, strlen(unterminated));
	CHECK_INT(csv_next_record(&r, f, 2, &n), -1);
	csv_reader_init(&r, stray_quote, strlen(stray_quote));
	CHECK_INT(csv_next_record(&r, f, 2, &n), -1);
	csv_reader_init(&r, too_many, strlen(too_many));
	CHECK_INT(csv_next_record(&r, f, 2, &n), -1);
}

static const struct sample_row measured_row = {
	.run_id = "20250101-120000-6.12.0",
	.kernel = "6.12.0-1-amd64",
	.accel = "tcg",
	.emulated = true,
	.composition = "anon-thp",
	.size_bytes = 2097152,
	.pages = 512,
	.pin_method = "pin_fast",
	.strategy = "unpin_pages",
	.write = true,
	.status = SAMPLE_STATUS_OK,
	.iteration = 7,
	.pin_ns = 51200,
	.release_ns = 6300,
	.release_tsc = 18000,
	.pin_tsc = 150000,
	.req_huge_pct = 100,
	.huge_pct = 100,
	.mix_ok = true,
	.hist = "o9=512;anon=512;folios=1",
	.boot = 3,
};

static struct sample_row unsupported_row(void)
{
	struct sample_row row = {
		.run_id = "20250101-120000-6.12.0",
		.kernel = "6.1.0-9-amd64",
		.accel = "kvm",
		.composition = "anon-4k",
		.size_bytes = 4096,
		.pages = 1,
		.pin_method = "pin_fast",
		.strategy = "unpin_folios",
		.write = false,
		.status = SAMPLE_STATUS_UNSUPPORTED,
		.req_huge_pct = 0,
	};
	return row;
}

static int write_rows(FILE *f, void *arg)
{
	struct sample_row unsupported = unsupported_row();
	struct sample_row odd = measured_row;

	(void)arg;
	odd.hist = "o0=1,\"odd\"";	/* quoted on the way out */
	odd.iteration = 8;
	odd.release_ns = 1;
	return samples_csv_write_header(f) ||
	       samples_csv_write_row(f, &measured_row) ||
	       samples_csv_write_row(f, &unsupported) ||
	       samples_csv_write_row(f, &odd);
}

static void test_samples_round_trip(void)
{
	const char *path = scratch_path("roundtrip.csv");
	struct sample_table t;
	const struct sample_row *r;
	char err[512], *text;

	CHECK(!atomic_write_file(path, write_rows, NULL));
	text = slurp(path);
	CHECK_CONTAINS(text, SAMPLES_CSV_HEADER "\n");
	/* exact row text: %.3f per page, %.2f percentages */
	CHECK_CONTAINS(text,
		       "20250101-120000-6.12.0,6.12.0-1-amd64,tcg,1,anon-thp,2097152,512,pin_fast,unpin_pages,1,7,ok,51200,6300,18000,150000,12.305,100.000,100.00,100.00,1,o9=512;anon=512;folios=1,,,3,,0,,,,,,,,,,,,,,,,,,,\n");
	/* unsupported: one row, empty numbers, nothing faked; its boot */
	CHECK_CONTAINS(text,
		       ",anon-4k,4096,1,pin_fast,unpin_folios,0,,unsupported,,,,,,,0.00,,,,,,0,,,,,,,,,,,,,,,,,,,,,\n");
	free(text);

	if (samples_csv_read(path, &t, err, sizeof(err))) {
		tap_fail(__FILE__, __LINE__, "read back: %s", err);
		return;
	}
	CHECK_INT(t.count, 3);
	if (t.count == 3) {
		r = &t.rows[0];
		CHECK_STR(r->run_id, measured_row.run_id);
		CHECK_STR(r->kernel, measured_row.kernel);
		CHECK_STR(r->accel, "tcg");
		CHECK(r->emulated);
		CHECK_STR(r->composition, "anon-thp");
		CHECK_INT(r->size_bytes, 2097152);
		CHECK_INT(r->pages, 512);
		CHECK_STR(r->pin_method, "pin_fast");
		CHECK_STR(r->strategy, "unpin_pages");
		CHECK(r->write);
		CHECK_INT(r->iteration, 7);
		CHECK_STR(r->status, "ok");
		CHECK_INT(r->pin_ns, 51200);
		CHECK_INT(r->release_ns, 6300);
		CHECK_INT(r->release_tsc, 18000);
		CHECK_INT(r->pin_tsc, 150000);
		CHECK_NEAR(r->req_huge_pct, 100, 0);
		CHECK_NEAR(r->huge_pct, 100, 0);
		CHECK(r->mix_ok);
		CHECK_STR(r->hist, measured_row.hist);
		CHECK_INT(r->boot, 3);
		CHECK(sample_is_measured(r));
		CHECK_NEAR(sample_ns_per_page(r), 6300.0 / 512, 1e-12);

		r = &t.rows[1];
		CHECK_STR(r->status, "unsupported");
		CHECK(!sample_is_measured(r));
		CHECK_STR(r->strategy, "unpin_folios");
		CHECK(!r->write && !r->emulated);
		CHECK_INT(r->pages, 1);
		CHECK(isnan(r->huge_pct));
		CHECK_INT(r->boot, 0);

		CHECK_STR(t.rows[2].hist, "o0=1,\"odd\"");
		CHECK_INT(t.rows[2].iteration, 8);
	}
	sample_table_free(&t);
}

static void test_samples_reader_refuses_bad_input(void)
{
	const char *path = scratch_path("bad.csv");
	struct sample_table t;
	char err[512];

	write_text_file(path, "run_id,kernel\nx,y\n");
	CHECK(samples_csv_read(path, &t, err, sizeof(err)));
	CHECK_CONTAINS(err, "header differs");

	write_text_file(path, SAMPLES_CSV_HEADER "\n"
			"r,k,native,0,anon-4k,4096,1,gup_fast,put_page,1,0,ok,10,abc,1,1,1.0,1.0,0.00,0.00,1,o0=1,,,0,,0,,,,,,,,,,,,,,,,,,,\n");
	CHECK(samples_csv_read(path, &t, err, sizeof(err)));
	CHECK_CONTAINS(err, ":2: bad release_ns");

	write_text_file(path, SAMPLES_CSV_HEADER "\n"
			"r,k,native,0,anon-4k,4096,1,gup_fast,put_page,1,0,ok,10,2,1,1,1.0,1.0,0.00,0.00,1,o0=1,,,x,,0,,,,,,,,,,,,,,,,,,,\n");
	CHECK(samples_csv_read(path, &t, err, sizeof(err)));
	CHECK_CONTAINS(err, ":2: bad boot");

	write_text_file(path, SAMPLES_CSV_HEADER "\n"
			"r,k,native,0,anon-4k,4096,1,gup_fast,put_page,1,0,ok\n");
	CHECK(samples_csv_read(path, &t, err, sizeof(err)));
	CHECK_CONTAINS(err, ":2: 12 fields, expected 46");

	write_text_file(path, SAMPLES_CSV_HEADER "\n"
			"r,k,native,0,anon-4k,4096,1,pin_fast,unpin_folios,1,0,ok,10,2,1,1,1.0,1.0,0.00,0.00,1,o0=1,,,0,-3,0,,,,,,,,,,,,,,,,,,,\n");
	CHECK(samples_csv_read(path, &t, err, sizeof(err)));
	CHECK_CONTAINS(err, ":2: bad prepare_ns");

	write_text_file(path, SAMPLES_CSV_HEADER "\n"
			"r,k,native,0,anon-4k,4096,1,gup_fast,put_page,1,0,ok,10,2,1,1,1.0,1.0,0.00,0.00,1,o0=1,,,0,,yes,,,,,,,,,,,,,,,,,,,\n");
	CHECK(samples_csv_read(path, &t, err, sizeof(err)));
	CHECK_CONTAINS(err, ":2: bad disturbed");

	CHECK(samples_csv_read(scratch_path("absent.csv"), &t, err,
			       sizeof(err)));
	CHECK_CONTAINS(err, "No such file");
}

/* samples.csv of the previous pinbench (no req_mix, note) still reads. */
static void test_samples_previous_format(void)
{
	const char *path = scratch_path("legacy.csv");
	struct sample_table t;
	char err[512];

	write_text_file(path,
		"run_id,kernel,accel,emulated,composition,size_bytes,pages,pin_method,strategy,write,iteration,status,pin_ns,release_ns,release_cycles,pin_cycles,ns_per_page,pin_ns_per_page,req_huge_pct,huge_pct,mix_ok,hist\n"
		"r,k,native,0,anon-4k,4096,1,gup_fast,put_page,1,0,ok,10,2,1,1,2.000,10.000,0.00,0.00,1,o0=1\n"
		"r,k,native,0,anon-4k,4096,1,pin_fast,unpin_folios,1,,unsupported,,,,,,,0.00,,,\n");
	if (samples_csv_read(path, &t, err, sizeof(err))) {
		tap_fail(__FILE__, __LINE__, "%s", err);
		return;
	}
	CHECK_INT(t.count, 2);
	if (t.count == 2) {
		CHECK_STR(t.rows[0].hist, "o0=1");
		CHECK_STR(t.rows[0].req_mix, "");
		CHECK_STR(t.rows[1].note, "");
		CHECK_STR(t.rows[1].status, "unsupported");
	}
	sample_table_free(&t);
	/* but its rows have the old width: a new-width row is refused */
	write_text_file(path,
		"run_id,kernel,accel,emulated,composition,size_bytes,pages,pin_method,strategy,write,iteration,status,pin_ns,release_ns,release_cycles,pin_cycles,ns_per_page,pin_ns_per_page,req_huge_pct,huge_pct,mix_ok,hist\n"
		"r,k,native,0,anon-4k,4096,1,gup_fast,put_page,1,0,ok,10,2,1,1,2.000,10.000,0.00,0.00,1,o0=1,o0=100;anon=100,\n");
	CHECK(samples_csv_read(path, &t, err, sizeof(err)));
	CHECK_CONTAINS(err, ":2: 24 fields, expected 22");
	/* an empty req_huge_pct (nothing requested) reads as NaN */
	write_text_file(path, SAMPLES_CSV_HEADER "\n"
		"r,k,native,0,file-ext4,4096,1,gup_fast,put_page,1,0,ok,10,2,1,1,2.000,10.000,,0.00,1,o0=1;file=1,file=100,dir=/mnt,0,,0,,,,,,,,,,,,,,,,,,,\n");
	if (!samples_csv_read(path, &t, err, sizeof(err))) {
		CHECK(t.count == 1 && isnan(t.rows[0].req_huge_pct));
		CHECK(t.count == 1 && !strcmp(t.rows[0].note, "dir=/mnt"));
		sample_table_free(&t);
	} else {
		tap_fail(__FILE__, __LINE__, "%s", err);
	}
}

/*
 * samples.csv written before the boot column: every row reads as boot 0;
 * a boot written back out is in the last column.
 */
static void test_samples_without_boot(void)
{
	const char *path = scratch_path("noboot.csv");
	struct sample_table t;
	char err[512];

	write_text_file(path,
		"run_id,kernel,accel,emulated,composition,size_bytes,pages,pin_method,strategy,write,iteration,status,pin_ns,release_ns,release_cycles,pin_cycles,ns_per_page,pin_ns_per_page,req_huge_pct,huge_pct,mix_ok,hist,req_mix,note\n"
		"r,k,native,0,anon-4k,4096,1,gup_fast,put_page,1,0,ok,10,2,1,1,2.000,10.000,0.00,0.00,1,o0=1,o0=100;anon=100,\n"
		"r,k,native,0,anon-4k,4096,1,pin_fast,unpin_folios,1,,unsupported,,,,,,,0.00,,,,o0=100;anon=100,why\n");
	if (samples_csv_read(path, &t, err, sizeof(err))) {
		tap_fail(__FILE__, __LINE__, "%s", err);
		return;
	}
	CHECK_INT(t.count, 2);
	if (t.count == 2) {
		CHECK_INT(t.rows[0].boot, 0);
		CHECK_INT(t.rows[1].boot, 0);
		CHECK_STR(t.rows[0].req_mix, "o0=100;anon=100");
		CHECK_STR(t.rows[1].note, "why");
		CHECK(sample_is_measured(&t.rows[0]));
	}
	sample_table_free(&t);
	/* a row with a boot under the old header is refused, not misread */
	write_text_file(path,
		"run_id,kernel,accel,emulated,composition,size_bytes,pages,pin_method,strategy,write,iteration,status,pin_ns,release_ns,release_cycles,pin_cycles,ns_per_page,pin_ns_per_page,req_huge_pct,huge_pct,mix_ok,hist,req_mix,note\n"
		"r,k,native,0,anon-4k,4096,1,gup_fast,put_page,1,0,ok,10,2,1,1,2.000,10.000,0.00,0.00,1,o0=1,o0=100;anon=100,,2\n");
	CHECK(samples_csv_read(path, &t, err, sizeof(err)));
	CHECK_CONTAINS(err, ":2: 25 fields, expected 24");
	/* boot 4294967295 round trips; 4294967296 does not fit */
	write_text_file(path, SAMPLES_CSV_HEADER "\n"
		"r,k,native,0,anon-4k,4096,1,gup_fast,put_page,1,0,ok,10,2,1,1,2.000,10.000,0.00,0.00,1,o0=1,,,4294967295,,0,,,,,,,,,,,,,,,,,,,\n");
	if (!samples_csv_read(path, &t, err, sizeof(err))) {
		CHECK(t.count == 1 && t.rows[0].boot == 4294967295u);
		sample_table_free(&t);
	} else {
		tap_fail(__FILE__, __LINE__, "%s", err);
	}
	write_text_file(path, SAMPLES_CSV_HEADER "\n"
		"r,k,native,0,anon-4k,4096,1,gup_fast,put_page,1,0,ok,10,2,1,1,2.000,10.000,0.00,0.00,1,o0=1,,,4294967296,,0,,,,,,,,,,,,,,,,,,,\n");
	CHECK(samples_csv_read(path, &t, err, sizeof(err)));
	CHECK_CONTAINS(err, ":2: bad boot");
}

TAP_SUITE(csv,
	{ "fields are quoted only when they must be", test_field_quoting },
	{ "records split in place: quotes, CRLF, blank lines, multi-line",
	  test_record_splitting },
	{ "malformed records refused", test_malformed_records },
	{ "samples.csv write -> read round trip, unsupported rows included",
	  test_samples_round_trip },
	{ "samples.csv reader refuses a foreign header, bad numbers, short rows",
	  test_samples_reader_refuses_bad_input },
	{ "samples.csv of the previous format (no req_mix, note) still reads",
	  test_samples_previous_format },
	{ "samples.csv boot column: round trip; files without it read as boot 0",
	  test_samples_without_boot },
);
