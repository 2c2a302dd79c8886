/*
 * pinbench profile: one (composition, size, strategy) run under
 * `perf record`, sampling only while a RUN ioctl executes (run hooks turn
 * perf's events on and off through its control fd), never while memory is
 * built, rows written or summaries computed. Leaves DIR/perf.data and
 * DIR/profile-<composition>-<size>-<strategy>.txt, the text of `perf report
 * --stdio --no-children --sort symbol -g none --percent-limit 0`, made here
 * because symbols resolve against this kernel's /proc/kallsyms. The table
 * of top symbols is made from that text on the host (pinbench report):
 * the guest binary stays bench/ only.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic_file.h"
#include "commands.h"
#include "exit_codes.h"
#include "messages.h"
#include "paths.h"
#include "perf_control.h"
#include "run_command.h"

/* $PINBENCH_KPTR_RESTRICT: another file in its place (the host tests) */
#define KPTR_RESTRICT "/proc/sys/kernel/kptr_restrict"

static const char *kptr_restrict_path(void)
{
	const char *path = getenv("PINBENCH_KPTR_RESTRICT");

	return path && *path ? path : KPTR_RESTRICT;
}

struct profile {
	struct perf_session perf;
	char data_tmp[2100];	/* perf.data while perf writes it */
	char data[2100];	/* DIR/perf.data */
	char text[2300];	/* DIR/profile-...txt */
	char log[2100];		/* DIR/perf-record.log: perf's messages */
	char kptr_saved[16];	/* "" : left as it was */
	int runs;		/* RUN ioctls sampled */
};

/* perf's events on (before a RUN) or off (after it); -1 said */
static int set_sampling(struct profile *pr, bool on)
{
	char err[512];

	if (perf_session_set(&pr->perf, on, err, sizeof(err))) {
		pb_error("profile: %s", err);
		return -1;
	}
	pr->runs += on;
	return 0;
}

static int before_run(void *ctx)
{
	return set_sampling(ctx, true);
}

static int after_run(void *ctx)
{
	return set_sampling(ctx, false);
}

/*
 * kptr_restrict 0 while perf runs and reports (as root): kernel symbols
 * from /proc/kallsyms, not 0x0000... addresses. Put back afterwards.
 */
static void open_kallsyms(struct profile *pr)
{
	FILE *f;

	pr->kptr_saved[0] = '\0';
	if (geteuid())
		return;
	f = fopen(kptr_restrict_path(), "r");
	if (!f)
		return;
	if (!fgets(pr->kptr_saved, sizeof(pr->kptr_saved), f) ||
	    !strcmp(pr->kptr_saved, "0\n"))
		pr->kptr_saved[0] = '\0';
	fclose(f);
	if (!pr->kptr_saved[0])
		return;
	f = fopen(kptr_restrict_path(), "w");
	if (!f || fputs("0\n", f) < 0 || fclose(f)) {
		pb_warning("profile: cannot set %s to 0: kernel symbols may not resolve",
			   kptr_restrict_path());
		pr->kptr_saved[0] = '\0';
	}
}

static void restore_kallsyms(const struct profile *pr)
{
	FILE *f;

	if (!pr->kptr_saved[0])
		return;
	f = fopen(kptr_restrict_path(), "w");
	if (!f || fputs(pr->kptr_saved, f) < 0 || fclose(f))
		pb_warning("profile: cannot put %s back to %s",
			   kptr_restrict_path(), pr->kptr_saved);
}

/* One case: --composition C --size S --strategy X, --out DIR. */
static int check_one_case(const struct run_options *opts)
{
	size_t nr_sizes;

	run_options_sizes(opts, 0, &nr_sizes);
	if (opts->nr_compositions != 1 || nr_sizes != 1 ||
	    !strcmp(opts->strategies, "all") || strchr(opts->strategies, ',')) {
		pb_error("profile: one case: --composition C --size S --strategy X (not lists, not all)");
		return -1;
	}
	if (!opts->out_dir) {
		pb_error("profile: --out DIR is needed (perf.data and the profile text go there)");
		return -1;
	}
	return 0;
}

static int set_paths(struct profile *pr, const struct run_options *opts)
{
	const uint64_t *sizes;
	char name[256];
	size_t n;

	sizes = run_options_sizes(opts, 0, &n);
	if (profile_file_name(name, sizeof(name), opts->compositions[0]->name,
			      sizes[0], opts->strategies) ||
	    path_join(pr->data, sizeof(pr->data), opts->out_dir, "perf.data") ||
	    path_join(pr->log, sizeof(pr->log), opts->out_dir,
		      "perf-record.log") ||
	    path_join(pr->text, sizeof(pr->text), opts->out_dir, name) ||
	    (size_t)snprintf(pr->data_tmp, sizeof(pr->data_tmp), "%s.tmp.%ld",
			     pr->data, (long)getpid()) >= sizeof(pr->data_tmp)) {
		pb_error("profile: --out %s: name too long", opts->out_dir);
		return -1;
	}
	return 0;
}

struct report_ctx {
	const struct profile *pr;
	char err[512];
};

static int write_report(FILE *f, void *ctx)
{
	struct report_ctx *rc = ctx;

	if (fflush(f))
		return -1;
	return perf_report_run(rc->pr->perf.perf, rc->pr->data_tmp, fileno(f),
			       rc->err, sizeof(rc->err));
}

/* perf stopped, its report written, then perf.data renamed: all or none. */
static int finish_profile(struct profile *pr)
{
	struct report_ctx rc = { .pr = pr };
	char err[512];

	if (perf_session_stop(&pr->perf, err, sizeof(err))) {
		pb_error("profile: %s", err);
		return -1;
	}
	if (atomic_write_file(pr->text, write_report, &rc)) {
		pb_error("profile: %s", rc.err[0] ? rc.err : strerror(errno));
		return -1;
	}
	if (rename(pr->data_tmp, pr->data)) {
		pb_error("profile: renaming %s: %s", pr->data_tmp,
			 strerror(errno));
		unlink(pr->text);
		return -1;
	}
	pb_note("profile: %d RUN ioctls sampled (%s): %s, %s", pr->runs,
		pr->perf.event, pr->text, pr->data);
	return 0;
}

int cmd_profile(int argc, char **argv)
{
	struct profile pr = { .perf = { .ctl = -1, .ack = -1 } };
	struct run_hooks hooks = { before_run, after_run, &pr };
	struct run_options opts;
	char err[512];
	int status;

	if (run_options_parse(argc, argv, &opts, &status))
		goto out;
	status = EXIT_USAGE;
	if (check_one_case(&opts) || set_paths(&pr, &opts))
		goto out;
	status = EXIT_RUNTIME;
	if (perf_find(pr.perf.perf, sizeof(pr.perf.perf), err, sizeof(err))) {
		pb_error("profile: %s", err);
		goto out;
	}
	perf_choose_event(pr.perf.perf, pr.perf.event, sizeof(pr.perf.event));
	if (mkdir_parents(opts.out_dir, 0755)) {
		pb_error("profile: creating %s: %s", opts.out_dir,
			 strerror(errno));
		goto out;
	}
	open_kallsyms(&pr);
	/*
	 * perf forks before any memory is built: a fork after would leave
	 * the composition's pages write-protected (COW), and the first pin
	 * for write would fault them back (do_wp_page) inside a RUN.
	 */
	if (perf_session_start(&pr.perf, pr.data_tmp, pr.log, err,
			       sizeof(err))) {
		pb_error("profile: %s", err);
		restore_kallsyms(&pr);
		unlink(pr.data_tmp);
		goto out;
	}
	status = run_parsed(argc, argv, &opts, &hooks);
	if (status == EXIT_OK && !pr.runs) {
		pb_error("profile: no RUN ioctl was issued: nothing sampled");
		status = EXIT_RUNTIME;
	}
	if (status == EXIT_OK && finish_profile(&pr))
		status = EXIT_RUNTIME;
	if (pr.perf.pid)	/* the run failed: perf's file is not kept */
		perf_session_stop(&pr.perf, err, sizeof(err));
	restore_kallsyms(&pr);
	if (status != EXIT_OK)
		unlink(pr.data_tmp);
out:
	run_options_free(&opts);
	return status;
}
