/*
 * Kernel shim (see types.h): the calls the module's pin and release
 * functions make, as expressions that do nothing. The tables take those
 * functions' addresses; the stand-in device never calls them.
 */
#ifndef PB_KSHIM_MM_H
#define PB_KSHIM_MM_H

#include <stdint.h>
#include <linux/mm_types.h>

#define FOLL_LONGTERM			(1U << 16)
#define READ_ONCE(x)			(x)
#define OPTIMIZER_HIDE_VAR(x)		((void)(x))

#define put_page(page)			((void)(page))
#define release_pages(pages, nr)	((void)(pages), (void)(nr))
#define set_page_dirty(page)		((void)(page))
#define set_page_dirty_lock(page)	((void)(page))
#define unpin_user_page(page)		((void)(page))
#define unpin_user_pages(pages, nr)	((void)(pages), (void)(nr))
#define unpin_user_pages_dirty_lock(pages, nr, dirty) \
	((void)(pages), (void)(nr), (void)(dirty))
#define unpin_user_page_range_dirty_lock(page, nr, dirty) \
	((void)(page), (void)(nr), (void)(dirty))
#define unpin_folios(folios, nr)	((void)(folios), (void)(nr))
#define page_folio(page)		((struct folio *)(page))
#define page_to_pfn(page)		((unsigned long)(uintptr_t)(page))

#define get_user_pages_fast(start, nr, flags, pages) 0L
#define pin_user_pages_fast(start, nr, flags, pages) 0L
#define get_user_pages(...)		0L
#define pin_user_pages(...)		0L

#endif
