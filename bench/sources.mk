# Sources of the pinbench CLI's measuring side, shared by bench/Makefile,
# tests/host/ and tests/fuzz/. The rule: bench/ is all that info, run and
# sweep need (the summary.csv a run writes at its end included) and the
# plumbing analysis/ reads run directories with; analysis/ (its own
# sources.mk) uses bench/'s headers, bench/ never uses analysis/'s.
# The library part never touches /dev/pinbench, so host tests link it.
PINBENCH_LIB_SRCS := \
	atomic_file.c \
	calibrate.c \
	calibration.c \
	catalog_json.c \
	cli.c \
	compositions.c \
	cpu_pin.c \
	csv.c \
	device_errors.c \
	events.c \
	json.c \
	lru_drain.c \
	measured_mix.c \
	messages.c \
	meta.c \
	mm_sysfs.c \
	module_info.c \
	numa_place.c \
	option_table.c \
	paths.c \
	progress.c \
	region.c \
	replicates.c \
	run_config.c \
	run_help.c \
	run_options.c \
	run_plan.c \
	sample_check.c \
	sample_view.c \
	samples_csv.c \
	scale_files.c \
	scale_options.c \
	scale_result.c \
	shuffle.c \
	sizes.c \
	stats.c \
	summary.c \
	summary_counts.c \
	sysinfo.c \
	window_counts.c \
	window_ids.c

# The device, the signals, perf as a child, the measuring subcommands and
# main().
PINBENCH_CLI_SRCS := \
	cmd_info.c \
	cmd_profile.c \
	cmd_run.c \
	cmd_scale.c \
	device.c \
	main.c \
	perf_control.c \
	run_sweep.c \
	scale_threads.c \
	stop_signals.c \
	version.c

# In place of analysis/'s subcommands in pinbench-guest, the build that
# measures only.
PINBENCH_MEASURE_ONLY_SRCS := measure_only.c
