/*
 * What the module says of itself: INFO (limits, versions) and its
 * catalogue, one ENTRY per pin method and strategy (name, kernel call,
 * roles). Everything outside the module reads families and roles here;
 * nobody else knows a strategy's number or which one is the baseline.
 */
#ifndef PINBENCH_MODULE_INFO_H
#define PINBENCH_MODULE_INFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pinbench_uapi.h"

/* Entries of one kind this pinbench reads; a module with more is refused. */
#define CATALOG_MAX	64

struct catalog_entry {
	char name[PINBENCH_NAME_LEN];	/* [a-z0-9_], checked */
	char call[PINBENCH_CALL_LEN];	/* "" when it times no kernel call */
	uint64_t roles;			/* PINBENCH_ROLE_* */
};

struct module_info {
	struct pinbench_info abi;	/* INFO as the module sent it */
	unsigned int nr_pin_methods;
	unsigned int nr_strategies;
	struct catalog_entry pin_methods[CATALOG_MAX];
	struct catalog_entry strategies[CATALOG_MAX];
};

/* One request to the module (ioctl(2) or a stand-in): 0 or an errno. */
typedef int (*module_query_fn)(void *ctx, unsigned long request, void *arg);

/*
 * INFO, then ENTRY for every pin method and strategy. 0; or -1 with
 * *failed the request that failed ("INFO", "ENTRY") and *err its errno
 * (0: the answer itself was wrong, said in msg).
 */
int module_info_read(struct module_info *mi, module_query_fn query, void *ctx,
		     const char **failed, int *err, char *msg, size_t msglen);

/*
 * Names and calls go into CSV rows, file names and figures: [a-z0-9_]
 * only (a call may be empty). The module's and meta.json's alike.
 */
bool catalog_name_ok(const char *name, bool may_be_empty);

/*
 * Names once each, at most one baseline and one floor: -1 with "WHAT:
 * why" in err otherwise (module_info_read and catalog_json.c check).
 */
int catalog_check(const struct module_info *mi, const char *what, char *err,
		  size_t errlen);

unsigned int info_nr_pin_methods(const struct module_info *mi);
unsigned int info_nr_strategies(const struct module_info *mi);

const char *info_pin_method_name(const struct module_info *mi,
				 unsigned int method);
const char *info_strategy_name(const struct module_info *mi,
			       unsigned int strategy);
/* the kernel function it times; "" for none */
const char *info_strategy_call(const struct module_info *mi,
			       unsigned int strategy);

/* Index by name; -1 if the module has no such name. */
int info_find_pin_method(const struct module_info *mi, const char *name);
int info_find_strategy(const struct module_info *mi, const char *name);

bool info_pin_method_has(const struct module_info *mi, unsigned int method,
			 uint64_t role);
bool info_strategy_has(const struct module_info *mi, unsigned int strategy,
		       uint64_t role);

static inline bool info_strategy_supported(const struct module_info *mi,
					   unsigned int strategy)
{
	return info_strategy_has(mi, strategy, PINBENCH_ROLE_SUPPORTED);
}

static inline bool info_strategy_foll_pin(const struct module_info *mi,
					  unsigned int strategy)
{
	return info_strategy_has(mi, strategy, PINBENCH_ROLE_FOLL_PIN);
}

static inline bool info_pin_method_foll_pin(const struct module_info *mi,
					    unsigned int method)
{
	return info_pin_method_has(mi, method, PINBENCH_ROLE_FOLL_PIN);
}

static inline bool info_strategy_dirties(const struct module_info *mi,
					 unsigned int strategy)
{
	return info_strategy_has(mi, strategy, PINBENCH_ROLE_DIRTIES);
}

static inline bool info_strategy_write_only(const struct module_info *mi,
					    unsigned int strategy)
{
	return info_strategy_has(mi, strategy, PINBENCH_ROLE_WRITE_ONLY);
}

/* reshapes its input in a window of its own first (prepare_ns) */
static inline bool info_strategy_prepares(const struct module_info *mi,
					  unsigned int strategy)
{
	return info_strategy_has(mi, strategy, PINBENCH_ROLE_PREPARES);
}

/*
 * Pin modes: the words --pin-method takes for a family-neutral choice,
 * and the roles that say which method serves each per FOLL family.
 */
struct pin_mode {
	const char *name;
	uint64_t role;			/* PINBENCH_ROLE_MODE_* */
	const char *note;		/* for --help */
};

extern const struct pin_mode pin_modes[];
extern const size_t nr_pin_modes;

/* The mode called name; NULL if none is. */
const struct pin_mode *pin_mode_find(const char *name);
/* The modes' names joined by sep: "fast, locked, longterm". */
void pin_mode_names(const char *sep, char *buf, size_t len);
/* The first mode a method serves, by the order of pin_modes; NULL: none. */
const struct pin_mode *info_pin_method_mode(const struct module_info *mi,
					    unsigned int method);

/*
 * The method serving pin mode (PINBENCH_ROLE_MODE_*) for a FOLL family;
 * -1 if none does.
 */
int info_method_for_mode(const struct module_info *mi, bool foll_pin,
			 uint64_t mode);

/* The strategy with role (BASELINE, FLOOR); NULL if none has it. */
const char *info_strategy_with(const struct module_info *mi, uint64_t role);

/* Why the module refuses strategy without write pins; NULL: it does not. */
const char *info_read_only_refusal(const struct module_info *mi,
				   unsigned int strategy);
/*
 * "debug_vm,kasan": instrumentation of this kernel that runs inside some
 * timed windows; "none".
 */
void info_kernel_debug_names(const struct module_info *mi, char *buf,
			     size_t len);

static inline const char *foll_family_name(bool foll_pin)
{
	return foll_pin ? "FOLL_PIN" : "FOLL_GET";
}

/*
 * "a, b, c": strategies of the given support (supported_only) or all,
 * or pin methods of one FOLL family; for messages.
 */
void info_strategy_names(const struct module_info *mi, bool supported_only,
			 char *buf, size_t len);
void info_pin_method_names(const struct module_info *mi, bool foll_pin,
			   char *buf, size_t len);

/* The roles as words, "foll_pin,dirties,write_only"; for info and meta. */
void info_role_names(uint64_t roles, char *buf, size_t len);
/* The reverse, for a meta.json read back; -1 on an unknown word. */
int info_roles_parse(const char *text, uint64_t *roles);

#endif
