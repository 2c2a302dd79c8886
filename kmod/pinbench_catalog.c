// SPDX-License-Identifier: GPL-2.0
/*
 * The catalogue as userspace sees it: each pin method and strategy row,
 * numbered, named, with the kernel call and the roles the CLI, the report
 * and the tests read instead of knowing names. The host tests' stand-in
 * device builds this file too, so it answers with the module's own rows.
 */
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "pinbench.h"

static u64 pb_method_roles(const struct pb_pin_method *method)
{
	u64 roles = PINBENCH_ROLE_SUPPORTED | method->modes;

	if (method->foll_pin)
		roles |= PINBENCH_ROLE_FOLL_PIN;
	if (method->extra_gup_flags & FOLL_LONGTERM)
		roles |= PINBENCH_ROLE_LONGTERM;
	return roles;
}

static u64 pb_strategy_roles(const struct pb_strategy *strategy)
{
	u64 roles = 0;

	if (strategy->supported)
		roles |= PINBENCH_ROLE_SUPPORTED;
	if (strategy->foll_pin)
		roles |= PINBENCH_ROLE_FOLL_PIN;
	if (strategy->dirties)
		roles |= PINBENCH_ROLE_DIRTIES;
	/* dirtying pages pinned without FOLL_WRITE is wrong too */
	if (strategy->dirties || strategy->write_only)
		roles |= PINBENCH_ROLE_WRITE_ONLY;
	if (strategy->prepare)
		roles |= PINBENCH_ROLE_PREPARES;
	if (strategy->baseline)
		roles |= PINBENCH_ROLE_BASELINE;
	if (strategy->floor)
		roles |= PINBENCH_ROLE_FLOOR;
	return roles;
}

/* Fills entry's out fields for (kind, index); -EINVAL, -ENOENT past the end. */
int pb_catalog_entry(u32 kind, u32 index, struct pinbench_entry *entry)
{
	const char *name, *call;

	switch (kind) {
	case PINBENCH_ENTRY_PIN_METHOD:
		if (index >= PB_NR_PIN_METHODS)
			return -ENOENT;
		name = pb_pin_methods[index].name;
		call = pb_pin_methods[index].call;
		entry->roles = pb_method_roles(&pb_pin_methods[index]);
		break;
	case PINBENCH_ENTRY_STRATEGY:
		if (index >= PB_NR_STRATEGIES)
			return -ENOENT;
		name = pb_strategies[index].name;
		call = pb_strategies[index].call;
		entry->roles = pb_strategy_roles(&pb_strategies[index]);
		break;
	default:
		return -EINVAL;
	}
	strscpy(entry->name, name, sizeof(entry->name));
	strscpy(entry->call, call ? call : "", sizeof(entry->call));
	return 0;
}
