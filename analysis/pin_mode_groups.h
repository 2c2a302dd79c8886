/*
 * How pinbench run/sweep pair pin methods (--pin-method): a pin mode
 * (module_info.h) is a FOLL_GET and a FOLL_PIN method, as the run's
 * catalogue says. The report's tables and the figures are drawn per
 * group, so that put_page (gup_fast) is the baseline of unpin_pages
 * (pin_fast); a method of no mode is a group of its own.
 */
#ifndef PINBENCH_PIN_MODE_GROUPS_H
#define PINBENCH_PIN_MODE_GROUPS_H

#include <stdbool.h>
#include <stddef.h>

#include "module_info.h"

struct pin_mode_group {
	const char *mode;		/* NULL for a method of no mode */
	const char *methods[2];		/* FOLL_GET, FOLL_PIN; [1] NULL alone */
};

/*
 * The groups of the methods that ran (names, in order of first
 * appearance, each once): a mode is there when its pin method ran, or
 * its get method did and no mode sharing that get method has its pin
 * method there (the first such mode takes it: gup alone is "locked").
 * Then each method of no mode. 0, or -1 out of memory; free() groups.
 */
int pin_mode_groups(const struct module_info *catalog,
		    const char *const *ran, size_t nran,
		    struct pin_mode_group **groups, size_t *count);

bool pin_mode_group_has(const struct pin_mode_group *g, const char *method);

/* Its name: the mode's, or the lone method's. */
static inline const char *pin_mode_group_name(const struct pin_mode_group *g)
{
	return g->mode ? g->mode : g->methods[0];
}

/*
 * For titles: "fast (gup_fast / pin_fast)" for a mode of both methods,
 * else the one method ("gup").
 */
void pin_mode_group_text(const struct pin_mode_group *g, char *buf,
			 size_t len);

#endif
