#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cpu_pin.h"
#include "exit_codes.h"
#include "messages.h"
#include "run_options.h"
#include "shuffle.h"
#include "sizes.h"
#include "sysinfo.h"

const char *run_order_name(enum run_order order)
{
	return order == ORDER_GROUPED ? "grouped" : "interleaved";
}

static void usage_options(FILE *f, bool sweep)
{
	fprintf(f,
		"options:\n"
		"  --composition LIST    comma list of memory compositions (default %s);\n"
		"                        each is described below\n"
		"  --sizes LIST          comma list of sizes, K/M/G suffixes: 4K,64K,2M,256M,1G\n"
		"                        (default %s); each a multiple of the composition's\n"
		"                        page size (4K; 2M for anon-thp, shmem-thp, hugetlb-2m,\n"
		"                        memfd-hugetlb; 1G for hugetlb-1g; <size> for\n"
		"                        anon-mthp-<size>; whole 2M blocks for mixed-thp).\n"
		"                        In every list a name or size given twice (8K,8192)\n"
		"                        is measured once\n",
		RUN_DEFAULT_COMPOSITIONS, RUN_DEFAULT_SIZES);
	fprintf(f,
		"  --strategies LIST|all release strategies, names as `pinbench info` lists\n"
		"                        them (default %s). Under all, the ones this kernel\n"
		"                        lacks are noted and recorded as status unsupported;\n"
		"                        naming one of those is an error\n",
		RUN_DEFAULT_STRATEGIES);
	if (sweep)
		fputs("  --pin-method LIST     how the pages are acquired, a comma list: each\n"
		      "                        strategy is measured with each method of its\n"
		      "                        FOLL family (default " RUN_DEFAULT_PIN_METHOD "):\n", f);
	else
		fputs("  --pin-method M        how the pages are acquired (default "
		      RUN_DEFAULT_PIN_METHOD "; a list\n"
		      "                        is for pinbench sweep):\n", f);
	fputs("                          fast      gup_fast for FOLL_GET strategies (put_page,\n"
	      "                                    release_pages, dirty_*), pin_fast for the\n"
	      "                                    FOLL_PIN ones (unpin_*, noop)\n"
	      "                          locked    gup / pin, under mmap_read_lock\n"
	      "                          longterm  pin_longterm for FOLL_PIN strategies, gup\n"
	      "                                    for FOLL_GET ones (FOLL_LONGTERM exists\n"
	      "                                    only for pins)\n"
	      "                          NAME      an exact method from `pinbench info`;\n", f);
	if (sweep)
		fputs("                                    in a list it takes the strategies of\n"
		      "                                    its FOLL family; alone, every strategy\n"
		      "                                    must be of that family\n", f);
	else
		fputs("                                    all strategies must be of its FOLL\n"
		      "                                    family\n", f);
	fprintf(f,
		"  --iterations N        measured iterations per strategy (default %d)\n"
		"  --warmup N            unrecorded iterations before them (default %d)\n"
		"  --order O             how the strategies take turns on one (composition,\n"
		"                        size, pin method):\n"
		"                          interleaved  (default) a warmup round (each\n"
		"                                       strategy once, --warmup iterations,\n"
		"                                       nothing recorded), then per iteration\n"
		"                                       i a round over every strategy in a\n"
		"                                       fresh shuffled order, one RUN ioctl\n"
		"                                       each; the iteration column is the\n"
		"                                       round. Slow drift (thermal, emulator,\n"
		"                                       page cache) hits every strategy alike.\n"
		"                                       Each sample is the first iteration of\n"
		"                                       its RUN, so it follows the untimed\n"
		"                                       verify pass (struct pages cache-warm)\n"
		"                          grouped      one RUN per strategy: --warmup, then\n"
		"                                       all --iterations in a row (only the\n"
		"                                       first verifies). Figures of the two\n"
		"                                       orders are not interchangeable\n"
		"  --turn-warmup N       interleaved: unrecorded iterations inside each\n"
		"                        1-sample RUN before its sample (default 0). 0: the\n"
		"                        sample is its RUN's first iteration, cold (fresh\n"
		"                        page arrays, right after the verify pass): at 4K\n"
		"                        to 64K that start-up cost outweighs the release;\n"
		"                        1: a steady-state sample as grouped takes, for\n"
		"                        twice the RUN time\n"
		"  --seed S              seed of the shuffled orders (default: from the\n"
		"                        clock); recorded in meta.json, give it back to\n"
		"                        repeat the same orders\n"
		"  --cpu N|none          pin the measuring thread to CPU N before any memory\n"
		"                        is built (default: the CPU pinbench starts on);\n"
		"                        none: let the scheduler move it. In meta.json as\n"
		"                        cpu_pinned. N must be in the allowed set (taskset,\n"
		"                        cpusets)\n"
		"  --boot N              the boot these rows come from, in the boot column\n"
		"                        (default 0: a run of one boot). make bench BOOTS=N\n"
		"                        passes 1..N; pinbench merge joins the boots\n"
		"  --read-only           pin without FOLL_WRITE (default: pin for write)\n"
		"  --verify-all          verify the pins in every iteration, not only the first\n"
		"  --ref-check           the reference oracle: the module records every folio's\n"
		"                        refcount before the first pin and fails the RUN\n"
		"                        if one is not back after the last release (untimed;\n"
		"                        sees FOLL_GET references the vmstat pin counters miss)\n"
		"  --chunk-pages N       pages per pin call; 0: the module's default (default 0)\n"
		"  --layout L            mixed-thp:<pct> without its own layout: interleaved\n"
		"                        (THP blocks spread evenly, default) or clustered (first)\n"
		"  --file-dir DIR        directory of the file-* compositions' files; may be\n"
		"                        given more than once: each takes the first on its\n"
		"                        filesystem (default: /dev/shm, /tmp for file-tmpfs;\n"
		"                        $PINBENCH_EXT4_DIR for file-ext4)\n"
		"  --out DIR             output directory, created (default results/<run-id>)\n"
		"  --run-id ID           run id (default YYYYmmdd-HHMMSS-<uname -r>, UTC time;\n"
		"                        when DIR/meta.json exists, its run id)\n"
		"  --accel NAME          how this kernel runs: native, kvm, tcg, ... (default\n"
		"                        $PINBENCH_ACCEL, else native, or vm when /proc/cpuinfo\n"
		"                        has the hypervisor flag); tcg rows are marked emulated\n"
		"  --tolerance PCT       how far each measured share of the pinned pages (per\n"
		"                        folio order, in PMD-or-larger folios, per backing:\n"
		"                        anon, shmem, file, hugetlb) may be from what the\n"
		"                        composition requests (req_mix), in percentage points\n"
		"                        (default %g); beyond it: mix_ok=0 and a warning\n",
		RUN_DEFAULT_ITERATIONS, RUN_DEFAULT_WARMUP, RUN_DEFAULT_TOLERANCE);
	if (sweep)
		fprintf(f,
			"  --config FILE         read options from FILE first (see below); the\n"
			"                        command line overrides it\n"
			"  --skip-unavailable    a composition this machine cannot build (at a size)\n"
			"                        is recorded as status unavailable rows, the reason\n"
			"                        in note, instead of failing the sweep (exit 2)\n");
	fprintf(f,
		"  --quiet               no progress lines\n"
		"  -h, --help            this text\n"
		"\n"
		"compositions, what the module must find pinned (req_mix: percent of the\n"
		"pinned pages per folio order oN and per backing), what they need:\n");
	composition_help(f);
}

/* How preemption, interrupts and drift are dealt with: said, not hidden. */
static void usage_noise(FILE *f)
{
	fputs("\n"
	      "noise (preemption, interrupts, drift) is handled so:\n"
	      "  - the timed window is the release of all chunks, one ktime_get_ns() /\n"
	      "    get_cycles() pair around it; the module calls cond_resched() and\n"
	      "    checks for signals only between iterations, never inside. Interrupts\n"
	      "    are not masked and a preemptible kernel may still preempt: masking\n"
	      "    would change what is measured (and stall a 4 GiB release)\n"
	      "  - the measuring thread is pinned to one CPU (--cpu): no migration in a\n"
	      "    window, the same caches for every sample\n"
	      "  - the strategies are interleaved in shuffled rounds (--order): drift\n"
	      "    and a noisy stretch spread over all of them, not onto one\n"
	      "  - outliers are kept, nothing is trimmed: summary.csv gives median, p90,\n"
	      "    p99 and max beside the mean, so a hit window shows as a tail\n"
	      "  - a boot is the unit of replication: the same case differs more between\n"
	      "    fresh boots than between iterations of one boot (up to 2x under TCG).\n"
	      "    Repeat a sweep in fresh boots with --boot 1..N (make bench BOOTS=N),\n"
	      "    join them with pinbench merge; summarize reports the spread within\n"
	      "    and between boots, compare and report test per-boot medians\n"
	      "  - the boot's speed is recorded: a fixed userspace loop (no syscalls)\n"
	      "    timed at the start, middle and end of the sweep, meta.json\n"
	      "    \"calibration\" (ns per iteration); report flags a boot > 10% off\n"
	      "    the run's median or drifting > 10%, summary.csv adds calibrated\n"
	      "    figures beside the raw ones\n", f);
}

static void run_usage(FILE *f)
{
	fprintf(f,
		"usage: pinbench run [options]\n"
		"\n"
		"Build each memory composition at each size once, then time each release\n"
		"strategy on it: --warmup unrecorded iterations, then --iterations of pin,\n"
		"verify (untimed), release (timed), the strategies taking turns in shuffled\n"
		"rounds (--order interleaved, a RUN ioctl per strategy and iteration) or\n"
		"one after the other (--order grouped, a RUN each). Rows are appended\n"
		"to DIR/samples.csv; DIR/summary.csv and DIR/ministat/ are rewritten from\n"
		"all of it afterwards; DIR/meta.json is written when absent.\n"
		"A composition this machine cannot build is refused before anything is\n"
		"pinned (exit 2), saying what it needs.\n"
		"\n");
	usage_options(f, false);
	usage_noise(f);
	fprintf(f,
		"\n"
		"SIGINT/SIGTERM: the RUN in flight finishes, the rows written so far stay\n"
		"(interleaved: the rows of whole rounds; a round is written when it ends),\n"
		"summary.csv is rewritten, meta.json says \"complete\": false, exit 130.\n"
		"sysfs values a composition changes are put back before anything is pinned.\n"
		"Needs pinbench.ko loaded and CAP_SYS_ADMIN (root).\n");
}

static void sweep_usage(FILE *f)
{
	fprintf(f,
		"usage: pinbench sweep [--config FILE] [options]\n"
		"\n"
		"Measure the matrix compositions x sizes x pin methods x strategies, with\n"
		"the loop of pinbench run: each composition is built once per size, then\n"
		"every pin method and strategy is measured on it. A progress line per RUN\n"
		"on stderr: [done/total], median ns/page, ETA. Output as pinbench run.\n"
		"\n");
	usage_options(f, true);
	usage_noise(f);
	fprintf(f,
		"\n"
		"config file: one 'key = value' per line; keys are the long options above\n"
		"without -- (composition, sizes, strategies, pin-method, iterations, ...;\n"
		"read-only = yes|no and the like for switches; file-dir may repeat), plus\n"
		"sizes.<composition> = LIST for one composition's sizes (sizes.mixed-thp\n"
		"covers every mixed-thp:*). '#' starts a comment (at the start of a line or\n"
		"after a blank). An unknown key, a bad value or a key given twice (but\n"
		"file-dir) is an error naming the line.\n"
		"  # bench.conf\n"
		"  composition = anon-4k, anon-thp, anon-mthp-64K, mixed-thp:25\n"
		"  sizes = 2M, 32M\n"
		"  sizes.anon-4k = 4K, 64K, 2M\n"
		"  pin-method = fast, longterm\n"
		"  iterations = 20\n"
		"\n"
		"SIGINT/SIGTERM, exit status and needs: as pinbench run.\n");
}

enum run_option_id {
	OPT_COMPOSITION = 256,
	OPT_SIZES,
	OPT_STRATEGIES,
	OPT_PIN_METHOD,
	OPT_ITERATIONS,
	OPT_WARMUP,
	OPT_READ_ONLY,
	OPT_VERIFY_ALL,
	OPT_REF_CHECK,
	OPT_CHUNK_PAGES,
	OPT_LAYOUT,
	OPT_FILE_DIR,
	OPT_OUT,
	OPT_RUN_ID,
	OPT_ACCEL,
	OPT_TOLERANCE,
	OPT_QUIET,
	OPT_CONFIG,
	OPT_SKIP_UNAVAILABLE,
	OPT_ORDER,
	OPT_SEED,
	OPT_CPU,
	OPT_BOOT,
	OPT_TURN_WARMUP,
};

static const struct option run_long_options[] = {
	{ "composition", required_argument, NULL, OPT_COMPOSITION },
	{ "sizes", required_argument, NULL, OPT_SIZES },
	{ "strategies", required_argument, NULL, OPT_STRATEGIES },
	{ "pin-method", required_argument, NULL, OPT_PIN_METHOD },
	{ "iterations", required_argument, NULL, OPT_ITERATIONS },
	{ "warmup", required_argument, NULL, OPT_WARMUP },
	{ "read-only", no_argument, NULL, OPT_READ_ONLY },
	{ "verify-all", no_argument, NULL, OPT_VERIFY_ALL },
	{ "ref-check", no_argument, NULL, OPT_REF_CHECK },
	{ "chunk-pages", required_argument, NULL, OPT_CHUNK_PAGES },
	{ "layout", required_argument, NULL, OPT_LAYOUT },
	{ "file-dir", required_argument, NULL, OPT_FILE_DIR },
	{ "out", required_argument, NULL, OPT_OUT },
	{ "run-id", required_argument, NULL, OPT_RUN_ID },
	{ "accel", required_argument, NULL, OPT_ACCEL },
	{ "tolerance", required_argument, NULL, OPT_TOLERANCE },
	{ "quiet", no_argument, NULL, OPT_QUIET },
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "skip-unavailable", no_argument, NULL, OPT_SKIP_UNAVAILABLE },
	{ "order", required_argument, NULL, OPT_ORDER },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "cpu", required_argument, NULL, OPT_CPU },
	{ "boot", required_argument, NULL, OPT_BOOT },
	{ "turn-warmup", required_argument, NULL, OPT_TURN_WARMUP },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* Where a value came from: the command line (file NULL) or a config line. */
struct origin {
	const char *file;
	unsigned int line;
};

#define FROM_COMMAND_LINE ((struct origin){ NULL, 0 })

/* Everything parsed late (it depends on other options), with its origin. */
struct deferred {
	const char *compositions;
	struct origin compositions_from;
	const char *sizes;
	struct origin sizes_from;
	bool file_dirs_from_config;
	/* sizes.<composition> lines of the config file */
	const struct config_entry **comp_sizes;
	size_t nr_comp_sizes;
};

static void say(const struct run_options *opts, struct origin from,
		const char *fmt, ...) PB_PRINTF(3, 4);

static void say(const struct run_options *opts, struct origin from,
		const char *fmt, ...)
{
	char text[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (from.file)
		pb_error("%s: %s:%u: %s", opts->command, from.file, from.line,
			 text);
	else
		pb_error("%s: %s", opts->command, text);
}

void run_options_error(const struct run_options *opts, bool pin_method,
		       const char *text)
{
	unsigned int line = pin_method ? opts->pin_method_line :
					 opts->strategies_line;
	struct origin from = { line ? opts->config_file.path : NULL, line };

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

static int parse_u32_option(const struct run_options *opts,
			    struct origin from, const char *spelled,
			    const char *text, uint32_t min, uint32_t *value)
{
	uint64_t v;

	if (number_parse(text, UINT32_MAX, &v) || v < min) {
		say(opts, from, "%s wants a whole number >= %u, not '%s'",
		    spelled, min, text);
		return -1;
	}
	*value = (uint32_t)v;
	return 0;
}

static int parse_cpu(struct run_options *opts, struct origin from,
		     const char *spelled, const char *text)
{
	uint64_t v;

	if (!strcmp(text, "none")) {
		opts->cpu = CPU_PIN_NONE;
		return 0;
	}
	if (number_parse(text, 1 << 20, &v)) {
		say(opts, from, "%s wants a CPU number or none, not '%s'",
		    spelled, text);
		return -1;
	}
	opts->cpu = (int)v;
	return 0;
}

static int parse_tolerance(const struct run_options *opts, struct origin from,
			   const char *spelled, const char *text,
			   double *tolerance)
{
	char *end;

	errno = 0;
	*tolerance = strtod(text, &end);
	if (!*text || *end || errno || !isfinite(*tolerance) ||
	    *tolerance < 0) {
		say(opts, from, "%s wants percentage points >= 0, not '%s'",
		    spelled, text);
		return -1;
	}
	return 0;
}

static int parse_switch(const struct run_options *opts, struct origin from,
			const char *spelled, const char *text, bool *value)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };
	size_t i;

	if (!text) {	/* the command line: --read-only */
		*value = true;
		return 0;
	}
	for (i = 0; i < 4; i++) {
		if (!strcasecmp(text, yes[i]) || !strcasecmp(text, no[i])) {
			*value = !strcasecmp(text, yes[i]);
			return 0;
		}
	}
	say(opts, from, "%s wants yes or no, not '%s'", spelled, text);
	return -1;
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

/* One option, from the command line (arg NULL for a switch) or a config. */
static int apply_option(int opt, const char *spelled, const char *arg,
			struct origin from, struct run_options *opts,
			struct deferred *later)
{
	switch (opt) {
	case OPT_COMPOSITION:
		later->compositions = arg;
		later->compositions_from = from;
		return 0;
	case OPT_SIZES:
		later->sizes = arg;
		later->sizes_from = from;
		return 0;
	case OPT_STRATEGIES:
		opts->strategies = arg;
		opts->strategies_line = from.line;
		return 0;
	case OPT_PIN_METHOD:
		opts->pin_method = arg;
		opts->pin_method_line = from.line;
		return 0;
	case OPT_ITERATIONS:
		return parse_u32_option(opts, from, spelled, arg, 1,
					&opts->iterations);
	case OPT_WARMUP:
		return parse_u32_option(opts, from, spelled, arg, 0,
					&opts->warmup);
	case OPT_READ_ONLY:
		return parse_switch(opts, from, spelled, arg, &opts->read_only);
	case OPT_VERIFY_ALL:
		return parse_switch(opts, from, spelled, arg,
				    &opts->verify_all);
	case OPT_REF_CHECK:
		return parse_switch(opts, from, spelled, arg, &opts->ref_check);
	case OPT_CHUNK_PAGES:
		return parse_u32_option(opts, from, spelled, arg, 0,
					&opts->chunk_pages);
	case OPT_LAYOUT:
		if (mixed_layout_parse(arg, &opts->layout)) {
			say(opts, from, "%s wants interleaved or clustered, not '%s'",
			    spelled, arg);
			return -1;
		}
		return 0;
	case OPT_FILE_DIR:
		/* the command line's replace the config file's */
		if (!from.file && later->file_dirs_from_config) {
			opts->nr_file_dirs = 0;
			later->file_dirs_from_config = false;
		} else if (from.file) {
			later->file_dirs_from_config = true;
		}
		if (!*arg) {
			say(opts, from, "%s wants a directory", spelled);
			return -1;
		}
		return add_file_dir(opts, arg);
	case OPT_OUT:
		if (!*arg) {	/* "" would write /samples.csv */
			say(opts, from, "%s wants a directory", spelled);
			return -1;
		}
		opts->out_dir = arg;
		return 0;
	case OPT_RUN_ID:
		if (strlen(arg) > RUN_ID_MAX) {	/* reports would cut it */
			say(opts, from, "%s is %zu characters long, at most %d",
			    spelled, strlen(arg), RUN_ID_MAX);
			return -1;
		}
		if (!is_plain_name(arg)) {
			say(opts, from, "%s may hold letters, digits and . _ + - only (not first: .), not '%s'",
			    spelled, arg);
			return -1;
		}
		opts->run_id = arg;
		return 0;
	case OPT_ACCEL:
		if (!is_plain_name(arg) || strlen(arg) >= sizeof(opts->accel)) {
			say(opts, from, "%s wants a short name like native, kvm or tcg, not '%s'",
			    spelled, arg);
			return -1;
		}
		strcpy(opts->accel, arg);
		return 0;
	case OPT_TOLERANCE:
		return parse_tolerance(opts, from, spelled, arg,
				       &opts->tolerance);
	case OPT_QUIET:
		return parse_switch(opts, from, spelled, arg, &opts->quiet);
	case OPT_SKIP_UNAVAILABLE:
		return parse_switch(opts, from, spelled, arg,
				    &opts->skip_unavailable);
	case OPT_ORDER:
		if (!strcmp(arg, "interleaved")) {
			opts->order = ORDER_INTERLEAVED;
		} else if (!strcmp(arg, "grouped")) {
			opts->order = ORDER_GROUPED;
		} else {
			say(opts, from, "%s wants interleaved or grouped, not '%s'",
			    spelled, arg);
			return -1;
		}
		return 0;
	case OPT_SEED:
		/* meta.json keeps it as a JSON integer: int64_t */
		if (number_parse(arg, INT64_MAX, &opts->seed)) {
			say(opts, from, "%s wants a whole number >= 0, not '%s' (at most %" PRId64 ")",
			    spelled, arg, INT64_MAX);
			return -1;
		}
		opts->seed_given = true;
		return 0;
	case OPT_CPU:
		return parse_cpu(opts, from, spelled, arg);
	case OPT_BOOT:
		return parse_u32_option(opts, from, spelled, arg, 0,
					&opts->boot);
	case OPT_TURN_WARMUP:
		return parse_u32_option(opts, from, spelled, arg, 0,
					&opts->turn_warmup);
	}
	return -1;
}

static const struct option *option_named(const char *key)
{
	char name[64];
	size_t i;

	if (strlen(key) >= sizeof(name))
		return NULL;
	for (i = 0; key[i]; i++)	/* pin_method reads as pin-method */
		name[i] = key[i] == '_' ? '-' : key[i];
	name[i] = '\0';
	for (i = 0; run_long_options[i].name; i++)
		if (!strcmp(run_long_options[i].name, name))
			return &run_long_options[i];
	return NULL;
}

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
	struct origin from = { cf->path, e->line };
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

static int apply_config(struct run_options *opts, struct deferred *later)
{
	struct config_file *cf = &opts->config_file;
	char err[512];
	size_t i;

	if (config_file_read(opts->config, cf, err, sizeof(err))) {
		pb_error("%s: --config: %s", opts->command, err);
		return -1;
	}
	for (i = 0; i < cf->count; i++) {
		const struct config_entry *e = &cf->entries[i];
		struct origin from = { cf->path, e->line };
		const struct option *o;

		if (key_given_before(opts, cf, i))
			return -1;
		if (!strncmp(e->key, "sizes.", 6) && e->key[6]) {
			if (add_comp_sizes_entry(later, e))
				return -1;
			continue;
		}
		o = option_named(e->key);
		if (!o || o->val == 'h' || o->val == OPT_CONFIG) {
			say(opts, from, "unknown key '%s' (keys: the long options of pinbench sweep --help without --, and sizes.<composition>)",
			    e->key);
			return -1;
		}
		if (o->has_arg == required_argument && !*e->value) {
			say(opts, from, "%s wants a value", e->key);
			return -1;
		}
		if (apply_option(o->val, e->key, e->value, from, opts, later))
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
			   struct origin from, const char *spelled,
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
			     struct origin from)
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
		struct origin from = { opts->config_file.path, entry->line };
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

static int collect_command_line(int argc, char **argv, struct run_options *opts,
				int *staged_opts, const char **staged_args,
				size_t *nr_staged, int *exit_status)
{
	int opt;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", run_long_options,
				  NULL)) != -1) {
		if (opt == 'h') {
			if (opts->sweep)
				sweep_usage(stdout);
			else
				run_usage(stdout);
			*exit_status = EXIT_OK;
			return -1;
		}
		if (opt == '?' || opt == ':') {
			cli_bad_option(opts->command, opt, argv);
			return -1;
		}
		if (!opts->sweep &&
		    (opt == OPT_CONFIG || opt == OPT_SKIP_UNAVAILABLE)) {
			pb_error("run: --%s is an option of pinbench sweep",
				 opt == OPT_CONFIG ? "config" :
				 "skip-unavailable");
			return -1;
		}
		if (opt == OPT_CONFIG) {
			opts->config = optarg;
			continue;
		}
		staged_opts[*nr_staged] = opt;
		staged_args[(*nr_staged)++] = optarg;
	}
	if (optind < argc) {
		pb_error("%s: unexpected argument '%s' (try pinbench %s --help)",
			 opts->command, argv[optind], opts->command);
		return -1;
	}
	return 0;
}

static const char *option_spelling(int opt, char *buf, size_t len)
{
	size_t i;

	for (i = 0; run_long_options[i].name; i++)
		if (run_long_options[i].val == opt)
			snprintf(buf, len, "--%s", run_long_options[i].name);
	return buf;
}

static int finish(struct run_options *opts, const struct deferred *later)
{
	if (!opts->accel[0])
		accel_default(opts->accel, sizeof(opts->accel));
	if (!is_plain_name(opts->accel)) {
		say(opts, FROM_COMMAND_LINE,
		    "PINBENCH_ACCEL wants a short name like native, kvm or tcg, not '%s'",
		    opts->accel);
		return -1;
	}
	if (!opts->sweep && strchr(opts->pin_method, ',')) {
		say(opts, FROM_COMMAND_LINE,
		    "--pin-method takes one method here; pinbench sweep takes a list");
		return -1;
	}
	if (parse_compositions(opts, later))
		return -1;
	return parse_sizes(opts, later);
}

int run_options_parse(int argc, char **argv, struct run_options *opts,
		      int *exit_status)
{
	struct deferred later = {
		.compositions = RUN_DEFAULT_COMPOSITIONS,
		.sizes = RUN_DEFAULT_SIZES,
	};
	const char **staged_args = calloc((size_t)argc + 1, sizeof(char *));
	int *staged_opts = calloc((size_t)argc + 1, sizeof(int));
	size_t nr_staged = 0, i;
	char spelled[64];
	int ret = -1;

	memset(opts, 0, sizeof(*opts));
	opts->command = argv[0];
	opts->sweep = !strcmp(argv[0], "sweep");
	opts->strategies = RUN_DEFAULT_STRATEGIES;
	opts->pin_method = RUN_DEFAULT_PIN_METHOD;
	opts->iterations = RUN_DEFAULT_ITERATIONS;
	opts->warmup = RUN_DEFAULT_WARMUP;
	opts->tolerance = RUN_DEFAULT_TOLERANCE;
	opts->layout = RUN_DEFAULT_LAYOUT;
	opts->order = ORDER_INTERLEAVED;
	opts->cpu = CPU_PIN_CURRENT;
	*exit_status = EXIT_USAGE;
	if (!staged_args || !staged_opts) {
		pb_error("out of memory");
		goto out;
	}

	if (collect_command_line(argc, argv, opts, staged_opts, staged_args,
				 &nr_staged, exit_status))
		goto out;
	/* the config file first: the command line overrides it */
	if (opts->config && apply_config(opts, &later))
		goto out;
	for (i = 0; i < nr_staged; i++)
		if (apply_option(staged_opts[i],
				 option_spelling(staged_opts[i], spelled,
						 sizeof(spelled)),
				 staged_args[i], FROM_COMMAND_LINE, opts,
				 &later))
			goto out;
	ret = finish(opts, &later);
	if (!opts->seed_given)
		opts->seed = shuffle_default_seed();
out:
	free(staged_args);
	free(staged_opts);
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
