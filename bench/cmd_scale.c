/*
 * pinbench scale: the release cost as threads are added, per placement
 * mode. Everything that can be refused is refused before anything is
 * built or pinned (options, nodes, CPUs, compositions, the module's
 * limits); then each case: its ranges built under a memory policy bound
 * to their node, placement asked of the kernel, the threads run
 * (scale_threads.c), placement asked again; the files rewritten after
 * every case (scale_files.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "device.h"
#include "exit_codes.h"
#include "messages.h"
#include "meta.h"
#include "numa_place.h"
#include "paths.h"
#include "run_plan.h"
#include "scale_files.h"
#include "scale_options.h"
#include "scale_threads.h"
#include "sizes.h"
#include "stop_signals.h"

struct scale_state {
	struct scale_options opts;
	struct numa_topo topo;
	struct pinbench_device dev;
	unsigned int strategies[CATALOG_MAX], methods[CATALOG_MAX];
	size_t nr_strategies;
	struct scale_case *cases;
	size_t nr_cases;
	char dir[2048], run_id[160], kernel[80];
	char *command_line;
};

/* The strategies asked that this kernel has; the others said and skipped. */
static int pick_strategies(struct scale_state *st)
{
	const struct module_info *info = &st->dev.info;
	char *copy = strdup(st->opts.strategies), *save = NULL, *tok, err[512];

	if (!copy)
		return -1;
	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		int s = info_find_strategy(info, tok);
		unsigned int m, i;

		for (i = 0; s >= 0 && i < st->nr_strategies; i++)
			if (st->strategies[i] == (unsigned int)s)
				break;
		if (s >= 0 && i < st->nr_strategies) {
			pb_error("scale: --strategies names %s twice", tok);
			free(copy);
			return -1;
		}
		if (s < 0 || !info_strategy_supported(info, (unsigned int)s)) {
			pb_note("scale: strategy %s: %s: skipped", tok, s < 0 ?
				"the module has none of this name" :
				"not supported by this kernel");
			continue;
		}
		if (st->opts.read_only &&
		    info_read_only_refusal(info, (unsigned int)s)) {
			pb_note("scale: strategy %s needs write pins (--read-only): skipped",
				tok);
			continue;
		}
		if (pin_method_for_strategy(info, st->opts.pin_method,
					    (unsigned int)s, &m, err,
					    sizeof(err))) {
			pb_error("scale: %s", err);
			free(copy);
			return -1;
		}
		st->strategies[st->nr_strategies] = (unsigned int)s;
		st->methods[st->nr_strategies++] = m;
	}
	free(copy);
	if (!st->nr_strategies) {
		pb_error("scale: none of --strategies %s is measurable here",
			 st->opts.strategies);
		return -1;
	}
	return 0;
}

static int check_machine(struct scale_state *st)
{
	const struct pinbench_info *abi = &st->dev.info.abi;
	uint64_t pages = st->opts.size / abi->page_size;
	char why[1024];
	size_t c;

	for (c = 0; c < st->opts.nr_comps; c++)
		if (composition_available(st->opts.comps[c], st->opts.size,
					  why, sizeof(why))) {
			pb_error("scale: %s unsupported here: %s",
				 st->opts.comps[c]->name, why);
			return -1;
		}
	if (st->opts.size % abi->page_size || pages > abi->max_pinned_pages) {
		pb_error("scale: --size: %llu pages per thread, the module takes multiples of the page up to max_pinned_pages %llu",
			 (unsigned long long)pages,
			 (unsigned long long)abi->max_pinned_pages);
		return -1;
	}
	return 0;
}

static int choose_dir(struct scale_state *st)
{
	struct utsname uts;
	time_t now = time(NULL);
	struct tm tm;
	char date[32];

	snprintf(st->kernel, sizeof(st->kernel), "%s",
		 uname(&uts) ? "unknown" : uts.release);
	strftime(date, sizeof(date), "%Y%m%d-%H%M%S", gmtime_r(&now, &tm));
	if (st->opts.run_id)
		snprintf(st->run_id, sizeof(st->run_id), "%s", st->opts.run_id);
	else
		snprintf(st->run_id, sizeof(st->run_id), "%s-%s-scale", date,
			 st->kernel);
	if (st->opts.out_dir && (!*st->opts.out_dir ||
				 strlen(st->opts.out_dir) >= sizeof(st->dir))) {
		pb_error("scale: --out: empty or too long");
		return -1;
	}
	if (st->opts.out_dir)
		snprintf(st->dir, sizeof(st->dir), "%s", st->opts.out_dir);
	else
		snprintf(st->dir, sizeof(st->dir), "results/%s", st->run_id);
	if (mkdir_parents(st->dir, 0755)) {
		pb_error("scale: creating %s: %s", st->dir, strerror(errno));
		return -1;
	}
	return 0;
}

/* Builds a range with the building thread's memory bound to node. */
static int build_on(struct scale_state *st, struct composition *comp,
		    int node, struct region *r)
{
	char err[1024];
	int ret;

	numa_bind_begin(&st->topo, node);
	ret = composition_build(comp, r, st->opts.size, err, sizeof(err));
	numa_bind_end(&st->topo);
	if (ret)
		pb_error("scale: building %s on node %d: %s", comp->name,
			 node, err);
	return ret;
}

static int placement(const struct scale_state *st, const struct region *r,
		     struct scale_thread_result *th, struct scale_case *c)
{
	char why[256];
	int ok = numa_pages_on_node(r->addr, r->len,
				    st->dev.info.abi.page_size,
				    th->place.mem_node, &th->mem_seen, why,
				    sizeof(why));

	if (ok < 0)
		snprintf(c->note, sizeof(c->note), "%s", why);
	return ok;
}

/* Builds, checks, runs and tears down one case. -1: stop everything. */
static int measure_case(struct scale_state *st, struct composition *comp,
			size_t s, struct scale_case *c)
{
	unsigned int t, nr = c->mode == SCALE_SHARED ? 1 : c->threads;
	struct region *regions = calloc(nr, sizeof(*regions));
	struct region **per_thread = calloc(c->threads, sizeof(*per_thread));
	struct scale_job job = {
		.opts = &st->opts,
		.max_iterations = st->dev.info.abi.max_iterations,
		.strategy = st->strategies[s],
		.pin_method = st->methods[s],
		.flags = st->opts.read_only ? 0 : PINBENCH_F_WRITE,
		.c = c,
	};
	char err[512];
	unsigned int built = 0;
	int ret = -1;

	if (!regions || !per_thread)
		goto out;
	for (built = 0; built < nr; built++)
		if (build_on(st, comp, c->th[built].place.mem_node,
			     &regions[built]))
			goto out;
	for (t = 0; t < c->threads; t++) {
		per_thread[t] = &regions[nr == 1 ? 0 : t];
		c->th[t].mem_before = placement(st, per_thread[t], &c->th[t],
						c);
	}
	job.regions = per_thread;
	if (scale_run_case(&job, err, sizeof(err))) {
		pb_error("scale: %s", err);
		goto out;
	}
	for (t = 0; t < c->threads; t++)
		c->th[t].mem_after = placement(st, per_thread[t], &c->th[t], c);
	ret = 0;
out:
	while (built > 0)
		composition_teardown(comp, &regions[--built]);
	free(regions);
	free(per_thread);
	return ret;
}

static struct scale_case *new_case(struct scale_state *st)
{
	struct scale_case *cases = realloc(st->cases, (st->nr_cases + 1) *
					   sizeof(*cases));

	if (!cases)
		return NULL;
	st->cases = cases;
	memset(&cases[st->nr_cases], 0, sizeof(*cases));
	return &cases[st->nr_cases++];
}

static int write_files(const struct scale_state *st, bool with_samples)
{
	const char *accel = getenv("PINBENCH_ACCEL");
	struct scale_output out = {
		.run_id = st->run_id, .kernel = st->kernel,
		/* the guest's boot says (initramfs-init.sh); a plain word */
		.accel = accel && *accel && strlen(accel) < 16 &&
			 strspn(accel, "abcdefghijklmnopqrstuvwxyz") ==
			 strlen(accel) ? accel : "native",
		.command_line = st->command_line, .cases = st->cases,
		.nr_cases = st->nr_cases, .nr_nodes = st->topo.nr_nodes,
		.nr_cpus = st->topo.nr_cpus,
		.with_samples = with_samples,
	};
	char err[4200];

	if (scale_files_write(st->dir, &out, err, sizeof(err))) {
		pb_error("scale: %s", err);
		return -1;
	}
	return 0;
}

static int one_case(struct scale_state *st, enum scale_mode mode,
		    size_t comp, size_t s, unsigned int threads)
{
	const struct module_info *info = &st->dev.info;
	struct scale_case *c = new_case(st);
	unsigned int t;

	if (!c)
		return -1;
	c->mode = mode;
	c->composition = st->opts.comps[comp]->name;
	c->size = st->opts.size;
	c->strategy = info_strategy_name(info, st->strategies[s]);
	c->pin_method = info_pin_method_name(info, st->methods[s]);
	c->threads = threads;
	c->th = calloc(threads, sizeof(*c->th));
	if (!c->th)
		return -1;
	{
		struct scale_place places[SCALE_MAX_THREADS];

		if (scale_place_threads(&st->opts, &st->topo, mode, threads,
					places, c->unavailable,
					sizeof(c->unavailable))) {
			pb_note("scale: %s, %u threads: unavailable: %s",
				scale_mode_names[mode], threads,
				c->unavailable);
			return 0;
		}
		for (t = 0; t < threads; t++)
			c->th[t].place = places[t];
	}
	if (!st->opts.quiet)
		pb_note("scale: %s %s %s %u thread%s", scale_mode_names[mode],
			c->composition, c->strategy, threads,
			threads == 1 ? "" : "s");
	return measure_case(st, st->opts.comps[comp], s, c);
}

static int run_all(struct scale_state *st)
{
	size_t c, s, l;
	int mode;

	for (mode = 0; mode < NR_SCALE_MODES; mode++)
		for (c = 0; st->opts.modes[mode] && c < st->opts.nr_comps; c++)
			for (s = 0; s < st->nr_strategies; s++)
				for (l = 0; l < st->opts.nr_ladder; l++) {
					if (stop_requested)
						return EXIT_CUT_SHORT;
					if (one_case(st, (enum scale_mode)mode,
						     c, s, st->opts.ladder[l]) ||
					    write_files(st, false))
						return EXIT_RUNTIME;
				}
	return EXIT_OK;
}

/*
 * --abandon-kept (tests): one KEEP RUN of remote-release's pinning half,
 * then exit without the releasing half: closing the descriptor (the
 * process's end) must give every pin back.
 */
static int abandon_kept(struct scale_state *st)
{
	struct pinbench_sample sample;
	struct pinbench_run run = { 0 };
	struct region r;
	int err;

	if (build_on(st, st->opts.comps[0], st->topo.cpu_node[0], &r))
		return EXIT_RUNTIME;
	run.addr = (uintptr_t)r.addr;
	run.len = r.len;
	run.pin_method = st->methods[0];
	run.strategy = st->strategies[0];
	run.flags = PINBENCH_F_KEEP_PINS |
		    (st->opts.read_only ? 0 : PINBENCH_F_WRITE);
	run.iterations = 1;
	run.samples = (uintptr_t)&sample;
	run.samples_cap = 1;
	err = device_run(&st->dev, &run);
	if (err) {
		pb_error("scale: --abandon-kept: RUN: %s", strerror(err));
		return EXIT_RUNTIME;
	}
	printf("kept %llu pages; exiting without releasing them\n",
	       (unsigned long long)run.pages);
	fflush(stdout);
	_exit(EXIT_OK);	/* no close by us: the exit's close releases */
}

static int scale_with_device(struct scale_state *st)
{
	int status;

	if (pick_strategies(st) || check_machine(st))
		return EXIT_USAGE;
	if (st->opts.abandon_kept)
		return abandon_kept(st);
	if (choose_dir(st))
		return EXIT_USAGE;
	if (stop_signals_install()) {
		pb_error("scale: sigaction: %s", strerror(errno));
		return EXIT_RUNTIME;
	}
	status = run_all(st);
	if (write_files(st, true))
		status = EXIT_RUNTIME;
	if (!st->opts.quiet && status != EXIT_RUNTIME)
		pb_note("scale: %zu cases: %s/{scale.csv,scale-samples.csv,scale-summary.csv,scale-report.txt}",
			st->nr_cases, st->dir);
	return status;
}

int cmd_scale(int argc, char **argv)
{
	struct scale_state *st = calloc(1, sizeof(*st));
	int status = EXIT_RUNTIME;
	size_t i;

	if (!st) {
		pb_error("out of memory");
		return EXIT_RUNTIME;
	}
	if (scale_options_parse(argc, argv, &st->opts, &status))
		goto out;
	numa_topo_read(&st->topo);
	status = EXIT_USAGE;
	if (scale_options_check(&st->opts, &st->topo))
		goto out;
	status = EXIT_RUNTIME;
	st->command_line = command_line_join("pinbench", argc, argv);
	if (!st->command_line || device_open(&st->dev))
		goto out;
	status = scale_with_device(st);
	device_close(&st->dev);
out:
	for (i = 0; i < st->nr_cases; i++)
		scale_case_free(&st->cases[i]);
	free(st->cases);
	free(st->command_line);
	scale_options_free(&st->opts);
	free(st);
	return status;
}
