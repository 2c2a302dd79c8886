/*
 * fio's JSON output into fio.csv (analysis/fio_result.c, fio_summary.c):
 * a real json+ output of bench/fio/io_uring-fixedbufs.fio (fio 3.33, a
 * file on the host: fixtures/) parses field by field; a run directory of
 * jobs becomes fio.csv, fio-iops.dat and fio-report.txt with every column
 * filled; malformed and hostile outputs are refused, saying what, and
 * leave no file written.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_runner.h"
#include "fio_result.h"
#include "fio_summary.h"
#include "synthetic_run.h"
#include "tap.h"
#include "test_util.h"

#define FIXTURE_JOB "ext4-randread-4k-io_uring-fixedbufs-malloc"
#define FIXTURE "fixtures/" FIXTURE_JOB ".json"

static char *fixture(void)
{
	char *text = slurp(FIXTURE);

	if (!text)
		tap_fail(__FILE__, __LINE__, "cannot read %s", FIXTURE);
	return text;
}

static int parse_text(const char *text, struct fio_row **rows, size_t *n,
		      char *err, size_t errlen)
{
	*rows = NULL;
	*n = 0;
	return fio_result_parse(text, strlen(text), rows, n, err, errlen);
}

static void test_fixture_fields(void)
{
	char *text = fixture(), err[512] = "";
	struct fio_row *rows;
	size_t n;

	if (!text)
		return;
	CHECK_INT(parse_text(text, &rows, &n, err, sizeof(err)), 0);
	if (err[0])
		tap_diag("%s", err);
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK_STR(rows[0].name, FIXTURE_JOB);
		CHECK_STR(rows[0].target, "ext4");
		CHECK_STR(rows[0].engine, "io_uring");
		CHECK_INT(rows[0].fixedbufs, 1);
		CHECK_STR(rows[0].buffer, "malloc");
		CHECK_INT(rows[0].bs, 4096);
		CHECK_STR(rows[0].rw, "randread");
		CHECK_NEAR(rows[0].iops, 13015.984016, 1e-6);
		CHECK_INT(rows[0].bw_bytes, 53313470);
		CHECK_INT(rows[0].clat_p50_ns, 36096);
		CHECK_INT(rows[0].clat_p99_ns, 115200);
		CHECK_NEAR(rows[0].usr_cpu, 2.4, 1e-9);
		CHECK_NEAR(rows[0].sys_cpu, 49.9, 1e-9);
	}
	free(rows);
	free(text);
}

/* A run directory (malloc'ed name): meta.json, an empty fio/. */
static char *fio_dir(const char *name, const char *accel)
{
	char *dir = strdup(scratch_path(name));
	char path[1024], meta[256];

	snprintf(path, sizeof(path), "%s/fio", dir);
	mkdir(dir, 0755);
	mkdir(path, 0755);
	snprintf(meta, sizeof(meta),
		 "{\"kernel\": \"6.12.0-test\", \"accel\": \"%s\"}\n", accel);
	snprintf(path, sizeof(path), "%s/fio/meta.json", dir);
	write_text_file(path, meta);
	return dir;
}

/* The fixture as job NAME, with from replaced by to (NULL: as it is). */
static void add_job(const char *dir, const char *name, const char *from,
		    const char *to)
{
	char *text = fixture(), *named, *edited, path[1024];

	if (!text)
		return;
	named = replace_all(text, "\"" FIXTURE_JOB "\"", name);
	edited = from ? replace_all(named, from, to) : strdup(named);
	snprintf(path, sizeof(path), "%s/fio/%.*s.json", dir,
		 (int)strlen(name) - 2, name + 1);
	CHECK_INT(write_text_file(path, edited), 0);
	free(text);
	free(named);
	free(edited);
}

static int count_char(const char *s, char c)
{
	int n = 0;

	for (; *s; s++)
		n += *s == c;
	return n;
}

static void test_summarize_dir(void)
{
	char *dir = fio_dir("fio-run", "tcg");
	char err[512] = "", *csv, *dat, *report, *line;

	add_job(dir, "\"a-fixed\"", NULL, NULL);
	add_job(dir, "\"b-plain\"", "\"fixedbufs\" : \"1\"", "\"fixedbufs\" : \"0\"");
	add_job(dir, "\"c-huge\"", "\"mem\" : \"malloc\"", "\"mem\" : \"shmhuge\"");
	CHECK_INT(fio_summarize_dir(dir, NULL, err, sizeof(err)), 0);
	if (err[0])
		tap_diag("%s", err);
	csv = slurp(dir_file(dir, "fio.csv"));
	dat = slurp(dir_file(dir, "fio-iops.dat"));
	report = slurp(dir_file(dir, "fio-report.txt"));
	CHECK(csv && dat && report);
	if (!csv || !dat || !report)
		goto out;
	CHECK(!strncmp(csv, "kernel,accel,emulated,name,target,engine,fixedbufs,buffer,bs_bytes,rw,iops,bw_bytes,clat_p50_ns,clat_p99_ns,usr_cpu,sys_cpu\n",
		       strlen("kernel,accel,emulated,name,target,engine,fixedbufs,buffer,bs_bytes,rw,iops,bw_bytes,clat_p50_ns,clat_p99_ns,usr_cpu,sys_cpu\n")));
	CHECK_INT(count_lines(csv), 4);
	/* sorted by variant: io_uring, io_uring+fixedbufs; malloc, shmhuge */
	line = line_with(csv, "b-plain");
	CHECK_STR(line, "6.12.0-test,tcg,1,b-plain,ext4,io_uring,0,malloc,4096,randread,13015.984,53313470,36096,115200,2.40,49.90");
	free(line);
	/* every column filled: no empty field, 16 fields a row */
	CHECK(!strstr(csv, ",,") && !strstr(csv, ",\n"));
	CHECK_INT(count_char(csv, ','), 4 * 15);
	CHECK_CONTAINS(dat, "case io_uring/malloc io_uring+fixedbufs/malloc io_uring+fixedbufs/shmhuge\n");
	CHECK_CONTAINS(dat, "\next4/randread/4K 13015.984 13015.984 13015.984\n");
	CHECK_CONTAINS(report, "kernel 6.12.0-test, accel tcg, 3 jobs");
	CHECK_CONTAINS(report, "EMULATED (TCG)");
	CHECK_CONTAINS(report, "c-huge");
	CHECK_CONTAINS(report, "13016");
out:
	free(csv);
	free(dat);
	free(report);
	free(dir);
}

static void test_native_unlabelled(void)
{
	char *dir = fio_dir("fio-native", "native");
	char err[512] = "", *report, *csv;

	add_job(dir, "\"only\"", NULL, NULL);
	CHECK_INT(fio_summarize_dir(dir, NULL, err, sizeof(err)), 0);
	report = slurp(dir_file(dir, "fio-report.txt"));
	csv = slurp(dir_file(dir, "fio.csv"));
	CHECK(report && !strstr(report, "EMULATED"));
	CHECK(csv && strstr(csv, "\n6.12.0-test,native,0,only,"));
	free(report);
	free(csv);
	free(dir);
}

static int fake_shares(const char *perf_txt, double *pin, double *unpin,
		       char *err, size_t errlen)
{
	(void)err;
	(void)errlen;
	*pin = strstr(perf_txt, "/fio/only.perf.txt") ? 0.125 : NAN;
	*unpin = 0.25;
	return 0;
}

/* The hook the perf report parser will fill: two more columns. */
static void test_share_provider(void)
{
	static const struct fio_share_provider shares = {
		"gup_*, unpin_user_page*", fake_shares,
	};
	char *dir = fio_dir("fio-shares", "kvm");
	char err[512] = "", *csv, *report;

	add_job(dir, "\"only\"", NULL, NULL);
	CHECK_INT(fio_summarize_dir(dir, &shares, err, sizeof(err)), 0);
	csv = slurp(dir_file(dir, "fio.csv"));
	report = slurp(dir_file(dir, "fio-report.txt"));
	CHECK(csv && strstr(csv, ",sys_cpu,pin_share,unpin_share\n"));
	CHECK(csv && strstr(csv, ",49.90,0.1250,0.2500\n"));
	CHECK(report && strstr(report, "12.5%") && strstr(report, "gup_*, unpin_user_page*"));
	free(csv);
	free(report);
	free(dir);
}

/* Edits of the fixture that must be refused, and what the error says. */
static const struct {
	const char *from, *to, *says;
} hostile[] = {
	{ "\"iops\" : 13015.984016", "\"iops\" : \"13015\"", "iops is not a number" },
	{ "\"iops\" : 13015.984016", "\"iops\" : 1e300", "iops = 1e+300 is out of range" },
	{ "\"iops\" : 13015.984016", "\"iops\" : 0", "iops is 0" },
	{ "\"bw_bytes\" : 53313470", "\"bw_bytez\" : 53313470", "no bw_bytes" },
	{ "\"bw_bytes\" : 53313470", "\"bw_bytes\" : 99999999999999999999999", "not fio JSON output" },
	{ "\"bw_bytes\" : 53313470", "\"bw_bytes\" : 9223372036854775807", "bw_bytes = 9223372036854775807 is out of range" },
	{ "\"bw_bytes\" : 53313470", "\"bw_bytes\" : 5.5", "bw_bytes is not an integer" },
	{ "\"sys_cpu\" : 49.900000", "\"sys_cpu\" : -1", "sys_cpu = -1 is out of range" },
	{ "\"usr_cpu\" : 2.400000", "\"usr_cpu\" : null", "usr_cpu is not a number" },
	{ "\"50.000000\" : 36096", "\"50.000000\" : 999999999", "clat p50 999999999 ns above p99" },
	{ "\"99.000000\" : 115200", "\"99.500000x\" : 115200", "no 99.000000" },
	{ "\"percentile\" :", "\"percentilez\" :", "no read clat_ns percentile" },
	{ "\"total_ios\" : 13029", "\"total_ios\" : 0", "ran no read IO" },
	{ "\"jobname\" : \"" FIXTURE_JOB "\"", "\"jobname\" : \"a,b\"", "jobname \"a,b\" is not" },
	{ "\"jobname\" : \"" FIXTURE_JOB "\"", "\"jobname\" : \"a\\\"b\"", "is not 1 to 95 characters" },
	{ "\"jobname\" : \"" FIXTURE_JOB "\"", "\"jobname\" : \"a\\nb\"", "is not 1 to 95 characters" },
	{ "\"jobname\" : \"" FIXTURE_JOB "\"", "\"jobname\" : 7", "no jobname string" },
	{ "\"jobname\" : \"" FIXTURE_JOB "\"", "\"jobname\" : \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"", "is not 1 to 95 characters" },
	{ "\"description\" : \"ext4\"", "\"description\" : \"tmpfs\"", "option description: \"tmpfs\" is not one of" },
	{ "\"description\" : \"ext4\"", "\"description\" : [\"ext4\"]", "option description is not a string" },
	{ "\"description\" : \"ext4\",", "", "no option description" },
	{ "\"direct\" : \"1\"", "\"direct\" : \"0\"", "not direct=1" },
	{ "\"ioengine\" : \"io_uring\"", "\"ioengine\" : \"sync\"", "option ioengine: \"sync\" is not one of" },
	{ "\"fixedbufs\" : \"1\"", "\"fixedbufs\" : \"yes\"", "fixedbufs: \"yes\" is not 0 or 1" },
	{ "\"ioengine\" : \"io_uring\"", "\"ioengine\" : \"libaio\"", "fixedbufs=1 with engine libaio" },
	{ "\"bs\" : \"4k\"", "\"bs\" : \"4k,8k\"", "option bs \"4k,8k\" is not one size" },
	{ "\"bs\" : \"4k\"", "\"bs\" : \"99999999999999999999k\"", "option bs" },
	{ "\"bs\" : \"4k\"", "\"bs\" : \"100\"", "bs 100 below 512 bytes" },
	{ "\"mem\" : \"malloc\"", "\"mem\" : \"mmap\"", "option mem: \"mmap\" is not malloc" },
	{ "\"rw\" : \"randread\"", "\"rw\" : \"randrw\"", "option rw: \"randrw\" is not one of" },
	{ "\"error\" : 0", "\"error\" : 5", "fio says error 5" },
	{ "\"global options\" : {", "\"global options\" : 3, \"x\" : {", "\"global options\" is not an object" },
	{ "\"jobs\" : [", "\"jobs\" : [], \"x\" : [", "no \"jobs\" array" },
	{ "\"fio version\"", "\"timestamp\" : 1, \"fio version\"", "not fio JSON output" },
	{ "{", "garbage {", "not fio JSON output" },
};

static void test_hostile_refused(void)
{
	char *text = fixture(), *edited, err[512];
	struct fio_row *rows;
	size_t i, n;

	if (!text)
		return;
	for (i = 0; i < NR(hostile); i++) {
		if (!strstr(text, hostile[i].from)) {
			tap_fail(__FILE__, __LINE__, "fixture lacks %s", hostile[i].from);
			continue;
		}
		edited = replace_all(text, hostile[i].from, hostile[i].to);
		err[0] = '\0';
		CHECK_INT(parse_text(edited, &rows, &n, err, sizeof(err)), -1);
		CHECK_INT(n, 0);
		CHECK_CONTAINS(err, hostile[i].says);
		free(rows);
		free(edited);
	}
	free(text);
}

/* One bad job among good ones: an error naming it, no file written or
 * changed (an old fio.csv stays as it was). */
static void test_nothing_half_written(void)
{
	char *dir = fio_dir("fio-half", "tcg");
	char err[512] = "", *csv;

	add_job(dir, "\"a-good\"", NULL, NULL);
	add_job(dir, "\"b-bad\"", "\"usr_cpu\" : 2.400000", "\"usr_cpu\" : \"2.400000\"");
	write_text_file(dir_file(dir, "fio.csv"), "old\n");
	CHECK_INT(fio_summarize_dir(dir, NULL, err, sizeof(err)), -1);
	CHECK_CONTAINS(err, "/fio/b-bad.json: fio job 1: usr_cpu is not a number");
	csv = slurp(dir_file(dir, "fio.csv"));
	CHECK_STR(csv, "old\n");
	free(csv);
	CHECK(access(dir_file(dir, "fio-iops.dat"), F_OK) != 0);
	CHECK(access(dir_file(dir, "fio-report.txt"), F_OK) != 0);
	CHECK_INT(count_entries_containing(dir, ".tmp"), 0);
	free(dir);
}

static void test_dir_refusals(void)
{
	char *dir = fio_dir("fio-named", "tcg");
	char *twice = fio_dir("fio-twice", "tcg");
	char *empty = fio_dir("fio-empty", "tcg");
	char *nometa = strdup(scratch_path("fio-nometa"));
	char err[512], path[1024];

	/* the file's name is the job's: its perf.txt is found by it */
	add_job(dir, "\"x\"", "\"jobname\" : \"x\"", "\"jobname\" : \"y\"");
	CHECK_INT(fio_summarize_dir(dir, NULL, err, sizeof(err)), -1);
	CHECK_CONTAINS(err, "want one job named \"x\"");
	/* the same case twice: which would the figure show? */
	add_job(twice, "\"one\"", NULL, NULL);
	add_job(twice, "\"two\"", NULL, NULL);
	CHECK_INT(fio_summarize_dir(twice, NULL, err, sizeof(err)), -1);
	CHECK_CONTAINS(err, "jobs one and two ran the same case");
	CHECK_INT(fio_summarize_dir(empty, NULL, err, sizeof(err)), -1);
	CHECK_CONTAINS(err, "no fio job output");
	mkdir(nometa, 0755);
	snprintf(path, sizeof(path), "%s/fio", nometa);
	mkdir(path, 0755);
	add_job(nometa, "\"only\"", NULL, NULL);
	CHECK_INT(fio_summarize_dir(nometa, NULL, err, sizeof(err)), -1);
	CHECK_CONTAINS(err, "fio/meta.json");
	write_text_file(dir_file(path, "meta.json"),
			"{\"kernel\": \"6.1,evil\", \"accel\": \"tcg\"}");
	CHECK_INT(fio_summarize_dir(nometa, NULL, err, sizeof(err)), -1);
	CHECK_CONTAINS(err, "want \"kernel\" and \"accel\"");
	free(dir);
	free(twice);
	free(empty);
	free(nometa);
}

/* The subcommand: registered, its usage, a clear error. */
static void test_cli(void)
{
	char *dir = fio_dir("fio-cli", "tcg");
	struct outcome o;

	char *csv;

	add_job(dir, "\"only\"", NULL, NULL);
	/* no profile beside the job: refused, naming it */
	CHECK_CLI(1, "only.perf.txt", REAL_PINBENCH, "fio-summarize", dir);
	/* its pin and unpin shares from the profile (perf_paths.c's table) */
	write_text_file(dir_file(dir, "fio/only.perf.txt"),
			"# Samples: 1K of event 'cpu-clock'\n"
			"# Overhead  Symbol\n"
			"# ........  ......\n"
			"#\n"
			"    50.00%  [k] pv_native_safe_halt\n"
			"     2.00%  [k] gup_fast_fallback\n"
			"     1.50%  [k] gup_put_folio\n"
			"     1.00%  [k] __bio_release_pages\n");
	o = run_cli(REAL_PINBENCH, NULL, "fio-summarize", dir);
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	csv = slurp(dir_file(dir, "fio.csv"));
	CHECK_CONTAINS(csv, ",pin_share,unpin_share\n");
	CHECK_CONTAINS(csv, ",0.0200,0.0250\n");
	free(csv);
	/* the figure's lower panel: pin + unpin, percent */
	csv = slurp(dir_file(dir, "fio-shares.dat"));
	CHECK_CONTAINS(csv, " 4.500\n");
	free(csv);
	CHECK_CLI(0, "", REAL_PINBENCH, "fio-summarize", "--help");
	CHECK_CLI(2, "needs exactly one DIR", REAL_PINBENCH, "fio-summarize");
	CHECK_CLI(1, "pinbench: fio-summarize: ", REAL_PINBENCH,
		  "fio-summarize", scratch_dir());
	free(dir);
}

/*
 * scripts/plots-fio.sh draws a summarized run; a fio.csv edited elsewhere
 * with a backquote in its kernel never reaches gnuplot's strings.
 */
static void test_plots_fio(void)
{
	char *dir = fio_dir("fio-plot", "tcg"), *marker, *hostile, *csv;
	char *line = NULL;
	char err[512] = "";
	struct outcome o;

	if (system("command -v gnuplot > /dev/null 2>&1")) {
		tap_skip("no gnuplot here");
		free(dir);
		return;
	}
	add_job(dir, "\"only\"", NULL, NULL);
	CHECK_INT(fio_summarize_dir(dir, NULL, err, sizeof(err)), 0);
	o = run_cli("../../scripts/plots-fio.sh", NULL, dir);
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	CHECK(access(dir_file(dir, "plots/fio-iops.png"), F_OK) == 0);
	CHECK(access(dir_file(dir, "plots/fio-iops.svg"), F_OK) == 0);
	marker = strdup(scratch_path("fio-plot-ran"));
	csv = slurp(dir_file(dir, "fio.csv"));
	hostile = malloc(strlen(marker) + 32);
	if (csv && hostile) {
		sprintf(hostile, "6.12`touch %s`", marker);
		line = replace_all("\nX,", "X", hostile);
		CHECK_INT(edit_file(dir_file(dir, "fio.csv"), "\n6.12.0-test,",
				    line), 0);
		o = run_cli("../../scripts/plots-fio.sh", NULL, dir);
		CHECK_STATUS(o, 1);
		CHECK_CONTAINS(o.err, "no kernel, accel, emulated");
		CHECK(access(marker, F_OK) != 0);
		outcome_free(&o);
	}
	free(line);
	free(csv);
	free(hostile);
	free(marker);
	free(dir);
}

TAP_SUITE(fio,
	{ "fio: a real json+ output (fixtures/) parses field by field",
	  test_fixture_fields },
	{ "fio: a run directory into fio.csv (every column filled), fio-iops.dat, fio-report.txt (EMULATED under TCG)",
	  test_summarize_dir },
	{ "fio: a native run's report carries no EMULATED label",
	  test_native_unlabelled },
	{ "fio: a share provider adds pin_share and unpin_share",
	  test_share_provider },
	{ "fio: malformed and hostile outputs refused, saying what",
	  test_hostile_refused },
	{ "fio: one bad job: an error naming it, nothing written or changed",
	  test_nothing_half_written },
	{ "fio: a job named unlike its file, a case twice, no jobs, a bad meta.json refused",
	  test_dir_refusals },
	{ "fio: pinbench fio-summarize registered, usage and errors",
	  test_cli },
	{ "fio: plots-fio.sh draws a run, refuses a backquote in fio.csv",
	  test_plots_fio },
);
