// SPDX-License-Identifier: GPL-2.0
/*
 * The chunked set of pinned pages a pin method fills, and its release.
 */
#include <linux/mm.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include "pinbench.h"

int pb_pinset_alloc(struct pb_pinset *set, unsigned long start,
		    unsigned long nr_pages, unsigned long chunk_pages,
		    bool with_run_len)
{
	unsigned long i, left = nr_pages;

	set->start = start;
	set->nr_pages = nr_pages;
	set->nr_chunks = DIV_ROUND_UP(nr_pages, chunk_pages);
	/* chunks of one page on a big machine: over INT_MAX, which warns */
	set->chunks = kvcalloc(set->nr_chunks, sizeof(*set->chunks),
			       GFP_KERNEL | __GFP_NOWARN);
	if (!set->chunks)
		return -ENOMEM;

	for (i = 0; i < set->nr_chunks; i++) {
		struct pb_chunk *chunk = &set->chunks[i];

		chunk->nr = min(left, chunk_pages);
		left -= chunk->nr;
		chunk->pages = kvmalloc_array(chunk->nr, sizeof(*chunk->pages),
					      GFP_KERNEL);
		if (!chunk->pages)
			goto err_free;
		if (with_run_len) {
			chunk->run_len = kvmalloc_array(chunk->nr,
							sizeof(*chunk->run_len),
							GFP_KERNEL);
			if (!chunk->run_len)
				goto err_free;
		}
	}
	return 0;

err_free:
	pb_pinset_free(set);
	return -ENOMEM;
}

void pb_pinset_free(struct pb_pinset *set)
{
	unsigned long i;

	if (!set->chunks)
		return;
	for (i = 0; i < set->nr_chunks; i++) {
		kvfree(set->chunks[i].pages);
		kvfree(set->chunks[i].run_len);
	}
	kvfree(set->chunks);
	set->chunks = NULL;
}

static long pb_pin_chunk(const struct pb_pin_method *method,
			 unsigned long start, struct pb_chunk *chunk,
			 unsigned int gup_flags)
{
	struct mm_struct *mm = current->mm;

	while (chunk->nr_pinned < chunk->nr) {
		unsigned long addr = start + chunk->nr_pinned * PAGE_SIZE;
		unsigned long want = chunk->nr - chunk->nr_pinned;
		long got;

		if (method->needs_mmap_lock && mmap_read_lock_killable(mm))
			return -EINTR;
		got = method->pin(addr, want, gup_flags,
				  chunk->pages + chunk->nr_pinned);
		if (method->needs_mmap_lock)
			mmap_read_unlock(mm);
		if (got < 0)
			return got;
		if (got == 0)		/* nothing mapped there */
			return -EFAULT;
		chunk->nr_pinned += got;
	}
	chunk->nr_items = chunk->nr_pinned;
	return 0;
}

/*
 * Pin the whole range. On failure everything pinned so far is released
 * before returning, so the caller never holds a partial set.
 */
int pb_pinset_pin(struct pb_pinset *set, const struct pb_pin_method *method,
		  unsigned int gup_flags)
{
	unsigned long i, start = set->start;
	long ret;

	gup_flags |= method->extra_gup_flags;
	set->pinned = 0;
	for (i = 0; i < set->nr_chunks; i++) {
		struct pb_chunk *chunk = &set->chunks[i];

		chunk->nr_pinned = 0;
		chunk->nr_items = 0;
	}
	for (i = 0; i < set->nr_chunks; i++) {
		struct pb_chunk *chunk = &set->chunks[i];

		/* between chunks: a killed task stops a multi-GiB pin here */
		if (fatal_signal_pending(current)) {
			ret = -EINTR;
			goto err_release;
		}
		ret = pb_pin_chunk(method, start, chunk, gup_flags);
		if (ret)
			goto err_release;
		set->pinned += chunk->nr_pinned;
		start += chunk->nr * PAGE_SIZE;
	}
	return 0;

err_release:
	pb_pinset_release_all(set, method->foll_pin);
	return ret;
}

/* Untimed release of whatever is still pinned, in its plain page form. */
void pb_pinset_release_all(struct pb_pinset *set, bool foll_pin)
{
	unsigned long i, j;

	for (i = 0; i < set->nr_chunks; i++) {
		struct pb_chunk *chunk = &set->chunks[i];

		/* released already: no call (the traced tests count them) */
		if (!chunk->nr_pinned)
			continue;
		if (foll_pin) {
			unpin_user_pages(chunk->pages, chunk->nr_pinned);
		} else {
			for (j = 0; j < chunk->nr_pinned; j++)
				put_page(chunk->pages[j]);
		}
		chunk->nr_pinned = 0;
		chunk->nr_items = 0;
	}
	set->pinned = 0;
}
