/*
 * pinbench run and pinbench sweep: check everything that can be checked
 * first (options, what each composition needs, module, plan, output
 * directory), then measure, then summarize. The two differ only in their
 * options (run_options.c); the loop is run_sweep.c's.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "cpu_pin.h"
#include "device.h"
#include "exit_codes.h"
#include "messages.h"
#include "meta.h"
#include "module_info.h"
#include "paths.h"
#include "progress.h"
#include "run_command.h"
#include "run_options.h"
#include "run_plan.h"
#include "run_sweep.h"
#include "samples_csv.h"
#include "sizes.h"
#include "stop_signals.h"
#include "summary.h"
#include "sysinfo.h"
#include "version.h"

/* "run" or "sweep", for messages */
static const char *command_name = "run";

struct run_dir {
	char run_id[160];
	char dir[2048];
	char samples[2100];
	char meta[2100];
	bool was_complete;	/* meta.json's "complete" before this run */
};

/* Every (composition, size), in order, with why it cannot be built. */
struct item_list {
	struct sweep_item *items;
	size_t count;
	char **why;		/* owned reasons, one per item or NULL */
};

static void item_list_free(struct item_list *list)
{
	size_t i;

	for (i = 0; list->why && i < list->count; i++)
		free(list->why[i]);
	free(list->why);
	free(list->items);
	memset(list, 0, sizeof(*list));
}

/*
 * What this machine lacks is said before anything is pinned: an error
 * (exit 2) naming what each composition needs, or, with sweep
 * --skip-unavailable, items recorded as unavailable.
 */
static int plan_items(const struct run_options *opts, struct item_list *list)
{
	size_t c, s, n, total = 0, refused = 0;
	char why[1024], size_text[32];

	for (c = 0; c < opts->nr_compositions; c++) {
		run_options_sizes(opts, c, &n);
		total += n;
	}
	list->items = calloc(total + 1, sizeof(*list->items));
	list->why = calloc(total + 1, sizeof(*list->why));
	if (!list->items || !list->why) {
		pb_error("out of memory");
		return EXIT_RUNTIME;
	}
	for (c = 0; c < opts->nr_compositions; c++) {
		struct composition *comp = opts->compositions[c];
		const uint64_t *sizes = run_options_sizes(opts, c, &n);
		bool said = false;	/* one error per composition */

		for (s = 0; s < n; s++) {
			struct sweep_item *item = &list->items[list->count];

			item->comp = comp;
			item->size = sizes[s];
			if (!composition_available(comp, sizes[s], why,
						   sizeof(why))) {
				list->count++;
				continue;
			}
			size_format(sizes[s], size_text, sizeof(size_text));
			if (opts->skip_unavailable) {
				pb_note("%s at %s unavailable here: %s: recorded as unavailable",
					comp->name, size_text, why);
				list->why[list->count] = strdup(why);
				item->unavailable = list->why[list->count] ?
					list->why[list->count] : "unavailable";
			} else if (!said) {
				pb_error("%s: %s unsupported here: %s%s",
					 opts->command, comp->name, why,
					 opts->sweep ? " (--skip-unavailable records it instead)" : "");
				said = true;
				refused++;
			}
			list->count++;
		}
	}
	return refused ? EXIT_USAGE : EXIT_OK;
}

/* What the module will refuse anyway, said before any memory is built. */
static int check_module_limits(const struct run_options *opts,
			       const struct item_list *list,
			       const struct module_info *info)
{
	char size[32];
	size_t i;

	if (opts->iterations > info->abi.max_iterations) {
		pb_error("%s: --iterations %u is more than the module's max_iterations %u",
			 opts->command, opts->iterations,
			 info->abi.max_iterations);
		return -1;
	}
	for (i = 0; i < list->count; i++) {
		uint64_t bytes = list->items[i].size;
		uint64_t pages = bytes / info->abi.page_size;

		if (list->items[i].unavailable)
			continue;	/* recorded, never pinned */
		if (bytes % info->abi.page_size == 0 &&
		    pages <= info->abi.max_pinned_pages)
			continue;
		size_format(bytes, size, sizeof(size));
		pb_error("%s: size %s is %" PRIu64 " pages, more than the module's max_pinned_pages %" PRIu64 " (insmod pinbench.ko max_pinned_pages=N)",
			 opts->command, size, pages,
			 (uint64_t)info->abi.max_pinned_pages);
		return -1;
	}
	return 0;
}

static void note_unsupported(const struct module_info *info,
			     const struct planned_strategy *plan, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (plan[i].why_not)
			pb_note("strategy %s is not measured with --read-only: %s: recorded as unsupported",
				info_strategy_name(info, plan[i].strategy),
				plan[i].why_not);
		else if (!plan[i].supported)
			pb_note("strategy %s is not supported by this kernel (%s): recorded as unsupported",
				info_strategy_name(info, plan[i].strategy),
				info->abi.kernel_release);
}

static void default_run_id(char *buf, size_t len)
{
	time_t now = time(NULL);
	struct utsname uts;
	char date[32];
	struct tm tm;

	strftime(date, sizeof(date), "%Y%m%d-%H%M%S", gmtime_r(&now, &tm));
	snprintf(buf, len, "%s-%s", date, uname(&uts) ? "unknown" :
		 uts.release);
}

/* EXIT_OK, or the exit status after saying what is wrong. */
static int choose_run_id_and_dir(const struct run_options *opts,
				 struct run_dir *rd)
{
	char existing[sizeof(rd->run_id)];

	if (opts->run_id)
		snprintf(rd->run_id, sizeof(rd->run_id), "%s", opts->run_id);
	else
		default_run_id(rd->run_id, sizeof(rd->run_id));
	if (opts->out_dir && strlen(opts->out_dir) >= sizeof(rd->dir)) {
		/* cut, it would be another directory */
		pb_error("%s: --out is %zu bytes long, at most %zu: refused",
			 opts->command, strlen(opts->out_dir),
			 sizeof(rd->dir) - 1);
		return EXIT_USAGE;
	}
	if (opts->out_dir)
		snprintf(rd->dir, sizeof(rd->dir), "%s", opts->out_dir);
	else
		snprintf(rd->dir, sizeof(rd->dir), "results/%s", rd->run_id);
	if (path_join(rd->samples, sizeof(rd->samples), rd->dir,
		      "samples.csv") ||
	    path_join(rd->meta, sizeof(rd->meta), rd->dir, "meta.json")) {
		pb_error("%s: output directory name too long: %s",
			 opts->command, rd->dir);
		return EXIT_USAGE;
	}
	if (access(rd->meta, F_OK))
		return EXIT_OK;
	/* a directory that already holds a run belongs to that run id */
	if (meta_read_run_id(rd->meta, existing, sizeof(existing))) {
		pb_error("%s: %s has no readable run_id", command_name, rd->meta);
		return EXIT_RUNTIME;
	}
	if (opts->run_id && strcmp(opts->run_id, existing)) {
		pb_error("%s: %s belongs to run %s, not --run-id %s", command_name,
			 rd->dir, existing, opts->run_id);
		return EXIT_USAGE;
	}
	snprintf(rd->run_id, sizeof(rd->run_id), "%s", existing);
	return EXIT_OK;
}

/*
 * A run appended to DIR numbers its iterations after those already there,
 * so (config, iteration, boot) stays one row (samples_csv_read checks).
 */
static int next_iteration(const char *path, uint32_t *first)
{
	struct sample_table table;
	char err[1024];
	size_t i;

	*first = 0;
	if (access(path, F_OK))
		return 0;
	if (samples_csv_read(path, &table, err, sizeof(err))) {
		pb_error("%s: %s", command_name, err);
		return -1;
	}
	for (i = 0; i < table.count; i++)
		if (sample_is_measured(&table.rows[i]) &&
		    table.rows[i].iteration >= *first)
			*first = table.rows[i].iteration + 1;
	sample_table_free(&table);
	return 0;
}

static int check_samples_header(const char *path)
{
	char line[1024];

	if (access(path, F_OK))
		return 0;
	if (!read_first_line(path, line, sizeof(line)) &&
	    !strcmp(line, SAMPLES_CSV_HEADER))
		return 0;
	pb_error("%s: %s is not a samples.csv of this pinbench (header differs); use another --out", command_name,
		 path);
	return -1;
}

/* meta.json says "complete": false while the run is going on. */
static int mark_run_started(const struct run_options *opts,
			    const struct module_info *info,
			    const char *command_line, struct run_dir *rd)
{
	char kernel_debug[128];
	struct run_meta meta = {
		.run_id = rd->run_id,
		.accel = opts->accel,
		.module_version = info->abi.module_version,
		.abi_version = info->abi.abi_version,
		.kernel_debug = kernel_debug,
		.ref_check = opts->ref_check,
		.git_version = pinbench_git_version,
		.command_line = command_line,
		.complete = false,
		.order = run_order_name(opts->order),
		.seed = (unsigned long long)opts->seed,
		.turn_warmup = opts->turn_warmup,
		.cpu_pinned = opts->cpu,
		.boot = opts->boot,
		.catalog = info,
	};

	info_kernel_debug_names(info, kernel_debug, sizeof(kernel_debug));
	if (mkdir_parents(rd->dir, 0755)) {
		pb_error("%s: creating %s: %s", command_name, rd->dir, strerror(errno));
		return -1;
	}
	if (!access(rd->meta, F_OK)) {
		errno = 0;	/* a missing field is no system error */
		if (meta_read_complete(rd->meta, &rd->was_complete) ||
		    meta_set_complete(rd->meta, false)) {
			pb_error("%s: updating %s: %s", command_name, rd->meta,
				 errno ? strerror(errno) : "no \"complete\" field");
			return -1;
		}
		return 0;
	}
	rd->was_complete = true;
	if (meta_write(rd->meta, &meta)) {
		pb_error("%s: writing %s: %s", command_name, rd->meta, strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * summary.csv after meta.json's calibration: its calibrated columns read
 * it. A run appended to a directory replaces the calibration: the last
 * sweep's boot is the one its figures were last measured in.
 */
static int finish_run_dir(const struct run_dir *rd, bool complete,
			  const struct calibration *calibration)
{
	char err[1024];
	int ret = 0;

	if (meta_set_field(rd->meta, "calibration",
			   calibration_json(calibration))) {
		pb_error("%s: updating %s: %s", command_name, rd->meta,
			 strerror(errno));
		ret = -1;
	}
	if (!access(rd->samples, F_OK) &&
	    summarize_dir(rd->dir, false, err, sizeof(err))) {
		pb_error("%s: %s", command_name, err);
		ret = -1;
	}
	if (meta_set_complete(rd->meta, rd->was_complete && complete)) {
		pb_error("%s: updating %s: %s", command_name, rd->meta, strerror(errno));
		ret = -1;
	}
	return ret;
}

static void say_how_it_ended(enum sweep_end end, const struct run_dir *rd,
			     const struct sweep_counts *counts, bool quiet)
{
	char took[32];

	format_duration(counts->seconds, took, sizeof(took));
	if (end == SWEEP_CUT_SHORT)
		pb_note("cut short by %s after %zu of %zu cases (%s): rows so far kept in %s, meta.json says \"complete\": false",
			stop_requested == SIGTERM ? "SIGTERM" : "SIGINT",
			counts->runs_done, counts->runs_total, took,
			rd->samples);
	else if (end == SWEEP_DONE && !quiet)
		pb_note("%zu cases (config x strategy) in %s: %s/{samples.csv,summary.csv,meta.json}",
			counts->runs_done, took, rd->dir);
}

static int run_with_device(const struct run_options *opts,
			   const struct item_list *list,
			   const struct pinbench_device *dev,
			   const char *command_line,
			   const struct run_hooks *hooks)
{
	struct planned_strategy plan[PLAN_MAX];
	struct sweep_counts counts = { 0 };
	struct run_dir rd = { .was_complete = true };
	size_t nr_planned, nr_choices;
	struct utsname uts;
	uint32_t first_iteration;
	struct sweep sweep;
	enum sweep_end end;
	char err[1024];
	int status;

	if (plan_matrix(&dev->info, opts->strategies, opts->pin_method, plan,
			&nr_planned, &nr_choices, err, sizeof(err))) {
		/* its errors about a pin method name one; the rest strategies */
		run_options_error(opts, strstr(err, "pin method") != NULL, err);
		return EXIT_USAGE;
	}
	if (opts->read_only &&
	    plan_refuse_read_only(&dev->info, opts->strategies, plan,
				  nr_planned, err, sizeof(err))) {
		pb_error("%s: %s", opts->command, err);
		return EXIT_USAGE;
	}
	if (check_module_limits(opts, list, &dev->info))
		return EXIT_USAGE;
	status = choose_run_id_and_dir(opts, &rd);
	if (status != EXIT_OK)
		return status;
	if (check_samples_header(rd.samples) ||
	    next_iteration(rd.samples, &first_iteration))
		return EXIT_RUNTIME;
	note_unsupported(&dev->info, plan, nr_planned);
	if (mark_run_started(opts, &dev->info, command_line, &rd))
		return EXIT_RUNTIME;
	if (stop_signals_install()) {
		pb_error("%s: sigaction: %s", command_name, strerror(errno));
		return EXIT_RUNTIME;
	}

	sweep = (struct sweep){
		.opts = opts,
		.hooks = hooks,
		.dev = dev,
		.plan = plan,
		.nr_planned = nr_planned,
		.name_pin_method = nr_choices > 1,
		.items = list->items,
		.nr_items = list->count,
		.run_id = rd.run_id,
		.kernel = uname(&uts) ? "unknown" : uts.release,
		.samples_path = rd.samples,
		.first_iteration = first_iteration,
	};
	end = sweep_run(&sweep, &counts);
	if (finish_run_dir(&rd, end == SWEEP_DONE, &counts.calibration))
		end = SWEEP_FAILED;
	say_how_it_ended(end, &rd, &counts, opts->quiet);
	switch (end) {
	case SWEEP_DONE:
		return EXIT_OK;
	case SWEEP_CUT_SHORT:
		return EXIT_CUT_SHORT;
	default:
		return EXIT_RUNTIME;
	}
}

/*
 * --cpu: pin before any memory is built, so that the composition's pages
 * come from (and stay near) the CPU that measures. opts->cpu becomes the
 * CPU pinned to, or CPU_PIN_NONE. EXIT_OK or the exit status.
 */
static int pin_to_cpu(struct run_options *opts)
{
	char err[512];
	int cpu = opts->cpu, ret;

	if (cpu == CPU_PIN_NONE)
		return EXIT_OK;
	if (cpu == CPU_PIN_CURRENT) {
		cpu = cpu_current();
		if (cpu < 0) {
			pb_error("%s: sched_getcpu: %s (--cpu N or --cpu none)",
				 opts->command, strerror(errno));
			return EXIT_RUNTIME;
		}
	}
	ret = cpu_pin(cpu, err, sizeof(err));
	if (ret) {
		pb_error("%s: %s", opts->command, err);
		return ret == -1 ? EXIT_USAGE : EXIT_RUNTIME;
	}
	opts->cpu = cpu;
	return EXIT_OK;
}

int run_parsed(int argc, char **argv, struct run_options *opts,
	       const struct run_hooks *hooks)
{
	struct item_list list = { 0 };
	struct pinbench_device dev;
	char *command_line;
	int status;

	command_name = argv[0];
	status = pin_to_cpu(opts);
	if (status != EXIT_OK)
		goto out;
	status = plan_items(opts, &list);
	if (status != EXIT_OK)
		goto out;
	status = EXIT_RUNTIME;
	command_line = command_line_join("pinbench", argc, argv);
	if (!command_line) {
		pb_error("out of memory");
		goto out;
	}
	if (!device_open(&dev)) {
		status = run_with_device(opts, &list, &dev, command_line,
					 hooks);
		device_close(&dev);
	}
	free(command_line);
out:
	item_list_free(&list);
	return status;
}

/* argv[0] is "run" or "sweep": the options differ, nothing else. */
static int run_or_sweep(int argc, char **argv)
{
	struct run_options opts;
	int status;

	if (!run_options_parse(argc, argv, &opts, &status))
		status = run_parsed(argc, argv, &opts, NULL);
	run_options_free(&opts);
	return status;
}

int cmd_run(int argc, char **argv)
{
	return run_or_sweep(argc, argv);
}

int cmd_sweep(int argc, char **argv)
{
	return run_or_sweep(argc, argv);
}
