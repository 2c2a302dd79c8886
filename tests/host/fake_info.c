#include <string.h>

#include "fake_info.h"

/*
 * Names, families and roles as kmod/pinbench_pin.c and pinbench_release.c
 * have them: dirties, write_only (refused without FOLL_WRITE), prepare.
 */
static const struct {
	const char *name;
	bool foll_pin;
	bool dirties;
	bool write_only;
	bool prepare;
} fake_methods[PINBENCH_NR_PIN_METHODS] = {
	[PINBENCH_PIN_GUP_FAST] = { "gup_fast", false },
	[PINBENCH_PIN_GUP] = { "gup", false },
	[PINBENCH_PIN_PIN_FAST] = { "pin_fast", true },
	[PINBENCH_PIN_PIN] = { "pin", true },
	[PINBENCH_PIN_PIN_LONGTERM] = { "pin_longterm", true },
}, fake_strategies[PINBENCH_NR_STRATEGIES] = {
	[PINBENCH_REL_PUT_PAGE] = { "put_page", false },
	[PINBENCH_REL_RELEASE_PAGES] = { "release_pages", false, false, true },
	[PINBENCH_REL_DIRTY_LOCK_PUT_PAGE] = { "dirty_lock_put_page", false,
					       true },
	[PINBENCH_REL_DIRTY_PUT_PAGE] = { "dirty_put_page", false, true },
	[PINBENCH_REL_UNPIN_PAGE] = { "unpin_page", true },
	[PINBENCH_REL_UNPIN_PAGES] = { "unpin_pages", true },
	[PINBENCH_REL_UNPIN_DIRTY] = { "unpin_dirty", true, true },
	[PINBENCH_REL_UNPIN_DIRTY_CLEAN] = { "unpin_dirty_clean", true },
	[PINBENCH_REL_UNPIN_RANGE_DIRTY] = { "unpin_range_dirty", true, true,
					     false, true },
	[PINBENCH_REL_UNPIN_FOLIOS] = { "unpin_folios", true, false, false,
					true },
	[PINBENCH_REL_NOOP] = { "noop", true },
};

void fake_info_fill(struct pinbench_info *info, bool with_unpin_folios)
{
	unsigned int i;

	memset(info, 0, sizeof(*info));
	info->abi_version = PINBENCH_ABI_VERSION;
	info->struct_size = sizeof(*info);
	info->page_size = 4096;
	info->nr_pin_methods = PINBENCH_NR_PIN_METHODS;
	info->nr_strategies = PINBENCH_NR_STRATEGIES;
	info->max_iterations = 1000000;
	info->max_pinned_pages = 1 << 20;
	info->chunk_pages = 512;
	strcpy(info->module_version, "0.1.0");
	strcpy(info->kernel_release, "6.1.0-fake");
	for (i = 0; i < PINBENCH_NR_PIN_METHODS; i++) {
		info->pin_method_mask |= 1ULL << i;
		if (fake_methods[i].foll_pin)
			info->foll_pin_method_mask |= 1ULL << i;
		strcpy(info->pin_method_names[i], fake_methods[i].name);
	}
	for (i = 0; i < PINBENCH_NR_STRATEGIES; i++) {
		if (i != PINBENCH_REL_UNPIN_FOLIOS || with_unpin_folios)
			info->strategy_mask |= 1ULL << i;
		if (fake_strategies[i].foll_pin)
			info->foll_pin_strategy_mask |= 1ULL << i;
		if (fake_strategies[i].dirties)
			info->dirty_strategy_mask |= 1ULL << i;
		if (fake_strategies[i].dirties || fake_strategies[i].write_only)
			info->write_only_strategy_mask |= 1ULL << i;
		if (fake_strategies[i].prepare)
			info->prepare_strategy_mask |= 1ULL << i;
		strcpy(info->strategy_names[i], fake_strategies[i].name);
	}
}
