#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "catalog_json.h"
#include "paths.h"

static json_t *entries_json(const struct catalog_entry *e, unsigned int n)
{
	json_t *list = json_array();
	char roles[256];
	unsigned int i;

	for (i = 0; list && i < n; i++) {
		info_role_names(e[i].roles, roles, sizeof(roles));
		if (json_array_append_new(list,
					  json_pack("{s:o, s:o, s:s}",
						    "name", json_text(e[i].name),
						    "call", json_text(e[i].call),
						    "roles", roles))) {
			json_decref(list);
			return NULL;
		}
	}
	return list;
}

json_t *catalog_json(const struct module_info *mi)
{
	return json_pack("{s:o?, s:o?}",
			 "pin_methods",
			 entries_json(mi->pin_methods, mi->nr_pin_methods),
			 "strategies",
			 entries_json(mi->strategies, mi->nr_strategies));
}

/*
 * What ABI 2's module listed (pinbench 0.1.0 before 2026-11-30): the
 * only place these names are written outside the module, to read run
 * directories that carry no catalogue of their own.
 */
static const struct {
	const char *name;
	uint64_t roles;
} abi2_methods[] = {
	{ "gup_fast", PINBENCH_ROLE_MODE_FAST },
	{ "gup", PINBENCH_ROLE_MODE_LOCKED | PINBENCH_ROLE_MODE_LONGTERM },
	{ "pin_fast", PINBENCH_ROLE_FOLL_PIN | PINBENCH_ROLE_MODE_FAST },
	{ "pin", PINBENCH_ROLE_FOLL_PIN | PINBENCH_ROLE_MODE_LOCKED },
	{ "pin_longterm", PINBENCH_ROLE_FOLL_PIN | PINBENCH_ROLE_LONGTERM |
			  PINBENCH_ROLE_MODE_LONGTERM },
}, abi2_strategies[] = {
	{ "put_page", PINBENCH_ROLE_BASELINE },
	{ "release_pages", PINBENCH_ROLE_WRITE_ONLY },
	{ "dirty_lock_put_page", PINBENCH_ROLE_DIRTIES | PINBENCH_ROLE_WRITE_ONLY },
	{ "dirty_put_page", PINBENCH_ROLE_DIRTIES | PINBENCH_ROLE_WRITE_ONLY },
	{ "unpin_page", PINBENCH_ROLE_FOLL_PIN },
	{ "unpin_pages", PINBENCH_ROLE_FOLL_PIN },
	{ "unpin_dirty", PINBENCH_ROLE_FOLL_PIN | PINBENCH_ROLE_DIRTIES |
			 PINBENCH_ROLE_WRITE_ONLY },
	{ "unpin_dirty_clean", PINBENCH_ROLE_FOLL_PIN },
	{ "unpin_range_dirty", PINBENCH_ROLE_FOLL_PIN | PINBENCH_ROLE_DIRTIES |
			       PINBENCH_ROLE_WRITE_ONLY | PINBENCH_ROLE_PREPARES },
	{ "unpin_folios", PINBENCH_ROLE_FOLL_PIN | PINBENCH_ROLE_PREPARES },
	{ "noop", PINBENCH_ROLE_FOLL_PIN | PINBENCH_ROLE_FLOOR },
};

#define ABI2_SET(out, n, table)						\
	do {								\
		for (n = 0; n < sizeof(table) / sizeof(table[0]); n++) { \
			strcpy(out[n].name, table[n].name);		\
			out[n].roles = table[n].roles |			\
				       PINBENCH_ROLE_SUPPORTED;		\
		}							\
	} while (0)

static void catalog_abi2(struct module_info *mi)
{
	ABI2_SET(mi->pin_methods, mi->nr_pin_methods, abi2_methods);
	ABI2_SET(mi->strategies, mi->nr_strategies, abi2_strategies);
}

static int entries_from(const json_t *list, const char *kind,
			struct catalog_entry *out, unsigned int *n,
			char *err, size_t errlen)
{
	const char *name, *call, *roles;
	size_t i;

	if (!json_is_array(list) || json_array_size(list) > CATALOG_MAX) {
		snprintf(err, errlen,
			 "meta.json catalogue: %s is no list of at most %d",
			 kind, CATALOG_MAX);
		return -1;
	}
	for (i = 0; i < json_array_size(list); i++) {
		if (json_unpack(json_array_get(list, i), "{s:s, s:s, s:s}",
				"name", &name, "call", &call, "roles", &roles) ||
		    !catalog_name_ok(name, false) || strlen(name) >= PINBENCH_NAME_LEN ||
		    !catalog_name_ok(call, true) || strlen(call) >= PINBENCH_CALL_LEN ||
		    info_roles_parse(roles, &out[i].roles)) {
			snprintf(err, errlen,
				 "meta.json catalogue: %s entry %zu is not {name, call, roles} of plain words",
				 kind, i);
			return -1;
		}
		strcpy(out[i].name, name);
		strcpy(out[i].call, call);
	}
	*n = (unsigned int)i;
	return 0;
}

int catalog_from_meta(const json_t *meta, struct module_info *mi, char *err,
		      size_t errlen)
{
	const json_t *c = meta ? json_object_get(meta, "catalogue") : NULL;

	memset(mi, 0, sizeof(*mi));
	if (!c) {
		catalog_abi2(mi);
		return 0;
	}
	if (!json_is_object(c) ||
	    entries_from(json_object_get(c, "pin_methods"), "pin_methods",
			 mi->pin_methods, &mi->nr_pin_methods, err, errlen) ||
	    entries_from(json_object_get(c, "strategies"), "strategies",
			 mi->strategies, &mi->nr_strategies, err, errlen) ||
	    catalog_check(mi, "meta.json catalogue", err, errlen)) {
		if (!json_is_object(c))
			snprintf(err, errlen, "meta.json catalogue: no object");
		memset(mi, 0, sizeof(*mi));
		return -1;
	}
	return 0;
}

int catalog_load_dir(const char *dir, struct module_info *mi, char *err,
		     size_t errlen)
{
	char path[4096];
	json_t *meta = NULL;
	int ret;

	if (path_join(path, sizeof(path), dir, "meta.json")) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	meta = json_object_load(path);
	/* only a missing file means a run from before: a broken one is not */
	if (!meta && access(path, F_OK) == 0) {
		snprintf(err, errlen,
			 "%s: no JSON object: its catalogue (which strategy is the floor, the baseline) cannot be read",
			 path);
		return -1;
	}
	ret = catalog_from_meta(meta, mi, err, errlen);
	json_decref(meta);
	return ret;
}
