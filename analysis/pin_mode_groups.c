#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pin_mode_groups.h"

/* The method serving pin mode m for a FOLL family; NULL if none. */
static const char *mode_method(const struct module_info *catalog, size_t m,
			       bool foll_pin)
{
	int i = info_method_for_mode(catalog, foll_pin, pin_modes[m].role);

	return i < 0 ? NULL : info_pin_method_name(catalog, (unsigned int)i);
}

static bool ran_method(const char *const *ran, size_t nran, const char *method)
{
	size_t i;

	for (i = 0; method && i < nran; i++)
		if (!strcmp(ran[i], method))
			return true;
	return false;
}

static bool mode_present(const struct module_info *catalog,
			 const char *const *ran, size_t nran, size_t m)
{
	const char *get = mode_method(catalog, m, false);
	size_t j;

	if (ran_method(ran, nran, mode_method(catalog, m, true)))
		return true;
	if (!ran_method(ran, nran, get))
		return false;
	for (j = 0; j < nr_pin_modes; j++) {
		const char *other = mode_method(catalog, j, false);

		if (!other || strcmp(other, get))
			continue;
		if (j < m || ran_method(ran, nran, mode_method(catalog, j, true)))
			return false;
	}
	return true;
}

/* A method some mode takes. */
static bool method_of_a_mode(const struct module_info *catalog,
			     const char *method)
{
	size_t m;

	for (m = 0; m < nr_pin_modes; m++) {
		const char *get = mode_method(catalog, m, false);
		const char *pin = mode_method(catalog, m, true);

		if ((get && !strcmp(get, method)) ||
		    (pin && !strcmp(pin, method)))
			return true;
	}
	return false;
}

bool pin_mode_group_has(const struct pin_mode_group *g, const char *method)
{
	return (g->methods[0] && !strcmp(g->methods[0], method)) ||
	       (g->methods[1] && !strcmp(g->methods[1], method));
}

void pin_mode_group_text(const struct pin_mode_group *g, char *buf,
			 size_t len)
{
	if (g->mode && g->methods[0] && g->methods[1])
		snprintf(buf, len, "%s (%s / %s)", g->mode, g->methods[0],
			 g->methods[1]);
	else
		snprintf(buf, len, "%s", g->methods[0] ? g->methods[0] :
			 pin_mode_group_name(g));
}

int pin_mode_groups(const struct module_info *catalog,
		    const char *const *ran, size_t nran,
		    struct pin_mode_group **groups, size_t *count)
{
	size_t m, i, n = 0;

	/* at most one group per mode and one per method */
	*groups = calloc(nr_pin_modes + nran + 1, sizeof(**groups));
	*count = 0;
	if (!*groups)
		return -1;
	for (m = 0; m < nr_pin_modes; m++)
		if (mode_present(catalog, ran, nran, m))
			(*groups)[n++] = (struct pin_mode_group){
				.mode = pin_modes[m].name,
				.methods = { mode_method(catalog, m, false),
					     mode_method(catalog, m, true) },
			};
	for (i = 0; i < nran; i++)
		if (!method_of_a_mode(catalog, ran[i]))
			(*groups)[n++] = (struct pin_mode_group){
				.methods = { ran[i], NULL },
			};
	*count = n;
	return 0;
}
