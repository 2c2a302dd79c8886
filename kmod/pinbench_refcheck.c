// SPDX-License-Identifier: GPL-2.0
/*
 * The reference oracle. The vmstat pin counters see FOLL_PIN only; a
 * strategy that drops fewer FOLL_GET references than GUP took leaks
 * silently. Before the first pin of a RUN every folio of the range gets
 * one reference of ours (so it cannot be freed, split or reused) and its
 * refcount is recorded; after the last release each must be back. All of
 * it is untimed.
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include "pinbench.h"
#include "pinbench_compat.h"

/* Pin and release the range the known good way: one settling pass. */
static int pb_refcheck_pass(struct pb_pinset *set,
			    const struct pb_pin_method *method,
			    unsigned int gup_flags)
{
	int ret = pb_pinset_pin(set, method, gup_flags);

	if (!ret)
		pb_pinset_release_all(set, method->foll_pin);
	return ret;
}

static long pb_refcheck_sum(const struct pb_refcheck *rc)
{
	unsigned long i;
	long sum = 0;

	for (i = 0; i < rc->nr; i++)
		sum += pb_folio_refcount(rc->entries[i].page);
	return sum;
}

/*
 * Pin the range with the RUN's own method and release it the known good
 * way until the references settle: faults and COW happen on the first
 * pass, and a pin method that touches (mmap-locked GUP: FOLL_TOUCH) puts
 * a not yet active folio on the per-CPU activation batch at every second
 * touch, each entry a transient reference, until a full batch drains and
 * the folio is active. A module cannot drain those batches, so the
 * baseline is taken once PB_REFCHECK_STILL passes in a row add none.
 */
#define PB_REFCHECK_MAX_PASSES	64
#define PB_REFCHECK_STILL	3

int pb_refcheck_begin(struct pb_refcheck *rc, struct pb_pinset *set,
		      const struct pb_pin_method *method,
		      unsigned int gup_flags)
{
	const void *last = NULL;
	unsigned long i, j;
	long sum, prev;
	int ret, pass, still = 0;

	/* past INT_MAX bytes (> 512 GiB of 4K pages) kvmalloc WARNs */
	rc->entries = kvmalloc_array(set->nr_pages, sizeof(*rc->entries),
				     GFP_KERNEL | __GFP_NOWARN);
	if (!rc->entries)
		return -ENOMEM;
	rc->nr = 0;

	ret = pb_pinset_pin(set, method, gup_flags);
	if (ret)
		goto err_free;
	for (i = 0; i < set->nr_chunks; i++) {
		const struct pb_chunk *chunk = &set->chunks[i];

		for (j = 0; j < chunk->nr_pinned; j++) {
			struct page *page = chunk->pages[j];

			if (pb_folio_of(page) == last)
				continue;
			last = pb_folio_of(page);
			get_page(page);
			rc->entries[rc->nr++].page = page;
		}
	}
	pb_pinset_release_all(set, method->foll_pin);

	prev = pb_refcheck_sum(rc);
	for (pass = 0; pass < PB_REFCHECK_MAX_PASSES; pass++) {
		ret = pb_refcheck_pass(set, method, gup_flags);
		if (ret)
			goto err_free;
		sum = pb_refcheck_sum(rc);
		still = sum == prev ? still + 1 : 0;
		if (still == PB_REFCHECK_STILL)
			break;
		prev = sum;
	}
	for (i = 0; i < rc->nr; i++)
		rc->entries[i].refs = pb_folio_refcount(rc->entries[i].page);
	return 0;

err_free:
	pb_refcheck_free(rc);
	return ret;
}

/* How many folios are not back to their refcount, and by how much. */
void pb_refcheck_end(struct pb_refcheck *rc, u64 *changed, s64 *delta)
{
	unsigned long i;

	*changed = 0;
	*delta = 0;
	for (i = 0; i < rc->nr; i++) {
		int diff = pb_folio_refcount(rc->entries[i].page) -
			   rc->entries[i].refs;

		if (diff)
			(*changed)++;
		*delta += diff;
	}
}

/* Drops our references; safe on a zeroed or already freed pb_refcheck. */
void pb_refcheck_free(struct pb_refcheck *rc)
{
	unsigned long i;

	if (!rc->entries)
		return;
	for (i = 0; i < rc->nr; i++)
		put_page(rc->entries[i].page);
	kvfree(rc->entries);
	rc->entries = NULL;
	rc->nr = 0;
}
