# Sources of the pinbench CLI, shared by bench/Makefile and tests/host/.
# The library part never touches /dev/pinbench, so host tests link it.
PINBENCH_LIB_SRCS := \
	atomic_file.c \
	calibrate.c \
	calibration.c \
	catalog_json.c \
	cli.c \
	compare.c \
	compositions.c \
	cpu_pin.c \
	csv.c \
	device_errors.c \
	json.c \
	lru_drain.c \
	measured_mix.c \
	merge.c \
	messages.c \
	meta.c \
	mm_sysfs.c \
	module_info.c \
	option_table.c \
	paths.c \
	progress.c \
	region.c \
	replicates.c \
	report.c \
	report_calibration.c \
	run_dir.c \
	run_config.c \
	run_help.c \
	run_options.c \
	run_plan.c \
	sample_check.c \
	sample_view.c \
	samples_csv.c \
	shuffle.c \
	sizes.c \
	stats.c \
	summary.c \
	sysinfo.c \
	text_table.c \
	welch.c

# The device, the signals, the subcommands and main().
PINBENCH_CLI_SRCS := \
	cmd_compare.c \
	cmd_info.c \
	cmd_merge.c \
	cmd_report.c \
	cmd_run.c \
	cmd_summarize.c \
	device.c \
	main.c \
	run_sweep.c \
	stop_signals.c \
	version.c
