/*
 * pinbench run and pinbench sweep: their command line (and sweep's config
 * file), parsed and checked without the device. One parser for both:
 * sweep only adds --config, --skip-unavailable and pin method lists.
 */
#ifndef PINBENCH_RUN_OPTIONS_H
#define PINBENCH_RUN_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "compositions.h"
#include "events.h"
#include "run_config.h"

#define RUN_DEFAULT_COMPOSITIONS	"anon-4k"
#define RUN_DEFAULT_SIZES		"2M"
#define RUN_DEFAULT_STRATEGIES		"all"
#define RUN_DEFAULT_PIN_METHOD		"fast"
#define RUN_DEFAULT_ITERATIONS		10
#define RUN_DEFAULT_WARMUP		2
#define RUN_DEFAULT_TOLERANCE		5.0
/* run_facts.run_id holds 127: a longer --run-id would be cut in reports */
#define RUN_ID_MAX			127
#define RUN_DEFAULT_LAYOUT		LAYOUT_INTERLEAVED

/* --order: how the strategies of one (composition, size) take turns */
enum run_order {
	ORDER_INTERLEAVED,	/* a round per iteration, shuffled each round */
	ORDER_GROUPED,		/* one strategy's iterations, then the next */
};

/* "interleaved" / "grouped" */
const char *run_order_name(enum run_order order);

struct run_options {
	const char *command;		/* "run" or "sweep": argv[0] */
	bool sweep;
	struct composition **compositions;
	size_t nr_compositions;
	/* per composition: its sizes (sizes.<composition>), else --sizes */
	uint64_t **comp_sizes;
	size_t *nr_comp_sizes;
	uint64_t *sizes;		/* --sizes */
	size_t nr_sizes;
	const char *strategies;		/* LIST or "all", checked against INFO */
	const char *pin_method;		/* a choice; sweep: a comma list */
	uint32_t iterations;
	uint32_t warmup;
	uint32_t chunk_pages;		/* 0: the module's default */
	bool read_only;
	bool verify_all;
	bool ref_check;			/* PINBENCH_F_REF_CHECK on every RUN */
	bool quiet;
	bool skip_unavailable;		/* sweep: record, do not fail */
	const char *out_dir;		/* NULL: results/<run-id> */
	const char *run_id;		/* NULL: from meta.json or the clock */
	char accel[64];
	double tolerance;		/* percentage points */
	enum mixed_layout layout;	/* --layout */
	const char **file_dirs;		/* --file-dir, repeatable */
	size_t nr_file_dirs;
	enum run_order order;		/* --order */
	uint64_t seed;			/* --seed, else from the clock */
	bool seed_given;
	uint32_t turn_warmup;		/* --turn-warmup: unrecorded iterations
					 * in each interleaved RUN */
	int cpu;			/* --cpu: CPU_PIN_NONE, CPU_PIN_CURRENT
					 * (default) or a CPU number */
	uint32_t boot;			/* --boot: the boot column */
	struct event_set events;	/* --events: counted in each release
					 * window; n = 0: none */
	const char *config;		/* sweep --config FILE */
	struct config_file config_file;	/* its text: options point into it */
	/* config lines of strategies and pin-method (0: not from the file),
	 * checked only against INFO: their errors say where */
	unsigned int strategies_line, pin_method_line;
};

/*
 * argv[0] names the command ("run" or "sweep"). 0: go on. -1: stop and
 * return *exit_status (EXIT_OK after --help, EXIT_USAGE after saying what
 * is wrong, with the file and line for the config file).
 */
int run_options_parse(int argc, char **argv, struct run_options *opts,
		      int *exit_status);
void run_options_free(struct run_options *opts);

/*
 * An error about strategies (pin_method false) or pin-method, with
 * "FILE:LINE: " when the config file set it.
 */
void run_options_error(const struct run_options *opts, bool pin_method,
		       const char *text);

/* The sizes composition i is measured at. */
const uint64_t *run_options_sizes(const struct run_options *opts, size_t i,
				  size_t *count);

#endif
