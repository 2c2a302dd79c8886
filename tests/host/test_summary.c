/* summary.c: summarize a synthetic samples.csv with known answers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "csv.h"
#include "summary.h"
#include "tap.h"
#include "test_util.h"

#define ROW_PREFIX "r1,6.12.0,kvm,0,anon-4k,"

/*
 * Config anon-4k 4K (1 page) write: noop with pin first {100}; put_page
 * 1..10 ns/page with gup_fast; noop {3,2,4} with pin_fast (floor 3);
 * unpin_folios unsupported (pin_fast). Config 16K (4 pages): unpin_pages
 * {2,4,4,4,5,5,7,9} ns/page (release_ns x4), one row with mix_ok 0, no
 * noop. Config 8K read-only: put_page only. Rows interleaved on purpose.
 */
static void write_synthetic_samples(const char *dir)
{
	static const int put_page[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
	static const int unpin_pages[] = { 2, 4, 4, 4, 5, 5, 7, 9 };
	static const int noop[] = { 3, 2, 4 };
	char path[512], line[512];
	FILE *f;
	int i;

	snprintf(path, sizeof(path), "%s/samples.csv", dir);
	f = fopen(path, "w");
	fputs(SAMPLES_CSV_HEADER "\n", f);
	fputs(ROW_PREFIX "4096,1,pin,noop,1,0,ok,50,100,1,1,100.000,50.000,0.00,0.00,1,o0=1,,,0,,0,,,,,,,,,,,,,,,,,,,\n",
	      f);
	for (i = 0; i < 10; i++) {
		/* pin ns/page = 10 * i + 100: median 145 */
		snprintf(line, sizeof(line), ROW_PREFIX
			 "4096,1,gup_fast,put_page,1,%d,ok,%d,%d,%d,%d,%d.000,%d.000,0.00,0.00,1,o0=1;anon=1;folios=1,,,0,,0,,,,,,,,,,,,,,,,,,,\n",
			 i, 10 * i + 100, put_page[i], 3 * put_page[i], 7,
			 put_page[i], 10 * i + 100);
		fputs(line, f);
		if (i < 3) {
			snprintf(line, sizeof(line), ROW_PREFIX
				 "4096,1,pin_fast,noop,1,%d,ok,50,%d,1,1,%d.000,50.000,0.00,0.00,1,o0=1;anon=1;folios=1,,,0,,0,,,,,,,,,,,,,,,,,,,\n",
				 i, noop[i], noop[i]);
			fputs(line, f);
		}
		if (i < 8) {
			snprintf(line, sizeof(line), ROW_PREFIX
				 "16384,4,pin_fast,unpin_pages,1,%d,ok,400,%d,1,1,%d.000,100.000,0.00,%s,%d,o0=4;anon=4;folios=4,,,0,,0,,,,,,,,,,,,,,,,,,,\n",
				 i, 4 * unpin_pages[i], unpin_pages[i],
				 i == 5 ? "20.00" : "0.00", i == 5 ? 0 : 1);
			fputs(line, f);
		}
	}
	fputs(ROW_PREFIX "4096,1,pin_fast,unpin_folios,1,,unsupported,,,,,,,0.00,,,,,,0,,,,,,,,,,,,,,,,,,,,,\n",
	      f);
	fputs(ROW_PREFIX "8192,2,gup_fast,put_page,0,0,ok,20,40,1,1,20.000,10.000,0.00,0.00,1,o0=2,,,0,,0,,,,,,,,,,,,,,,,,,,\n",
	      f);
	fputs(ROW_PREFIX "8192,2,gup_fast,put_page,0,1,ok,20,60,1,1,30.000,10.000,0.00,0.00,1,o0=2,,,0,,0,,,,,,,,,,,,,,,,,,,\n",
	      f);
	fclose(f);
}

/* The summary.csv rows, split; the text stays alive in *text. */
static size_t read_summary(const char *dir, char **text, char *rows[][64],
			   size_t max_rows)
{
	struct csv_reader r;
	char path[512];
	size_t n = 0, nfields;
	char *header[64];

	snprintf(path, sizeof(path), "%s/summary.csv", dir);
	*text = slurp(path);
	if (!*text)
		return 0;
	csv_reader_init(&r, *text, strlen(*text));
	if (csv_next_record(&r, header, 64, &nfields) != 1 || nfields != 54)
		return 0;
	while (n < max_rows && csv_next_record(&r, rows[n], 64, &nfields) == 1)
		n++;
	return n;
}

enum { S_RUN_ID, S_KERNEL, S_ACCEL, S_EMULATED, S_COMPOSITION, S_SIZE,
       S_PAGES, S_PIN_METHOD, S_STRATEGY, S_WRITE, S_STATUS, S_N, S_MIN,
       S_MEDIAN, S_MEAN, S_STDDEV, S_CV, S_P90, S_P99, S_MAX, S_CI95_LO,
       S_CI95_HI, S_PIN_MEDIAN, S_NOOP_MEDIAN, S_MIX_OK, S_BOOTS,
       S_WITHIN_BOOT_CV, S_BETWEEN_BOOT_CV, S_CI_UNIT, S_CI_CENTER,
       S_MEDIAN_CI_LO, S_MEDIAN_CI_HI, S_MEDIAN_CI_LEVEL, S_MEDIAN_CI_CENTER,
       S_CALIB_MEDIAN, S_BETWEEN_BOOT_CV_CALIBRATED, S_DISTURBED };

static void test_summary_numbers(void)
{
	const char *dir = scratch_path("summary-run");
	char *rows[8][64], *text, err[512], *header;
	size_t n;

	mkdir(dir, 0755);
	write_synthetic_samples(dir);
	if (summarize_dir(dir, false, err, sizeof(err))) {
		tap_fail(__FILE__, __LINE__, "summarize_dir: %s", err);
		return;
	}
	header = slurp(scratch_path("summary-run/summary.csv"));
	CHECK(header && !strncmp(header, SUMMARY_CSV_HEADER "\n",
				 strlen(SUMMARY_CSV_HEADER) + 1));
	free(header);

	n = read_summary(dir, &text, rows, 8);
	CHECK_INT(n, 6);
	if (n != 6) {
		free(text);
		return;
	}
	/* groups in order of first appearance */
	CHECK_STR(rows[0][S_PIN_METHOD], "pin");
	CHECK_STR(rows[0][S_STRATEGY], "noop");
	CHECK_STR(rows[1][S_STRATEGY], "put_page");
	CHECK_STR(rows[2][S_STRATEGY], "noop");
	CHECK_STR(rows[3][S_STRATEGY], "unpin_pages");
	CHECK_STR(rows[4][S_STRATEGY], "unpin_folios");
	CHECK_STR(rows[5][S_SIZE], "8192");

	/* noop with pin: one sample, so no spread */
	CHECK_STR(rows[0][S_N], "1");
	CHECK_STR(rows[0][S_MEDIAN], "100.000");
	CHECK_STR(rows[0][S_STDDEV], "");
	CHECK_STR(rows[0][S_CV], "");
	CHECK_STR(rows[0][S_CI95_LO], "");
	CHECK_STR(rows[0][S_NOOP_MEDIAN], "100.000");

	/* put_page: 1..10 (see test_stats for the reference numbers) */
	CHECK_STR(rows[1][S_RUN_ID], "r1");
	CHECK_STR(rows[1][S_KERNEL], "6.12.0");
	CHECK_STR(rows[1][S_ACCEL], "kvm");
	CHECK_STR(rows[1][S_EMULATED], "0");
	CHECK_STR(rows[1][S_COMPOSITION], "anon-4k");
	CHECK_STR(rows[1][S_SIZE], "4096");
	CHECK_STR(rows[1][S_PAGES], "1");
	CHECK_STR(rows[1][S_PIN_METHOD], "gup_fast");
	CHECK_STR(rows[1][S_WRITE], "1");
	CHECK_STR(rows[1][S_STATUS], "ok");
	CHECK_STR(rows[1][S_N], "10");
	CHECK_STR(rows[1][S_MIN], "1.000");
	CHECK_STR(rows[1][S_MEDIAN], "5.500");
	CHECK_STR(rows[1][S_MEAN], "5.500");
	CHECK_STR(rows[1][S_STDDEV], "3.028");
	CHECK_STR(rows[1][S_CV], "0.5505");
	CHECK_STR(rows[1][S_P90], "9.100");
	CHECK_STR(rows[1][S_P99], "9.910");
	CHECK_STR(rows[1][S_MAX], "10.000");
	CHECK_STR(rows[1][S_CI95_LO], "3.334");
	CHECK_STR(rows[1][S_CI95_HI], "7.666");
	CHECK_STR(rows[1][S_PIN_MEDIAN], "145.000");
	/* no noop with gup_fast: the config's first noop group */
	CHECK_STR(rows[1][S_NOOP_MEDIAN], "100.000");
	CHECK_STR(rows[1][S_MIX_OK], "1");
	/* one boot: its CV within, nothing between, CI of the iterations */
	CHECK_STR(rows[1][S_BOOTS], "1");
	CHECK_STR(rows[1][S_WITHIN_BOOT_CV], "0.5505");
	CHECK_STR(rows[1][S_BETWEEN_BOOT_CV], "");
	CHECK_STR(rows[1][S_CI_UNIT], "iterations");
	CHECK_STR(rows[1][S_CI_CENTER], rows[1][S_MEAN]);

	CHECK_STR(rows[2][S_PIN_METHOD], "pin_fast");
	CHECK_STR(rows[2][S_MEDIAN], "3.000");
	CHECK_STR(rows[2][S_NOOP_MEDIAN], "3.000");

	/* unpin_pages: 4 pages per row, ns/page {2,4,4,4,5,5,7,9} */
	CHECK_STR(rows[3][S_PAGES], "4");
	CHECK_STR(rows[3][S_N], "8");
	CHECK_STR(rows[3][S_MEDIAN], "4.500");
	CHECK_STR(rows[3][S_MEAN], "5.000");
	CHECK_STR(rows[3][S_STDDEV], "2.138");
	CHECK_STR(rows[3][S_CI95_LO], "3.213");
	CHECK_STR(rows[3][S_CI95_HI], "6.787");
	CHECK_STR(rows[3][S_PIN_MEDIAN], "100.000");
	CHECK_STR(rows[3][S_NOOP_MEDIAN], "");	/* no noop at 16K */
	CHECK_STR(rows[3][S_MIX_OK], "0");	/* min over rows */

	/* unsupported: n = 0, every statistic empty; pin_fast's floor */
	CHECK_STR(rows[4][S_STATUS], "unsupported");
	CHECK_STR(rows[4][S_N], "0");
	CHECK_STR(rows[4][S_MIN], "");
	CHECK_STR(rows[4][S_MEDIAN], "");
	CHECK_STR(rows[4][S_CI95_HI], "");
	CHECK_STR(rows[4][S_PIN_MEDIAN], "");
	CHECK_STR(rows[4][S_NOOP_MEDIAN], "3.000");
	CHECK_STR(rows[4][S_MIX_OK], "");
	CHECK_STR(rows[4][S_BOOTS], "0");
	CHECK_STR(rows[4][S_WITHIN_BOOT_CV], "");
	CHECK_STR(rows[4][S_BETWEEN_BOOT_CV], "");
	CHECK_STR(rows[4][S_CI_UNIT], "");

	/* read-only 8K: its own row, no noop in its config */
	CHECK_STR(rows[5][S_WRITE], "0");
	CHECK_STR(rows[5][S_N], "2");
	CHECK_STR(rows[5][S_MEDIAN], "25.000");
	CHECK_STR(rows[5][S_NOOP_MEDIAN], "");
	free(text);
}

/*
 * Three boots of unpin_pages (ns/page): boot 1 {10, 12, 14}, boot 2
 * {20, 22, 24, 26}, boot 3 {29, 31}, rows mixed up in the file; put_page
 * in boot 1 only {5, 7}. By hand: the boots' CVs 2/12, sqrt(20/3)/23,
 * sqrt(2)/30, mean 0.1087; the boot medians {12, 23, 30}: mean 21.667,
 * sd 9.0738, CV 0.4188, CI 21.667 -+ t(0.975, 2) 4.3027 * 9.0738 /
 * sqrt(3) = [-0.874, 44.207]. The other columns stay over all 9 values.
 */
static void test_summary_boot_spread(void)
{
	static const struct { int boot, ns; } unpin[] = {
		{ 2, 20 }, { 1, 10 }, { 3, 29 }, { 2, 22 }, { 1, 12 },
		{ 2, 24 }, { 3, 31 }, { 1, 14 }, { 2, 26 },
	};
	const char *dir = scratch_path("summary-boots");
	char *rows[4][64], *text, err[512], line[512];
	size_t i, n;
	FILE *f;

	mkdir(dir, 0755);
	f = fopen(scratch_path("summary-boots/samples.csv"), "w");
	if (!f) {
		tap_fail(__FILE__, __LINE__, "cannot write samples.csv");
		return;
	}
	fputs(SAMPLES_CSV_HEADER "\n", f);
	for (i = 0; i < sizeof(unpin) / sizeof(unpin[0]); i++) {
		snprintf(line, sizeof(line), ROW_PREFIX
			 "4096,1,pin_fast,unpin_pages,1,%zu,ok,50,%d,1,1,%d.000,50.000,0.00,0.00,1,o0=1,,,%d,,0,,,,,,,,,,,,,,,,,,,\n",
			 i, unpin[i].ns, unpin[i].ns, unpin[i].boot);
		fputs(line, f);
	}
	fputs(ROW_PREFIX "4096,1,gup_fast,put_page,1,0,ok,50,5,1,1,5.000,50.000,0.00,0.00,1,o0=1,,,1,,0,,,,,,,,,,,,,,,,,,,\n", f);
	fputs(ROW_PREFIX "4096,1,gup_fast,put_page,1,1,ok,50,7,1,1,7.000,50.000,0.00,0.00,1,o0=1,,,1,,0,,,,,,,,,,,,,,,,,,,\n", f);
	fclose(f);
	write_text_file(scratch_path("summary-boots/meta.json"),
			"{\n  \"calibration\": [{\"boot_id\": 1, \"start_ns\": 2, \"middle_ns\": 2, \"end_ns\": 2},"
			" {\"boot_id\": 2, \"start_ns\": 4, \"middle_ns\": 4, \"end_ns\": 4},"
			" {\"boot_id\": 3, \"start_ns\": 3, \"middle_ns\": null, \"end_ns\": 3}]\n}\n");
	if (summarize_dir(dir, false, err, sizeof(err))) {
		tap_fail(__FILE__, __LINE__, "summarize_dir: %s", err);
		return;
	}
	n = read_summary(dir, &text, rows, 4);
	CHECK_INT(n, 2);
	if (n != 2) {
		free(text);
		return;
	}
	CHECK_STR(rows[0][S_STRATEGY], "unpin_pages");
	CHECK_STR(rows[0][S_N], "9");
	CHECK_STR(rows[0][S_MEDIAN], "22.000");
	CHECK_STR(rows[0][S_MEAN], "20.889");
	CHECK_STR(rows[0][S_STDDEV], "7.507");
	CHECK_STR(rows[0][S_CV], "0.3594");
	CHECK_STR(rows[0][S_BOOTS], "3");
	CHECK_STR(rows[0][S_WITHIN_BOOT_CV], "0.1087");
	CHECK_STR(rows[0][S_BETWEEN_BOOT_CV], "0.4188");
	CHECK_STR(rows[0][S_CI95_LO], "-0.874");
	CHECK_STR(rows[0][S_CI95_HI], "44.207");
	CHECK_STR(rows[0][S_CI_UNIT], "boots");
	/* the CI's centre: the mean of the medians, not of all 9 samples */
	CHECK_STR(rows[0][S_CI_CENTER], "21.667");
	/*
	 * The median's CI of the boot medians {12, 23, 30}: 3 are too few
	 * for 95%, so [min, max] at 1 - 2/8; around their median 23.
	 */
	CHECK_STR(rows[0][S_MEDIAN_CI_LO], "12.000");
	CHECK_STR(rows[0][S_MEDIAN_CI_HI], "30.000");
	CHECK_STR(rows[0][S_MEDIAN_CI_LEVEL], "0.7500");
	CHECK_STR(rows[0][S_MEDIAN_CI_CENTER], "23.000");
	/*
	 * Calibrated (meta.json: boots 1, 2, 3 at 2, 4, 3 ns, run median
	 * 3): the medians times 3/2, 3/4, 3/3 = {18, 17.25, 30}, median 18,
	 * CV 0.3289 (python3 statistics.stdev / mean); the raw ones stay.
	 */
	CHECK_STR(rows[0][S_CALIB_MEDIAN], "18.000");
	CHECK_STR(rows[0][S_BETWEEN_BOOT_CV_CALIBRATED], "0.3289");

	CHECK_STR(rows[1][S_STRATEGY], "put_page");
	CHECK_STR(rows[1][S_BOOTS], "1");
	CHECK_STR(rows[1][S_WITHIN_BOOT_CV], "0.2357");	/* sqrt(2) / 6 */
	CHECK_STR(rows[1][S_BETWEEN_BOOT_CV], "");
	CHECK_STR(rows[1][S_CI_UNIT], "iterations");
	CHECK_STR(rows[1][S_CI_CENTER], rows[1][S_MEAN]);
	CHECK_STR(rows[1][S_MEDIAN_CI_LO], "5.000");	/* n=2: [min, max] */
	CHECK_STR(rows[1][S_MEDIAN_CI_CENTER], "6.000");
	CHECK_STR(rows[1][S_CALIB_MEDIAN], "9.000");	/* 6 * 3/2 */
	CHECK_STR(rows[1][S_BETWEEN_BOOT_CV_CALIBRATED], "");
	free(text);
}

static void test_ministat_files(void)
{
	const char *dir = scratch_path("summary-run/ministat");
	char *text;

	/* runs after test_summary_numbers, on its output */
	text = slurp(scratch_path("summary-run/ministat/anon-4k_4K_gup_fast_put_page.txt"));
	CHECK_STR(text, "1.000\n2.000\n3.000\n4.000\n5.000\n6.000\n7.000\n8.000\n9.000\n10.000\n");
	free(text);
	text = slurp(scratch_path("summary-run/ministat/anon-4k_16K_pin_fast_unpin_pages.txt"));
	CHECK_STR(text, "2.000\n4.000\n4.000\n4.000\n5.000\n5.000\n7.000\n9.000\n");
	free(text);
	text = slurp(scratch_path("summary-run/ministat/anon-4k_8K_gup_fast_put_page_ro.txt"));
	CHECK_STR(text, "20.000\n30.000\n");
	free(text);
	/* unsupported strategies have no samples, hence no file */
	CHECK_INT(count_entries_containing(dir, "unpin_folios"), 0);
	CHECK_INT(count_entries_containing(dir, ".txt"), 5);
	CHECK_INT(count_entries_containing(dir, ".tmp"), 0);
}

static void test_summarize_empty_and_missing(void)
{
	const char *dir = scratch_path("summary-empty");
	char err[512], *text;

	mkdir(dir, 0755);
	CHECK(summarize_dir(dir, false, err, sizeof(err)));
	CHECK_CONTAINS(err, "samples.csv: No such file");
	write_text_file(scratch_path("summary-empty/samples.csv"),
			SAMPLES_CSV_HEADER "\n");
	CHECK(!summarize_dir(dir, false, err, sizeof(err)));
	text = slurp(scratch_path("summary-empty/summary.csv"));
	CHECK_STR(text, SUMMARY_CSV_HEADER "\n");
	free(text);
}

TAP_SUITE(summary,
	{ "summarize a synthetic samples.csv: known stats, noop floor, mix_ok, unsupported",
	  test_summary_numbers },
	{ "ministat files: one ns/page per line, _ro for read-only, none for unsupported",
	  test_ministat_files },
	{ "summary spread columns: boots, within- and between-boot CV, CI of boot medians",
	  test_summary_boot_spread },
	{ "summarize without samples.csv fails; header-only gives header-only",
	  test_summarize_empty_and_missing },
);
