// SPDX-License-Identifier: GPL-2.0
/*
 * pinbench-race SECONDS [SEED]: RUN requests racing with munmap, remap,
 * mprotect, MADV_DONTNEED, THP changes and fork on the very range being
 * pinned. Two threads loop RUN on random parts (up to 4 MiB) of a 16 MiB
 * arena (random strategy, pin method, chunk size, flags); a third rewrites
 * the arena's mappings; a fourth forks children that write to the arena
 * and exit.
 * A RUN may fail with EFAULT (its range was unmapped or protected under
 * it), nothing else; the kernel must not oops and nothing may stay pinned
 * (the battery runs the leak oracle after). Prints one summary line.
 * Exit status 0 when every RUN ended in success or EFAULT and each racer
 * did some work, 1 otherwise, 2 on setup failure.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "guest_device.h"

#define ARENA_SIZE	(16UL << 20)
#define HUGE_2M		(2UL << 20)
#define RUN_THREADS	2
#define MAX_ITERATIONS	3

static struct {
	int fd;
	long page;
	struct module_info info;
	char *arena;
	size_t arena_pages;
	volatile int stop;
} g;

struct counters {
	unsigned long runs_ok, runs_efault, runs_other;
	int other_errno;
	unsigned long remaps, forks, children_killed;
};

struct racer {
	pthread_t thread;
	uint64_t rng;
	struct counters c;
};

static uint64_t next_random(uint64_t *state)
{
	uint64_t x = *state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*state = x;
	return x;
}

static unsigned long below(uint64_t *rng, unsigned long n)
{
	return n ? next_random(rng) % n : 0;
}

/* A random page-aligned part of the arena: offset and length in pages. */
static void random_part(uint64_t *rng, size_t max_pages, size_t *first,
			size_t *pages)
{
	*pages = 1 + below(rng, max_pages);
	*first = below(rng, g.arena_pages - *pages + 1);
}

static void *run_loop(void *arg)
{
	struct racer *r = arg;
	struct pinbench_sample samples[MAX_ITERATIONS];
	static const uint32_t chunks[] = { 0, 1, 7, 64, 512 };

	while (!g.stop) {
		struct pinbench_run run;
		unsigned int strategy, method;
		size_t first, pages;
		int err;

		do {
			strategy = below(&r->rng,
					 info_nr_strategies(&g.info));
		} while (!info_strategy_supported(&g.info, strategy));
		/* any method of the strategy's family */
		method = family_method(&g.info, strategy,
				       below(&r->rng, CATALOG_MAX));
		random_part(&r->rng, 1024, &first, &pages);

		valid_run(&run, &g.info, (uintptr_t)(g.arena + first * g.page),
			  pages * g.page, samples, MAX_ITERATIONS);
		run.strategy = strategy;
		run.pin_method = method;
		/*
		 * any valid flags: the positive control only with the oracle,
		 * the strategies that need write pins with them
		 */
		run.flags = below(&r->rng, (PINBENCH_F_REF_CHECK << 1));
		if (run.flags & PINBENCH_F_REF_CHECK && below(&r->rng, 2) &&
		    !info_strategy_prepares(&g.info, strategy))
			run.flags |= PINBENCH_F_SELFTEST_HOLD;
		if (info_strategy_write_only(&g.info, strategy))
			run.flags |= PINBENCH_F_WRITE;
		run.iterations = 1 + below(&r->rng, MAX_ITERATIONS);
		run.chunk_pages = chunks[below(&r->rng, 5)];
		err = ioctl(g.fd, PINBENCH_IOCTL_RUN, &run) ? errno : 0;
		if (!err) {
			r->c.runs_ok++;
		} else if (err == EFAULT) {
			r->c.runs_efault++;
		} else {
			r->c.runs_other++;
			r->c.other_errno = err;
		}
	}
	return NULL;
}

static void touch(char *start, size_t pages)
{
	size_t i;

	for (i = 0; i < pages; i++)
		start[i * g.page] = (char)i;
}

/* Rewrite a random part of the arena's mappings, then fill it again. */
static void remap_once(struct racer *r)
{
	size_t first, pages;
	char *start;
	size_t len;

	random_part(&r->rng, 1024, &first, &pages);
	start = g.arena + first * g.page;
	len = pages * g.page;
	switch (below(&r->rng, 6)) {
	case 0:		/* gone, then back (another thread may see the hole) */
		munmap(start, len);
		sched_yield();
		mmap(start, len, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
		break;
	case 1:		/* replaced in one step by fresh pages */
		mmap(start, len, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
		break;
	case 2:
		mprotect(start, len, PROT_NONE);
		sched_yield();
		mprotect(start, len, PROT_READ | PROT_WRITE);
		break;
	case 3:
		mprotect(start, len, PROT_READ);
		sched_yield();
		mprotect(start, len, PROT_READ | PROT_WRITE);
		break;
	case 4:
		madvise(start, len, MADV_DONTNEED);
		break;
	default:	/* THP on a 2 MiB block: faulted huge, or split again */
		start = g.arena + (first * g.page & ~(HUGE_2M - 1));
		len = HUGE_2M;
		madvise(start, len, below(&r->rng, 2) ? MADV_HUGEPAGE :
			MADV_NOHUGEPAGE);
		madvise(start, len, MADV_DONTNEED);
		pages = len / g.page;
		break;
	}
	touch(start, pages);
	r->c.remaps++;
}

static void *remap_loop(void *arg)
{
	struct racer *r = arg;

	while (!g.stop)
		remap_once(r);
	return NULL;
}

/* Children write to the arena (copy on write of pinned pages) and exit. */
static void *fork_loop(void *arg)
{
	struct racer *r = arg;

	while (!g.stop) {
		size_t first, pages;
		int status;
		pid_t pid;

		random_part(&r->rng, 256, &first, &pages);
		pid = fork();
		if (pid == 0) {
			/* a part mprotected at fork time kills us: fine */
			touch(g.arena + first * g.page, pages);
			_exit(0);
		}
		if (pid < 0)
			continue;
		if (waitpid(pid, &status, 0) == pid && WIFSIGNALED(status))
			r->c.children_killed++;
		r->c.forks++;
	}
	return NULL;
}

int main(int argc, char **argv)
{
	struct racer racers[RUN_THREADS + 2];
	struct counters sum = { 0 };
	unsigned int seconds, i, n = RUN_THREADS + 2;
	unsigned long long seed;
	char *area;
	int err;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: pinbench-race SECONDS [SEED]\n");
		return 2;
	}
	seconds = strtoul(argv[1], NULL, 0);
	seed = argc == 3 ? strtoull(argv[2], NULL, 0) : 1;
	g.page = sysconf(_SC_PAGESIZE);
	g.arena_pages = ARENA_SIZE / g.page;
	err = device_open_info(&g.fd, &g.info);
	if (err) {
		fprintf(stderr, "pinbench-race: %s: %s\n", PINBENCH_DEVICE,
			errno_name(err));
		return 2;
	}
	area = mmap(NULL, ARENA_SIZE + HUGE_2M, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (area == MAP_FAILED)
		return 2;
	g.arena = (char *)(((uintptr_t)area + HUGE_2M - 1) & ~(HUGE_2M - 1));
	madvise(g.arena, ARENA_SIZE / 2, MADV_HUGEPAGE);
	touch(g.arena, g.arena_pages);

	for (i = 0; i < n; i++) {
		void *(*fn)(void *) = i < RUN_THREADS ? run_loop :
				      i == RUN_THREADS ? remap_loop : fork_loop;

		memset(&racers[i], 0, sizeof(racers[i]));
		racers[i].rng = (seed + i) * 0x9e3779b97f4a7c15ULL | 1;
		if (pthread_create(&racers[i].thread, NULL, fn, &racers[i]))
			return 2;
	}
	sleep(seconds);
	g.stop = 1;
	for (i = 0; i < n; i++) {
		struct counters *c = &racers[i].c;

		pthread_join(racers[i].thread, NULL);
		sum.runs_ok += c->runs_ok;
		sum.runs_efault += c->runs_efault;
		sum.runs_other += c->runs_other;
		if (c->runs_other)
			sum.other_errno = c->other_errno;
		sum.remaps += c->remaps;
		sum.forks += c->forks;
		sum.children_killed += c->children_killed;
	}
	printf("seed %llu, %us: RUN ok %lu, EFAULT %lu, other %lu%s%s; remaps %lu; forks %lu (%lu children killed by a protected page)\n",
	       seed, seconds, sum.runs_ok, sum.runs_efault, sum.runs_other,
	       sum.runs_other ? " last " : "",
	       sum.runs_other ? errno_name(sum.other_errno) : "",
	       sum.remaps, sum.forks, sum.children_killed);
	return sum.runs_other || !sum.runs_ok || !sum.remaps || !sum.forks;
}
