/* pinbench run: its command line, parsed and checked without the device. */
#ifndef PINBENCH_RUN_OPTIONS_H
#define PINBENCH_RUN_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "compositions.h"

#define RUN_DEFAULT_COMPOSITIONS	"anon-4k"
#define RUN_DEFAULT_SIZES		"2M"
#define RUN_DEFAULT_STRATEGIES		"all"
#define RUN_DEFAULT_PIN_METHOD		"fast"
#define RUN_DEFAULT_ITERATIONS		10
#define RUN_DEFAULT_WARMUP		2
#define RUN_DEFAULT_TOLERANCE		5.0

struct run_options {
	const struct composition **compositions;
	size_t nr_compositions;
	uint64_t *sizes;
	size_t nr_sizes;
	const char *strategies;		/* LIST or "all", checked against INFO */
	const char *pin_method;		/* fast|locked|longterm|INFO name */
	uint32_t iterations;
	uint32_t warmup;
	uint32_t chunk_pages;		/* 0: the module's default */
	bool read_only;
	bool verify_all;
	bool quiet;
	const char *out_dir;		/* NULL: results/<run-id> */
	const char *run_id;		/* NULL: from meta.json or the clock */
	char accel[64];
	double tolerance;		/* percentage points */
};

/*
 * 0: go on. -1: stop and return *exit_status (EXIT_OK after --help,
 * EXIT_USAGE after saying what is wrong).
 */
int run_options_parse(int argc, char **argv, struct run_options *opts,
		      int *exit_status);
void run_options_free(struct run_options *opts);

#endif
