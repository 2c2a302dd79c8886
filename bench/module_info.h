/* Reading struct pinbench_info: names and masks of methods and strategies. */
#ifndef PINBENCH_MODULE_INFO_H
#define PINBENCH_MODULE_INFO_H

#include <stdbool.h>
#include <stddef.h>

#include "pinbench_uapi.h"

/* NUL-terminates every name, whatever the module sent. */
void info_sanitize(struct pinbench_info *info);

unsigned int info_nr_pin_methods(const struct pinbench_info *info);
unsigned int info_nr_strategies(const struct pinbench_info *info);

const char *info_pin_method_name(const struct pinbench_info *info,
				 unsigned int method);
const char *info_strategy_name(const struct pinbench_info *info,
			       unsigned int strategy);

/* Index by name; -1 if the module has no such name. */
int info_find_pin_method(const struct pinbench_info *info, const char *name);
int info_find_strategy(const struct pinbench_info *info, const char *name);

bool info_pin_method_supported(const struct pinbench_info *info,
			       unsigned int method);
bool info_pin_method_foll_pin(const struct pinbench_info *info,
			      unsigned int method);
bool info_strategy_supported(const struct pinbench_info *info,
			     unsigned int strategy);
bool info_strategy_foll_pin(const struct pinbench_info *info,
			    unsigned int strategy);

bool info_strategy_dirties(const struct pinbench_info *info,
			   unsigned int strategy);
bool info_strategy_write_only(const struct pinbench_info *info,
			      unsigned int strategy);
/* reshapes its input in a window of its own first (prepare_ns) */
bool info_strategy_prepares(const struct pinbench_info *info,
			    unsigned int strategy);
/* Why the module refuses strategy without write pins; NULL: it does not. */
const char *info_read_only_refusal(const struct pinbench_info *info,
				   unsigned int strategy);
/*
 * "debug_vm,kasan": instrumentation of this kernel that runs inside some
 * timed windows; "none".
 */
void info_kernel_debug_names(const struct pinbench_info *info, char *buf,
			     size_t len);

static inline const char *foll_family_name(bool foll_pin)
{
	return foll_pin ? "FOLL_PIN" : "FOLL_GET";
}

/*
 * "a, b, c": strategies of the given support (supported_only) or all,
 * or pin methods of one FOLL family; for messages.
 */
void info_strategy_names(const struct pinbench_info *info,
			 bool supported_only, char *buf, size_t len);
void info_pin_method_names(const struct pinbench_info *info, bool foll_pin,
			   char *buf, size_t len);

#endif
