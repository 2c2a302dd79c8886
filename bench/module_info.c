#include <stdio.h>
#include <string.h>

#include "module_info.h"

bool catalog_name_ok(const char *name, bool may_be_empty)
{
	size_t i;

	if (!name[0])
		return may_be_empty;
	for (i = 0; name[i]; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') ||
		      (name[i] >= '0' && name[i] <= '9') || name[i] == '_'))
			return false;
	return true;
}

static int read_entries(struct catalog_entry *out, unsigned int nr,
			enum pinbench_entry_kind kind, module_query_fn query,
			void *ctx, const char **failed, int *err, char *msg,
			size_t msglen)
{
	struct pinbench_entry e;
	unsigned int i;

	for (i = 0; i < nr; i++) {
		memset(&e, 0, sizeof(e));
		e.abi_version = PINBENCH_ABI_VERSION;
		e.struct_size = sizeof(e);
		e.kind = kind;
		e.index = i;
		*err = query(ctx, PINBENCH_IOCTL_ENTRY, &e);
		if (*err) {
			*failed = "ENTRY";
			snprintf(msg, msglen, "%s %u",
				 kind == PINBENCH_ENTRY_STRATEGY ?
				 "strategy" : "pin method", i);
			return -1;
		}
		e.name[PINBENCH_NAME_LEN - 1] = '\0';
		e.call[PINBENCH_CALL_LEN - 1] = '\0';
		if (!catalog_name_ok(e.name, false) ||
		    !catalog_name_ok(e.call, true)) {
			*failed = "ENTRY";
			snprintf(msg, msglen,
				 "entry %u of kind %u has a name or call that is not [a-z0-9_]",
				 i, kind);
			return -1;
		}
		memcpy(out[i].name, e.name, sizeof(out[i].name));
		memcpy(out[i].call, e.call, sizeof(out[i].call));
		out[i].roles = e.roles;
	}
	return 0;
}

int module_info_read(struct module_info *mi, module_query_fn query, void *ctx,
		     const char **failed, int *err, char *msg, size_t msglen)
{
	struct pinbench_info *abi = &mi->abi;

	memset(mi, 0, sizeof(*mi));
	msg[0] = '\0';
	*failed = "INFO";
	abi->abi_version = PINBENCH_ABI_VERSION;
	abi->struct_size = sizeof(*abi);
	*err = query(ctx, PINBENCH_IOCTL_INFO, abi);
	if (*err)
		return -1;
	/* a module that answered without checking must still match */
	if (abi->abi_version != PINBENCH_ABI_VERSION ||
	    abi->struct_size != sizeof(*abi)) {
		snprintf(msg, msglen,
			 "ABI version mismatch: module speaks ABI %u (struct %u bytes), this pinbench ABI %u (%zu bytes); build both from one tree",
			 abi->abi_version, abi->struct_size,
			 PINBENCH_ABI_VERSION, sizeof(*abi));
		return -1;
	}
	abi->module_version[PINBENCH_NAME_LEN - 1] = '\0';
	abi->kernel_release[PINBENCH_RELEASE_LEN - 1] = '\0';
	if (abi->nr_pin_methods > CATALOG_MAX ||
	    abi->nr_strategies > CATALOG_MAX) {
		snprintf(msg, msglen,
			 "the module lists %u pin methods and %u strategies; this pinbench reads at most %d of each: update pinbench",
			 abi->nr_pin_methods, abi->nr_strategies, CATALOG_MAX);
		return -1;
	}
	if (read_entries(mi->pin_methods, abi->nr_pin_methods,
			 PINBENCH_ENTRY_PIN_METHOD, query, ctx, failed, err,
			 msg, msglen) ||
	    read_entries(mi->strategies, abi->nr_strategies,
			 PINBENCH_ENTRY_STRATEGY, query, ctx, failed, err,
			 msg, msglen))
		return -1;
	mi->nr_pin_methods = abi->nr_pin_methods;
	mi->nr_strategies = abi->nr_strategies;
	*failed = "ENTRY";
	return catalog_check(mi, "the module's catalogue", msg, msglen);
}

static int unique_names(const struct catalog_entry *e, unsigned int n,
			const char *what, char *err, size_t errlen)
{
	unsigned int i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < i; j++)
			if (!strcmp(e[i].name, e[j].name)) {
				snprintf(err, errlen, "%s: %s twice", what,
					 e[i].name);
				return -1;
			}
	return 0;
}

static int at_most_one(const struct module_info *mi, uint64_t role,
		       const char *role_name, const char *what, char *err,
		       size_t errlen)
{
	unsigned int i, n = 0;

	for (i = 0; i < mi->nr_strategies; i++)
		n += info_strategy_has(mi, i, role);
	if (n > 1) {
		snprintf(err, errlen, "%s: %u strategies are the %s", what, n,
			 role_name);
		return -1;
	}
	return 0;
}

int catalog_check(const struct module_info *mi, const char *what, char *err,
		  size_t errlen)
{
	if (unique_names(mi->pin_methods, mi->nr_pin_methods, what, err,
			 errlen) ||
	    unique_names(mi->strategies, mi->nr_strategies, what, err,
			 errlen) ||
	    at_most_one(mi, PINBENCH_ROLE_BASELINE, "baseline", what, err,
			errlen) ||
	    at_most_one(mi, PINBENCH_ROLE_FLOOR, "floor", what, err, errlen))
		return -1;
	return 0;
}

unsigned int info_nr_pin_methods(const struct module_info *mi)
{
	return mi->nr_pin_methods;
}

unsigned int info_nr_strategies(const struct module_info *mi)
{
	return mi->nr_strategies;
}

static const struct catalog_entry *method_entry(const struct module_info *mi,
						unsigned int method)
{
	static const struct catalog_entry none;

	return method < mi->nr_pin_methods ? &mi->pin_methods[method] : &none;
}

static const struct catalog_entry *strategy_entry(const struct module_info *mi,
						  unsigned int strategy)
{
	static const struct catalog_entry none;

	return strategy < mi->nr_strategies ? &mi->strategies[strategy] :
	       &none;
}

const char *info_pin_method_name(const struct module_info *mi,
				 unsigned int method)
{
	return method_entry(mi, method)->name;
}

const char *info_strategy_name(const struct module_info *mi,
			       unsigned int strategy)
{
	return strategy_entry(mi, strategy)->name;
}

const char *info_strategy_call(const struct module_info *mi,
			       unsigned int strategy)
{
	return strategy_entry(mi, strategy)->call;
}

int info_find_pin_method(const struct module_info *mi, const char *name)
{
	unsigned int i;

	for (i = 0; i < mi->nr_pin_methods; i++)
		if (!strcmp(mi->pin_methods[i].name, name))
			return (int)i;
	return -1;
}

int info_find_strategy(const struct module_info *mi, const char *name)
{
	unsigned int i;

	for (i = 0; i < mi->nr_strategies; i++)
		if (!strcmp(mi->strategies[i].name, name))
			return (int)i;
	return -1;
}

bool info_pin_method_has(const struct module_info *mi, unsigned int method,
			 uint64_t role)
{
	return (method_entry(mi, method)->roles & role) == role;
}

bool info_strategy_has(const struct module_info *mi, unsigned int strategy,
		       uint64_t role)
{
	return (strategy_entry(mi, strategy)->roles & role) == role;
}

int info_method_for_mode(const struct module_info *mi, bool foll_pin,
			 uint64_t mode)
{
	unsigned int i;

	for (i = 0; i < mi->nr_pin_methods; i++)
		if (info_pin_method_foll_pin(mi, i) == foll_pin &&
		    info_pin_method_has(mi, i, mode))
			return (int)i;
	return -1;
}

const char *info_strategy_with(const struct module_info *mi, uint64_t role)
{
	unsigned int i;

	for (i = 0; i < mi->nr_strategies; i++)
		if (info_strategy_has(mi, i, role))
			return mi->strategies[i].name;
	return NULL;
}

static void append_name(char *buf, size_t len, size_t *used,
			const char *sep, const char *name)
{
	int n;

	if (*used >= len)
		return;
	n = snprintf(buf + *used, len - *used, "%s%s", *used ? sep : "",
		     name);
	if (n > 0)
		*used += (size_t)n;
}

void info_strategy_names(const struct module_info *mi, bool supported_only,
			 char *buf, size_t len)
{
	size_t used = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < mi->nr_strategies; i++)
		if (!supported_only || info_strategy_supported(mi, i))
			append_name(buf, len, &used, ", ",
				    info_strategy_name(mi, i));
}

void info_pin_method_names(const struct module_info *mi, bool foll_pin,
			   char *buf, size_t len)
{
	size_t used = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < mi->nr_pin_methods; i++)
		if (info_pin_method_foll_pin(mi, i) == foll_pin)
			append_name(buf, len, &used, ", ",
				    info_pin_method_name(mi, i));
}

/* Why the module refuses strategy with read-only pins; NULL: it does not. */
const char *info_read_only_refusal(const struct module_info *mi,
				   unsigned int strategy)
{
	if (info_strategy_has(mi, strategy, PINBENCH_ROLE_DIRTIES))
		return "it dirties the pages, and dirtying pages pinned without FOLL_WRITE is wrong";
	if (info_strategy_has(mi, strategy, PINBENCH_ROLE_WRITE_ONLY))
		return "it cannot drop every reference a read-only pin takes (release_pages() skips the huge zero folio, which read-only pins of never-written THP memory return)";
	return NULL;
}

const struct pin_mode pin_modes[] = {
	{ "fast", PINBENCH_ROLE_MODE_FAST, "lockless (GUP-fast) where it can" },
	{ "locked", PINBENCH_ROLE_MODE_LOCKED, "under mmap_read_lock" },
	{ "longterm", PINBENCH_ROLE_MODE_LONGTERM,
	  "FOLL_LONGTERM, which exists only for pins: FOLL_GET strategies get "
	  "the nearest method of theirs" },
};

const size_t nr_pin_modes = sizeof(pin_modes) / sizeof(pin_modes[0]);

const struct pin_mode *pin_mode_find(const char *name)
{
	size_t i;

	for (i = 0; i < nr_pin_modes; i++)
		if (!strcmp(pin_modes[i].name, name))
			return &pin_modes[i];
	return NULL;
}

void pin_mode_names(const char *sep, char *buf, size_t len)
{
	size_t i, used = 0;

	buf[0] = '\0';
	for (i = 0; i < nr_pin_modes; i++)
		append_name(buf, len, &used, sep, pin_modes[i].name);
}

const struct pin_mode *info_pin_method_mode(const struct module_info *mi,
					    unsigned int method)
{
	size_t i;

	for (i = 0; i < nr_pin_modes; i++)
		if (info_pin_method_has(mi, method, pin_modes[i].role))
			return &pin_modes[i];
	return NULL;
}

/* The other roles' words; the modes' are pin_modes' names. */
static const struct {
	uint64_t bit;
	const char *name;
} role_names[] = {
	{ PINBENCH_ROLE_SUPPORTED, "supported" },
	{ PINBENCH_ROLE_FOLL_PIN, "foll_pin" },
	{ PINBENCH_ROLE_DIRTIES, "dirties" },
	{ PINBENCH_ROLE_WRITE_ONLY, "write_only" },
	{ PINBENCH_ROLE_PREPARES, "prepares" },
	{ PINBENCH_ROLE_BASELINE, "baseline" },
	{ PINBENCH_ROLE_FLOOR, "floor" },
	{ PINBENCH_ROLE_LONGTERM, "foll_longterm" },
};

#define NR_ROLE_NAMES (sizeof(role_names) / sizeof(role_names[0]))

void info_role_names(uint64_t roles, char *buf, size_t len)
{
	size_t i, used = 0;

	buf[0] = '\0';
	for (i = 0; i < NR_ROLE_NAMES; i++)
		if (roles & role_names[i].bit)
			append_name(buf, len, &used, ",", role_names[i].name);
	for (i = 0; i < nr_pin_modes; i++)
		if (roles & pin_modes[i].role)
			append_name(buf, len, &used, ",", pin_modes[i].name);
}

static uint64_t word_role(const char *word, size_t n)
{
	size_t i;

	for (i = 0; i < NR_ROLE_NAMES; i++)
		if (strlen(role_names[i].name) == n &&
		    !strncmp(role_names[i].name, word, n))
			return role_names[i].bit;
	for (i = 0; i < nr_pin_modes; i++)
		if (strlen(pin_modes[i].name) == n &&
		    !strncmp(pin_modes[i].name, word, n))
			return pin_modes[i].role;
	return 0;
}

int info_roles_parse(const char *text, uint64_t *roles)
{
	const char *p = text;
	uint64_t bit;
	size_t n;

	*roles = 0;
	while (*p) {
		n = strcspn(p, ",");
		bit = word_role(p, n);
		if (!bit)
			return -1;
		*roles |= bit;
		p += n;
		if (*p == ',' && *++p == '\0')
			return -1;
	}
	return 0;
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

void info_kernel_debug_names(const struct module_info *mi, char *buf,
			     size_t len)
{
	size_t i, used = 0;

	buf[0] = '\0';
	for (i = 0; i < sizeof(kernel_debug_names) /
		    sizeof(kernel_debug_names[0]); i++) {
		if (!(mi->abi.kernel_debug & kernel_debug_names[i].bit))
			continue;
		used += (size_t)snprintf(buf + used, used < len ? len - used : 0,
					 "%s%s", used ? "," : "",
					 kernel_debug_names[i].name);
	}
	if (!used)
		snprintf(buf, len, "none");
}
