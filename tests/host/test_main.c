#include <stdlib.h>
/* Host unit tests of bench/ and analysis/: every suite, one TAP stream. */
#include <stdio.h>

#include "tap.h"
#include "test_util.h"

extern const struct tap_suite stats_suite, sizes_suite, csv_suite,
	summary_suite, json_suite, atomic_file_suite, meta_suite,
	measured_mix_suite, run_plan_suite, run_options_suite, cli_suite,
	compositions_suite, run_config_suite, sweep_suite, welch_suite,
	compare_suite, report_suite, measure_suite, merge_suite, truth_suite,
	calibration_suite, plots_suite, samples_check_suite,
	cli_refusals_suite, compare_gate_suite, meta_refusals_suite,
	config_lines_suite, write_set_suite, report_marks_suite,
	catalog_json_suite, measure_only_suite, events_suite, figures_suite,
	perf_report_suite, profile_suite, fio_suite, insns_suite,
	scale_suite;

static const struct tap_suite *const suites[] = {
	&stats_suite,
	&sizes_suite,
	&csv_suite,
	&summary_suite,
	&json_suite,
	&atomic_file_suite,
	&meta_suite,
	&measured_mix_suite,
	&run_plan_suite,
	&run_options_suite,
	&cli_suite,
	&compositions_suite,
	&run_config_suite,
	&sweep_suite,
	&welch_suite,
	&compare_suite,
	&report_suite,
	&measure_suite,
	&merge_suite,
	&truth_suite,
	&calibration_suite,
	&plots_suite,
	&figures_suite,
	&samples_check_suite,
	&cli_refusals_suite,
	&compare_gate_suite,
	&meta_refusals_suite,
	&config_lines_suite,
	&write_set_suite,
	&report_marks_suite,
	&catalog_json_suite,
	&measure_only_suite,
	&events_suite,
	&perf_report_suite,
	&profile_suite,
	&fio_suite,
	&insns_suite,
	&scale_suite,
};

int main(void)
{
	int failed;

	/* rows without window ids unless a test asks: fixed expected text */
	setenv("PINBENCH_WINDOW_ID_BASE", "0", 0);
	failed = tap_run(suites, sizeof(suites) / sizeof(suites[0]));

	scratch_remove();
	return failed ? 1 : 0;
}
