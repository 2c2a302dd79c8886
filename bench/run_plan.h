/*
 * Which strategies a run measures and with which pin method, resolved
 * against what the module reports (INFO) before anything is pinned.
 */
#ifndef PINBENCH_RUN_PLAN_H
#define PINBENCH_RUN_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "module_info.h"
#include "pinbench_uapi.h"

/*
 * --pin-method: a pin mode (fast, locked, longterm: module_info.h), which
 * the module's catalogue maps to a method per FOLL family, or an exact
 * method name from INFO.
 */
struct planned_strategy {
	unsigned int strategy;		/* a catalogue index */
	unsigned int pin_method;	/* a catalogue index */
	/*
	 * The pin mode it was planned under (pin_modes[] name), or "" for
	 * a method of no mode; a FOLL_GET pair two modes share is measured
	 * once, under the first of them.
	 */
	const char *pin_mode;
	bool supported;			/* false: record "unsupported" */
	const char *why_not;		/* !supported: why, when not the kernel */
};

/* Is choice "fast", "locked", "longterm" or a method name INFO knows? */
int pin_choice_check(const struct module_info *info, const char *choice,
		     char *err, size_t errlen);

/* The pin method choice resolves to for one strategy; -1 with a message. */
int pin_method_for_strategy(const struct module_info *info,
			    const char *choice, unsigned int strategy,
			    unsigned int *method, char *err, size_t errlen);

/*
 * --strategies LIST|all into out[] (room for CATALOG_MAX).
 * A named strategy the kernel lacks is an error; under "all" it is kept
 * with supported = false. -1 with a message: a usage error.
 */
int plan_strategies(const struct module_info *info, const char *list,
		    const char *pin_choice, struct planned_strategy *out,
		    size_t *count, char *err, size_t errlen);

/* Room for every (pin method, strategy) pair. */
#define PLAN_MAX	(CATALOG_MAX * CATALOG_MAX)

/*
 * --strategies x --pin-method LIST (sweep) into out[] (room for PLAN_MAX),
 * by pin choice, then strategy; a pair measured once. One choice: exactly
 * plan_strategies(). In a longer list an exact method name takes only the
 * strategies of its FOLL family; every strategy must get a method, every
 * choice a strategy. *nr_choices: how many distinct choices were given.
 */
int plan_matrix(const struct module_info *info, const char *strategies,
		const char *pin_choices, struct planned_strategy *out,
		size_t *count, size_t *nr_choices, char *err, size_t errlen);

/* Is LIST "all" (blanks around it allowed)? */
bool strategies_all(const char *list);

/*
 * --read-only: the strategies the module refuses without write pins.
 * Under "all" they are kept as unsupported with why_not; named, they are
 * an error (-1 with a message), said before anything is built.
 */
int plan_refuse_read_only(const struct module_info *info,
			  const char *list, struct planned_strategy *plan,
			  size_t count, char *err, size_t errlen);

#endif
