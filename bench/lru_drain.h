/*
 * The kernel's per-CPU LRU batches hold a reference on every folio queued
 * in them until they drain. The reference oracle (--ref-check) compares
 * refcounts within one RUN, so a folio the range just put there (faulted
 * in on this CPU by the composition's builder) would lose that reference
 * whenever another task's pages fill the batch during the RUN.
 */
#ifndef PINBENCH_LRU_DRAIN_H
#define PINBENCH_LRU_DRAIN_H

/*
 * Drain this CPU's LRU batches: madvise(MADV_COLD) calls lru_add_drain()
 * before it looks at its (here: one scratch page) range. The RUN must
 * follow on this CPU, as the pinned measuring thread does. Best effort:
 * silent where MADV_COLD is unknown (before 5.4).
 */
void lru_drain_this_cpu(void);

#endif
