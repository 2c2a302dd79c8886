# Sources of the pinbench CLI's analysis, shared by bench/Makefile and
# tests/host/. The rule: analysis/ is what only reads finished run
# directories (merge, summarize, compare, report, the figures' data); it uses bench/'s
# headers, bench/ never uses its. What `run` itself writes, summary.csv
# included, and the plumbing both sides read with, stay in bench/.
PINBENCH_ANALYSIS_SRCS := \
	compare.c \
	figure_bars.c \
	figure_counters.c \
	figure_rows.c \
	figure_scale.c \
	figure_series.c \
	figure_text.c \
	figures.c \
	figures_write.c \
	gp_text.c \
	insns_join.c \
	insns_log.c \
	fio_outputs.c \
	fio_result.c \
	fio_shares.c \
	fio_summary.c \
	merge.c \
	perf_paths.c \
	perf_report.c \
	profile_delta.c \
	pin_mode_groups.c \
	report.c \
	report_calibration.c \
	report_cells.c \
	report_counters.c \
	report_insns.c \
	report_profiles.c \
	run_dir.c \
	text_table.c \
	welch.c

# The analysis subcommands (commands.h, main.c's table).
PINBENCH_ANALYSIS_CMD_SRCS := \
	cmd_compare.c \
	cmd_figures.c \
	cmd_fio_summarize.c \
	cmd_insns_join.c \
	cmd_merge.c \
	cmd_report.c \
	cmd_summarize.c
