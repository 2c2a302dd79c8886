#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "exit_codes.h"
#include "messages.h"
#include "run_options.h"
#include "sizes.h"
#include "sysinfo.h"

static void run_usage(FILE *f)
{
	char granule[32];
	size_t i;

	fprintf(f,
		"usage: pinbench run [options]\n"
		"\n"
		"Build each memory composition at each size once, then time each release\n"
		"strategy on it with one RUN ioctl: --warmup unrecorded iterations, then\n"
		"--iterations of pin, verify (untimed), release (timed). Rows are appended\n"
		"to DIR/samples.csv; DIR/summary.csv and DIR/ministat/ are rewritten from\n"
		"all of it afterwards; DIR/meta.json is written when absent.\n"
		"\n"
		"options:\n"
		"  --composition LIST    comma list of memory compositions (default %s):\n",
		RUN_DEFAULT_COMPOSITIONS);
	for (i = 0; i < nr_compositions; i++)
		fprintf(f, "                          %-9s %s\n",
			compositions[i].name, compositions[i].description);
	fprintf(f,
		"  --sizes LIST          comma list of sizes, K/M/G suffixes: 4K,64K,2M,256M,1G\n"
		"                        (default %s); each a multiple of the composition's\n"
		"                        page size:",
		RUN_DEFAULT_SIZES);
	for (i = 0; i < nr_compositions; i++) {
		size_format(composition_granule(&compositions[i]), granule,
			    sizeof(granule));
		fprintf(f, "%s %s %s", i ? "," : "", compositions[i].name,
			granule);
	}
	fprintf(f,
		"\n"
		"  --strategies LIST|all release strategies, names as `pinbench info` lists\n"
		"                        them (default %s). Under all, the ones this kernel\n"
		"                        lacks are noted and recorded as status unsupported;\n"
		"                        naming one of those is an error\n"
		"  --pin-method M        how the pages are acquired (default %s):\n"
		"                          fast      gup_fast for FOLL_GET strategies (put_page,\n"
		"                                    release_pages, dirty_*), pin_fast for the\n"
		"                                    FOLL_PIN ones (unpin_*, noop)\n"
		"                          locked    gup / pin, under mmap_read_lock\n"
		"                          longterm  pin_longterm for FOLL_PIN strategies, gup\n"
		"                                    for FOLL_GET ones (FOLL_LONGTERM exists\n"
		"                                    only for pins)\n"
		"                          NAME      an exact method from `pinbench info`; all\n"
		"                                    strategies must be of its FOLL family\n"
		"  --iterations N        measured iterations per strategy (default %d)\n"
		"  --warmup N            unrecorded iterations before them (default %d)\n"
		"  --read-only           pin without FOLL_WRITE (default: pin for write)\n"
		"  --verify-all          verify the pins in every iteration, not only the first\n"
		"  --chunk-pages N       pages per pin call; 0: the module's default (default 0)\n"
		"  --out DIR             output directory, created (default results/<run-id>)\n"
		"  --run-id ID           run id (default YYYYmmdd-HHMMSS-<uname -r>, UTC time;\n"
		"                        when DIR/meta.json exists, its run id)\n"
		"  --accel NAME          how this kernel runs: native, kvm, tcg, ... (default\n"
		"                        $PINBENCH_ACCEL, else native, or vm when /proc/cpuinfo\n"
		"                        has the hypervisor flag); tcg rows are marked emulated\n"
		"  --tolerance PCT       how far the measured share of pages in PMD-or-larger\n"
		"                        folios may be from the requested one, in percentage\n"
		"                        points (default %g); beyond it: mix_ok=0 and a warning\n"
		"  --quiet               no progress lines\n"
		"  -h, --help            this text\n"
		"\n"
		"SIGINT/SIGTERM: the RUN in flight finishes, the rows written so far stay,\n"
		"summary.csv is rewritten, meta.json says \"complete\": false, exit 130.\n"
		"Needs pinbench.ko loaded and CAP_SYS_ADMIN (root).\n",
		RUN_DEFAULT_STRATEGIES, RUN_DEFAULT_PIN_METHOD,
		RUN_DEFAULT_ITERATIONS, RUN_DEFAULT_WARMUP,
		RUN_DEFAULT_TOLERANCE);
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
	OPT_CHUNK_PAGES,
	OPT_OUT,
	OPT_RUN_ID,
	OPT_ACCEL,
	OPT_TOLERANCE,
	OPT_QUIET,
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
	{ "chunk-pages", required_argument, NULL, OPT_CHUNK_PAGES },
	{ "out", required_argument, NULL, OPT_OUT },
	{ "run-id", required_argument, NULL, OPT_RUN_ID },
	{ "accel", required_argument, NULL, OPT_ACCEL },
	{ "tolerance", required_argument, NULL, OPT_TOLERANCE },
	{ "quiet", no_argument, NULL, OPT_QUIET },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

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

static int parse_compositions(const char *list, struct run_options *opts)
{
	char *copy = strdup(list), *rest = copy, *name, known[256];
	const struct composition *comp;
	size_t i;

	opts->compositions = calloc(nr_compositions,
				    sizeof(*opts->compositions));
	if (!copy || !opts->compositions) {
		free(copy);
		pb_error("out of memory");
		return -1;
	}
	while ((name = strsep(&rest, ",")) != NULL) {
		comp = composition_find(name);
		if (!comp) {
			composition_names(known, sizeof(known));
			pb_error("run: unknown composition '%s'; known: %s",
				 name, known);
			free(copy);
			return -1;
		}
		for (i = 0; i < opts->nr_compositions; i++)
			if (opts->compositions[i] == comp)
				break;
		if (i == opts->nr_compositions)
			opts->compositions[opts->nr_compositions++] = comp;
	}
	free(copy);
	return 0;
}

static int check_size_granules(const struct run_options *opts)
{
	char size[32], granule[32];
	size_t c, s;

	for (c = 0; c < opts->nr_compositions; c++) {
		const struct composition *comp = opts->compositions[c];
		size_t unit = composition_granule(comp);

		for (s = 0; s < opts->nr_sizes; s++) {
			if (opts->sizes[s] % unit == 0)
				continue;
			size_format(opts->sizes[s], size, sizeof(size));
			size_format(unit, granule, sizeof(granule));
			pb_error("run: size %s is not a multiple of %s's page size %s",
				 size, comp->name, granule);
			return -1;
		}
	}
	return 0;
}

static int parse_u32_option(const char *name, const char *text,
			    uint32_t min, uint32_t *value)
{
	uint64_t v;

	if (number_parse(text, UINT32_MAX, &v) || v < min) {
		pb_error("run: --%s wants a whole number >= %u, not '%s'",
			 name, min, text);
		return -1;
	}
	*value = (uint32_t)v;
	return 0;
}

static int parse_tolerance(const char *text, double *tolerance)
{
	char *end;

	errno = 0;
	*tolerance = strtod(text, &end);
	if (!*text || *end || errno || !isfinite(*tolerance) ||
	    *tolerance < 0) {
		pb_error("run: --tolerance wants percentage points >= 0, not '%s'",
			 text);
		return -1;
	}
	return 0;
}

static int parse_accel(const char *text, struct run_options *opts)
{
	if (!is_plain_name(text) || strlen(text) >= sizeof(opts->accel)) {
		pb_error("run: --accel wants a short name like native, kvm or tcg, not '%s'",
			 text);
		return -1;
	}
	strcpy(opts->accel, text);
	return 0;
}

static int parse_one_option(int opt, const char *arg, struct run_options *opts,
			    const char **compositions, const char **sizes)
{
	switch (opt) {
	case OPT_COMPOSITION:
		*compositions = arg;
		return 0;
	case OPT_SIZES:
		*sizes = arg;
		return 0;
	case OPT_STRATEGIES:
		opts->strategies = arg;
		return 0;
	case OPT_PIN_METHOD:
		opts->pin_method = arg;
		return 0;
	case OPT_ITERATIONS:
		return parse_u32_option("iterations", arg, 1, &opts->iterations);
	case OPT_WARMUP:
		return parse_u32_option("warmup", arg, 0, &opts->warmup);
	case OPT_READ_ONLY:
		opts->read_only = true;
		return 0;
	case OPT_VERIFY_ALL:
		opts->verify_all = true;
		return 0;
	case OPT_CHUNK_PAGES:
		return parse_u32_option("chunk-pages", arg, 0,
					&opts->chunk_pages);
	case OPT_OUT:
		opts->out_dir = arg;
		return 0;
	case OPT_RUN_ID:
		if (!is_plain_name(arg)) {
			pb_error("run: --run-id may hold letters, digits and . _ + - only (not first: .), not '%s'",
				 arg);
			return -1;
		}
		opts->run_id = arg;
		return 0;
	case OPT_ACCEL:
		return parse_accel(arg, opts);
	case OPT_TOLERANCE:
		return parse_tolerance(arg, &opts->tolerance);
	case OPT_QUIET:
		opts->quiet = true;
		return 0;
	}
	return -1;
}

int run_options_parse(int argc, char **argv, struct run_options *opts,
		      int *exit_status)
{
	const char *compositions = RUN_DEFAULT_COMPOSITIONS;
	const char *sizes = RUN_DEFAULT_SIZES;
	char err[256];
	int opt;

	memset(opts, 0, sizeof(*opts));
	opts->strategies = RUN_DEFAULT_STRATEGIES;
	opts->pin_method = RUN_DEFAULT_PIN_METHOD;
	opts->iterations = RUN_DEFAULT_ITERATIONS;
	opts->warmup = RUN_DEFAULT_WARMUP;
	opts->tolerance = RUN_DEFAULT_TOLERANCE;
	*exit_status = EXIT_USAGE;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", run_long_options,
				  NULL)) != -1) {
		if (opt == 'h') {
			run_usage(stdout);
			*exit_status = EXIT_OK;
			return -1;
		}
		if (opt == '?' || opt == ':') {
			cli_bad_option("run", opt, argv);
			return -1;
		}
		if (parse_one_option(opt, optarg, opts, &compositions, &sizes))
			return -1;
	}
	if (optind < argc) {
		pb_error("run: unexpected argument '%s' (try pinbench run --help)",
			 argv[optind]);
		return -1;
	}
	if (!opts->accel[0])
		accel_default(opts->accel, sizeof(opts->accel));
	if (!is_plain_name(opts->accel)) {
		pb_error("run: PINBENCH_ACCEL wants a short name like native, kvm or tcg, not '%s'",
			 opts->accel);
		return -1;
	}
	if (parse_compositions(compositions, opts))
		return -1;
	if (size_list_parse(sizes, &opts->sizes, &opts->nr_sizes, err,
			    sizeof(err))) {
		pb_error("run: --sizes: %s", err);
		return -1;
	}
	return check_size_granules(opts);
}

void run_options_free(struct run_options *opts)
{
	free(opts->compositions);
	free(opts->sizes);
	opts->compositions = NULL;
	opts->sizes = NULL;
}
