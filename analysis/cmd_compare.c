/* pinbench compare RUN_A RUN_B: did B get faster or slower than A? */
#include <getopt.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "compare.h"
#include "messages.h"
#include "profile_delta.h"

/* Its own exit status: scripts ask "did B regress?" */
enum compare_exit {
	COMPARE_NO_REGRESSION = 0,
	COMPARE_SLOWER = 1,
	COMPARE_ERROR = 2,
};

static void compare_usage(FILE *f)
{
	fprintf(f,
		"usage: pinbench compare [options] RUN_A RUN_B\n"
		"\n"
		"Compare run B with run A (the baseline), config by config: every\n"
		"(composition, size, pin method, strategy, write) measured in both.\n"
		"Per config: median and mean of A and B, the %%change of the mean (B vs\n"
		"A), the stddevs, and Welch's t-test (two-sided, unequal variances,\n"
		"Welch-Satterthwaite degrees of freedom) on the samples of samples.csv.\n"
		"Verdict: faster or slower when p < alpha, else \"no difference proven\".\n"
		"Configs in one run only, or unsupported in one, are listed apart.\n"
		"\n"
		"A boot is the unit of replication: a run directory holding two or more\n"
		"boots (make bench BOOTS=N, pinbench merge) is compared on the median of\n"
		"each boot, one sample per boot, and the medians, means and stddevs shown\n"
		"are of those; a run of one boot on its iterations, which only says\n"
		"whether these two boots differ. The header says which (\"samples:\n"
		"per-boot medians of K boots\"). Runs under TCG are flagged EMULATED.\n"
		"\n"
		"A config significantly slower or faster whose profile (pinbench profile's\n"
		"profile-<composition>-<size>-<strategy>.txt) is in both directories gets\n"
		"its reason: the %d symbols whose share of the samples changed most, and\n"
		"the shares of the pin and unpin paths.\n"
		"\n"
		"options:\n"
		"  --alpha A       significance level, 0 < A < 1 (default %g)\n"
		"  --metric NAME   the per-iteration value compared (default %s):\n"
		"                  %s\n"
		"  --exclude-disturbed  leave out samples whose thread was switched\n"
		"                  out or migrated inside a timed window\n"
		"  -h, --help      this text\n"
		"\n"
		"exit status: 0 no significant slowdown, 1 at least one config\n"
		"significantly slower in B, 2 usage or input error, or nothing\n"
		"compared (no config measured in both runs, a run without rows).\n",
		PROFILE_DELTA_TOP, DEFAULT_ALPHA, DEFAULT_METRIC,
		sample_metric_names());
}

/* Why nothing was compared, for the exit status 2 message. */
static void say_nothing_compared(const struct run_dir *a,
				 const struct run_dir *b)
{
	if (!a->table.count || !b->table.count)
		pb_error("compare: nothing compared: %s has no rows",
			 a->table.count ? b->path : a->path);
	else
		pb_error("compare: nothing compared: no config (composition, size, pin method, strategy, write) was measured in both %s and %s",
			 a->path, b->path);
}

/* Equal values of the metric compared, none (NaN) on both sides too. */
static bool same_value(const struct sample_metric *m,
		       const struct sample_row *x, const struct sample_row *y)
{
	double vx = m->value(x), vy = m->value(y);

	return vx == vy || (isnan(vx) && isnan(vy));
}

/*
 * The same run (or a copy): the same rows with the same times and the
 * same values of the metric (counts joined again differ, times not).
 */
static bool same_samples(const struct sample_table *a,
			 const struct sample_table *b,
			 const struct sample_metric *m)
{
	size_t i;

	if (a->count != b->count)
		return false;
	for (i = 0; i < a->count; i++) {
		const struct sample_row *x = &a->rows[i], *y = &b->rows[i];

		if (strcmp(x->run_id, y->run_id) ||
		    strcmp(x->composition, y->composition) ||
		    strcmp(x->strategy, y->strategy) ||
		    x->size_bytes != y->size_bytes ||
		    x->release_ns != y->release_ns || x->pin_ns != y->pin_ns ||
		    x->iteration != y->iteration || x->boot != y->boot ||
		    (sample_is_measured(x) && !same_value(m, x, y)))
			return false;
	}
	return true;
}

static int parse_alpha(const char *text, double *alpha)
{
	char *end;

	*alpha = strtod(text, &end);
	return *end || end == text || !(*alpha > 0 && *alpha < 1) ? -1 : 0;
}

int cmd_compare(int argc, char **argv)
{
	static const struct option options[] = {
		{ "alpha", required_argument, NULL, 'a' },
		{ "metric", required_argument, NULL, 'm' },
		{ "exclude-disturbed", no_argument, NULL, 'x' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct compare_options opt = {
		.alpha = DEFAULT_ALPHA,
		.metric = sample_metric_find(DEFAULT_METRIC),
	};
	struct run_dir a, b;
	struct comparison c;
	char err[1024];
	int opt_char, ret = COMPARE_ERROR;

	opterr = 0;
	while ((opt_char = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (opt_char) {
		case 'a':
			if (parse_alpha(optarg, &opt.alpha)) {
				pb_error("compare: --alpha '%s': a number between 0 and 1 (exclusive)",
					 optarg);
				return COMPARE_ERROR;
			}
			break;
		case 'm':
			if (sample_metric_option("compare", optarg, &opt.metric))
				return COMPARE_ERROR;
			break;
		case 'x':
			opt.exclude_disturbed = true;
			break;
		case 'h':
			compare_usage(stdout);
			return COMPARE_NO_REGRESSION;
		default:
			cli_bad_option("compare", opt_char, argv);
			return COMPARE_ERROR;
		}
	}
	if (argc - optind != 2) {
		pb_error("compare: needs two run directories, RUN_A RUN_B (try pinbench compare --help)");
		return COMPARE_ERROR;
	}
	if (cli_check_dirs("compare", &argv[optind], 2))
		return COMPARE_ERROR;
	if (run_dir_load(argv[optind], &a, opt.exclude_disturbed, err,
			 sizeof(err))) {
		pb_error("compare: %s", err);
		return COMPARE_ERROR;
	}
	if (run_dir_load(argv[optind + 1], &b, opt.exclude_disturbed, err,
			 sizeof(err))) {
		pb_error("compare: %s", err);
		goto out_a;
	}
	if (compare_runs(&a, &b, &opt, &c, err, sizeof(err))) {
		pb_error("compare: %s", err);
		goto out_b;
	}
	/* a copy of a run, or the run twice: every verdict is trivial */
	if (same_samples(&a.table, &b.table, opt.metric))
		pb_warning("compare: %s and %s hold the same samples: a run compared with itself",
			   a.path, b.path);
	if (comparison_print(stdout, &a, &b, &opt, &c) ||
	    profile_deltas_print(stdout, &a, &b, &c) || fflush(stdout))
		pb_error("compare: writing the table failed");
	else if (c.count == c.not_compared)	/* no gate passes on nothing */
		say_nothing_compared(&a, &b);
	else
		ret = c.slower ? COMPARE_SLOWER : COMPARE_NO_REGRESSION;
	comparison_free(&c);
out_b:
	run_dir_free(&b);
out_a:
	run_dir_free(&a);
	return ret;
}
