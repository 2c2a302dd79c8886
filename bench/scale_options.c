#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cpu_pin.h"
#include "exit_codes.h"
#include "messages.h"
#include "scale_options.h"
#include "sizes.h"

const char *const scale_mode_names[NR_SCALE_MODES] = {
	[SCALE_PRIVATE] = "private",
	[SCALE_SHARED] = "shared",
	[SCALE_CROSS_NODE] = "cross-node",
	[SCALE_REMOTE_RELEASE] = "remote-release",
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: pinbench scale [options]\n"
		"\n"
		"Release cost as threads are added: each thread bound to one CPU,\n"
		"its memory bound to a NUMA node (libnuma), all started together,\n"
		"each timing its own RUNs; placement checked before and after.\n"
		"\n"
		"  --threads LIST      thread counts (default 1,2,4,... up to the CPUs)\n"
		"  --mode LIST         " SCALE_DEFAULT_MODES " (default all)\n"
		"  --cpu-node N        threads on node N's CPUs (default: spread)\n"
		"  --mem-node N        memory on node N (default: the thread's node)\n"
		"  --cpus LIST         threads on these CPUs, in this order\n"
		"  --oversubscribe     allow more threads than CPUs (they share)\n"
		"  -c, --composition LIST  (default " SCALE_DEFAULT_COMPS ")\n"
		"  -s, --size SIZE     range per thread (default 2M)\n"
		"  --strategies LIST   (default " SCALE_DEFAULT_STRATEGIES ",\n"
		"                      those this kernel lacks skipped with a note)\n"
		"  --pin-method M      fast, locked, longterm or a method (default fast)\n"
		"  -n, --iterations N  samples per thread (default 20)\n"
		"  --warmup N          unrecorded iterations first (default 2)\n"
		"  --duration SECS     run each case this long instead (RUNs of N)\n"
		"  --read-only         pins without FOLL_WRITE\n"
		"  -o, --out DIR       (default results/<run-id>)\n"
		"  --run-id ID\n"
		"  -q, --quiet\n"
		"  --abandon-kept      (tests) remote-release: keep the pins of one\n"
		"                      RUN and exit; closing must release them\n"
		"\n"
		"Writes DIR/scale.csv (a row per thread), DIR/scale-samples.csv (a row\n"
		"per sample: CPUs and release window), DIR/scale-summary.csv (per mode x\n"
		"composition x strategy x threads) and DIR/scale-report.txt.\n");
}

enum {
	OPT_THREADS = 256, OPT_MODE, OPT_CPU_NODE, OPT_MEM_NODE, OPT_CPUS,
	OPT_OVERSUB, OPT_STRATEGIES, OPT_PIN_METHOD, OPT_WARMUP,
	OPT_DURATION, OPT_RUN_ID, OPT_READ_ONLY, OPT_ABANDON,
};

static const struct option long_options[] = {
	{ "threads", required_argument, NULL, OPT_THREADS },
	{ "mode", required_argument, NULL, OPT_MODE },
	{ "cpu-node", required_argument, NULL, OPT_CPU_NODE },
	{ "mem-node", required_argument, NULL, OPT_MEM_NODE },
	{ "cpus", required_argument, NULL, OPT_CPUS },
	{ "oversubscribe", no_argument, NULL, OPT_OVERSUB },
	{ "composition", required_argument, NULL, 'c' },
	{ "size", required_argument, NULL, 's' },
	{ "strategies", required_argument, NULL, OPT_STRATEGIES },
	{ "pin-method", required_argument, NULL, OPT_PIN_METHOD },
	{ "iterations", required_argument, NULL, 'n' },
	{ "warmup", required_argument, NULL, OPT_WARMUP },
	{ "duration", required_argument, NULL, OPT_DURATION },
	{ "out", required_argument, NULL, 'o' },
	{ "run-id", required_argument, NULL, OPT_RUN_ID },
	{ "read-only", no_argument, NULL, OPT_READ_ONLY },
	{ "abandon-kept", no_argument, NULL, OPT_ABANDON },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* "1,2,4" into out (each 1..max); count, or -1 */
static int number_list(const char *text, unsigned int *out, size_t room,
		       uint64_t min, uint64_t max)
{
	char *copy = strdup(text), *save = NULL, *tok;
	size_t n = 0;
	uint64_t v;

	if (!copy)
		return -1;
	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (n == room || number_parse(tok, max, &v) || v < min) {
			free(copy);
			return -1;
		}
		out[n++] = (unsigned int)v;
	}
	free(copy);
	return n ? (int)n : -1;
}

static int parse_modes(const char *text, bool *modes)
{
	char *copy = strdup(text), *save = NULL, *tok;
	int m, any = 0;

	if (!copy)
		return -1;
	memset(modes, 0, NR_SCALE_MODES * sizeof(*modes));
	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		for (m = 0; m < NR_SCALE_MODES; m++)
			if (!strcmp(tok, scale_mode_names[m]))
				break;
		if (m == NR_SCALE_MODES) {
			pb_error("scale: --mode %s: unknown mode (modes: %s)",
				 tok, SCALE_DEFAULT_MODES);
			free(copy);
			return -1;
		}
		modes[m] = true;
		any = 1;
	}
	free(copy);
	return any ? 0 : -1;
}

static int parse_comps(const char *text, struct scale_options *opts)
{
	struct composition_options copts = { .layout = LAYOUT_INTERLEAVED };
	char *copy = strdup(text), *save = NULL, *tok, err[1024];

	if (!copy)
		return -1;
	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		struct composition *c;

		if (opts->nr_comps == SCALE_MAX_COMPS) {
			pb_error("scale: at most %d compositions", SCALE_MAX_COMPS);
			free(copy);
			return -1;
		}
		c = composition_new(tok, &copts, err, sizeof(err));
		if (!c) {
			pb_error("scale: %s", err);
			free(copy);
			return -1;
		}
		opts->comps[opts->nr_comps++] = c;
	}
	free(copy);
	return opts->nr_comps ? 0 : -1;
}

static int parse_node(const char *opt, const char *text, int *node)
{
	uint64_t v;

	if (number_parse(text, 4095, &v)) {
		pb_error("scale: %s %s: not a node number", opt, text);
		return -1;
	}
	*node = (int)v;
	return 0;
}

/* One option into opts; 0, or the exit status after saying why. */
static int parse_one(int opt, const char *arg, struct scale_options *opts,
		     const char **comps)
{
	unsigned int cpus[SCALE_MAX_THREADS];
	char err[256];
	uint64_t v;
	int n;

	switch (opt) {
	case OPT_THREADS:
		n = number_list(arg, opts->ladder, SCALE_MAX_LADDER, 1,
				SCALE_MAX_THREADS);
		if (n < 0) {
			pb_error("scale: --threads %s: a list of 1..%d (at most %d counts)",
				 arg, SCALE_MAX_THREADS, SCALE_MAX_LADDER);
			return EXIT_USAGE;
		}
		opts->nr_ladder = (size_t)n;
		return 0;
	case OPT_MODE:
		return parse_modes(arg, opts->modes) ? EXIT_USAGE : 0;
	case OPT_CPU_NODE:
		return parse_node("--cpu-node", arg, &opts->cpu_node) ?
		       EXIT_USAGE : 0;
	case OPT_MEM_NODE:
		return parse_node("--mem-node", arg, &opts->mem_node) ?
		       EXIT_USAGE : 0;
	case OPT_CPUS:
		n = number_list(arg, cpus, SCALE_MAX_THREADS, 0, 65535);
		if (n < 0) {
			pb_error("scale: --cpus %s: a list of CPU numbers", arg);
			return EXIT_USAGE;
		}
		opts->nr_cpus = (size_t)n;
		for (v = 0; v < (uint64_t)n; v++)
			opts->cpus[v] = (int)cpus[v];
		return 0;
	case OPT_OVERSUB:
		opts->oversubscribe = true;
		return 0;
	case 'c':
		*comps = arg;
		return 0;
	case 's':
		if (size_parse(arg, &opts->size, err, sizeof(err))) {
			pb_error("scale: --size: %s", err);
			return EXIT_USAGE;
		}
		return 0;
	case OPT_STRATEGIES:
		opts->strategies = arg;
		return 0;
	case OPT_PIN_METHOD:
		opts->pin_method = arg;
		return 0;
	case 'n':
	case OPT_WARMUP:
		if (number_parse(arg, 1000000, &v) || (opt == 'n' && !v)) {
			pb_error("scale: %s %s: a number%s", opt == 'n' ?
				 "--iterations" : "--warmup", arg,
				 opt == 'n' ? " >= 1" : "");
			return EXIT_USAGE;
		}
		*(opt == 'n' ? &opts->iterations : &opts->warmup) =
			(unsigned int)v;
		return 0;
	case OPT_DURATION: {
		char *end;

		errno = 0;
		opts->duration = strtod(arg, &end);
		if (errno || end == arg || *end ||
		    !(opts->duration > 0 && opts->duration <= 86400)) {
			pb_error("scale: --duration %s: seconds, > 0", arg);
			return EXIT_USAGE;
		}
		return 0;
	}
	case 'o':
		opts->out_dir = arg;
		return 0;
	case OPT_RUN_ID:
		opts->run_id = arg;
		return 0;
	case OPT_READ_ONLY:
		opts->read_only = true;
		return 0;
	case OPT_ABANDON:
		opts->abandon_kept = true;
		return 0;
	case 'q':
		opts->quiet = true;
		return 0;
	}
	return EXIT_USAGE;
}

int scale_options_parse(int argc, char **argv, struct scale_options *opts,
			int *status)
{
	const char *comps = SCALE_DEFAULT_COMPS;
	int opt;

	memset(opts, 0, sizeof(*opts));
	opts->cpu_node = -1;
	opts->mem_node = -1;
	opts->size = 2u << 20;
	opts->strategies = SCALE_DEFAULT_STRATEGIES;
	opts->pin_method = "fast";
	opts->iterations = 20;
	opts->warmup = 2;
	parse_modes(SCALE_DEFAULT_MODES, opts->modes);
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":c:s:n:o:qh", long_options,
				  NULL)) != -1) {
		if (opt == 'h') {
			usage(stdout);
			*status = EXIT_OK;
			return -1;
		}
		if (opt == '?' || opt == ':') {
			*status = cli_bad_option("scale", opt, argv);
			return -1;
		}
		*status = parse_one(opt, optarg, opts, &comps);
		if (*status)
			return -1;
	}
	if (optind < argc) {
		pb_error("scale: unexpected argument '%s' (try pinbench scale --help)",
			 argv[optind]);
		*status = EXIT_USAGE;
		return -1;
	}
	if (opts->run_id && (!*opts->run_id ||
			     strspn(opts->run_id, "abcdefghijklmnopqrstuvwxyz"
				    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") !=
			     strlen(opts->run_id) || opts->run_id[0] == '.')) {
		pb_error("scale: --run-id '%s': letters, digits, '.', '_', '-' only",
			 opts->run_id);
		*status = EXIT_USAGE;
		return -1;
	}
	if (parse_comps(comps, opts)) {
		*status = EXIT_USAGE;
		return -1;
	}
	return 0;
}

void scale_options_free(struct scale_options *opts)
{
	size_t i;

	for (i = 0; i < opts->nr_comps; i++)
		composition_free(opts->comps[i]);
	opts->nr_comps = 0;
}

/* The CPUs threads may take when no node is asked: round robin by node. */
static int spread_cpus(const struct numa_topo *topo, int *out)
{
	int round, node, n = 0, cpus[NUMA_PLACE_MAX_CPUS];
	bool more = true;

	for (round = 0; more; round++) {
		more = false;
		for (node = 0; node < topo->nr_nodes; node++) {
			int k = numa_topo_node_cpus(topo, node, cpus,
						    NUMA_PLACE_MAX_CPUS);

			if (round < k) {
				out[n++] = cpus[round];
				more = true;
			}
		}
	}
	return n;
}

/* How many CPUs private/shared threads have to themselves. */
static int pool_size(const struct scale_options *opts,
		     const struct numa_topo *topo)
{
	int cpus[NUMA_PLACE_MAX_CPUS];

	if (opts->nr_cpus)
		return (int)opts->nr_cpus;
	if (opts->cpu_node >= 0)
		return numa_topo_node_cpus(topo, opts->cpu_node, cpus,
					   NUMA_PLACE_MAX_CPUS);
	return topo->nr_cpus;
}

static int check_cpus(const struct scale_options *opts,
		      const struct numa_topo *topo)
{
	char allowed[256];
	size_t i, j;

	for (i = 0; i < opts->nr_cpus; i++) {
		if (numa_topo_cpu_node(topo, opts->cpus[i]) < 0) {
			cpu_allowed_text(allowed, sizeof(allowed));
			pb_error("scale: --cpus: CPU %d is not one this process may run on (allowed: %s); nothing pinned",
				 opts->cpus[i], allowed);
			return -1;
		}
		for (j = 0; j < i; j++)
			if (opts->cpus[j] == opts->cpus[i]) {
				pb_error("scale: --cpus: CPU %d given twice",
					 opts->cpus[i]);
				return -1;
			}
	}
	return 0;
}

static int check_nodes(const struct scale_options *opts,
		       const struct numa_topo *topo)
{
	int cpus[NUMA_PLACE_MAX_CPUS];
	char nodes[128];

	numa_topo_nodes_text(topo, nodes, sizeof(nodes));
	if (opts->mem_node >= 0 && !numa_topo_node_ok(topo, opts->mem_node)) {
		pb_error("scale: --mem-node %d: no such NUMA node with memory here (nodes: %s); nothing pinned",
			 opts->mem_node, nodes);
		return -1;
	}
	if (opts->cpu_node >= 0 &&
	    (opts->cpu_node >= topo->nr_nodes ||
	     !numa_topo_node_cpus(topo, opts->cpu_node, cpus, 1))) {
		pb_error("scale: --cpu-node %d: no such NUMA node with CPUs this process may use (nodes: %s); nothing pinned",
			 opts->cpu_node, nodes);
		return -1;
	}
	if (opts->cpu_node >= 0 && opts->cpu_node == opts->mem_node &&
	    opts->modes[SCALE_CROSS_NODE]) {
		pb_error("scale: cross-node: --cpu-node and --mem-node are both %d: no node crossed",
			 opts->cpu_node);
		return -1;
	}
	return 0;
}

int scale_options_check(struct scale_options *opts,
			const struct numa_topo *topo)
{
	int pool, t;
	size_t i;

	if (check_nodes(opts, topo) || check_cpus(opts, topo))
		return -1;
	pool = pool_size(opts, topo);
	if (!opts->nr_ladder) {
		for (t = 1; t < pool && opts->nr_ladder < SCALE_MAX_LADDER - 1;
		     t *= 2)
			opts->ladder[opts->nr_ladder++] = (unsigned int)t;
		opts->ladder[opts->nr_ladder++] = (unsigned int)(pool > 0 ?
								 pool : 1);
	}
	for (i = 0; i < opts->nr_ladder; i++)
		if ((int)opts->ladder[i] > pool && !opts->oversubscribe) {
			char allowed[256];

			cpu_allowed_text(allowed, sizeof(allowed));
			pb_error("scale: --threads %u: more threads than the %d CPUs they may use (%s; allowed: %s); --oversubscribe lets them share; nothing pinned",
				 opts->ladder[i], pool, opts->nr_cpus ?
				 "--cpus" : opts->cpu_node >= 0 ?
				 "--cpu-node" : "this process", allowed);
			return -1;
		}
	return 0;
}

/* The nodes, in order, that have CPUs this process may use. */
static int nodes_with_cpus(const struct numa_topo *topo, int *out)
{
	int node, n = 0, cpu;

	for (node = 0; node < topo->nr_nodes; node++)
		if (numa_topo_node_cpus(topo, node, &cpu, 1))
			out[n++] = node;
	return n;
}

/* threads CPUs from pool[0..n) into places; 1 when too few */
static int take_cpus(const struct scale_options *opts,
		     const struct numa_topo *topo, const int *pool, int n,
		     unsigned int threads, struct scale_place *out,
		     char *why, size_t whylen, const char *what)
{
	unsigned int t;

	if (!n || ((int)threads > n && !opts->oversubscribe)) {
		snprintf(why, whylen, "%u threads, %d CPUs on %s (--oversubscribe to share)",
			 threads, n, what);
		return 1;
	}
	for (t = 0; t < threads; t++) {
		out[t].cpu = pool[t % (unsigned int)n];
		out[t].cpu_node = numa_topo_cpu_node(topo, out[t].cpu);
		out[t].pin_cpu = out[t].cpu;
		out[t].pin_cpu_node = out[t].cpu_node;
		out[t].mem_node = opts->mem_node >= 0 ? opts->mem_node :
				  out[t].cpu_node;
	}
	return 0;
}

/* Two nodes: a (memory, or pinning) and b (the threads, or releasing). */
static int two_nodes(const struct scale_options *opts,
		     const struct numa_topo *topo, int *a, int *b, char *why,
		     size_t whylen)
{
	int nodes[NUMA_PLACE_MAX_NODES], n = nodes_with_cpus(topo, nodes), i;

	*b = opts->cpu_node;
	*a = opts->mem_node;
	for (i = 0; i < n && *a < 0; i++)
		if (nodes[i] != *b)
			*a = nodes[i];
	for (i = 0; i < n && *b < 0; i++)
		if (nodes[i] != *a)
			*b = nodes[i];
	if (*a < 0 || *b < 0 || *a == *b) {
		snprintf(why, whylen, "needs two NUMA nodes with CPUs (this machine has %d)",
			 n);
		return 1;
	}
	return 0;
}

int scale_place_threads(const struct scale_options *opts,
			const struct numa_topo *topo, enum scale_mode mode,
			unsigned int threads, struct scale_place *out,
			char *why, size_t whylen)
{
	int pool[NUMA_PLACE_MAX_CPUS], pins[NUMA_PLACE_MAX_CPUS], n, np, a, b;
	char what[64];
	unsigned int t;

	if (mode == SCALE_PRIVATE || mode == SCALE_SHARED) {
		if (opts->nr_cpus) {
			n = (int)opts->nr_cpus;
			memcpy(pool, opts->cpus, sizeof(int) * opts->nr_cpus);
		} else if (opts->cpu_node >= 0) {
			n = numa_topo_node_cpus(topo, opts->cpu_node, pool,
						NUMA_PLACE_MAX_CPUS);
		} else {
			n = spread_cpus(topo, pool);
		}
		if (take_cpus(opts, topo, pool, n, threads, out, why, whylen,
			      "offer"))
			return 1;
		for (t = 1; mode == SCALE_SHARED && t < threads; t++)
			out[t].mem_node = out[0].mem_node;
		return 0;
	}
	if (two_nodes(opts, topo, &a, &b, why, whylen))
		return 1;
	snprintf(what, sizeof(what), "node %d", b);
	n = numa_topo_node_cpus(topo, b, pool, NUMA_PLACE_MAX_CPUS);
	if (take_cpus(opts, topo, pool, n, threads, out, why, whylen, what))
		return 1;
	np = numa_topo_node_cpus(topo, a, pins, NUMA_PLACE_MAX_CPUS);
	for (t = 0; t < threads; t++) {
		out[t].mem_node = a;
		if (mode != SCALE_REMOTE_RELEASE)
			continue;
		/* pinning is not the window reported: pinners may share */
		if (!np) {
			snprintf(why, whylen, "node %d has no CPU to pin on", a);
			return 1;
		}
		out[t].pin_cpu = pins[t % (unsigned int)np];
		out[t].pin_cpu_node = a;
	}
	return 0;
}
