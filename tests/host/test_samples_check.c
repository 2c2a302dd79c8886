/*
 * samples.csv from elsewhere: names outside pinbench's alphabet, an
 * unknown status, pages that do not make size_bytes, a NUL, a row twice,
 * a FIFO or a device instead of a file: each refused, naming the line.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_runner.h"
#include "samples_csv.h"
#include "tap.h"
#include "test_util.h"

#define GOOD_ROW \
	"r,k,native,0,anon-4k,8192,2,gup_fast,put_page,1,0,ok,10,2,1,1,1.0,5.0,0.00,0.00,1,o0=2,,,0,,0,,,,,,,,,,,,,,,,,,,\n"

/* path holds the header and rows; the reader must fail saying says. */
static void check_refused(const char *rows, const char *says)
{
	const char *path = scratch_path("check/samples.csv");
	struct sample_table t;
	char err[512] = "";

	write_text_file(path, SAMPLES_CSV_HEADER "\n" GOOD_ROW);
	CHECK(!samples_csv_read(path, &t, err, sizeof(err)));
	sample_table_free(&t);
	CHECK_STR(err, "");
	write_text_file(path, rows);
	if (!samples_csv_read(path, &t, err, sizeof(err))) {
		tap_fail(__FILE__, __LINE__, "accepted: %s", rows);
		sample_table_free(&t);
		return;
	}
	CHECK_CONTAINS(err, says);
}

static void test_names_and_status(void)
{
	mkdir(scratch_path("check"), 0755);
	check_refused(SAMPLES_CSV_HEADER "\n" GOOD_ROW
		      "r,k,native,0,anon-4k`touch x`,4096,1,gup_fast,put_page,1,0,ok,10,2,1,1,1.0,5.0,0.00,0.00,1,o0=1,,,0,,0,,,,,,,,,,,,,,,,,,,\n",
		      ":3: bad composition");
	check_refused(SAMPLES_CSV_HEADER "\n"
		      "r,k,native,0,,4096,1,gup_fast,put_page,1,0,ok,10,2,1,1,1.0,5.0,0.00,0.00,1,o0=1,,,0,,0,,,,,,,,,,,,,,,,,,,\n",
		      ":2: bad composition");
	check_refused(SAMPLES_CSV_HEADER "\n"
		      "r,\"6.1,x\",native,0,anon-4k,4096,1,gup_fast,put_page,1,0,ok,10,2,1,1,1.0,5.0,0.00,0.00,1,o0=1,,,0,,0,,,,,,,,,,,,,,,,,,,\n",
		      ":2: bad kernel");
	check_refused(SAMPLES_CSV_HEADER "\n"
		      "r,k,native,0,anon-4k,4096,1,gup_fast,Put Page,1,0,ok,10,2,1,1,1.0,5.0,0.00,0.00,1,o0=1,,,0,,0,,,,,,,,,,,,,,,,,,,\n",
		      ":2: bad strategy");
	check_refused(SAMPLES_CSV_HEADER "\n" GOOD_ROW
		      "r,k,native,0,anon-4k,4096,1,gup_fast,put_page,1,,skipped,,,,,,,0.00,,,,,,0,,,,,,,,,,,,,,,,,,,,,\n",
		      ":3: bad status");
	check_refused(SAMPLES_CSV_HEADER "\n"
		      "r,k,native,0,anon-4k,4096,1000,gup_fast,put_page,1,0,ok,10,2,1,1,1.0,5.0,0.00,0.00,1,o0=1,,,0,,0,,,,,,,,,,,,,,,,,,,\n",
		      ":2: pages 1000 x page size 4096 is not size_bytes 4096");
	check_refused(SAMPLES_CSV_HEADER "\n"
		      "r,k,native,0,anon-4k,4096,1,gup_fast,put_page,1,0,ok,10,2,1,1,1.0,5.0,0.00,0.00,1,o0=1,,,0,,0,sideways,,,,,,,,,,,,,,,,,,\n",
		      ":2: bad pin_mode");
}

/* meta.json's page_size is the one pages are counted in */
static void test_page_size_from_meta(void)
{
	const char *path = scratch_path("check64k/samples.csv");
	struct sample_table t;
	char err[512] = "";

	mkdir(scratch_path("check64k"), 0755);
	write_text_file(scratch_path("check64k/meta.json"),
			"{\n  \"page_size\": 65536\n}\n");
	write_text_file(path, SAMPLES_CSV_HEADER "\n" GOOD_ROW);
	CHECK(samples_csv_read(path, &t, err, sizeof(err)));
	CHECK_CONTAINS(err, "x page size 65536");
	write_text_file(path, SAMPLES_CSV_HEADER "\n"
			"r,k,native,0,anon-4k,131072,2,gup_fast,put_page,1,0,ok,10,2,1,1,1.0,5.0,0.00,0.00,1,o0=2,,,0,,0,,,,,,,,,,,,,,,,,,,\n");
	CHECK(!samples_csv_read(path, &t, err, sizeof(err)));
	sample_table_free(&t);
}

static void test_nul_in_a_field(void)
{
	static const char row[] = "r,k,native,0,anon-4k\0x,4096,1,gup_fast,put_page,1,0,ok,10,2,1,1,1.0,5.0,0.00,0.00,1,o0=1,,,0,,0,,,,,,,,,,,,,,,,,,,\n";
	const char *path = scratch_path("nul.csv");
	struct sample_table t;
	char err[512];
	FILE *f = fopen(path, "w");

	CHECK(f != NULL);
	if (!f)
		return;
	fputs(SAMPLES_CSV_HEADER "\n", f);
	fwrite(row, 1, sizeof(row) - 1, f);
	fclose(f);
	CHECK(samples_csv_read(path, &t, err, sizeof(err)));
	CHECK_CONTAINS(err, ":2: malformed CSV record");
}

/* the same config, iteration and boot twice: a doubled file */
static void test_duplicate_rows(void)
{
	const char *dir = scratch_path("dup");
	struct outcome o;

	mkdir(dir, 0755);
	check_refused(SAMPLES_CSV_HEADER "\n" GOOD_ROW GOOD_ROW,
		      ":3: duplicate row: config, iteration 0 and boot 0 already on line 2");
	/* another boot or iteration is no duplicate */
	write_text_file(dir_file(dir, "samples.csv"), SAMPLES_CSV_HEADER "\n"
			GOOD_ROW
			"r,k,native,0,anon-4k,8192,2,gup_fast,put_page,1,1,ok,10,2,1,1,1.0,5.0,0.00,0.00,1,o0=2,,,0,,0,,,,,,,,,,,,,,,,,,,\n"
			"r,k,native,0,anon-4k,8192,2,gup_fast,put_page,1,0,ok,10,2,1,1,1.0,5.0,0.00,0.00,1,o0=2,,,1,,0,,,,,,,,,,,,,,,,,,,\n");
	o = run_cli(REAL_PINBENCH, NULL, "summarize", dir);
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	/* summarize of the doubled file: exit 1, summary.csv untouched */
	unlink(dir_file(dir, "summary.csv"));
	write_text_file(dir_file(dir, "samples.csv"),
			SAMPLES_CSV_HEADER "\n" GOOD_ROW GOOD_ROW);
	o = run_cli(REAL_PINBENCH, NULL, "summarize", dir);
	CHECK_STATUS(o, 1);
	CHECK_CONTAINS(o.err, "samples.csv:3: duplicate row");
	CHECK(access(dir_file(dir, "summary.csv"), F_OK));
	outcome_free(&o);
}

/* Killed after a second (slow ASan builds too): a hang shows as exit 137. */
#define run_bounded(...) \
	run_cli_signalled(REAL_PINBENCH, NULL, SIGKILL, 1000, __VA_ARGS__, NULL)

/* A FIFO would hang a reader, /dev/zero fill memory: both refused. */
static void test_not_regular_files(void)
{
	const char *dir = scratch_path("fifo");
	struct outcome o;

	mkdir(dir, 0755);
	CHECK_INT(mkfifo(dir_file(dir, "samples.csv"), 0644), 0);
	o = run_bounded("summarize", dir);
	CHECK_STATUS(o, 1);
	CHECK_CONTAINS(o.err, "not a regular file");
	outcome_free(&o);
	o = run_bounded("report", dir);
	CHECK_STATUS(o, 1);
	CHECK_CONTAINS(o.err, "not a regular file");
	outcome_free(&o);
	o = run_bounded("sweep", "--config", dir_file(dir, "samples.csv"));
	CHECK_STATUS(o, 2);
	CHECK_CONTAINS(o.err, "not a regular file");
	outcome_free(&o);
	o = run_bounded("sweep", "--config", "/dev/zero");
	CHECK_STATUS(o, 2);
	CHECK_CONTAINS(o.err, "/dev/zero: not a regular file");
	outcome_free(&o);
}

/* Over 1 GiB is refused before it is read (a sparse file: no disk used) */
static void test_too_big(void)
{
	const char *dir = scratch_path("big");
	struct outcome o;
	FILE *f;

	mkdir(dir, 0755);
	f = fopen(dir_file(dir, "samples.csv"), "w");
	CHECK(f != NULL);
	if (!f)
		return;
	CHECK_INT(ftruncate(fileno(f), (1L << 30) + 1), 0);
	fclose(f);
	o = run_bounded("summarize", dir);
	CHECK_STATUS(o, 1);
	CHECK_CONTAINS(o.err, "samples.csv: larger than 1 GiB: refused");
	outcome_free(&o);
}

TAP_SUITE(samples_check,
	{ "samples.csv: foreign names, empty composition, unknown status, pages vs size_bytes refused by line",
	  test_names_and_status },
	{ "samples.csv: pages counted in meta.json's page_size",
	  test_page_size_from_meta },
	{ "samples.csv: a NUL inside a field is refused", test_nul_in_a_field },
	{ "samples.csv: a row twice (config, iteration, boot) is refused by summarize",
	  test_duplicate_rows },
	{ "a FIFO or /dev/zero as samples.csv or --config is refused, no hang",
	  test_not_regular_files },
	{ "a samples.csv over 1 GiB is refused unread", test_too_big },
);
