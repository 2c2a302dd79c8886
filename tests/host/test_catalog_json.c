/*
 * The module's catalogue in meta.json (bench/catalog_json.c): written by a
 * run, read back by summary and report; a run directory without one reads
 * as ABI 2's module; a malformed one is refused. Roles, not names, decide
 * the floor and the baseline.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog_json.h"
#include "cli_runner.h"
#include "fake_info.h"
#include "meta.h"
#include "synthetic_run.h"
#include "tap.h"
#include "test_util.h"

static json_t *meta_with(json_t *catalogue)
{
	json_t *meta = json_object();

	json_object_set_new(meta, "run_id", json_string("r"));
	if (catalogue)
		json_object_set_new(meta, "catalogue", catalogue);
	return meta;
}

static void test_round_trip(void)
{
	struct module_info in, out;
	char err[256];
	json_t *meta;
	unsigned int i;

	fake_info_fill(&in, true);
	meta = meta_with(catalog_json(&in));
	CHECK_INT(catalog_from_meta(meta, &out, err, sizeof(err)), 0);
	CHECK_INT(out.nr_strategies, in.nr_strategies);
	CHECK_INT(out.nr_pin_methods, in.nr_pin_methods);
	for (i = 0; i < in.nr_strategies && i < out.nr_strategies; i++) {
		CHECK_STR(out.strategies[i].name, in.strategies[i].name);
		CHECK_STR(out.strategies[i].call, in.strategies[i].call);
		CHECK(out.strategies[i].roles == in.strategies[i].roles);
	}
	for (i = 0; i < in.nr_pin_methods && i < out.nr_pin_methods; i++)
		CHECK(out.pin_methods[i].roles == in.pin_methods[i].roles);
	json_decref(meta);
}

/* Run directories from before ABI 3 carry no catalogue: ABI 2's. */
static void test_without_catalogue(void)
{
	struct module_info mi;
	char err[256];
	int gup;

	CHECK_INT(catalog_from_meta(NULL, &mi, err, sizeof(err)), 0);
	CHECK_STR(info_strategy_with(&mi, PINBENCH_ROLE_BASELINE), "put_page");
	CHECK_STR(info_strategy_with(&mi, PINBENCH_ROLE_FLOOR), "noop");
	gup = info_find_pin_method(&mi, "gup");
	CHECK(gup >= 0 && info_pin_method_has(&mi, (unsigned int)gup,
					      PINBENCH_ROLE_MODE_LONGTERM));
}

static void test_malformed_refused(void)
{
	static const char *const bad[] = {
		"{\"catalogue\": 7}",
		"{\"catalogue\": {\"pin_methods\": [], \"strategies\": 3}}",
		"{\"catalogue\": {\"pin_methods\": [], \"strategies\": [{\"name\": \"a;rm\", \"call\": \"\", \"roles\": \"\"}]}}",
		"{\"catalogue\": {\"pin_methods\": [], \"strategies\": [{\"name\": \"a\", \"call\": \"$(x)\", \"roles\": \"\"}]}}",
		"{\"catalogue\": {\"pin_methods\": [], \"strategies\": [{\"name\": \"a\", \"call\": \"\", \"roles\": \"floor,evil\"}]}}",
		"{\"catalogue\": {\"pin_methods\": [], \"strategies\": [{\"name\": \"a\", \"roles\": \"\"}]}}",
		"{\"catalogue\": {\"pin_methods\": [], \"strategies\": [{\"name\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\", \"call\": \"\", \"roles\": \"\"}]}}",
		/* a name twice, two floors: which one would the report take? */
		"{\"catalogue\": {\"pin_methods\": [], \"strategies\": [{\"name\": \"a\", \"call\": \"\", \"roles\": \"\"}, {\"name\": \"a\", \"call\": \"\", \"roles\": \"\"}]}}",
		"{\"catalogue\": {\"pin_methods\": [], \"strategies\": [{\"name\": \"a\", \"call\": \"\", \"roles\": \"floor\"}, {\"name\": \"b\", \"call\": \"\", \"roles\": \"floor\"}]}}",
	};
	struct module_info mi;
	char err[256];
	size_t i;

	for (i = 0; i < NR(bad); i++) {
		json_t *meta = json_of(bad[i]);

		err[0] = '\0';
		CHECK(meta != NULL);
		CHECK_INT(catalog_from_meta(meta, &mi, err, sizeof(err)), -1);
		CHECK_CONTAINS(err, "meta.json catalogue");
		CHECK_INT(mi.nr_strategies, 0);
		json_decref(meta);
	}
}

static const double cheap[] = { 3, 3, 3 }, dear[] = { 9, 9, 9 },
		    mid[] = { 5, 5, 5 };
static const struct synthetic_config configs[] = {
	{ "anon-4k", 65536, "pin_fast", "unpin_pages", true, mid, 3, false },
	{ "anon-4k", 65536, "pin_fast", "unpin_page", true, dear, 3, false },
	{ "anon-4k", 65536, "pin_fast", "noop", true, cheap, 3, false },
};
static const struct synthetic_run run = {
	"catalog-run", "6.12.0", "tcg", configs, NR(configs), false,
};

/*
 * The floor and the baseline are whatever the catalogue says: here
 * unpin_page is the floor and unpin_pages the baseline, so noop_median
 * is 9 and the report's first row unpin_pages.
 */
static void test_roles_decide(void)
{
	const char *dir = strdup(scratch_path("catalog-roles"));
	struct module_info mi;
	char *summary, *report, *line;
	struct outcome o;
	unsigned int i;

	CHECK_INT(synthetic_run_write(dir, &run), 0);
	fake_info_fill(&mi, true);
	for (i = 0; i < mi.nr_strategies; i++) {
		mi.strategies[i].roles &= ~(PINBENCH_ROLE_FLOOR |
					    PINBENCH_ROLE_BASELINE);
		if (!strcmp(mi.strategies[i].name, "unpin_page"))
			mi.strategies[i].roles |= PINBENCH_ROLE_FLOOR;
		if (!strcmp(mi.strategies[i].name, "unpin_pages"))
			mi.strategies[i].roles |= PINBENCH_ROLE_BASELINE;
	}
	CHECK_INT(meta_set_field(dir_file(dir, "meta.json"), "catalogue",
				 catalog_json(&mi)), 0);
	o = run_cli(REAL_PINBENCH, NULL, "summarize", dir);
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	summary = slurp(dir_file(dir, "summary.csv"));
	line = summary ? line_with(summary, ",noop,") : NULL;
	CHECK_CONTAINS(line ? line : "", ",9.000,");
	free(line);
	free(summary);
	o = run_cli(REAL_PINBENCH, NULL, "report", dir);
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	report = slurp(dir_file(dir, "report.txt"));
	CHECK_CONTAINS(report ? report : "", "unpin_pages (baseline)");
	CHECK_CONTAINS(report ? report : "", "unpin_page (floor)");
	free(report);
	/* a meta.json that is no JSON: not read as a run from before ABI 3 */
	write_text_file(dir_file(dir, "meta.json"), "{\"run_id\": \n");
	CHECK_CLI(1, "no JSON object: its catalogue", REAL_PINBENCH,
		  "summarize", dir);
	/* and a catalogue that is not one: summarize says so */
	write_text_file(dir_file(dir, "meta.json"),
			"{\"run_id\": \"x\", \"complete\": true, \"catalogue\": 1}\n");
	CHECK_CLI(1, "meta.json catalogue: no object", REAL_PINBENCH,
		  "summarize", dir);
	free((void *)dir);
}

TAP_SUITE(catalog_json,
	{ "meta.json catalogue: written and read back entry by entry",
	  test_round_trip },
	{ "a run directory without a catalogue reads as ABI 2's module",
	  test_without_catalogue },
	{ "a malformed catalogue is refused (names, calls, roles, types)",
	  test_malformed_refused },
	{ "the catalogue's roles decide the floor and the baseline, not names",
	  test_roles_decide },
);
