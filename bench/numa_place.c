#include <errno.h>
#include <numa.h>
#include <numaif.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "numa_place.h"

/* libnuma's own complaints go through ours: no duplicated messages. */
void numa_warn(int number, char *where, ...)
{
	(void)number;
	(void)where;
}

void numa_error(char *where)
{
	(void)where;
}

void numa_topo_read(struct numa_topo *t)
{
	cpu_set_t set;
	int cpu, node;

	memset(t, 0, sizeof(*t));
	t->numa = numa_available() >= 0;
	t->nr_nodes = t->numa ? numa_max_node() + 1 : 1;
	if (t->nr_nodes > NUMA_PLACE_MAX_NODES)
		t->nr_nodes = NUMA_PLACE_MAX_NODES;
	for (node = 0; node < t->nr_nodes; node++)
		t->has_memory[node] = !t->numa ||
			numa_bitmask_isbitset(numa_all_nodes_ptr, node);
	if (sched_getaffinity(0, sizeof(set), &set))
		CPU_ZERO(&set);
	for (cpu = 0; cpu < CPU_SETSIZE && t->nr_cpus < NUMA_PLACE_MAX_CPUS;
	     cpu++) {
		if (!CPU_ISSET(cpu, &set))
			continue;
		node = t->numa ? numa_node_of_cpu(cpu) : 0;
		t->cpus[t->nr_cpus] = cpu;
		t->cpu_node[t->nr_cpus++] = node < 0 ? 0 : node;
	}
}

bool numa_topo_node_ok(const struct numa_topo *t, int node)
{
	return node >= 0 && node < t->nr_nodes && t->has_memory[node];
}

int numa_topo_cpu_node(const struct numa_topo *t, int cpu)
{
	int i;

	for (i = 0; i < t->nr_cpus; i++)
		if (t->cpus[i] == cpu)
			return t->cpu_node[i];
	return -1;
}

int numa_topo_node_cpus(const struct numa_topo *t, int node, int *out,
			int max)
{
	int i, n = 0;

	for (i = 0; i < t->nr_cpus && n < max; i++)
		if (t->cpu_node[i] == node)
			out[n++] = t->cpus[i];
	return n;
}

void numa_topo_nodes_text(const struct numa_topo *t, char *buf, size_t len)
{
	size_t used = 0;
	int node;

	buf[0] = '\0';
	for (node = 0; node < t->nr_nodes && used < len; node++) {
		int n;

		if (!t->has_memory[node])
			continue;
		n = snprintf(buf + used, len - used, "%s%d", used ? "," : "",
			     node);
		if (n > 0)
			used += (size_t)n;
	}
}

void numa_bind_begin(const struct numa_topo *t, int node)
{
	struct bitmask *mask;

	if (!t->numa)
		return;
	mask = numa_allocate_nodemask();
	if (!mask)
		return;
	numa_bitmask_setbit(mask, (unsigned int)node);
	numa_set_membind(mask);
	numa_free_nodemask(mask);
}

void numa_bind_end(const struct numa_topo *t)
{
	if (t->numa)
		numa_set_localalloc();
}

#define SAMPLE_PAGES 32

int numa_pages_on_node(void *addr, size_t len, size_t page, int want,
		       int *seen, char *why, size_t whylen)
{
	void *pages[SAMPLE_PAGES];
	int status[SAMPLE_PAGES];
	size_t nr_pages = len / page, n, i;

	n = nr_pages < SAMPLE_PAGES ? nr_pages : SAMPLE_PAGES;
	for (i = 0; i < n; i++)
		pages[i] = (char *)addr + (nr_pages * i / n) * page;
	/* nodes NULL: move nothing, tell where each page is */
	if (move_pages(0, (unsigned long)n, pages, NULL, status, 0)) {
		snprintf(why, whylen, "move_pages: %s", strerror(errno));
		return -1;
	}
	for (i = 0; i < n; i++)
		if (status[i] != want) {
			*seen = status[i] < 0 ? -1 : status[i];
			return 0;
		}
	*seen = want;
	return 1;
}
