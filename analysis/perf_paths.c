/*
 * Which kernel symbols are the pin path and which the unpin path: one
 * table, read in order, first match wins. Names from mm/gup.c and
 * block/bio.c of the kernels pinbench runs (5.10, 6.1, 6.12, 7.x); a
 * pattern that matches nothing on one kernel costs nothing there.
 *
 * Left out on purpose: the page release every caller shares (put_page's
 * out-of-line callees __folio_put, __put_page, release_pages,
 * folios_put_refs, free_unref_page*, folio_mark_dirty/set_page_dirty):
 * a munmap or a page cache eviction pays them as well, so counting them
 * as "unpin" would credit pinning with work that is not its own. A
 * profile shows them by name; the path share is GUP's own code only.
 */
#include <fnmatch.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "perf_report.h"

const struct perf_path_symbol perf_path_symbols[] = {
	/* the release side first: gup_put_folio would match gup_* below */
	{ "unpin_user_page*", PERF_PATH_UNPIN,
	  "unpin_user_page(s)(_dirty_lock), _range_dirty_lock, _lockless: "
	  "the FOLL_PIN release calls" },
	{ "unpin_folio*", PERF_PATH_UNPIN,
	  "unpin_folio(s), 6.11+: memfd_pin_folios' release" },
	{ "gup_put_folio", PERF_PATH_UNPIN,
	  "6.1+: drops a pin (GUP_PIN_COUNTING_BIAS or _pincount) or a ref "
	  "of one folio; every unpin call ends here" },
	{ "put_compound_head", PERF_PATH_UNPIN,
	  "5.10's gup_put_folio" },
	{ "__unpin_devmap_managed_user_page", PERF_PATH_UNPIN,
	  "5.10: unpin of ZONE_DEVICE pages" },
	{ "gup_folio_next", PERF_PATH_UNPIN,
	  "6.1+: unpin_user_pages*'s walk of a page array by folio" },
	{ "gup_folio_range_next", PERF_PATH_UNPIN,
	  "6.1+: unpin_user_page_range_dirty_lock's walk by folio" },
	{ "sanity_check_pinned_pages", PERF_PATH_UNPIN,
	  "6.1+: the CONFIG_DEBUG_VM check unpin_user_page* runs first" },
	{ "bio_release_pages", PERF_PATH_UNPIN,
	  "block/bio.c: direct IO's release of its bio's pages (unpin for "
	  "FOLL_PIN bios)" },
	{ "__bio_release_pages", PERF_PATH_UNPIN,
	  "its out-of-line body" },
	{ "bio_unpin_*", PERF_PATH_UNPIN,
	  "6.5+ bio helpers dropping a pin without releasing the bio" },

	/* the acquire side */
	{ "gup_*", PERF_PATH_PIN,
	  "the page table walks of GUP-fast (gup_pte_range ... gup_pgd_range, "
	  "gup_huge_pmd; 6.10+ gup_fast_*) and gup helpers; gup_put_folio "
	  "is matched above" },
	{ "__gup_*", PERF_PATH_PIN,
	  "__gup_longterm_locked, __gup_device_huge*: the slow path and "
	  "FOLL_LONGTERM" },
	{ "pin_user_pages*", PERF_PATH_PIN,
	  "the FOLL_PIN entry points (no leading *: unpin_user_pages would "
	  "match)" },
	{ "get_user_pages*", PERF_PATH_PIN,
	  "the FOLL_GET entry points, _fast, _remote, _unlocked" },
	{ "__get_user_pages*", PERF_PATH_PIN,
	  "the slow path's walk, _locked, _remote" },
	{ "internal_get_user_pages_fast", PERF_PATH_PIN,
	  "GUP-fast's body up to 6.9" },
	{ "lockless_pages_from_mm", PERF_PATH_PIN,
	  "6.1-6.9: GUP-fast's lockless part" },
	{ "try_grab_folio*", PERF_PATH_PIN,
	  "takes the pin or ref of one folio; 6.11+ also try_grab_folio_fast" },
	{ "try_grab_page", PERF_PATH_PIN,
	  "up to 6.10: the same for one page" },
	{ "try_grab_compound_head", PERF_PATH_PIN,
	  "5.11-5.17's try_grab_folio" },
	{ "try_get_compound_head", PERF_PATH_PIN,
	  "5.10's GUP-fast reference" },
	{ "try_get_folio", PERF_PATH_PIN,
	  "6.1-6.10: try_grab_folio's reference" },
	{ "follow_page*", PERF_PATH_PIN,
	  "the slow path's page table walk (follow_page_mask, _pte)" },
	{ "follow_p?d_mask", PERF_PATH_PIN,
	  "follow_pmd/pud/p4d_mask, the same walk" },
	{ "record_subpages", PERF_PATH_PIN,
	  "GUP-fast filling the page array from a huge entry" },
	{ "folio_add_pin", PERF_PATH_PIN,
	  "6.6+: a pin on an already-referenced folio (the slow path)" },
	{ "is_valid_gup_args", PERF_PATH_PIN,
	  "6.5+: flag checks of every entry point" },
	{ "check_and_migrate_movable_*", PERF_PATH_PIN,
	  "FOLL_LONGTERM: moving pages out of ZONE_MOVABLE/CMA first" },
	{ "collect_longterm_unpinnable_*", PERF_PATH_PIN,
	  "FOLL_LONGTERM: the scan before that" },
	{ "mm_set_has_pinned_flag", PERF_PATH_PIN,
	  "every FOLL_PIN call marks the mm" },
};

const size_t nr_perf_path_symbols =
	sizeof(perf_path_symbols) / sizeof(perf_path_symbols[0]);

const char *perf_path_name(enum perf_path path)
{
	switch (path) {
	case PERF_PATH_PIN:
		return "pin";
	case PERF_PATH_UNPIN:
		return "unpin";
	default:
		return "none";
	}
}

/*
 * gcc's clones keep their function's name before a dot
 * (try_grab_folio.part.0, gup_put_folio.isra.0): matched as that function.
 */
enum perf_path perf_path_of(const char *symbol)
{
	char name[sizeof(((struct perf_symbol *)0)->name)];
	size_t i;

	snprintf(name, sizeof(name), "%.*s", (int)strcspn(symbol, "."),
		 symbol);
	for (i = 0; i < nr_perf_path_symbols; i++)
		if (!fnmatch(perf_path_symbols[i].pattern, name, 0))
			return perf_path_symbols[i].path;
	return PERF_PATH_NONE;
}

double perf_report_path_share(const struct perf_report *r,
			      enum perf_path path)
{
	double total = 0;
	size_t i;

	for (i = 0; i < r->n; i++)
		if (perf_path_of(r->symbols[i].name) == path)
			total += r->symbols[i].share;
	return total;
}
