// SPDX-License-Identifier: GPL-2.0
/*
 * Untimed verification of a pinned set: is every page really held, and
 * what was pinned (folio orders, hugetlb, anon/shmem/file)? Runs between
 * pin and release, outside both timed windows.
 */
#include <linux/mm.h>
#include <linux/hugetlb.h>
#include "pinbench.h"
#include "pinbench_compat.h"

static bool pb_page_is_held(struct page *page, bool foll_pin)
{
	if (foll_pin)
		return pb_folio_dma_pinned(page);
	/* a FOLL_GET reference comes on top of the mapping's */
	return pb_folio_refcount(page) >= 2;
}

static void pb_account_page(struct page *page, bool foll_pin,
			    struct pinbench_composition *comp)
{
	unsigned int order = pb_folio_order(page);

	comp->pages_by_order[min_t(unsigned int, order,
				   PINBENCH_HIST_ORDERS - 1)]++;
	if (pb_folio_hugetlb(page))
		comp->pages_hugetlb++;
	if (pb_folio_anon(page))
		comp->pages_anon++;
	else if (pb_folio_swapbacked(page))
		comp->pages_shmem++;
	else
		comp->pages_file++;
	if (!pb_page_is_held(page, foll_pin))
		comp->pages_not_pinned++;
}

void pb_verify(const struct pb_pinset *set, bool foll_pin,
	       struct pinbench_composition *comp)
{
	const void *last_folio = NULL;
	unsigned long i, j;

	memset(comp, 0, sizeof(*comp));
	for (i = 0; i < set->nr_chunks; i++) {
		const struct pb_chunk *chunk = &set->chunks[i];

		for (j = 0; j < chunk->nr_pinned; j++) {
			struct page *page = chunk->pages[j];
			const void *folio = pb_folio_of(page);

			if (folio != last_folio)
				comp->folios++;
			last_folio = folio;
			pb_account_page(page, foll_pin, comp);
		}
	}
}
