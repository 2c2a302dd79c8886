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

bool info_strategy_dirties(const struct pinbench_info *info,
			   unsigned int strategy)
{
	return bit_set(info->dirty_strategy_mask, strategy);
}

bool info_strategy_write_only(const struct pinbench_info *info,
			      unsigned int strategy)
{
	return bit_set(info->write_only_strategy_mask, strategy);
}

bool info_strategy_prepares(const struct pinbench_info *info,
			    unsigned int strategy)
{
	return bit_set(info->prepare_strategy_mask, strategy);
}

/* Why the module refuses strategy with read-only pins; NULL: it does not. */
const char *info_read_only_refusal(const struct pinbench_info *info,
				   unsigned int strategy)
{
	if (info_strategy_dirties(info, strategy))
		return "it dirties the pages, and dirtying pages pinned without FOLL_WRITE is wrong";
	if (info_strategy_write_only(info, strategy))
		return "it cannot drop every reference a read-only pin takes (release_pages() skips the huge zero folio, which read-only pins of never-written THP memory return)";
	return NULL;
}

static const struct {
	__u64 bit;
	const char *name;
} kernel_debug_names[] = {
	{ PINBENCH_KDEBUG_DEBUG_VM, "debug_vm" },
	{ PINBENCH_KDEBUG_KASAN, "kasan" },
	{ PINBENCH_KDEBUG_LOCKDEP, "lockdep" },
	{ PINBENCH_KDEBUG_PAGEALLOC, "debug_pagealloc" },
	{ PINBENCH_KDEBUG_KCSAN, "kcsan" },
};

void info_kernel_debug_names(const struct pinbench_info *info, char *buf,
			     size_t len)
{
	size_t i, used = 0;

	buf[0] = '\0';
	for (i = 0; i < sizeof(kernel_debug_names) /
		    sizeof(kernel_debug_names[0]); i++) {
		if (!(info->kernel_debug & kernel_debug_names[i].bit))
			continue;
		used += (size_t)snprintf(buf + used, used < len ? len - used : 0,
					 "%s%s", used ? "," : "",
					 kernel_debug_names[i].name);
	}
	if (!used)
		snprintf(buf, len, "none");
}
