#include <stdio.h>
#include <string.h>

#include "module_info.h"

void info_sanitize(struct pinbench_info *info)
{
	unsigned int i;

	info->module_version[PINBENCH_NAME_LEN - 1] = '\0';
	info->kernel_release[PINBENCH_RELEASE_LEN - 1] = '\0';
	for (i = 0; i < PINBENCH_NR_PIN_METHODS; i++)
		info->pin_method_names[i][PINBENCH_NAME_LEN - 1] = '\0';
	for (i = 0; i < PINBENCH_NR_STRATEGIES; i++)
		info->strategy_names[i][PINBENCH_NAME_LEN - 1] = '\0';
}

/* Never trust a count beyond the arrays this ABI has room for. */
unsigned int info_nr_pin_methods(const struct pinbench_info *info)
{
	return info->nr_pin_methods < PINBENCH_NR_PIN_METHODS ?
	       info->nr_pin_methods : PINBENCH_NR_PIN_METHODS;
}

unsigned int info_nr_strategies(const struct pinbench_info *info)
{
	return info->nr_strategies < PINBENCH_NR_STRATEGIES ?
	       info->nr_strategies : PINBENCH_NR_STRATEGIES;
}

const char *info_pin_method_name(const struct pinbench_info *info,
				 unsigned int method)
{
	return info->pin_method_names[method];
}

const char *info_strategy_name(const struct pinbench_info *info,
			       unsigned int strategy)
{
	return info->strategy_names[strategy];
}

int info_find_pin_method(const struct pinbench_info *info, const char *name)
{
	unsigned int i;

	for (i = 0; i < info_nr_pin_methods(info); i++)
		if (!strcmp(info->pin_method_names[i], name))
			return (int)i;
	return -1;
}

int info_find_strategy(const struct pinbench_info *info, const char *name)
{
	unsigned int i;

	for (i = 0; i < info_nr_strategies(info); i++)
		if (!strcmp(info->strategy_names[i], name))
			return (int)i;
	return -1;
}

static bool bit_set(__u64 mask, unsigned int bit)
{
	return bit < 64 && (mask >> bit) & 1;
}

bool info_pin_method_supported(const struct pinbench_info *info,
			       unsigned int method)
{
	return bit_set(info->pin_method_mask, method);
}

bool info_pin_method_foll_pin(const struct pinbench_info *info,
			      unsigned int method)
{
	return bit_set(info->foll_pin_method_mask, method);
}

bool info_strategy_supported(const struct pinbench_info *info,
			     unsigned int strategy)
{
	return bit_set(info->strategy_mask, strategy);
}

bool info_strategy_foll_pin(const struct pinbench_info *info,
			    unsigned int strategy)
{
	return bit_set(info->foll_pin_strategy_mask, strategy);
}

static void append_name(char *buf, size_t len, size_t *used,
			const char *name)
{
	int n;

	if (*used >= len)
		return;
	n = snprintf(buf + *used, len - *used, "%s%s", *used ? ", " : "",
		     name);
	if (n > 0)
		*used += (size_t)n;
}

void info_strategy_names(const struct pinbench_info *info,
			 bool supported_only, char *buf, size_t len)
{
	size_t used = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < info_nr_strategies(info); i++)
		if (!supported_only || info_strategy_supported(info, i))
			append_name(buf, len, &used, info_strategy_name(info, i));
}

void info_pin_method_names(const struct pinbench_info *info, bool foll_pin,
			   char *buf, size_t len)
{
	size_t used = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < info_nr_pin_methods(info); i++)
		if (info_pin_method_foll_pin(info, i) == foll_pin)
			append_name(buf, len, &used,
				    info_pin_method_name(info, i));
}
