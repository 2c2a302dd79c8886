// SPDX-License-Identifier: GPL-2.0
/*
 * Pin methods: every way the module acquires the pages it then releases.
 * Adding one is a table row plus a pin function.
 */
#include <linux/mm.h>
#include "pinbench.h"
#include "pinbench_compat.h"

static long pb_pin_gup_fast(unsigned long start, unsigned long nr,
			    unsigned int gup_flags, struct page **pages)
{
	return get_user_pages_fast(start, nr, gup_flags, pages);
}

static long pb_pin_gup(unsigned long start, unsigned long nr,
		       unsigned int gup_flags, struct page **pages)
{
	return pb_get_user_pages(start, nr, gup_flags, pages);
}

static long pb_pin_pin_fast(unsigned long start, unsigned long nr,
			    unsigned int gup_flags, struct page **pages)
{
	return pin_user_pages_fast(start, nr, gup_flags, pages);
}

static long pb_pin_pin(unsigned long start, unsigned long nr,
		       unsigned int gup_flags, struct page **pages)
{
	return pb_pin_user_pages(start, nr, gup_flags, pages);
}

/*
 * .modes: the pin modes (fast, locked, longterm) a method serves for its
 * FOLL family; FOLL_LONGTERM exists only for pins, so gup is also the
 * FOLL_GET side of longterm.
 */
const struct pb_pin_method pb_pin_methods[PB_NR_PIN_METHODS] = {
	[PB_PIN_GUP_FAST] = {
		.name = "gup_fast", .call = "get_user_pages_fast",
		.modes = PINBENCH_ROLE_MODE_FAST, .pin = pb_pin_gup_fast,
	},
	[PB_PIN_GUP] = {
		.name = "gup", .call = "get_user_pages",
		.modes = PINBENCH_ROLE_MODE_LOCKED | PINBENCH_ROLE_MODE_LONGTERM,
		.pin = pb_pin_gup, .needs_mmap_lock = true,
	},
	[PB_PIN_PIN_FAST] = {
		.name = "pin_fast", .call = "pin_user_pages_fast",
		.foll_pin = true, .modes = PINBENCH_ROLE_MODE_FAST,
		.pin = pb_pin_pin_fast,
	},
	[PB_PIN_PIN] = {
		.name = "pin", .call = "pin_user_pages",
		.foll_pin = true, .modes = PINBENCH_ROLE_MODE_LOCKED,
		.pin = pb_pin_pin, .needs_mmap_lock = true,
	},
	[PB_PIN_PIN_LONGTERM] = {
		.name = "pin_longterm", .call = "pin_user_pages",
		.foll_pin = true, .modes = PINBENCH_ROLE_MODE_LONGTERM,
		.pin = pb_pin_pin, .needs_mmap_lock = true,
		.extra_gup_flags = FOLL_LONGTERM,
	},
};
