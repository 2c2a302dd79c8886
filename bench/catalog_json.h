/*
 * The module's catalogue in meta.json ("catalogue"), so that a run
 * directory read elsewhere (summary, report, compare, plots) knows each
 * strategy's family and roles without the module, and without knowing
 * any name.
 */
#ifndef PINBENCH_CATALOG_JSON_H
#define PINBENCH_CATALOG_JSON_H

#include <stddef.h>

#include "json.h"
#include "module_info.h"

/* {"pin_methods": [{"name", "call", "roles"}...], "strategies": [...]} */
json_t *catalog_json(const struct module_info *mi);

/*
 * meta's "catalogue" into mi (its abi part left zero). A meta.json
 * without one (written before ABI 3, or none at all) gets the catalogue
 * ABI 2's module had. -1 with err for one that is malformed: names must
 * be [a-z0-9_], roles known words.
 */
int catalog_from_meta(const json_t *meta, struct module_info *mi, char *err,
		      size_t errlen);

/* The same from DIR/meta.json. */
int catalog_load_dir(const char *dir, struct module_info *mi, char *err,
		     size_t errlen);

#endif
