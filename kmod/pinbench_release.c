// SPDX-License-Identifier: GPL-2.0
/*
 * Release strategies: every way the kernel offers to give pinned pages
 * back. Adding one is a table row plus a small release function.
 * release() is the timed window; prepare(), when a caller of the call
 * must reshape a pages array first, is timed in a window of its own
 * (prepare_ns), so a figure can show the release alone or both; finish()
 * is untimed.
 */
#include <linux/mm.h>
#include <linux/pagemap.h>
#include "pinbench.h"
#include "pinbench_compat.h"

static void pb_put_page(struct pb_chunk *chunk)
{
	unsigned long i;

	for (i = 0; i < chunk->nr_items; i++)
		put_page(chunk->pages[i]);
}

static void pb_release_pages(struct pb_chunk *chunk)
{
	release_pages(chunk->pages, chunk->nr_items);
}

static void pb_dirty_lock_put_page(struct pb_chunk *chunk)
{
	unsigned long i;

	for (i = 0; i < chunk->nr_items; i++) {
		set_page_dirty_lock(chunk->pages[i]);
		put_page(chunk->pages[i]);
	}
}

/* The racy pattern the seed series set out to remove, kept as a baseline. */
static void pb_dirty_put_page(struct pb_chunk *chunk)
{
	unsigned long i;

	for (i = 0; i < chunk->nr_items; i++) {
		set_page_dirty(chunk->pages[i]);
		put_page(chunk->pages[i]);
	}
}

static void pb_unpin_page(struct pb_chunk *chunk)
{
	unsigned long i;

	for (i = 0; i < chunk->nr_items; i++)
		unpin_user_page(chunk->pages[i]);
}

static void pb_unpin_pages(struct pb_chunk *chunk)
{
	unpin_user_pages(chunk->pages, chunk->nr_items);
}

static void pb_unpin_dirty(struct pb_chunk *chunk)
{
	unpin_user_pages_dirty_lock(chunk->pages, chunk->nr_items, true);
}

static void pb_unpin_dirty_clean(struct pb_chunk *chunk)
{
	unpin_user_pages_dirty_lock(chunk->pages, chunk->nr_items, false);
}

/*
 * The range call wants physically contiguous runs: a caller that holds
 * them pays only the release, one that holds a pages array pays this
 * too (prepare_ns). pages[k] becomes the start of run k.
 */
static void pb_prepare_runs(struct pb_chunk *chunk)
{
	unsigned long i, runs = 0;

	for (i = 0; i < chunk->nr_pinned; i++) {
		struct page *page = chunk->pages[i];

		if (runs && page_to_pfn(page) ==
		    page_to_pfn(chunk->pages[runs - 1]) +
		    chunk->run_len[runs - 1]) {
			chunk->run_len[runs - 1]++;
			continue;
		}
		chunk->pages[runs] = page;
		chunk->run_len[runs] = 1;
		runs++;
	}
	chunk->nr_items = runs;
}

#if PB_HAVE_UNPIN_RANGE
static void pb_unpin_range_dirty(struct pb_chunk *chunk)
{
	unsigned long i;

	for (i = 0; i < chunk->nr_items; i++)
		unpin_user_page_range_dirty_lock(chunk->pages[i],
						 chunk->run_len[i], true);
}
#else
#define pb_unpin_range_dirty NULL
#endif

#if PB_HAVE_UNPIN_FOLIOS
/*
 * unpin_folios() wants one folio entry per pin; it coalesces consecutive
 * duplicates itself. The page_folio() pass that unpin_user_pages() makes
 * inside its window is made here, in prepare's window (prepare_ns).
 */
static void pb_prepare_folios(struct pb_chunk *chunk)
{
	unsigned long i;

	for (i = 0; i < chunk->nr_pinned; i++)
		chunk->folios[i] = page_folio(chunk->pages[i]);
}

static void pb_unpin_folios(struct pb_chunk *chunk)
{
	unpin_folios(chunk->folios, chunk->nr_items);
}
#else
#define pb_prepare_folios NULL
#define pb_unpin_folios NULL
#endif

/* The floor: what walking the array costs, with the release untimed. */
static void pb_noop_walk(struct pb_chunk *chunk)
{
	unsigned long i, sum = 0;

	for (i = 0; i < chunk->nr_items; i++)
		sum += (unsigned long)READ_ONCE(chunk->pages[i]);
	OPTIMIZER_HIDE_VAR(sum);
}

static void pb_noop_finish(struct pb_chunk *chunk)
{
	unpin_user_pages(chunk->pages, chunk->nr_items);
}

/* .call: the kernel function the timed window calls (none for noop) */
const struct pb_strategy pb_strategies[PB_NR_STRATEGIES] = {
	[PB_REL_PUT_PAGE] = {
		.name = "put_page", .call = "put_page",
		.supported = true, .baseline = true,
		.release = pb_put_page,
	},
	[PB_REL_RELEASE_PAGES] = {
		.name = "release_pages", .call = "release_pages",
		.supported = true, .write_only = true,
		.release = pb_release_pages,
	},
	[PB_REL_DIRTY_LOCK_PUT_PAGE] = {
		.name = "dirty_lock_put_page", .call = "set_page_dirty_lock",
		.supported = true, .dirties = true,
		.release = pb_dirty_lock_put_page,
	},
	[PB_REL_DIRTY_PUT_PAGE] = {
		.name = "dirty_put_page", .call = "set_page_dirty",
		.supported = true, .dirties = true,
		.release = pb_dirty_put_page,
	},
	[PB_REL_UNPIN_PAGE] = {
		.name = "unpin_page", .call = "unpin_user_page",
		.supported = true, .foll_pin = true,
		.release = pb_unpin_page,
	},
	[PB_REL_UNPIN_PAGES] = {
		.name = "unpin_pages", .call = "unpin_user_pages",
		.supported = true, .foll_pin = true,
		.release = pb_unpin_pages,
	},
	[PB_REL_UNPIN_DIRTY] = {
		.name = "unpin_dirty", .call = "unpin_user_pages_dirty_lock",
		.supported = true, .foll_pin = true, .dirties = true,
		.release = pb_unpin_dirty,
	},
	[PB_REL_UNPIN_DIRTY_CLEAN] = {
		.name = "unpin_dirty_clean",
		.call = "unpin_user_pages_dirty_lock",
		.supported = true, .foll_pin = true,
		.release = pb_unpin_dirty_clean,
	},
	[PB_REL_UNPIN_RANGE_DIRTY] = {
		.name = "unpin_range_dirty",
		.call = "unpin_user_page_range_dirty_lock",
		.supported = PB_HAVE_UNPIN_RANGE, .foll_pin = true,
		.needs_run_len = true, .dirties = true,
		.prepare = pb_prepare_runs, .release = pb_unpin_range_dirty,
	},
	[PB_REL_UNPIN_FOLIOS] = {
		.name = "unpin_folios", .call = "unpin_folios",
		.supported = PB_HAVE_UNPIN_FOLIOS, .foll_pin = true,
		.prepare = pb_prepare_folios, .release = pb_unpin_folios,
	},
	[PB_REL_NOOP] = {
		.name = "noop",
		.supported = true, .foll_pin = true, .floor = true,
		.release = pb_noop_walk, .finish = pb_noop_finish,
	},
};
