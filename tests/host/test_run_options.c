/* run_options.c, compositions.c, progress.c: what needs no device. */
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compositions.h"
#include "exit_codes.h"
#include "progress.h"
#include "run_options.h"
#include "sysinfo.h"
#include "tap.h"
#include "test_util.h"

#define parse(opts, said, ...) parse_run_options("run", opts, said, __VA_ARGS__)

static void test_defaults(void)
{
	struct run_options o;
	char *said;

	CHECK_INT(parse(&o, &said, NULL), -1);
	CHECK_STR(said, "");
	CHECK_INT(o.nr_compositions, 1);
	CHECK_STR(o.compositions[0]->name, "anon-4k");
	CHECK_INT(o.nr_sizes, 1);
	CHECK_INT(o.sizes[0], 2 << 20);
	CHECK_STR(o.strategies, "all");
	CHECK_STR(o.pin_method, "fast");
	CHECK_INT(o.iterations, 10);
	CHECK_INT(o.warmup, 2);
	CHECK_INT(o.chunk_pages, 0);
	CHECK(!o.read_only && !o.verify_all && !o.quiet);
	CHECK(!o.out_dir && !o.run_id);
	CHECK_NEAR(o.tolerance, 5, 0);
	CHECK(o.accel[0]);
	free(said);
	run_options_free(&o);
}

static void test_every_option(void)
{
	struct run_options o;
	char *said;

	CHECK_INT(parse(&o, &said, "--composition", "anon-4k,anon-thp,anon-4k",
			"--sizes", "2M,4M", "--strategies", "put_page",
			"--pin-method", "locked", "--iterations", "3",
			"--warmup", "0", "--read-only", "--verify-all",
			"--chunk-pages", "16", "--out", "/tmp/x", "--run-id",
			"my-run_1.2", "--accel", "tcg", "--tolerance", "2.5",
			"--quiet", NULL), -1);
	CHECK_STR(said, "");
	CHECK_INT(o.nr_compositions, 2);	/* named twice, built once */
	CHECK_INT(o.nr_sizes, 2);
	CHECK_STR(o.strategies, "put_page");
	CHECK_STR(o.pin_method, "locked");
	CHECK_INT(o.iterations, 3);
	CHECK_INT(o.warmup, 0);
	CHECK(o.read_only && o.verify_all && o.quiet);
	CHECK_INT(o.chunk_pages, 16);
	CHECK_STR(o.out_dir, "/tmp/x");
	CHECK_STR(o.run_id, "my-run_1.2");
	CHECK_STR(o.accel, "tcg");
	CHECK_NEAR(o.tolerance, 2.5, 0);
	free(said);
	run_options_free(&o);
}

static void test_usage_errors(void)
{
	static const struct {
		const char *option, *value, *says;
	} bad[] = {
		{ "--composition", "nosuch", "unknown composition 'nosuch'; known: anon-4k, anon-thp" },
		{ "--sizes", "0", "must be more than 0" },
		{ "--sizes", "99999999999G", "too large" },
		{ "--sizes", "4K,,2M", "empty size" },
		{ "--sizes", "6K", "size 6K is not a multiple of anon-4k's page size 4K" },
		{ "--iterations", "0", "--iterations wants a whole number >= 1" },
		{ "--iterations", "4294967296", "--iterations" },
		{ "--warmup", "-1", "--warmup" },
		{ "--chunk-pages", "x", "--chunk-pages" },
		{ "--tolerance", "-1", "--tolerance" },
		{ "--tolerance", "nan", "--tolerance" },
		{ "--accel", "a/b", "--accel" },
		{ "--run-id", "..", "--run-id" },
		{ "--run-id", "a/b", "--run-id" },
		{ "--bogus", NULL, "unknown option '--bogus'" },
	};
	struct run_options o;
	char *said;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int status = parse(&o, &said, bad[i].option, bad[i].value,
				   NULL);

		if (status != EXIT_USAGE || !strstr(said, bad[i].says) ||
		    strncmp(said, "pinbench: ", 10))
			tap_fail(__FILE__, __LINE__,
				 "%s %s: status %d, said \"%s\", want \"%s\"",
				 bad[i].option, bad[i].value ? bad[i].value : "",
				 status, said, bad[i].says);
		free(said);
		run_options_free(&o);
	}
	CHECK_INT(parse(&o, &said, "--composition", "anon-thp", "--sizes",
			"4K", NULL), EXIT_USAGE);
	CHECK_CONTAINS(said, "size 4K is not a multiple of anon-thp's page size 2M");
	free(said);
	run_options_free(&o);
	CHECK_INT(parse(&o, &said, "--sizes", "4K", "extra", NULL), EXIT_USAGE);
	CHECK_CONTAINS(said, "unexpected argument 'extra'");
	free(said);
	run_options_free(&o);
	CHECK_INT(parse(&o, &said, "--iterations", NULL), EXIT_USAGE);
	CHECK_CONTAINS(said, "option '--iterations' needs a value");
	free(said);
	run_options_free(&o);
}

static void test_anon_4k_build(void)
{
	char err[1024];
	struct composition *comp = composition_new("anon-4k", NULL, err,
						   sizeof(err));
	size_t page = (size_t)sysconf(_SC_PAGESIZE), off;
	struct region region;

	CHECK(comp != NULL);
	CHECK(!composition_new("nosuch", NULL, err, sizeof(err)));
	if (!comp)
		return;
	CHECK_NEAR(comp->req_huge_pct, 0, 0);
	CHECK_INT(composition_granule(comp), page);
	CHECK(!composition_build(comp, &region, 64 * page, err, sizeof(err)));
	CHECK_INT(region.len, 64 * page);
	CHECK_INT((uintptr_t)region.addr % page, 0);
	for (off = 0; off < region.len; off += page)
		if (((volatile char *)region.addr)[off] != 1)
			break;
	CHECK_INT(off, region.len);	/* every page written */
	composition_teardown(comp, &region);
	CHECK(region.mapping == NULL);
	composition_free(comp);
}

static void test_anon_thp_build(void)
{
	char err[1024], why[1024], mode[32];
	struct composition *comp = composition_new("anon-thp", NULL, err,
						   sizeof(err));
	struct region region;

	CHECK(comp != NULL);
	if (!comp)
		return;
	CHECK_NEAR(comp->req_huge_pct, 100, 0);
	CHECK_INT(composition_granule(comp), 2 << 20);
	if (sysfs_choice(THP_ENABLED_PATH, mode, sizeof(mode)) ||
	    !strcmp(mode, "never")) {
		CHECK(composition_available(comp, 4 << 20, why, sizeof(why)));
		CHECK_CONTAINS(why, "transparent hugepages");
		tap_skip("the build: THP unavailable here: %s", why);
		composition_free(comp);
		return;
	}
	CHECK(!composition_available(comp, 4 << 20, why, sizeof(why)));
	CHECK(!composition_build(comp, &region, 4 << 20, err, sizeof(err)));
	CHECK_INT((uintptr_t)region.addr % (2 << 20), 0);
	CHECK_INT(region.len, 4 << 20);
	CHECK((char *)region.addr >= (char *)region.mapping &&
	      (char *)region.addr + region.len <=
	      (char *)region.mapping + region.mapping_len);
	composition_teardown(comp, &region);
	composition_free(comp);
}

static void test_progress(void)
{
	struct progress p = { .done = 2, .total = 10, .started = 100 };
	char buf[32];

	format_duration(5, buf, sizeof(buf));
	CHECK_STR(buf, "5s");
	format_duration(65, buf, sizeof(buf));
	CHECK_STR(buf, "1m05s");
	format_duration(3725, buf, sizeof(buf));
	CHECK_STR(buf, "1h02m");
	format_duration(-3, buf, sizeof(buf));
	CHECK_STR(buf, "0s");
	/* 2 RUNs in 10 s: 8 more take 40 s */
	CHECK_NEAR(progress_eta(&p, 110), 40, 1e-9);
	p.done = 10;
	CHECK_NEAR(progress_eta(&p, 110), 0, 0);
}

TAP_SUITE(run_options,
	{ "run defaults", test_defaults },
	{ "every run option parsed", test_every_option },
	{ "bad run options: exit 2 and a pinbench: message saying why",
	  test_usage_errors },
	{ "anon-4k: page-aligned, every page written, unmapped after",
	  test_anon_4k_build },
	{ "anon-thp: 2M-aligned inside a larger mapping, or refused without THP",
	  test_anon_thp_build },
	{ "progress: durations and ETA", test_progress },
);
