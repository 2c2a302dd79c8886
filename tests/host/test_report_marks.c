/*
 * pinbench report's %change and '*' on asymmetric samples, where the mean
 * is not the median and p lies between two alphas: put_page (the
 * baseline) median 10, mean 11; release_pages median 15, mean 17;
 * unpin_pages the baseline + 2.5 (median 12.5), Welch p about 0.03.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_runner.h"
#include "synthetic_run.h"
#include "tap.h"
#include "test_util.h"
#include "welch.h"

static const double base[] = { 8, 9, 10, 10, 10, 10, 11, 12, 14, 16 };
static const double skewed[] = { 12, 13, 14, 15, 15, 15, 15, 16, 25, 30 };
static const double shifted[] = { 10.5, 11.5, 12.5, 12.5, 12.5, 12.5, 13.5,
				  14.5, 16.5, 18.5 };

static const struct synthetic_config configs[] = {
	{ "anon-4k", 16384, "gup_fast", "put_page", true, base, 10, false },
	{ "anon-4k", 16384, "gup_fast", "release_pages", true, skewed, 10,
	  false },
	{ "anon-4k", 16384, "pin_fast", "unpin_pages", true, shifted, 10,
	  false },
};

static const struct synthetic_run run = {
	"marks-r", "6.12.0-r", "kvm", configs, NR(configs), false,
};

/* report.txt of the synthetic run after `pinbench report [--alpha A]` */
static char *report_with(const char *name, const char *alpha)
{
	const char *dir = scratch_path(name);
	struct outcome o;

	CHECK_INT(synthetic_run_write(dir, &run), 0);
	if (alpha)
		o = run_cli(REAL_PINBENCH, NULL, "report", "--alpha", alpha,
			    dir);
	else
		o = run_cli(REAL_PINBENCH, NULL, "report", dir);
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	return slurp(dir_file(dir, "report.txt"));
}

/* %change of the medians (+50%), not of the means (+54.5%) */
static void test_change_of_median(void)
{
	char *txt = report_with("marks-median", NULL), *line;

	line = line_with(txt, "  release_pages ");
	CHECK_CONTAINS(line, "15.00 ");
	CHECK_CONTAINS(line, "(+50.0%)");
	free(line);
	line = line_with(txt, "  unpin_pages ");
	CHECK_CONTAINS(line, "(+25.0%)");
	free(line);
	free(txt);
}

/* '*' where p < --alpha: p 0.03 is marked at 0.05 and not at 0.01 */
static void test_star_at_alpha(void)
{
	struct welch_result w;
	char *txt, *line;

	welch_t_test(base, NR(base), shifted, NR(shifted), &w);
	CHECK(w.p > 0.01 && w.p < 0.05);	/* the premise */
	txt = report_with("marks-alpha-default", NULL);
	line = line_with(txt, "  unpin_pages ");
	CHECK_CONTAINS(line, "(+25.0%) *");
	free(line);
	free(txt);
	txt = report_with("marks-alpha-0.01", "0.01");
	CHECK_CONTAINS(txt, "p < 0.01");
	line = line_with(txt, "  unpin_pages ");
	CHECK_CONTAINS(line, "(+25.0%)");
	CHECK(line && !strchr(line, '*'));
	free(line);
	free(txt);
}

TAP_SUITE(report_marks,
	{ "report: %change is of the medians, not the means (skewed samples)",
	  test_change_of_median },
	{ "report: '*' where Welch's p < --alpha (p 0.03: at 0.05, not at 0.01)",
	  test_star_at_alpha },
);
