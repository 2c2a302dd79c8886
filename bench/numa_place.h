/*
 * pinbench scale's placement, through libnuma only: which nodes exist,
 * the node of each CPU this process may use, binding the memory a range
 * is built with, and asking the kernel where a sample of its pages is
 * (move_pages in query mode). A kernel without NUMA is one node, 0.
 */
#ifndef PINBENCH_NUMA_PLACE_H
#define PINBENCH_NUMA_PLACE_H
#include <stdbool.h>
#include <stddef.h>

#define NUMA_PLACE_MAX_NODES	64
#define NUMA_PLACE_MAX_CPUS	1024

struct numa_topo {
	bool numa;			/* numa_available() said yes */
	int nr_nodes;			/* numa_max_node() + 1 */
	bool has_memory[NUMA_PLACE_MAX_NODES];
	int nr_cpus;			/* allowed CPUs (sched_getaffinity) */
	int cpus[NUMA_PLACE_MAX_CPUS];	/* ascending */
	int cpu_node[NUMA_PLACE_MAX_CPUS];	/* node of cpus[i] */
};

void numa_topo_read(struct numa_topo *t);
/* A node this machine has, with memory. */
bool numa_topo_node_ok(const struct numa_topo *t, int node);
/* Node of an allowed CPU; -1 if cpu is not allowed. */
int numa_topo_cpu_node(const struct numa_topo *t, int cpu);
/* Allowed CPUs on node, at most max into out; how many. */
int numa_topo_node_cpus(const struct numa_topo *t, int node, int *out,
			int max);
/* "0-1": the nodes with memory, for messages. */
void numa_topo_nodes_text(const struct numa_topo *t, char *buf, size_t len);

/*
 * The calling thread's later allocations on node only (MPOL_BIND);
 * end puts the default policy back. No-ops without NUMA.
 */
void numa_bind_begin(const struct numa_topo *t, int node);
void numa_bind_end(const struct numa_topo *t);

/*
 * Where a sample of [addr, addr + len)'s pages is: up to 32 pages spread
 * over the range. 1 when all are on want, 0 when not (*seen: the first
 * other node found, or -1 for a page with no node), -1 when the query
 * failed (why).
 */
int numa_pages_on_node(void *addr, size_t len, size_t page, int want,
		       int *seen, char *why, size_t whylen);
#endif
