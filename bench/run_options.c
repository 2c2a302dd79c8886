#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu_pin.h"
#include "exit_codes.h"
#include "messages.h"
#include "option_table.h"
#include "run_help.h"
#include "run_options.h"
#include "run_plan.h"
#include "shuffle.h"
#include "sizes.h"
#include "sysinfo.h"

#define STR_(x) #x
#define STR(x) STR_(x)

/* Choice options store an int: their enums must be int-sized. */
_Static_assert(sizeof(enum run_order) == sizeof(int), "enum run_order");
_Static_assert(sizeof(enum mixed_layout) == sizeof(int), "enum mixed_layout");

static const char *const run_order_names[] = {
	[ORDER_INTERLEAVED] = "interleaved",
	[ORDER_GROUPED] = "grouped",
};

static const char *const run_order_help[] = {
	[ORDER_INTERLEAVED] =
	  "(default) a warmup round (each strategy once, --warmup "
	  "iterations, nothing recorded), then per iteration i a round over "
	  "every strategy in a fresh shuffled order, one RUN ioctl each; the "
	  "iteration column is the round. Slow drift (thermal, emulator, "
	  "page cache) hits every strategy alike. Each sample is the first "
	  "iteration of its RUN, so it follows the untimed verify pass "
	  "(struct pages cache-warm)",
	[ORDER_GROUPED] =
	  "one RUN per strategy: --warmup, then all --iterations in a row "
	  "(only the first verifies). Figures of the two orders are not "
	  "interchangeable",
};

const char *run_order_name(enum run_order order)
{
	return run_order_names[order == ORDER_GROUPED];
}

/* Everything parsed late (it depends on other options), with its origin. */
struct deferred {
	const char *compositions;
	struct opt_origin compositions_from;
	const char *sizes;
	struct opt_origin sizes_from;
	bool file_dirs_from_config;
	/* sizes.<composition> lines of the config file */
	const struct config_entry **comp_sizes;
	size_t nr_comp_sizes;
};

static struct run_options *options_of(const struct opt_parser *p)
{
	return p->target;
}

static struct deferred *deferred_of(const struct opt_parser *p)
{
	return p->extra;
}

/* opt_say() for the checks made after the options are all read. */
static void say(const struct run_options *opts, struct opt_origin from,
		const char *fmt, ...) PB_PRINTF(3, 4);

static void say(const struct run_options *opts, struct opt_origin from,
		const char *fmt, ...)
{
	struct opt_parser p = { .command = opts->command };
	char text[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	opt_say(&p, from, "%s", text);
}

void run_options_error(const struct run_options *opts, bool pin_method,
		       const char *text)
{
	unsigned int line = pin_method ? opts->pin_method_line :
					 opts->strategies_line;
	struct opt_origin from = { line ? opts->config_file.path : NULL, line };

	say(opts, from, "%s", text);
}

/*
 * Run ids and accel names end up in paths and CSV: a plain alphabet, and
 * no leading dot (".." would be a path of its own).
 */
static bool is_plain_name(const char *s)
{
	if (!*s || *s == '.')
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("._+-", *s))
			return false;
	return true;
}

/* "a, b ,c" -> "a,b,c": lists in config files may have blanks. */
static char *list_without_blanks(const char *list)
{
	char *copy = malloc(strlen(list) + 1), *out = copy;

	if (!copy)
		return NULL;
	for (; *list; list++)
		if (!isspace((unsigned char)*list))
			*out++ = *list;
	*out = '\0';
	return copy;
}

/* ---- the options that need more than a table row ---------------------- */

/* Checked once every composition option is known: see finish(). */
static int set_compositions(struct opt_parser *p, const struct opt_use *use)
{
	deferred_of(p)->compositions = use->arg;
	deferred_of(p)->compositions_from = use->from;
	return 0;
}

/* Checked against each composition's granule: see parse_sizes(). */
static int set_sizes(struct opt_parser *p, const struct opt_use *use)
{
	deferred_of(p)->sizes = use->arg;
	deferred_of(p)->sizes_from = use->from;
	return 0;
}

static int add_file_dir(struct run_options *opts, const char *dir)
{
	const char **bigger = realloc(opts->file_dirs,
				      (opts->nr_file_dirs + 1) *
				      sizeof(*bigger));

	if (!bigger) {
		pb_error("out of memory");
		return -1;
	}
	opts->file_dirs = bigger;
	opts->file_dirs[opts->nr_file_dirs++] = dir;
	return 0;
}

/* Repeatable: a list. The command line's replace the config file's. */
static int set_file_dir(struct opt_parser *p, const struct opt_use *use)
{
	struct run_options *opts = options_of(p);
	struct deferred *later = deferred_of(p);

	if (!use->from.file && later->file_dirs_from_config) {
		opts->nr_file_dirs = 0;
		later->file_dirs_from_config = false;
	} else if (use->from.file) {
		later->file_dirs_from_config = true;
	}
	if (!*use->arg) {
		opt_say(p, use->from, "%s wants a directory", use->spelled);
		return -1;
	}
	return add_file_dir(opts, use->arg);
}

static int set_run_id(struct opt_parser *p, const struct opt_use *use)
{
	const char *arg = use->arg;

	if (strlen(arg) > RUN_ID_MAX) {	/* reports would cut it */
		opt_say(p, use->from, "%s is %zu characters long, at most %d",
			use->spelled, strlen(arg), RUN_ID_MAX);
		return -1;
	}
	if (!is_plain_name(arg)) {
		opt_say(p, use->from, "%s may hold letters, digits and . _ + - only (not first: .), not '%s'",
			use->spelled, arg);
		return -1;
	}
	options_of(p)->run_id = arg;
	return 0;
}

static int set_accel(struct opt_parser *p, const struct opt_use *use)
{
	struct run_options *opts = options_of(p);

	if (!is_plain_name(use->arg) ||
	    strlen(use->arg) >= sizeof(opts->accel)) {
		opt_say(p, use->from, "%s wants a short name like native, kvm or tcg, not '%s'",
			use->spelled, use->arg);
		return -1;
	}
	strcpy(opts->accel, use->arg);
	return 0;
}

static int set_seed(struct opt_parser *p, const struct opt_use *use)
{
	struct run_options *opts = options_of(p);

	/* meta.json keeps it as a JSON integer: int64_t */
	if (number_parse(use->arg, INT64_MAX, &opts->seed)) {
		opt_say(p, use->from, "%s wants a whole number >= 0, not '%s' (at most %" PRId64 ")",
			use->spelled, use->arg, INT64_MAX);
		return -1;
	}
	opts->seed_given = true;
	return 0;
}

static int set_events(struct opt_parser *p, const struct opt_use *use)
{
	char err[768];

	if (events_parse(use->arg, &options_of(p)->events, err, sizeof(err))) {
		opt_say(p, use->from, "%s: %s", use->spelled, err);
		return -1;
	}
	return 0;
}

static int set_cpu(struct opt_parser *p, const struct opt_use *use)
{
	uint64_t v;

	if (!strcmp(use->arg, "none")) {
		options_of(p)->cpu = CPU_PIN_NONE;
		return 0;
	}
	if (number_parse(use->arg, 1 << 20, &v)) {
		opt_say(p, use->from, "%s wants a CPU number or none, not '%s'",
			use->spelled, use->arg);
		return -1;
	}
	options_of(p)->cpu = (int)v;
	return 0;
}

/*
 * fast, locked, longterm: from their table in module_info.c; which method
 * serves each FOLL family is the module's to say (pinbench info).
 */
static void help_pin_choices(FILE *f, const struct opt_parser *p)
{
	size_t i;

	for (i = 0; i < nr_pin_modes; i++)
		opt_help_item(f, 8, pin_modes[i].name, pin_modes[i].note);
	opt_help_item(f, 8, "NAME", strcmp(p->command, "sweep") ?

		  "an exact method from `pinbench info`; all strategies must "
		  "be of its FOLL family" :

		  "an exact method from `pinbench info`; in a list it takes "
		  "the strategies of its FOLL family; alone, every strategy "
		  "must be of that family");
}

/* The event names from their table (events.h), which needs a PMU. */
static void help_events(FILE *f, const struct opt_parser *p)
{
	size_t i;

	(void)p;
	for (i = 0; i < NR_EVENTS; i++)
		opt_help_item(f, 8, event_defs[i].name,
			      event_defs[i].hardware ?
			      "hardware: needs a PMU (not under TCG)" :
			      "software: counted everywhere");
}

/* ---- the table --------------------------------------------------------- */

#define FIELD(name) offsetof(struct run_options, name)

static const struct opt_desc run_option_table[] = {
	{ .type = OPT_T_GROUP, .help = "what is measured" },
	{ .type = OPT_T_CALLBACK, .name = "composition", .argname = "LIST",
	  .set = set_compositions,
	  .help = "comma list of memory compositions (default "
		  RUN_DEFAULT_COMPOSITIONS "); each is described below" },
	{ .type = OPT_T_CALLBACK, .name = "sizes", .argname = "LIST",
	  .set = set_sizes,
	  .help = "comma list of sizes, K/M/G suffixes: 4K,64K,2M,256M,1G "
		  "(default "
		  RUN_DEFAULT_SIZES
		  "); each a multiple of the composition's page size (below; "
		  "<size> for anon-mthp-<size>, whole 2M blocks for mixed-thp). "
		  "In every list a name or size given twice (8K,8192) is "
		  "measured once" },
	{ .type = OPT_T_STRING, .name = "strategies", .argname = "LIST|all",
	  .offset = FIELD(strategies), .flags = OPTF_LINE,
	  .line_offset = FIELD(strategies_line),
	  .help = "release strategies, names as `pinbench info` lists them "
		  "(default "
		  RUN_DEFAULT_STRATEGIES
		  "). Under all, the ones this kernel lacks are noted and "
		  "recorded as status unsupported; naming one of those is an "
		  "error" },
	/* profile: one case, its names in the singular */
	{ .type = OPT_T_CALLBACK, .name = "size", .argname = "S",
	  .set = set_sizes, .only = "profile",
	  .help = "the one size profiled (as --sizes takes it)" },
	{ .type = OPT_T_STRING, .name = "strategy", .argname = "X",
	  .offset = FIELD(strategies), .flags = OPTF_LINE,
	  .line_offset = FIELD(strategies_line), .only = "profile",
	  .help = "the one release strategy profiled" },
	/* a row per command: sweep takes a list */
	{ .type = OPT_T_STRING, .name = "pin-method", .argname = "M",
	  .offset = FIELD(pin_method), .flags = OPTF_LINE,
	  .line_offset = FIELD(pin_method_line), .only = "run",
	  .help_more = help_pin_choices,
	  .help = "how the pages are acquired (default " RUN_DEFAULT_PIN_METHOD
		  "; a list is for pinbench sweep): a pin mode, which the "
		  "module maps to a method of each strategy's FOLL family "
		  "(pinbench info lists families, modes and methods), or an "
		  "exact method" },
	{ .type = OPT_T_STRING, .name = "pin-method", .argname = "LIST",
	  .offset = FIELD(pin_method), .flags = OPTF_LINE,
	  .line_offset = FIELD(pin_method_line), .only = "sweep",
	  .help_more = help_pin_choices,
	  .help = "how the pages are acquired, a comma list: each strategy "
		  "is measured with each method of its FOLL family (default "
		  RUN_DEFAULT_PIN_METHOD
		  "; pinbench info lists each strategy's family)" },
	{ .type = OPT_T_SWITCH, .name = "read-only",
	  .offset = FIELD(read_only),
	  .help = "pin without FOLL_WRITE (default: pin for write)" },
	{ .type = OPT_T_CHOICE, .name = "layout", .argname = "L",
	  .offset = FIELD(layout), .choices = mixed_layout_names,
	  .nr_choices = NR_LAYOUTS,
	  .help = "mixed-thp:<pct> without its own layout: interleaved (THP "
		  "blocks spread evenly, default) or clustered (first)" },
	{ .type = OPT_T_CALLBACK, .name = "file-dir", .argname = "DIR",
	  .set = set_file_dir,
	  .help = "directory of the file-* compositions' files; may be given "
		  "more than once: each takes the first on its filesystem "
		  "(default: /dev/shm, /tmp for file-tmpfs; "
		  "$PINBENCH_EXT4_DIR for file-ext4)" },

	{ .type = OPT_T_GROUP, .help = "how it is measured" },
	{ .type = OPT_T_U32, .name = "iterations", .argname = "N",
	  .offset = FIELD(iterations), .min = 1,
	  .help = "measured iterations per strategy (default "
		  STR(RUN_DEFAULT_ITERATIONS) ")" },
	{ .type = OPT_T_U32, .name = "warmup", .argname = "N",
	  .offset = FIELD(warmup),
	  .help = "unrecorded iterations before them (default "
		  STR(RUN_DEFAULT_WARMUP) ")" },
	{ .type = OPT_T_CHOICE, .name = "order", .argname = "O",
	  .offset = FIELD(order), .choices = run_order_names,
	  .choice_help = run_order_help, .nr_choices = 2,
	  .help = "how the strategies take turns on one (composition, size, "
		  "pin method):" },
	{ .type = OPT_T_U32, .name = "turn-warmup", .argname = "N",
	  .offset = FIELD(turn_warmup),
	  .help = "interleaved: unrecorded iterations inside each 1-sample "
		  "RUN before its sample (default 0). 0: the sample is its "
		  "RUN's first iteration, cold (fresh page arrays, right "
		  "after the verify pass): at 4K to 64K that start-up cost "
		  "outweighs the release; 1: a steady-state sample as "
		  "grouped takes, for twice the RUN time" },
	{ .type = OPT_T_CALLBACK, .name = "seed", .argname = "S",
	  .set = set_seed,
	  .help = "seed of the shuffled orders (default: from the clock); "
		  "recorded in meta.json, give it back to repeat the same "
		  "orders" },
	{ .type = OPT_T_CALLBACK, .name = "cpu", .argname = "N|none",
	  .set = set_cpu,
	  .help = "pin the measuring thread to CPU N before any memory is "
		  "built (default: the CPU pinbench starts on); none: let "
		  "the scheduler move it. In meta.json as cpu_pinned. N must "
		  "be in the allowed set (taskset, cpusets)" },
	{ .type = OPT_T_CALLBACK, .name = "events", .argname = "LIST",
	  .set = set_events, .help_more = help_events,
	  .help = "perf events the module counts across each release "
		  "window only (never while memory is built or pinned), a "
		  "comma list of the names below; "
		  "default: the hardware ones, task-clock and "
		  "context-switches where the CPU has a PMU, else the "
		  "software ones; none (the default). One samples.csv column "
		  "each: a count, or \"unsupported\" where this machine "
		  "cannot count it (TCG has no PMU), never a zero" },
	{ .type = OPT_T_SWITCH, .name = "verify-all",
	  .offset = FIELD(verify_all),
	  .help = "verify the pins in every iteration, not only the first" },
	{ .type = OPT_T_SWITCH, .name = "ref-check",
	  .offset = FIELD(ref_check),
	  .help = "the reference oracle: the module records every folio's "
		  "refcount before the first pin and fails the RUN if one is "
		  "not back after the last release (untimed; sees FOLL_GET "
		  "references the vmstat pin counters miss)" },
	{ .type = OPT_T_U32, .name = "chunk-pages", .argname = "N",
	  .offset = FIELD(chunk_pages),
	  .help = "pages per pin call; 0: the module's default (default 0)" },
	{ .type = OPT_T_DOUBLE, .name = "tolerance", .argname = "PCT",
	  .offset = FIELD(tolerance), .wants = "percentage points",
	  .help = "how far each measured share of the pinned pages (per "
		  "folio order, in PMD-or-larger folios, per backing: anon, "
		  "shmem, file, hugetlb) may be from what the composition "
		  "requests (req_mix), in percentage points (default "
		  STR(RUN_DEFAULT_TOLERANCE) "); beyond it: mix_ok=0 and a warning" },

	{ .type = OPT_T_GROUP, .help = "where the results go" },
	{ .type = OPT_T_STRING, .name = "out", .argname = "DIR",
	  .offset = FIELD(out_dir), .flags = OPTF_NONEMPTY,
	  .wants = "a directory",	/* "" would write /samples.csv */
	  .help = "output directory, created (default results/<run-id>)" },
	{ .type = OPT_T_CALLBACK, .name = "run-id", .argname = "ID",
	  .set = set_run_id,
	  .help = "run id (default YYYYmmdd-HHMMSS-<uname -r>, UTC time; "
		  "when DIR/meta.json exists, its run id)" },
	{ .type = OPT_T_CALLBACK, .name = "accel", .argname = "NAME",
	  .set = set_accel,
	  .help = "how this kernel runs: native, kvm, tcg, ... (default "
		  "$PINBENCH_ACCEL, else native, or vm when /proc/cpuinfo "
		  "has the hypervisor flag); tcg rows are marked emulated" },
	{ .type = OPT_T_U32, .name = "boot", .argname = "N",
	  .offset = FIELD(boot),
	  .help = "the boot these rows come from, in the boot column "
		  "(default 0: a run of one boot). make bench BOOTS=N passes "
		  "1..N; pinbench merge joins the boots" },

	{ .type = OPT_T_GROUP, .help = "sweep", .only = "sweep" },
	{ .type = OPT_T_STRING, .name = "config", .argname = "FILE",
	  .offset = FIELD(config), .only = "sweep",
	  .flags = OPTF_EARLY | OPTF_NO_CONFIG,
	  .help = "read options from FILE first (see below); the command "
		  "line overrides it" },
	{ .type = OPT_T_SWITCH, .name = "skip-unavailable",
	  .offset = FIELD(skip_unavailable), .only = "sweep",
	  .help = "a composition this machine cannot build (at a size) is "
		  "recorded as status unavailable rows, the reason in note, "
		  "instead of failing the sweep (exit 2)" },

	{ .type = OPT_T_GROUP, .help = "other" },
	{ .type = OPT_T_SWITCH, .name = "quiet", .offset = FIELD(quiet),
	  .help = "no progress lines" },
	{ .type = OPT_T_HELP, .name = "help", .short_name = 'h',
	  .help = "this text" },
};

/* ---- the config file --------------------------------------------------- */

static int add_comp_sizes_entry(struct deferred *later,
				const struct config_entry *entry)
{
	const struct config_entry **bigger =
		realloc(later->comp_sizes,
			(later->nr_comp_sizes + 1) * sizeof(*bigger));

	if (!bigger) {
		pb_error("out of memory");
		return -1;
	}
	later->comp_sizes = bigger;
	later->comp_sizes[later->nr_comp_sizes++] = entry;
	return 0;
}

/* A key twice would silently take the last value; file-dir may repeat. */
static bool key_given_before(const struct run_options *opts,
			     const struct config_file *cf, size_t i)
{
	const struct config_entry *e = &cf->entries[i];
	struct opt_origin from = { cf->path, e->line };
	size_t j;

	if (!strcmp(e->key, "file-dir"))
		return false;
	for (j = 0; j < i; j++)
		if (!strcmp(cf->entries[j].key, e->key)) {
			say(opts, from, "%s given twice, first on line %u",
			    e->key, cf->entries[j].line);
			return true;
		}
	return false;
}

/*
 * guest.<key> = value: what a profile's guest needs (scripts/bench.sh
 * reads these keys: memory, hugetlb pages, the ext4 disk, CPUs, the
 * timeout), so that a profile is one file. pinbench only checks that the
 * key is one of them and has a value.
 */
#define GUEST_KEY_PREFIX "guest."
#define GUEST_KEY_NAMES "mem|cpus|hugepages|ext4|timeout"

static int check_guest_key(struct run_options *opts, struct opt_origin from,
			   const struct config_entry *e)
{
	const char *name = e->key + strlen(GUEST_KEY_PREFIX);
	char names[] = GUEST_KEY_NAMES, *rest = names, *known;

	while ((known = strsep(&rest, "|")) != NULL)
		if (!strcmp(known, name))
			break;
	if (!known) {
		say(opts, from, "unknown key '%s' (a profile's guest keys: guest.<%s>)",
		    e->key, GUEST_KEY_NAMES);
		return -1;
	}
	if (!e->value[0]) {
		say(opts, from, "%s wants a value", e->key);
		return -1;
	}
	return 0;
}

static int apply_config(struct opt_parser *p)
{
	struct run_options *opts = options_of(p);
	struct config_file *cf = &opts->config_file;
	char err[512];
	size_t i;
	int ret;

	if (config_file_read(opts->config, cf, err, sizeof(err))) {
		pb_error("%s: --config: %s", opts->command, err);
		return -1;
	}
	for (i = 0; i < cf->count; i++) {
		const struct config_entry *e = &cf->entries[i];
		struct opt_origin from = { cf->path, e->line };

		if (key_given_before(opts, cf, i))
			return -1;
		if (!strncmp(e->key, "sizes.", 6) && e->key[6]) {
			if (add_comp_sizes_entry(deferred_of(p), e))
				return -1;
			continue;
		}
		if (!strncmp(e->key, GUEST_KEY_PREFIX,
			     strlen(GUEST_KEY_PREFIX))) {
			if (check_guest_key(opts, from, e))
				return -1;
			continue;
		}
		ret = opt_apply_key(p, e->key, e->value, from);
		if (ret == OPT_UNKNOWN_KEY)
			say(opts, from, "unknown key '%s' (keys: the long options of pinbench sweep --help without --, sizes.<composition> and guest.<%s>)",
			    e->key, GUEST_KEY_NAMES);
		if (ret)
			return -1;
	}
	return 0;
}

static int parse_compositions(struct run_options *opts,
			      const struct deferred *later)
{
	struct composition_options copts = {
		.layout = opts->layout,
		.file_dirs = opts->file_dirs,
		.nr_file_dirs = opts->nr_file_dirs,
	};
	char *copy = list_without_blanks(later->compositions), *rest = copy;
	struct composition *comp;
	char err[1024], *name;
	size_t i, cap = 1;

	for (name = copy; name && *name; name++)
		cap += *name == ',';
	opts->compositions = calloc(cap, sizeof(*opts->compositions));
	if (!copy || !opts->compositions) {
		free(copy);
		pb_error("out of memory");
		return -1;
	}
	while ((name = strsep(&rest, ",")) != NULL) {
		comp = composition_new(name, &copts, err, sizeof(err));
		if (!comp) {
			say(opts, later->compositions_from, "%s", err);
			free(copy);
			return -1;
		}
		for (i = 0; i < opts->nr_compositions; i++)
			if (!strcmp(opts->compositions[i]->name, comp->name))
				break;
		if (i == opts->nr_compositions)
			opts->compositions[opts->nr_compositions++] = comp;
		else
			composition_free(comp);
	}
	free(copy);
	return 0;
}

static int parse_size_list(const struct run_options *opts,
			   struct opt_origin from, const char *spelled,
			   const char *text, uint64_t **sizes, size_t *count)
{
	char *copy = list_without_blanks(text), err[256];
	int ret;

	if (!copy) {
		pb_error("out of memory");
		return -1;
	}
	ret = size_list_parse(copy, sizes, count, err, sizeof(err));
	free(copy);
	if (ret)
		say(opts, from, "%s: %s", spelled, err);
	return ret;
}

/* Does sizes.<key> name c? key may also be a prefix of its name up to a :. */
static bool sizes_key_matches(const char *key, const char *canonical,
			      const struct composition *c)
{
	size_t n = strlen(key);

	return !strcmp(c->name, key) || !strcmp(c->name, canonical) ||
	       (!strncmp(c->name, key, n) && c->name[n] == ':');
}

/* A pattern's name without its part ("mixed-thp"): it covers them all. */
static bool is_pattern_stem(const char *key)
{
	size_t i, n;

	for (i = 0; i < nr_composition_kinds; i++) {
		n = strlen(composition_kinds[i].name);
		if (composition_kinds[i].parse &&
		    !strncmp(key, composition_kinds[i].name, n - 1) && !key[n - 1])
			return true;
	}
	return false;
}

/* Composition c's sizes, said to come from the line that gave them. */
static int check_granules_of(const struct run_options *opts, size_t c,
			     struct opt_origin from)
{
	const struct composition *comp = opts->compositions[c];
	size_t unit = composition_granule(comp), s, n;
	const uint64_t *sizes = run_options_sizes(opts, c, &n);
	char size[32], granule[32];

	for (s = 0; s < n; s++) {
		if (sizes[s] % unit == 0)
			continue;
		size_format(sizes[s], size, sizeof(size));
		size_format(unit, granule, sizeof(granule));
		if (!strcmp(comp->granule_what, "page size"))
			say(opts, from,
			    "size %s is not a multiple of %s's page size %s",
			    size, comp->name, granule);
		else
			say(opts, from, "size %s is not a multiple of %s's %s",
			    size, comp->name, comp->granule_what);
		return -1;
	}
	return 0;
}

static int apply_comp_sizes(struct run_options *opts,
			    const struct deferred *later)
{
	struct composition_options copts = { .layout = opts->layout };
	size_t e, i, count;
	uint64_t *sizes;
	char err[1024];

	for (e = 0; e < later->nr_comp_sizes; e++) {
		const struct config_entry *entry = later->comp_sizes[e];
		struct opt_origin from = { opts->config_file.path, entry->line };
		const char *key = entry->key + 6;
		struct composition *named;

		named = composition_new(key, &copts, err, sizeof(err));
		if (!named && !is_pattern_stem(key)) {
			say(opts, from, "%s: %s", entry->key, err);
			return -1;
		}
		if (parse_size_list(opts, from, entry->key, entry->value,
				    &sizes, &count)) {
			composition_free(named);
			return -1;
		}
		for (i = 0; i < opts->nr_compositions; i++) {
			if (!sizes_key_matches(key, named ? named->name : key,
					       opts->compositions[i]))
				continue;
			if (opts->comp_sizes[i] != opts->sizes)
				free(opts->comp_sizes[i]);
			opts->comp_sizes[i] = malloc(count * sizeof(*sizes));
			if (!opts->comp_sizes[i]) {
				opts->comp_sizes[i] = opts->sizes;
				free(sizes);
				composition_free(named);
				pb_error("out of memory");
				return -1;
			}
			memcpy(opts->comp_sizes[i], sizes,
			       count * sizeof(*sizes));
			opts->nr_comp_sizes[i] = count;
			if (check_granules_of(opts, i, from)) {
				free(sizes);
				composition_free(named);
				return -1;
			}
		}
		free(sizes);
		composition_free(named);
	}
	return 0;
}

/* The compositions measured at --sizes (sizes.<composition> checked apart). */
static int check_size_granules(const struct run_options *opts,
			       const struct deferred *later)
{
	size_t c;

	for (c = 0; c < opts->nr_compositions; c++)
		if (opts->comp_sizes[c] == opts->sizes &&
		    check_granules_of(opts, c, later->sizes_from))
			return -1;
	return 0;
}

/* Sizes, per composition sizes, and their checks. */
static int parse_sizes(struct run_options *opts, const struct deferred *later)
{
	size_t i;

	if (parse_size_list(opts, later->sizes_from, later->sizes_from.file ?
			    "sizes" : "--sizes", later->sizes, &opts->sizes,
			    &opts->nr_sizes))
		return -1;
	opts->comp_sizes = calloc(opts->nr_compositions + 1,
				  sizeof(*opts->comp_sizes));
	opts->nr_comp_sizes = calloc(opts->nr_compositions + 1,
				     sizeof(*opts->nr_comp_sizes));
	if (!opts->comp_sizes || !opts->nr_comp_sizes) {
		pb_error("out of memory");
		return -1;
	}
	for (i = 0; i < opts->nr_compositions; i++) {
		opts->comp_sizes[i] = opts->sizes;
		opts->nr_comp_sizes[i] = opts->nr_sizes;
	}
	if (apply_comp_sizes(opts, later))
		return -1;
	return check_size_granules(opts, later);
}

static int finish(struct run_options *opts, const struct deferred *later)
{
	if (!opts->accel[0])
		accel_default(opts->accel, sizeof(opts->accel));
	if (!is_plain_name(opts->accel)) {
		say(opts, OPT_FROM_COMMAND_LINE,
		    "PINBENCH_ACCEL wants a short name like native, kvm or "
		  "tcg, not '%s'",
		    opts->accel);
		return -1;
	}
	if (!opts->sweep && strchr(opts->pin_method, ',')) {
		say(opts, OPT_FROM_COMMAND_LINE,
		    "--pin-method takes one method here; pinbench sweep takes "
		  "a list");
		return -1;
	}
	if (parse_compositions(opts, later))
		return -1;
	return parse_sizes(opts, later);
}

static void set_defaults(struct run_options *opts, const char *command)
{
	memset(opts, 0, sizeof(*opts));
	opts->command = command;
	opts->sweep = !strcmp(command, "sweep");
	opts->strategies = RUN_DEFAULT_STRATEGIES;
	opts->pin_method = RUN_DEFAULT_PIN_METHOD;
	opts->iterations = RUN_DEFAULT_ITERATIONS;
	opts->warmup = RUN_DEFAULT_WARMUP;
	opts->tolerance = RUN_DEFAULT_TOLERANCE;
	opts->layout = RUN_DEFAULT_LAYOUT;
	opts->order = ORDER_INTERLEAVED;
	opts->cpu = CPU_PIN_CURRENT;
}

int run_options_parse(int argc, char **argv, struct run_options *opts,
		      int *exit_status)
{
	struct deferred later = {
		.compositions = RUN_DEFAULT_COMPOSITIONS,
		.sizes = RUN_DEFAULT_SIZES,
	};
	struct opt_parser p = {
		.command = argv[0],
		/* profile is a run under perf: run's options are its own */
		.also = strcmp(argv[0], "profile") ? NULL : "run",
		.table = run_option_table,
		.nr = sizeof(run_option_table) / sizeof(run_option_table[0]),
		.target = opts,
		.extra = &later,
		.usage = run_help,
	};
	int ret = -1;

	set_defaults(opts, argv[0]);
	if (opt_collect(&p, argc, argv, exit_status))
		goto out;
	/* the config file first: the command line overrides it */
	if (opts->config && apply_config(&p))
		goto out;
	if (opt_apply_staged(&p))
		goto out;
	ret = finish(opts, &later);
	if (!opts->seed_given)
		opts->seed = shuffle_default_seed();
out:
	opt_parser_free(&p);
	free(later.comp_sizes);
	return ret;
}

const uint64_t *run_options_sizes(const struct run_options *opts, size_t i,
				  size_t *count)
{
	if (opts->comp_sizes && opts->comp_sizes[i]) {
		*count = opts->nr_comp_sizes[i];
		return opts->comp_sizes[i];
	}
	*count = opts->nr_sizes;
	return opts->sizes;
}

void run_options_free(struct run_options *opts)
{
	size_t i;

	for (i = 0; opts->compositions && i < opts->nr_compositions; i++) {
		if (opts->comp_sizes && opts->comp_sizes[i] != opts->sizes)
			free(opts->comp_sizes[i]);
		composition_free(opts->compositions[i]);
	}
	free(opts->compositions);
	free(opts->comp_sizes);
	free(opts->nr_comp_sizes);
	free(opts->sizes);
	free(opts->file_dirs);
	config_file_free(&opts->config_file);
	opts->compositions = NULL;
	opts->comp_sizes = NULL;
	opts->nr_comp_sizes = NULL;
	opts->sizes = NULL;
	opts->file_dirs = NULL;
	opts->nr_compositions = 0;
	opts->nr_file_dirs = 0;
}
