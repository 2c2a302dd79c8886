/*
 * pinbench scale's command line, and where each thread of a case runs
 * and takes its memory from: all checked against the machine (nodes,
 * the CPUs this process may use) before anything is built or pinned.
 */
#ifndef PINBENCH_SCALE_OPTIONS_H
#define PINBENCH_SCALE_OPTIONS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "compositions.h"
#include "numa_place.h"

enum scale_mode {
	SCALE_PRIVATE,		/* each thread its own range */
	SCALE_SHARED,		/* every thread the same range */
	SCALE_CROSS_NODE,	/* memory on node A, threads on node B */
	SCALE_REMOTE_RELEASE,	/* pinned on node A, released on node B */
	NR_SCALE_MODES,
};
extern const char *const scale_mode_names[NR_SCALE_MODES];

#define SCALE_MAX_LADDER	32
#define SCALE_MAX_THREADS	256
#define SCALE_MAX_COMPS		16
#define SCALE_DEFAULT_STRATEGIES "unpin_pages,put_page,unpin_folios"
#define SCALE_DEFAULT_COMPS	"anon-4k,anon-thp"
#define SCALE_DEFAULT_MODES	"private,shared,cross-node,remote-release"

struct scale_options {
	unsigned int ladder[SCALE_MAX_LADDER];	/* --threads */
	size_t nr_ladder;
	bool modes[NR_SCALE_MODES];
	int cpu_node;		/* --cpu-node, -1: spread over the nodes */
	int mem_node;		/* --mem-node, -1: the thread's own node */
	int cpus[SCALE_MAX_THREADS];	/* --cpus, in the order given */
	size_t nr_cpus;
	bool oversubscribe;
	struct composition *comps[SCALE_MAX_COMPS];
	size_t nr_comps;
	uint64_t size;
	const char *strategies;
	const char *pin_method;	/* a pin mode or a method name */
	unsigned int iterations, warmup;
	double duration;	/* seconds; 0: iterations only */
	const char *out_dir;
	const char *run_id;
	bool read_only;
	bool abandon_kept;	/* tests: keep pins once and exit */
	bool quiet;
};

/* 0 with opts filled; else the exit status in *status (said). */
int scale_options_parse(int argc, char **argv, struct scale_options *opts,
			int *status);
void scale_options_free(struct scale_options *opts);
/*
 * Against the machine: nodes that exist, CPUs allowed, thread counts
 * the CPUs can hold. 0, or -1 after saying what is wrong.
 */
int scale_options_check(struct scale_options *opts,
			const struct numa_topo *topo);

/* Where one thread of a case runs and what memory it uses. */
struct scale_place {
	int cpu;		/* the CPU that releases (and pins, unless...) */
	int cpu_node;
	int pin_cpu;		/* remote-release: the CPU that pins */
	int pin_cpu_node;
	int mem_node;		/* where its range is bound */
};

/*
 * Places threads of one mode: 0; 1 when this machine cannot (why: one
 * node only, a node with too few CPUs without --oversubscribe).
 */
int scale_place_threads(const struct scale_options *opts,
			const struct numa_topo *topo, enum scale_mode mode,
			unsigned int threads, struct scale_place *out,
			char *why, size_t whylen);
#endif
