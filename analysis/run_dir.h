/*
 * A run directory read back for compare and report: samples.csv, its
 * summary (recomputed, so summary.csv need not be current) and what
 * meta.json says about the machine.
 */
#ifndef PINBENCH_RUN_DIR_H
#define PINBENCH_RUN_DIR_H

#include <stdbool.h>
#include <stddef.h>

#include "json.h"
#include "module_info.h"
#include "samples_csv.h"
#include "sample_view.h"
#include "summary.h"

struct run_facts {
	char run_id[128];
	char kernel[256];
	char kernel_version[256];
	char accel[32];
	bool emulated;		/* accel tcg, or a row says emulated */
	char cpu_model[256];
	long nr_cpus;		/* 0: unknown */
	char numa_nodes[64];
	char thp_enabled[32];
	char thp_defrag[32];
	char preempt[64];
	char date[64];
	char git_version[64];
	char module_version[64];
	char kernel_debug[128];	/* "debug_vm,...", "none"; unknown */
	char command_line[2048];
	char order[32];		/* interleaved, grouped; unknown */
	char seed[32];		/* of the shuffled rounds; unknown */
	long turn_warmup;	/* --turn-warmup; 0 if absent */
	char cpu_pinned[32];	/* a CPU, "none"; unknown */
	long boots;		/* meta.json "boots" (merge); 0: unknown */
	bool complete;
	bool have_meta;		/* meta.json was there */
	bool cut_short;		/* meta.json says "complete": false */
};

struct run_dir {
	const char *path;
	struct sample_table table;
	struct summary sum;
	struct run_facts facts;
	struct view_counts view;	/* what the analysis saw of the rows */
	struct run_calibration calib;	/* meta.json's; n = 0: none */
	struct module_info catalog;	/* meta.json's (catalog_json.h) */
	const char *floor;		/* its floor strategy, or NULL */
	const char *baseline;		/* its baseline strategy, or NULL */
};

/* 0, or -1 with a message in err (no samples.csv, a bad one, memory). */
/*
 * The rows as the analysis sees them (sample_view.h): with the derived
 * "+prepare" strategies, without the disturbed samples if asked.
 */
int run_dir_load(const char *dir, struct run_dir *rd, bool exclude_disturbed,
		 char *err, size_t errlen);
void run_dir_free(struct run_dir *rd);

/*
 * meta.json's facts (meta: NULL when absent or no JSON object; have_meta:
 * the file was there); unknown ones "unknown", kernel/accel from a row.
 */
void run_facts_read(const json_t *meta, bool have_meta,
		    const struct sample_table *table, struct run_facts *facts);

#endif
