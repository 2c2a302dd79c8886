/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every kernel version check of pinbench.ko lives here, so that a new
 * kernel in the matrix means editing one file.
 */
#ifndef _PINBENCH_COMPAT_H
#define _PINBENCH_COMPAT_H

#include <linux/version.h>
#include <linux/mm.h>

/* The one place the kernel version is read; checkpatch flags it, by design. */
#define PB_KERNEL_AT_LEAST(a, b, c) (LINUX_VERSION_CODE >= KERNEL_VERSION(a, b, c))

/* get_user_pages()/pin_user_pages() lost their vmas argument in 6.5. */
#if !PB_KERNEL_AT_LEAST(6, 5, 0)
#define pb_get_user_pages(start, nr, flags, pages) \
	get_user_pages(start, nr, flags, pages, NULL)
#define pb_pin_user_pages(start, nr, flags, pages) \
	pin_user_pages(start, nr, flags, pages, NULL)
#else
#define pb_get_user_pages(start, nr, flags, pages) \
	get_user_pages(start, nr, flags, pages)
#define pb_pin_user_pages(start, nr, flags, pages) \
	pin_user_pages(start, nr, flags, pages)
#endif

/* unpin_user_page_range_dirty_lock() appeared in 5.12. */
#define PB_HAVE_UNPIN_RANGE	PB_KERNEL_AT_LEAST(5, 12, 0)

/* unpin_folios() appeared in 6.11. */
#define PB_HAVE_UNPIN_FOLIOS	PB_KERNEL_AT_LEAST(6, 11, 0)

/*
 * release_pages() takes a transparent union since 6.2; a struct page **
 * converts to it, so one call serves both.
 */

/*
 * What the verifier asks of the folio a pinned page belongs to. Folios
 * exist from 5.16; bullseye's 5.10 answers through the compound head.
 */
#if PB_KERNEL_AT_LEAST(5, 16, 0)
#define pb_folio_of(page)		((const void *)page_folio(page))
#define pb_folio_order(page)		folio_order(page_folio(page))
#define pb_folio_hugetlb(page)		folio_test_hugetlb(page_folio(page))
#define pb_folio_anon(page)		folio_test_anon(page_folio(page))
#define pb_folio_swapbacked(page)	folio_test_swapbacked(page_folio(page))
#define pb_folio_dma_pinned(page)	folio_maybe_dma_pinned(page_folio(page))
#define pb_folio_refcount(page)		folio_ref_count(page_folio(page))
#else
#define pb_folio_of(page)		((const void *)compound_head(page))
#define pb_folio_order(page)		compound_order(compound_head(page))
#define pb_folio_hugetlb(page)		PageHuge(page)
#define pb_folio_anon(page)		PageAnon(page)
#define pb_folio_swapbacked(page)	PageSwapBacked(compound_head(page))
#define pb_folio_dma_pinned(page)	page_maybe_dma_pinned(page)
#define pb_folio_refcount(page)		page_count(page)
#endif

#endif /* _PINBENCH_COMPAT_H */
