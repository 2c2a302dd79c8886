/*
 * pinbench report and scripts/plots.sh on a synthetic run with known
 * medians: put_page 10 (the baseline), release_pages 15 (+50%),
 * unpin_pages 5 (-50%), dirty_put_page the same values as put_page
 * (+0%, not significant), unpin_folios unsupported, noop 1 (the floor).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_runner.h"
#include "synthetic_run.h"
#include "tap.h"
#include "test_util.h"


static const double base10[] = { 9, 10, 11, 9, 10, 11, 9, 10, 11, 10 };
static const double same10[] = { 11, 10, 9, 11, 10, 9, 10, 9, 11, 10 };
static const double base15[] = { 14, 15, 16, 14, 15, 16, 14, 15, 16, 15 };
static const double base5[] = { 4.5, 5, 5.5, 4.5, 5, 5.5, 4.5, 5, 5.5, 5 };
/* 16K is 4 pages: every value times 4 is a whole number of ns */
static const double floor1[] = { 0.75, 1, 1.25, 0.75, 1, 1.25, 0.75, 1, 1.25,
				 1 };

#define K16 16384
#define M2 2097152

static const struct synthetic_config configs[] = {
	{ "anon-4k", K16, "gup_fast", "put_page", true, base10, 10, false },
	{ "anon-4k", K16, "gup_fast", "release_pages", true, base15, 10, false },
	{ "anon-4k", K16, "gup_fast", "dirty_put_page", true, same10, 10, false },
	{ "anon-4k", K16, "pin_fast", "unpin_pages", true, base5, 10, false },
	{ "anon-4k", K16, "pin_fast", "unpin_folios", true, NULL, 0, false },
	{ "anon-4k", K16, "pin_fast", "noop", true, floor1, 10, false },
	{ "anon-4k", M2, "gup_fast", "put_page", true, base10, 10, false },
	{ "anon-4k", M2, "gup_fast", "release_pages", true, base15, 10, false },
	{ "anon-4k", M2, "gup_fast", "dirty_put_page", true, same10, 10, true },
	{ "anon-4k", M2, "pin_fast", "unpin_pages", true, base5, 10, false },
	{ "anon-4k", M2, "pin_fast", "unpin_folios", true, NULL, 0, false },
	{ "anon-4k", M2, "pin_fast", "noop", true, floor1, 10, false },
	{ "anon-4k", K16, "gup_fast", "put_page", false, base10, 10, false },
	{ "anon-thp", M2, "gup_fast", "put_page", true, base10, 10, false },
	{ "anon-thp", M2, "pin_fast", "unpin_pages", true, base5, 10, false },
};

static const struct synthetic_run run = {
	"synthetic-r", "6.12.0-r", "tcg", configs, NR(configs), false,
};

static const char *run_dir(void)
{
	static char dir[512];

	if (!dir[0]) {
		snprintf(dir, sizeof(dir), "%s", scratch_path("report-run"));
		CHECK_INT(synthetic_run_write(dir, &run), 0);
	}
	return dir;
}


/* label's line (the first) has want, and `count` of them */
static void check_line(const char *text, const char *label, const char *want,
		       int count, int line)
{
	char *l = line_with(text, label);

	if (count_matches(l, want) != count)
		tap_fail(__FILE__, line, "\"%s\": %d x \"%s\", want %d", l,
			 count_matches(l, want), want, count);
	free(l);
}

#define CHECK_LINE(text, label, want, count) \
	check_line(text, label, want, count, __LINE__)

static void test_report_txt(void)
{
	const char *dir = run_dir();
	struct outcome o;
	char *txt;

	o = run_cli(REAL_PINBENCH, NULL, "report", dir);
	CHECK_STATUS(o, 0);
	CHECK_STR(o.err, "");
	outcome_free(&o);
	txt = slurp(dir_file(dir, "report.txt"));
	CHECK_CONTAINS(txt, "pinbench report: synthetic-r\nWARNING: EMULATED (TCG)");
	CHECK_CONTAINS(txt, "\nkernel:     6.12.0-r #1 SMP PREEMPT_DYNAMIC synthetic\n");
	CHECK_CONTAINS(txt, "\naccel:      tcg -- EMULATED (TCG)\n");
	CHECK_CONTAINS(txt, "\ncpu:        Synthetic CPU 9000, 4 CPUs, NUMA nodes 0-1\n");
	CHECK_CONTAINS(txt, "\nTHP:        enabled madvise, defrag defer\n");
	CHECK_CONTAINS(txt, "\ndate:       2026-11-25T12:00:00Z\n");
	CHECK_CONTAINS(txt, "\npinbench:   git abc1234, module 0.1.0\n");
	CHECK_CONTAINS(txt, "\niterations: 10 per config, after 3 warmup\n");
	CHECK_CONTAINS(txt, "Welch's t-test, two-sided, p < 0.05; samples: iterations of one boot");
	CHECK_CONTAINS(txt, "\nanon-4k, write pins, pin method fast (gup_fast / pin_fast) [EMULATED]\n");
	CHECK_CONTAINS(txt, "\nanon-4k, read-only pins, pin method fast (gup_fast / pin_fast) [EMULATED]\n");
	CHECK_CONTAINS(txt, "\nanon-thp, write pins, pin method fast");
	/* medians, stddevs, %change vs the baseline at 16K and 2M */
	CHECK_LINE(txt, "  put_page (baseline) ", "10.00 +-0.816", 2);
	CHECK_LINE(txt, "  put_page (baseline) ", "%", 0);
	CHECK_LINE(txt, "  release_pages ", "15.00 +-0.816 (+50.0%) *", 2);
	CHECK_LINE(txt, "  unpin_pages ", "5.00 +-0.408 (-50.0%) *", 2);
	/* the same values: +0%, no star; at 2M the mix was off */
	CHECK_LINE(txt, "  dirty_put_page ", "10.00 +-0.816  (+0.0%)", 2);
	CHECK_LINE(txt, "  dirty_put_page ", "*", 0);
	CHECK_LINE(txt, "  dirty_put_page ", "!", 1);
	CHECK_LINE(txt, "  unpin_folios ", "n/a (unsupported)", 2);
	CHECK_LINE(txt, "  noop (floor) ", "1.00 +-0.204", 2);
	CHECK_LINE(txt, "  noop (floor) ", "%", 0);
	/* sizes as column titles, strategies in run order, floor last */
	CHECK_LINE(txt, "  strategy ", "16K", 1);
	CHECK_LINE(txt, "  strategy ", "2M", 1);
	CHECK(strstr(txt, "put_page (baseline)") < strstr(txt, "release_pages"));
	CHECK(strstr(txt, "  unpin_folios") < strstr(txt, "  noop (floor)"));
	free(txt);
}

static void test_report_md(void)
{
	const char *dir = run_dir();
	char *md;

	md = slurp(dir_file(dir, "report.md"));
	CHECK_CONTAINS(md, "# pinbench report: synthetic-r\n");
	CHECK_CONTAINS(md, "> **WARNING: EMULATED (TCG)");
	CHECK_CONTAINS(md, "| kernel | 6.12.0-r #1 SMP PREEMPT_DYNAMIC synthetic |\n");
	CHECK_CONTAINS(md, "## anon-4k, write pins, pin method fast (gup_fast / pin_fast) (EMULATED)\n");
	CHECK_CONTAINS(md, "| strategy | 16K | 2M |\n|---|---:|---:|\n");
	CHECK_CONTAINS(md, "| release_pages | 15.00 +-0.816 (+50.0%) \\* | 15.00 +-0.816 (+50.0%) \\* |\n");
	CHECK_CONTAINS(md, "| unpin_folios | n/a (unsupported) | n/a (unsupported) |\n");
	CHECK(!strstr(md, "## Figures"));	/* no plots yet */
	free(md);
}

static void test_report_errors(void)
{
	struct outcome o;

	o = run_cli(REAL_PINBENCH, NULL, "report");
	CHECK_STATUS(o, 2);
	outcome_free(&o);
	o = run_cli(REAL_PINBENCH, NULL, "report", scratch_path("report-none"));
	CHECK_STATUS(o, 1);
	CHECK_CONTAINS(o.err, "report-none/samples.csv: No such file");
	outcome_free(&o);
	o = run_cli(REAL_PINBENCH, NULL, "report", "--alpha", "0", run_dir());
	CHECK_STATUS(o, 2);
	outcome_free(&o);
	o = run_cli(REAL_PINBENCH, NULL, "report", "--help");
	CHECK_STATUS(o, 0);
	CHECK_CONTAINS(o.out, "report.txt");
	CHECK_CONTAINS(o.out, "--baseline");
	outcome_free(&o);
	/* another baseline: release_pages; put_page is then 33% cheaper */
	o = run_cli(REAL_PINBENCH, NULL, "report", "--baseline",
		    "release_pages", run_dir());
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	{
		char *txt = slurp(dir_file(run_dir(), "report.txt"));

		CHECK_LINE(txt, "  release_pages (baseline) ", "%", 0);
		CHECK_LINE(txt, "  put_page ", "(-33.3%) *", 2);
		free(txt);
	}
}

/* A run without the baseline and the floor: the legend names no stand-in. */
static void test_report_no_baseline(void)
{
	const char *dir = scratch_path("report-no-baseline");
	struct outcome o;
	char *txt;

	o = run_cli(FAKE_PINBENCH, NULL, "run", "--sizes", "4K",
		    "--strategies", "unpin_pages,release_pages",
		    "--iterations", "2", "--warmup", "0", "--quiet", "--out",
		    dir);
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	txt = pinbench_then_read("report", dir, "report.txt");
	CHECK_CONTAINS(txt, "no %change: the run has no baseline strategy, put_page");
	CHECK_CONTAINS(txt, "No floor: the run has no floor strategy, noop");
	CHECK(txt && !strstr(txt, "vs put_page"));
	CHECK(txt && !strstr(txt, "noop (floor)"));
	free(txt);
}

static bool have_gnuplot(void)
{
	return system("command -v gnuplot > /dev/null 2>&1") == 0;
}

static bool is_png(const char *path)
{
	char *data = slurp(path);
	bool png = data && !memcmp(data, "\x89PNG", 4);

	free(data);
	return png;
}

/* put_page's 16K point and bars in DIR's anon-4k (a), and its y label. */
static void check_anon_4k_point(const char *dir, const char *point,
				const char *label)
{
	char want[256], *text;

	snprintf(want, sizeof(want),
		 "# put_page\n# size_bytes point ci_lo ci_hi median\n%s", point);
	text = slurp(dir_file(dir, "plots/data/release_vs_size-anon-4k.dat"));
	CHECK_CONTAINS(text, want);
	free(text);
	text = slurp(dir_file(dir, "plots/release_vs_size-anon-4k.svg"));
	CHECK_CONTAINS(text, label);
	free(text);
}

static void test_plots(void)
{
	static const char *const figures[] = {
		"release_vs_size-anon-4k", "release_vs_size-anon-thp",
		"speedup-anon-4k", "speedup-anon-thp",
		"pin_vs_release-anon-4k", "pin_vs_release-anon-thp",
		"compositions-unpin_pages",
	};
	const char *dir = run_dir();
	char plots[600], path[700], *svg, *md;
	struct outcome o;
	size_t i;

	if (!have_gnuplot()) {
		tap_skip("gnuplot is not installed");
		return;
	}
	o = run_cli(REAL_PINBENCH, NULL, "summarize", dir);
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	o = run_cli(PLOTS_SH, PLOTS_ENV, dir);
	CHECK_STATUS(o, 0);
	CHECK_CONTAINS(o.err, "7 figures (PNG and SVG)");
	outcome_free(&o);
	snprintf(plots, sizeof(plots), "%s/plots", dir);
	for (i = 0; i < sizeof(figures) / sizeof(figures[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s.png", plots, figures[i]);
		if (!is_png(path))
			tap_fail(__FILE__, __LINE__, "%s: not a PNG", path);
		snprintf(path, sizeof(path), "%s/%s.svg", plots, figures[i]);
		svg = slurp(path);
		CHECK_CONTAINS(svg, "<svg");
		CHECK_CONTAINS(svg, "EMULATED (TCG)");
		CHECK_CONTAINS(svg, "kernel 6.12.0-r");
		free(svg);
	}
	CHECK_INT(count_entries_containing(plots, ".png"), 7);
	CHECK_INT(count_entries_containing(plots, ".svg"), 7);
	/* the speedup data: put_page median / strategy median */
	svg = slurp(dir_file(plots, "data/speedup-anon-4k.dat"));
	CHECK_CONTAINS(svg, "strategy 16K 2M\n");
	CHECK_CONTAINS(svg, "release_pages 0.6667 0.6667\n");
	CHECK_CONTAINS(svg, "unpin_pages 2 2\n");
	free(svg);
	/*
	 * (a) plots the median and its order-statistic CI: put_page's 10
	 * samples {9 x3, 10 x4, 11 x3} give ranks 2 and 9, [9, 11], where
	 * the CI of the mean would be [9.416, 10.584].
	 */
	check_anon_4k_point(dir, "16384 10.000 9.000 11.000 10.000\n",
			    "median, bars = 95% CI of the median (order statistics)");

	/* the report embeds them */
	o = run_cli(REAL_PINBENCH, NULL, "report", dir);
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	md = slurp(dir_file(dir, "report.md"));
	CHECK_CONTAINS(md, "\n## Figures\n");
	CHECK_CONTAINS(md, "![Release cost per page vs range size: anon-4k](plots/release_vs_size-anon-4k.png)\n");
	CHECK_CONTAINS(md, "![Speedup over the put_page loop: anon-thp](plots/speedup-anon-thp.png)\n");
	CHECK_CONTAINS(md, "![Compositions side by side: unpin_pages](plots/compositions-unpin_pages.png)\n");
	CHECK_CONTAINS(md, "([SVG](plots/pin_vs_release-anon-4k.svg))");
	free(md);
	md = slurp(dir_file(dir, "report.txt"));
	CHECK_CONTAINS(md, "\nfigures (plots/):\n  plots/compositions-unpin_pages.png\n");
	free(md);

	/* a strategy that never ran: no (d), said so */
	o = run_cli(PLOTS_SH, PLOTS_ENV, "--strategy", "nonesuch", dir);
	CHECK_STATUS(o, 0);
	CHECK_CONTAINS(o.err, "no nonesuch rows");
	outcome_free(&o);
	o = run_cli(PLOTS_SH, PLOTS_ENV, scratch_path("report-none"));
	CHECK_STATUS(o, 1);
	outcome_free(&o);
}

/*
 * summarize + plots.sh on DIR, then the anon-4k release_vs_size SVG's
 * text; NULL (a skip) without gnuplot.
 */
static char *plotted_svg(const char *dir)
{
	struct outcome o;

	if (!have_gnuplot()) {
		tap_skip("gnuplot is not installed");
		return NULL;
	}
	free(pinbench_then_read("summarize", dir, "summary.csv"));
	o = run_cli(PLOTS_SH, PLOTS_ENV, dir);
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	return slurp(dir_file(dir, "plots/release_vs_size-anon-4k.svg"));
}

/* Not emulated: no label anywhere. */
static void test_not_emulated(void)
{
	static const struct synthetic_run kvm = {
		"synthetic-k", "6.12.0-k", "kvm", configs, 4, false,
	};
	char dir[512], *text;

	snprintf(dir, sizeof(dir), "%s", scratch_path("report-kvm"));
	CHECK_INT(synthetic_run_write(dir, &kvm), 0);
	text = pinbench_then_read("report", dir, "report.txt");
	CHECK_CONTAINS(text, "\naccel:      kvm\n");
	CHECK(text && !strstr(text, "EMULATED"));
	CHECK(text && !strstr(text, "INCOMPLETE"));
	free(text);
	text = plotted_svg(dir);
	if (!text)
		return;
	CHECK_CONTAINS(text, "kernel 6.12.0-k, accel kvm");
	CHECK(!strstr(text, "EMULATED"));
	CHECK(!strstr(text, "INCOMPLETE"));
	CHECK_CONTAINS(text, "release ns per page: median, bars = 95% CI of the median (order statistics) (log)");
	CHECK(!strstr(text, "bars: min-max"));	/* 10 samples reach 95% */
	free(text);
}

/* A run cut short (SIGINT, guest timeout) says so in reports and figures. */
static void test_cut_short(void)
{
	static const struct synthetic_run cut = {
		"synthetic-cut", "6.12.0-c", "kvm", configs, 4, true,
	};
	char dir[512], *text;

	snprintf(dir, sizeof(dir), "%s", scratch_path("report-cut"));
	CHECK_INT(synthetic_run_write(dir, &cut), 0);
	text = pinbench_then_read("report", dir, "report.txt");
	CHECK_CONTAINS(text, "pinbench report: synthetic-cut\nWARNING: INCOMPLETE: the run was cut short");
	free(text);
	text = slurp(dir_file(dir, "report.md"));
	CHECK_CONTAINS(text, "> **WARNING: INCOMPLETE: the run was cut short");
	free(text);
	text = plotted_svg(dir);
	if (!text)
		return;
	CHECK_CONTAINS(text, "run synthetic-cut, INCOMPLETE (cut short)");
	free(text);
}

/* With boots, the figures say their points are medians of per-boot medians. */
static void test_boots_label(void)
{
	static const unsigned int two_boots[10] = { 1, 1, 1, 1, 1, 2, 2, 2, 2, 2 };
	static const unsigned int *const boots[] = {
		two_boots, two_boots, two_boots, two_boots, NULL, two_boots,
	};
	static const struct synthetic_run booted = {
		"synthetic-b", "6.12.0-b", "kvm", configs, NR(boots), false,
	};
	char dir[512], *text;

	snprintf(dir, sizeof(dir), "%s", scratch_path("report-boots"));
	CHECK_INT(synthetic_run_write_boots(dir, &booted, boots), 0);
	text = plotted_svg(dir);
	if (!text)
		return;
	/* 2 boots are too few for 95%: [min, max] of their medians */
	CHECK_CONTAINS(text, "median of boot medians, bars = 95% CI (order statistics)");
	CHECK_CONTAINS(text, "bars: min-max where a point has under 6 samples (too few for 95%; summary.csv median_ci_level)");
	free(text);
}

/*
 * The figures come from samples.csv (pinbench figures): a summary.csv of
 * before the median CI columns, or a stale one, changes nothing.
 */
static void test_plots_older_summary(void)
{
	char dir[512], *text;
	struct outcome o;

	snprintf(dir, sizeof(dir), "%s", scratch_path("report-older"));
	CHECK_INT(synthetic_run_write(dir, &run), 0);
	text = plotted_svg(dir);
	if (!text)
		return;
	free(text);
	o = run_cli("/bin/sh", NULL, "-c",
		    "cut -d, -f1-30 \"$0/summary.csv\" > \"$0/old.csv\" && mv \"$0/old.csv\" \"$0/summary.csv\" && PINBENCH=$1 ../../scripts/plots.sh \"$0\"",
		    dir, REAL_PINBENCH);
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	check_anon_4k_point(dir, "16384 10.000 9.000 11.000 10.000\n",
			    "median, bars = 95% CI of the median (order statistics)");
}

TAP_SUITE(report,
	{ "report.txt: header, medians, %change vs put_page, *, n/a, floor",
	  test_report_txt },
	{ "report.md: the same tables in markdown", test_report_md },
	{ "report: usage and input errors, --baseline", test_report_errors },
	{ "report: a run without the baseline or the floor says so in the legend",
	  test_report_no_baseline },
	{ "plots.sh: every figure as PNG and SVG, labelled; report.md embeds them",
	  test_plots },
	{ "not emulated: no EMULATED in report or figures", test_not_emulated },
	{ "cut short: INCOMPLETE in report.txt, report.md and the figures",
	  test_cut_short },
	{ "boots: figures plot the median of per-boot medians and say so",
	  test_boots_label },
	{ "plots.sh draws samples.csv's medians whatever summary.csv holds",
	  test_plots_older_summary },
);
