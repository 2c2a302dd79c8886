/* run_config.c and run_options.c for sweep: the config file and lists. */
#include <getopt.h>
#include <glob.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "exit_codes.h"
#include "run_config.h"
#include "run_options.h"
#include "tap.h"
#include "test_util.h"

/* Parses "COMMAND ARGS..." (NULL-terminated); *said gets stderr. */
#define parse parse_run_options

static const char *config(const char *name, const char *text)
{
	const char *path = scratch_path(name);

	write_text_file(path, text);
	return path;
}

static void check_sizes(const struct run_options *o, size_t comp,
			const char *name, const uint64_t *want, size_t nwant)
{
	size_t n, i;
	const uint64_t *got = run_options_sizes(o, comp, &n);

	CHECK_STR(o->compositions[comp]->name, name);
	CHECK_INT(n, nwant);
	for (i = 0; i < n && i < nwant; i++)
		CHECK_INT(got[i], want[i]);
}

static void test_config_file_lines(void)
{
	const char *path = config("lines.conf",
		"# a comment\n"
		"\n"
		"  key = value with blanks   \n"
		"k2=v2 # a trailing comment\n"
		"path = /a#b\n"
		"empty =\n");
	struct config_file cf;
	char err[512];

	CHECK(!config_file_read(path, &cf, err, sizeof(err)));
	CHECK_INT(cf.count, 4);
	if (cf.count == 4) {
		CHECK_INT(cf.entries[0].line, 3);
		CHECK_STR(cf.entries[0].key, "key");
		CHECK_STR(cf.entries[0].value, "value with blanks");
		CHECK_STR(cf.entries[1].value, "v2");
		CHECK_STR(cf.entries[2].value, "/a#b");	/* # inside a word */
		CHECK_STR(cf.entries[3].value, "");
		CHECK_INT(cf.entries[3].line, 6);
	}
	config_file_free(&cf);
	path = config("noeq.conf", "a = 1\n\njust words\n");
	CHECK(config_file_read(path, &cf, err, sizeof(err)));
	CHECK_CONTAINS(err, "noeq.conf:3: expected 'key = value', got 'just words'");
	path = config("nokey.conf", "= 1\n");
	CHECK(config_file_read(path, &cf, err, sizeof(err)));
	CHECK_CONTAINS(err, "nokey.conf:1: a value without a key");
	CHECK(config_file_read(scratch_path("absent.conf"), &cf, err,
			       sizeof(err)));
	CHECK_CONTAINS(err, "No such file");
}

static void test_good_config(void)
{
	static const uint64_t mb2[] = { 2 << 20 }, k4[] = { 4096, 8192 };
	static const uint64_t mixed[] = { 8 << 20, 16 << 20 };
	const char *path = config("good.conf",
		"# the whole matrix\n"
		"composition = anon-4k, anon-thp,mixed-thp:25\n"
		"sizes = 2M\n"
		"sizes.anon-4k = 4K, 8K\n"
		"sizes.mixed-thp = 8M,16M   # every mixed-thp:*\n"
		"strategies = put_page, unpin_pages\n"
		"pin-method = fast, longterm\n"
		"iterations = 20\n"
		"warmup = 0\n"
		"read-only = yes\n"
		"verify_all = true\n"
		"chunk-pages = 16\n"
		"layout = clustered\n"
		"file-dir = /dev/shm\n"
		"file-dir = /tmp\n"
		"tolerance = 2.5\n"
		"skip-unavailable = on\n"
		"quiet = no\n"
		"accel = kvm\n"
		"run-id = r1\n"
		"out = /tmp/x\n");
	struct run_options o;
	char *said;

	CHECK_INT(parse("sweep", &o, &said, "--config", path, NULL), -1);
	CHECK_STR(said, "");
	CHECK_INT(o.nr_compositions, 3);
	if (o.nr_compositions == 3) {
		check_sizes(&o, 0, "anon-4k", k4, 2);
		check_sizes(&o, 1, "anon-thp", mb2, 1);
		check_sizes(&o, 2, "mixed-thp:25:clustered", mixed, 2);
	}
	CHECK_STR(o.strategies, "put_page, unpin_pages");
	CHECK_STR(o.pin_method, "fast, longterm");
	CHECK_INT(o.iterations, 20);
	CHECK_INT(o.warmup, 0);
	CHECK(o.read_only && o.verify_all && o.skip_unavailable && !o.quiet);
	CHECK_INT(o.chunk_pages, 16);
	CHECK_INT(o.layout, LAYOUT_CLUSTERED);
	CHECK_INT(o.nr_file_dirs, 2);
	CHECK_NEAR(o.tolerance, 2.5, 0);
	CHECK_STR(o.accel, "kvm");
	CHECK_STR(o.run_id, "r1");
	CHECK_STR(o.out_dir, "/tmp/x");
	free(said);
	run_options_free(&o);

	/* the command line overrides the file, wherever it stands */
	CHECK_INT(parse("sweep", &o, &said, "--iterations", "3", "--config",
			path, "--composition", "anon-4k", "--file-dir", "/x",
			"--sizes", "4M", NULL), -1);
	CHECK_STR(said, "");
	CHECK_INT(o.iterations, 3);
	CHECK_INT(o.nr_compositions, 1);
	if (o.nr_compositions == 1)
		check_sizes(&o, 0, "anon-4k", k4, 2);	/* sizes.anon-4k */
	CHECK_INT(o.nr_sizes, 1);
	CHECK_INT(o.nr_file_dirs, 1);
	if (o.nr_file_dirs == 1)
		CHECK_STR(o.file_dirs[0], "/x");
	free(said);
	run_options_free(&o);
}

static void test_bad_config(void)
{
	static const struct {
		const char *name, *text, *says;
	} bad[] = {
		{ "unknown.conf", "iterations = 2\n\n# x\niteratons = 3\n",
		  "sweep: " "%s:4: unknown key 'iteratons'" },
		{ "value.conf", "warmup = 1\niterations = ten\n",
		  "sweep: %s:2: iterations wants a whole number >= 1, not 'ten'" },
		{ "switch.conf", "read-only = maybe\n",
		  "sweep: %s:1: read-only wants yes or no, not 'maybe'" },
		{ "layout.conf", "layout = diagonal\n",
		  "sweep: %s:1: layout wants interleaved or clustered, not 'diagonal'" },
		{ "noval.conf", "iterations =\n",
		  "sweep: %s:1: iterations wants a value" },
		{ "nested.conf", "config = other.conf\n",
		  "sweep: %s:1: unknown key 'config'" },
		{ "comp.conf", "composition = anon-4k,\n",
		  "sweep: %s:1: unknown composition ''" },
		{ "sizes.conf", "\nsizes = 4K,x\n",
		  "sweep: %s:2: sizes: bad size 'x'" },
		{ "compsizes.conf", "sizes.anon-4k = 4K\nsizes.anon-tph = 2M\n",
		  "sweep: %s:2: sizes.anon-tph: unknown composition 'anon-tph'" },
		{ "compsizes2.conf", "composition = anon-thp\nsizes.anon-thp = 0\n",
		  "sweep: %s:2: sizes.anon-thp: size '0' must be more than 0" },
		{ "granule.conf", "composition = anon-thp\nsizes.anon-thp = 4K\n",
		  "sweep: %s:2: size 4K is not a multiple of anon-thp's page size 2M" },
		{ "mixedunit.conf", "composition = mixed-thp:25\nsizes = 2M\n",
		  "sweep: %s:2: size 2M is not a multiple of mixed-thp:25:interleaved's unit 8M (4 blocks of 2M, 25%% of them THP)" },
	};
	struct run_options o;
	char *said, want[512];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *path = config(bad[i].name, bad[i].text);
		int status = parse("sweep", &o, &said, "--config", path, NULL);

		snprintf(want, sizeof(want), bad[i].says, path);
		if (status != EXIT_USAGE || !strstr(said, want))
			tap_fail(__FILE__, __LINE__,
				 "%s: status %d, said \"%s\", want \"%s\"",
				 bad[i].name, status, said, want);
		free(said);
		run_options_free(&o);
	}
	CHECK_INT(parse("sweep", &o, &said, "--config",
			scratch_path("absent.conf"), NULL), EXIT_USAGE);
	CHECK_CONTAINS(said, "sweep: --config: ");
	CHECK_CONTAINS(said, "absent.conf: No such file");
	free(said);
	run_options_free(&o);
}

static void test_run_is_not_sweep(void)
{
	struct run_options o;
	char *said;

	CHECK_INT(parse("run", &o, &said, "--config", "x.conf", NULL),
		  EXIT_USAGE);
	CHECK_CONTAINS(said, "run: --config is an option of pinbench sweep");
	free(said);
	run_options_free(&o);
	CHECK_INT(parse("run", &o, &said, "--skip-unavailable", NULL),
		  EXIT_USAGE);
	CHECK_CONTAINS(said, "run: --skip-unavailable is an option of pinbench sweep");
	free(said);
	run_options_free(&o);
	CHECK_INT(parse("run", &o, &said, "--pin-method", "fast,locked", NULL),
		  EXIT_USAGE);
	CHECK_CONTAINS(said, "--pin-method takes one method here; pinbench sweep takes a list");
	free(said);
	run_options_free(&o);
	CHECK_INT(parse("sweep", &o, &said, "--pin-method", "fast,locked",
			"--skip-unavailable", "--layout", "clustered",
			"--composition", "mixed-thp:50", "--sizes", "4M",
			NULL), -1);
	CHECK_STR(said, "");
	CHECK(o.skip_unavailable);
	if (o.nr_compositions == 1)
		CHECK_STR(o.compositions[0]->name, "mixed-thp:50:clustered");
	free(said);
	run_options_free(&o);
	CHECK_INT(parse("sweep", &o, &said, "--bogus", NULL), EXIT_USAGE);
	CHECK_CONTAINS(said, "sweep: unknown option '--bogus' (try pinbench sweep --help)");
	free(said);
	run_options_free(&o);
}

/* The profiles make bench runs (one file each, guest.* keys too) parse. */
static void test_shipped_profiles(void)
{
	glob_t g;
	size_t i;

	CHECK_INT(glob("../../scripts/guest/bench-*.conf", 0, NULL, &g), 0);
	CHECK(g.gl_pathc >= 3);
	for (i = 0; i < g.gl_pathc; i++) {
		struct run_options o;
		char *said;

		CHECK_INT(parse("sweep", &o, &said, "--config", g.gl_pathv[i],
				NULL), -1);
		if (*said)
			tap_diag("%s: %s", g.gl_pathv[i], said);
		CHECK_STR(said, "");
		CHECK(o.nr_compositions > 0);
		free(said);
		run_options_free(&o);
	}
	globfree(&g);
}

TAP_SUITE(run_config,
	{ "the shipped profiles (scripts/guest/bench-*.conf) parse, guest keys and all",
	  test_shipped_profiles },
	{ "config file lines: key = value, comments, blanks, line numbers",
	  test_config_file_lines },
	{ "sweep --config: every key, sizes.<composition>, command line overrides",
	  test_good_config },
	{ "config errors name the file and line: unknown key, bad value, bad size",
	  test_bad_config },
	{ "run refuses sweep's options; sweep takes pin method lists",
	  test_run_is_not_sweep },
);
