/*
 * pinbench scale's outputs in DIR, written as a set (all or none):
 * scale.csv (a row per thread of each case), scale-samples.csv (a row
 * per sample: its CPUs and release window), scale-summary.csv (a row
 * per case) and scale-report.txt.
 */
#ifndef PINBENCH_SCALE_FILES_H
#define PINBENCH_SCALE_FILES_H
#include <stdbool.h>
#include <stddef.h>
#include "scale_result.h"

#define SCALE_CSV_HEADER \
	"run_id,kernel,mode,composition,size,pin_method,strategy,threads," \
	"thread,cpu,cpu_node,pin_cpu,pin_cpu_node,mem_node,mem_node_seen," \
	"samples,pages,ns_per_page,pages_per_s,start_ns,end_ns," \
	"placement_ok,note"
#define SCALE_SUMMARY_HEADER \
	"run_id,kernel,accel,mode,composition,size,pin_method,strategy,threads," \
	"pages_per_s,ns_per_page,speedup,efficiency,thread_cv," \
	"placement_ok,overlap_ok,windows_overlapping,status,note"
#define SCALE_SAMPLES_HEADER \
	"run_id,mode,composition,size,strategy,threads,thread,sample," \
	"cpu,pin_cpu,release_cpu,release_start_ns,release_end_ns," \
	"release_ns,pin_ns,pages,ns_per_page"

struct scale_output {
	const char *run_id;
	const char *kernel;
	const char *accel;	/* tcg, kvm, native: PINBENCH_ACCEL */
	const char *command_line;
	const struct scale_case *cases;
	size_t nr_cases;
	int nr_nodes;
	int nr_cpus;
	/*
	 * scale-samples.csv too: it grows with every case, so a run writes
	 * it once, at its end (the other three after every case)
	 */
	bool with_samples;
};

/* 0, or -1 with a message in err; nothing half written. */
int scale_files_write(const char *dir, const struct scale_output *out,
		      char *err, size_t errlen);
/* The 1-thread case of c's mode, composition and strategy; NULL: none. */
const struct scale_case *scale_base_case(const struct scale_output *out,
					 const struct scale_case *c);
#endif
