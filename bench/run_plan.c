#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "module_info.h"
#include "run_plan.h"

int pin_choice_check(const struct module_info *info, const char *choice,
		     char *err, size_t errlen)
{
	char get_names[256], pin_names[256], choices[128];

	if (pin_mode_find(choice) || info_find_pin_method(info, choice) >= 0)
		return 0;
	info_pin_method_names(info, false, get_names, sizeof(get_names));
	info_pin_method_names(info, true, pin_names, sizeof(pin_names));
	pin_mode_names(", ", choices, sizeof(choices));
	snprintf(err, errlen,
		 "unknown pin method '%s': use %s, or one of %s, %s",
		 choice, choices, get_names, pin_names);
	return -1;
}

int pin_method_for_strategy(const struct module_info *info,
			    const char *choice, unsigned int strategy,
			    unsigned int *method, char *err, size_t errlen)
{
	bool foll_pin = info_strategy_foll_pin(info, strategy);
	const struct pin_mode *mode = pin_mode_find(choice);
	const char *name = choice;
	char family[256], choices[128];
	int found;

	if (mode) {
		found = info_method_for_mode(info, foll_pin, mode->role);
		if (found < 0) {
			snprintf(err, errlen,
				 "the module has no %s method for pin mode %s (strategy %s)",
				 foll_family_name(foll_pin), choice,
				 info_strategy_name(info, strategy));
			return -1;
		}
		name = info_pin_method_name(info, (unsigned int)found);
	}
	found = info_find_pin_method(info, name);
	if (found < 0) {
		snprintf(err, errlen, "the module has no pin method '%s'",
			 name);
		return -1;
	}
	if (info_pin_method_foll_pin(info, (unsigned int)found) != foll_pin) {
		info_pin_method_names(info, foll_pin, family, sizeof(family));
		pin_mode_names("|", choices, sizeof(choices));
		snprintf(err, errlen,
			 "pin method %s takes %s references, but strategy %s releases %s ones: use --pin-method %s or one of %s",
			 name,
			 foll_family_name(!foll_pin),
			 info_strategy_name(info, strategy),
			 foll_family_name(foll_pin), choices, family);
		return -1;
	}
	if (!info_pin_method_has(info, (unsigned int)found,
				 PINBENCH_ROLE_SUPPORTED)) {
		snprintf(err, errlen,
			 "pin method %s is not supported by this kernel", name);
		return -1;
	}
	*method = (unsigned int)found;
	return 0;
}

/* The mode a choice names, else the mode of the method it resolved to. */
static const char *planned_mode(const struct module_info *info,
				const char *choice, unsigned int method)
{
	const struct pin_mode *mode = pin_mode_find(choice);

	if (!mode)
		mode = info_pin_method_mode(info, method);
	return mode ? mode->name : "";
}

static bool contains(const unsigned int *picked, size_t n,
		     unsigned int strategy)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (picked[i] == strategy)
			return true;
	return false;
}

/* A list item without the blanks a config file may put around it. */
static char *trim_item(char *item)
{
	char *end;

	while (isspace((unsigned char)*item))
		item++;
	end = item + strlen(item);
	while (end > item && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return item;
}

/* Names in LIST, checked; each appears once, in the order given. */
static int plan_named(const struct module_info *info, const char *list,
		      unsigned int *picked, size_t *count, char *err,
		      size_t errlen)
{
	char *copy = strdup(list), *rest = copy, *name, names[512];
	size_t n = 0;
	int found;

	if (!copy) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	while ((name = strsep(&rest, ",")) != NULL) {
		name = trim_item(name);
		found = info_find_strategy(info, name);
		if (found < 0) {
			info_strategy_names(info, false, names, sizeof(names));
			snprintf(err, errlen,
				 "unknown strategy '%s'; known: %s, or all",
				 name, names);
			goto fail;
		}
		if (!info_strategy_supported(info, (unsigned int)found)) {
			info_strategy_names(info, true, names, sizeof(names));
			snprintf(err, errlen,
				 "strategy %s is not supported by this kernel (%s); supported: %s",
				 name, info->abi.kernel_release, names);
			goto fail;
		}
		if (!contains(picked, n, (unsigned int)found))
			picked[n++] = (unsigned int)found;
	}
	free(copy);
	*count = n;
	return 0;
fail:
	free(copy);
	return -1;
}

bool strategies_all(const char *list)
{
	while (isspace((unsigned char)*list))
		list++;
	return !strncmp(list, "all", 3) && !list[3 + strspn(list + 3, " \t")];
}

int plan_refuse_read_only(const struct module_info *info,
			  const char *list, struct planned_strategy *plan,
			  size_t count, char *err, size_t errlen)
{
	bool all = strategies_all(list);
	const char *why;
	size_t i;

	for (i = 0; i < count; i++) {
		why = info_read_only_refusal(info, plan[i].strategy);
		if (!why || !plan[i].supported)
			continue;
		if (!all) {
			snprintf(err, errlen,
				 "strategy %s needs write pins: %s; drop --read-only or the strategy",
				 info_strategy_name(info, plan[i].strategy),
				 why);
			return -1;
		}
		plan[i].supported = false;
		plan[i].why_not = why;
	}
	return 0;
}

static int pick_strategies(const struct module_info *info, const char *list,
			   unsigned int *picked, size_t *n, char *err,
			   size_t errlen)
{
	size_t i;

	*n = 0;
	if (strategies_all(list)) {
		for (i = 0; i < info_nr_strategies(info); i++)
			picked[(*n)++] = (unsigned int)i;
		return 0;
	}
	return plan_named(info, list, picked, n, err, errlen);
}

int plan_strategies(const struct module_info *info, const char *list,
		    const char *pin_choice, struct planned_strategy *out,
		    size_t *count, char *err, size_t errlen)
{
	unsigned int picked[CATALOG_MAX];
	size_t n = 0, i;

	if (pin_choice_check(info, pin_choice, err, errlen))
		return -1;
	if (pick_strategies(info, list, picked, &n, err, errlen))
		return -1;

	for (i = 0; i < n; i++) {
		out[i].strategy = picked[i];
		out[i].supported = info_strategy_supported(info, picked[i]);
		out[i].why_not = NULL;
		if (pin_method_for_strategy(info, pin_choice, picked[i],
					    &out[i].pin_method, err, errlen))
			return -1;
		out[i].pin_mode = planned_mode(info, pin_choice,
					       out[i].pin_method);
	}
	*count = n;
	return 0;
}

static bool planned_already(const struct planned_strategy *out, size_t n,
			    unsigned int strategy, unsigned int method)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (out[i].strategy == strategy && out[i].pin_method == method)
			return true;
	return false;
}

/*
 * The choices of LIST, blanks trimmed, each once; they point into *copy.
 * NULL on no memory.
 */
static char **split_choices(const char *list, size_t *n, char **copy_out)
{
	char *copy = strdup(list), *rest = copy, *item;
	char **choices = calloc(strlen(list) + 1, sizeof(*choices));
	size_t i;

	*n = 0;
	*copy_out = copy;
	if (!copy || !choices) {
		free(copy);
		free(choices);
		*copy_out = NULL;
		return NULL;
	}
	while ((item = strsep(&rest, ",")) != NULL) {
		item = trim_item(item);
		for (i = 0; i < *n; i++)
			if (!strcmp(choices[i], item))
				break;
		if (i == *n)
			choices[(*n)++] = item;
	}
	return choices;
}

/* One choice of a longer list: the pairs it makes with picked[]. */
static int plan_one_choice(const struct module_info *info,
			   const char *choice, const unsigned int *picked,
			   size_t nr_picked, bool *has_method,
			   struct planned_strategy *out, size_t *count,
			   char *err, size_t errlen)
{
	int exact = info_find_pin_method(info, choice);
	size_t i, made = 0;
	unsigned int method;

	for (i = 0; i < nr_picked; i++) {
		/* an exact name in a list: only its own FOLL family */
		if (exact >= 0 &&
		    info_pin_method_foll_pin(info, (unsigned int)exact) !=
		    info_strategy_foll_pin(info, picked[i]))
			continue;
		if (pin_method_for_strategy(info, choice, picked[i], &method,
					    err, errlen))
			return -1;
		has_method[i] = true;
		made++;
		if (planned_already(out, *count, picked[i], method))
			continue;
		out[*count].strategy = picked[i];
		out[*count].pin_method = method;
		out[*count].pin_mode = planned_mode(info, choice, method);
		out[*count].supported = info_strategy_supported(info,
								picked[i]);
		out[*count].why_not = NULL;
		(*count)++;
	}
	if (!made) {
		snprintf(err, errlen,
			 "pin method %s takes %s references, and none of the strategies releases those",
			 choice,
			 foll_family_name(info_pin_method_foll_pin(info,
							(unsigned int)exact)));
		return -1;
	}
	return 0;
}

int plan_matrix(const struct module_info *info, const char *strategies,
		const char *pin_choices, struct planned_strategy *out,
		size_t *count, size_t *nr_choices, char *err, size_t errlen)
{
	unsigned int picked[CATALOG_MAX];
	bool has_method[CATALOG_MAX] = { false };
	size_t nr_picked, n, i;
	char *copy, **choices = split_choices(pin_choices, &n, &copy);
	int ret = -1;

	*count = 0;
	*nr_choices = n;
	if (!choices) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (n == 1) {
		ret = plan_strategies(info, strategies, choices[0], out, count,
				      err, errlen);
		goto out;
	}
	for (i = 0; i < n; i++)
		if (pin_choice_check(info, choices[i], err, errlen))
			goto out;
	if (pick_strategies(info, strategies, picked, &nr_picked, err, errlen))
		goto out;
	for (i = 0; i < n; i++)
		if (plan_one_choice(info, choices[i], picked, nr_picked,
				    has_method, out, count, err, errlen))
			goto out;
	for (i = 0; i < nr_picked; i++) {
		unsigned int unused;

		if (has_method[i])
			continue;
		/* say why with the first choice's words */
		pin_method_for_strategy(info, choices[0], picked[i], &unused,
					err, errlen);
		goto out;
	}
	ret = 0;
out:
	free(choices);
	free(copy);
	return ret;
}
