/*
 * pinbench figures: the data and variables of the figures, from a fake
 * run's samples.csv and the catalogue in its meta.json; the pin mode
 * groups both the figures and the report draw by; safe gnuplot text.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_runner.h"
#include "fake_info.h"
#include "figures.h"
#include "gp_text.h"
#include "pin_mode_groups.h"
#include "run_dir.h"
#include "tap.h"
#include "test_util.h"

/* A fake sweep in a fresh scratch directory (free()); extra: argv pairs. */
static char *fake_run(const char *name, const char *strategies,
		      const char *pin_methods)
{
	char *dir = strdup(scratch_path(name));
	struct outcome o;

	o = run_cli(FAKE_PINBENCH, NULL, "sweep", "--sizes", "4K,64K",
		    "--strategies", strategies, "--pin-method", pin_methods,
		    "--iterations", "3", "--quiet", "--out", dir);
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	return dir;
}

/* pinbench figures DIR: its stderr (free()); status must be want. */
static char *figures(const char *dir, int want)
{
	struct outcome o = run_cli(REAL_PINBENCH, NULL, "figures", dir);
	char *err;

	CHECK_STATUS(o, want);
	err = strdup(o.err ? o.err : "");
	outcome_free(&o);
	return err;
}

/* DIR/plots/data/NAME, read whole (free()); NULL if absent. */
static char *data_file(const char *dir, const char *name)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/plots/data/%s", dir, name);
	return slurp(path);
}

static const struct summary_group *group_of(const struct run_dir *rd,
					    const char *strategy,
					    uint64_t size)
{
	size_t i;

	for (i = 0; i < rd->sum.count; i++)
		if (!strcmp(rd->sum.groups[i].first->strategy, strategy) &&
		    rd->sum.groups[i].first->size_bytes == size)
			return &rd->sum.groups[i];
	return NULL;
}

/* As summary.csv writes a median: the figures compute with that. */
static double csv_median(const struct summary_group *g)
{
	char text[64];

	snprintf(text, sizeof(text), "%.3f", g->stats.median);
	return strtod(text, NULL);
}

/* speedup: the baseline's median over the strategy's, size by size */
static void test_speedup_ratio(void)
{
	char *dir = fake_run("fig-speedup", "put_page,unpin_pages,noop", "fast");
	char *err = figures(dir, 0), *dat = data_file(dir, "speedup-anon-4k.dat");
	char want[256], line[128];
	uint64_t sizes[] = { 4096, 65536 };
	struct run_dir rd;
	size_t i;

	CHECK_INT(run_dir_load(dir, &rd, false, line, sizeof(line)), 0);
	snprintf(want, sizeof(want), "strategy 4K 64K\nunpin_pages");
	for (i = 0; i < 2; i++) {
		const struct summary_group *base = group_of(&rd, "put_page",
							    sizes[i]);
		const struct summary_group *g = group_of(&rd, "unpin_pages",
							 sizes[i]);

		CHECK(base && g);
		if (!base || !g)
			break;
		snprintf(line, sizeof(line), " %.4g",
			 csv_median(base) / csv_median(g));
		strcat(want, line);
	}
	strcat(want, "\n");
	/* neither the baseline nor the floor is a row of its own */
	CHECK_STR(dat, want);
	run_dir_free(&rd);
	free(dat);
	free(err);
	free(dir);
}

/* the catalogue's floor is the last series of release_vs_size, dashed */
static void test_floor_last(void)
{
	char *dir = fake_run("fig-floor", "noop,put_page,unpin_pages", "fast");
	char *err = figures(dir, 0);
	char *vars = data_file(dir, "release_vs_size-anon-4k.vars.gp");
	char *dat = data_file(dir, "release_vs_size-anon-4k.dat");
	const char *p, *last = NULL;

	CHECK_CONTAINS(vars, "floor = 3\n");
	CHECK_CONTAINS(vars, " noop\"\n");
	/* index blocks end in two blank lines; the last one's label */
	for (p = dat; p && (p = strstr(p, "\n\n\n# ")); p++)
		last = p + 3;
	CHECK(dat && strncmp(dat, "# noop\n", 7) &&
	      last && !strncmp(last, "# noop\n", 7));
	free(vars);
	free(dat);
	free(err);
	free(dir);
}

/* a run without the baseline: no speedup figure, and a warning */
static void test_no_baseline(void)
{
	char *dir = fake_run("fig-nobase", "unpin_pages,noop", "fast");
	char *err = figures(dir, 0), *manifest = data_file(dir, "manifest");

	CHECK_CONTAINS(err, "anon-4k: no put_page baseline: no speedup figure");
	CHECK_CONTAINS(manifest, "release_vs_size release_vs_size-anon-4k\n");
	CHECK(manifest && !strstr(manifest, "speedup"));
	CHECK(!access(dir_file(dir, "plots/data/release_vs_size-anon-4k.dat"),
		      F_OK));
	CHECK(access(dir_file(dir, "plots/data/speedup-anon-4k.dat"), F_OK));
	free(manifest);
	free(err);
	free(dir);
}

/* the BASELINE role moved in meta.json's catalogue: that name is used */
static void test_renamed_baseline(void)
{
	char *dir = fake_run("fig-rename",
			     "put_page,release_pages,unpin_pages,noop", "fast");
	char *err, *vars, *dat;

	CHECK_INT(edit_file(dir_file(dir, "meta.json"),
			    "\"roles\": \"supported,baseline\"",
			    "\"roles\": \"supported\""), 0);
	CHECK_INT(edit_file(dir_file(dir, "meta.json"),
			    "\"call\": \"release_pages\", \"roles\": \"supported,write_only\"",
			    "\"call\": \"release_pages\", \"roles\": \"supported,write_only,baseline\""),
		  0);
	err = figures(dir, 0);
	vars = data_file(dir, "speedup-anon-4k.vars.gp");
	dat = data_file(dir, "speedup-anon-4k.dat");
	CHECK_CONTAINS(vars, "speedup over the release_pages loop (median vs median)");
	CHECK_CONTAINS(vars, "baseline_name = 'release_pages'\n");
	CHECK(vars && !strstr(vars, "put_page loop"));
	CHECK_CONTAINS(dat, "\nput_page ");
	CHECK(dat && !strstr(dat, "release_pages "));
	free(dat);
	free(vars);
	free(err);
	free(dir);
}

/* several pin modes: every figure per mode, "-<mode>" and its methods */
static void test_mode_suffixes(void)
{
	char *dir = fake_run("fig-modes", "put_page,unpin_pages,noop",
			     "fast,locked");
	char *err = figures(dir, 0), *manifest = data_file(dir, "manifest");
	char *vars = data_file(dir, "speedup-anon-4k-locked.vars.gp");

	CHECK_STR(manifest,
		  "release_vs_size release_vs_size-anon-4k-fast\n"
		  "speedup speedup-anon-4k-fast\n"
		  "pin_vs_release pin_vs_release-anon-4k-fast\n"
		  "compositions compositions-unpin_pages-fast\n"
		  "release_vs_size release_vs_size-anon-4k-locked\n"
		  "speedup speedup-anon-4k-locked\n"
		  "pin_vs_release pin_vs_release-anon-4k-locked\n"
		  "compositions compositions-unpin_pages-locked\n");
	CHECK_CONTAINS(vars, "anon-4k, pin method locked (gup / pin): speedup");
	free(vars);
	free(manifest);
	free(err);
	free(dir);
}

/* a name gnuplot would run: refused before any file is written */
static void test_hostile_refused_first(void)
{
	char *dir = fake_run("fig-hostile", "put_page,noop", "fast");
	char *err;

	CHECK_INT(edit_file(dir_file(dir, "meta.json"), "\"accel\": \"",
			    "\"accel\": \"`touch x`"), 0);
	err = figures(dir, 1);
	CHECK_CONTAINS(err, "meta.json: accel is not a name pinbench writes");
	CHECK(access(dir_file(dir, "plots"), F_OK));
	free(err);
	CHECK_INT(edit_file(dir_file(dir, "meta.json"), "`touch x`", ""), 0);
	CHECK_INT(edit_file(dir_file(dir, "samples.csv"), "o0=1;",
			    "o0=1@x;"), 0);
	err = figures(dir, 1);
	CHECK_CONTAINS(err, "samples.csv: bad hist");
	CHECK(access(dir_file(dir, "plots"), F_OK));
	free(err);
	free(dir);
}

/* the pairing of run/sweep --pin-method, from the catalogue */
static void test_pin_mode_groups(void)
{
	static const char *const longterm[] = { "gup", "pin_longterm" };
	static const char *const locked[] = { "gup" };
	static const char *const lone[] = { "pin_fast", "other" };
	struct module_info mi;
	struct pin_mode_group *g;
	size_t n;

	fake_info_fill(&mi, true);
	/* gup is longterm's get method too; its pin method ran */
	CHECK_INT(pin_mode_groups(&mi, longterm, 2, &g, &n), 0);
	CHECK_INT((int)n, 1);
	CHECK_STR(g[0].mode, "longterm");
	free(g);
	/* gup alone is "locked", the first mode it serves */
	CHECK_INT(pin_mode_groups(&mi, locked, 1, &g, &n), 0);
	CHECK_INT((int)n, 1);
	CHECK_STR(g[0].mode, "locked");
	CHECK_STR(g[0].methods[0], "gup");
	CHECK_STR(g[0].methods[1], "pin");
	free(g);
	/* a method of no mode is a group of its own */
	CHECK_INT(pin_mode_groups(&mi, lone, 2, &g, &n), 0);
	CHECK_INT((int)n, 2);
	CHECK_STR(g[0].mode, "fast");
	CHECK(!g[1].mode && !strcmp(pin_mode_group_name(&g[1]), "other") &&
	      pin_mode_group_has(&g[1], "other") &&
	      !pin_mode_group_has(&g[1], "pin_fast"));
	free(g);
}

/* what gnuplot could run never reaches a variables file */
static void test_gp_text(void)
{
	char *text = NULL, buf[64];
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	CHECK(f != NULL);
	if (!f)
		return;
	gp_var_string(f, "a", '"', "x`rm -rf /`$HOME\\\"@m 'q'\ny");
	gp_var_string(f, "b", '\'', "4K (1/ro)\nz");
	fclose(f);
	CHECK_STR(text, "a = \"xrm -rf /HOMEm q\\ny\"\nb = '4K (1/ro)z'\n");
	free(text);
	gp_text(buf, 6, "a`b$c@d\"e'fgh");
	CHECK_STR(buf, "abcde");
}

TAP_SUITE(figures,
	{ "speedup = baseline median / strategy median per size",
	  test_speedup_ratio },
	{ "the catalogue's floor is the last series",
	  test_floor_last },
	{ "no baseline in the run: no speedup figure, a warning",
	  test_no_baseline },
	{ "a catalogue whose baseline is another strategy",
	  test_renamed_baseline },
	{ "several pin modes: a figure per mode, suffixed",
	  test_mode_suffixes },
	{ "a hostile name refused before anything is written",
	  test_hostile_refused_first },
	{ "pin mode groups from the catalogue",
	  test_pin_mode_groups },
	{ "gnuplot text whitelisted", test_gp_text },
);
