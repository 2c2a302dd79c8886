// SPDX-License-Identifier: GPL-2.0
/*
 * pinbench-deadline: run a command until a soft deadline of the guest's
 * uptime, then stop it the way a user would (SIGINT), so the results it
 * wrote survive a guest timeout: /init sends /results to the host after us,
 * well before vm-run.sh's hard kill of QEMU.
 *
 * The command runs in its own process group and we are its subreaper, so a
 * shell that dies of the SIGINT cannot leave a pinbench behind that is still
 * writing while /init packs /results: we return only once every descendant
 * is gone.
 *
 * usage: pinbench-deadline [--grace SECONDS] DEADLINE -- COMMAND [ARG]...
 *   DEADLINE  seconds of CLOCK_BOOTTIME (the guest's /proc/uptime) at which
 *             the command's process group gets SIGINT; --grace seconds later
 *             (default 30) whatever is left gets SIGKILL
 * exit status: the command's (128+N for signal N); 124 when the deadline
 * was reached; 125 for our own errors
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define EXIT_DEADLINE	124
#define EXIT_OWN_ERROR	125
#define STRAY_GRACE	5.0	/* for what the command left running */

static double uptime(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_BOOTTIME, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static bool parse_seconds(const char *text, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(text, &end);
	return !errno && end != text && !*end && *out >= 0 && *out < 1e9;
}

/*
 * Wait for a child until uptime reaches 'until' (or forever if until < 0).
 * Returns its pid, 0 on timeout, -1 with ECHILD when none is left.
 */
static pid_t wait_child_until(const sigset_t *sigchld, double until,
			      int *status)
{
	for (;;) {
		pid_t pid = waitpid(-1, status, WNOHANG);
		struct timespec ts;
		double left;

		if (pid != 0)
			return pid;
		if (until < 0) {
			sigwaitinfo(sigchld, NULL);
			continue;
		}
		left = until - uptime();
		if (left <= 0)
			return 0;
		ts.tv_sec = (time_t)left;
		ts.tv_nsec = (long)((left - ts.tv_sec) * 1e9);
		sigtimedwait(sigchld, NULL, &ts);
	}
}

/* Reap everything until no child is left, or until 'until'; false: some left. */
static bool reap_all_until(const sigset_t *sigchld, double until)
{
	int status;
	pid_t pid;

	while ((pid = wait_child_until(sigchld, until, &status)) > 0)
		;
	return pid < 0 && errno == ECHILD;
}

/* End what is left of the group: 'first' now, SIGKILL after 'grace'. */
static void end_group(pid_t pgid, const sigset_t *sigchld, int first,
		      double grace, const char *why)
{
	if (kill(-pgid, first) && errno == ESRCH) {
		reap_all_until(sigchld, uptime() + grace);
		return;
	}
	if (reap_all_until(sigchld, uptime() + grace))
		return;
	fprintf(stderr,
		"pinbench-deadline: %s: still running %.0f s after %s, sending SIGKILL\n",
		why, grace, strsignal(first));
	kill(-pgid, SIGKILL);
	reap_all_until(sigchld, -1);
}

static int exit_status_of(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return EXIT_OWN_ERROR;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: pinbench-deadline [--grace SECONDS] DEADLINE -- COMMAND [ARG]...\n"
		"  DEADLINE: guest uptime (seconds) at which COMMAND's process group\n"
		"  gets SIGINT; SIGKILL --grace seconds (default 30) later.\n"
		"  exit: COMMAND's status, 124 at the deadline, 125 own errors\n");
	exit(EXIT_OWN_ERROR);
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "grace", required_argument, NULL, 'g' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	double deadline, grace = 30, started = uptime();
	sigset_t sigchld;
	int opt, status;
	pid_t child, pid;

	while ((opt = getopt_long(argc, argv, "+", options, NULL)) != -1) {
		if (opt != 'g' || !parse_seconds(optarg, &grace))
			usage();
	}
	/* DEADLINE -- COMMAND: the "--" after DEADLINE is required. */
	if (argc - optind < 3 || !parse_seconds(argv[optind], &deadline) ||
	    strcmp(argv[optind + 1], "--"))
		usage();
	optind += 2;

	/* Orphans of the command become ours: we wait for all of them. */
	if (prctl(PR_SET_CHILD_SUBREAPER, 1)) {
		perror("pinbench-deadline: PR_SET_CHILD_SUBREAPER");
		return EXIT_OWN_ERROR;
	}
	sigemptyset(&sigchld);
	sigaddset(&sigchld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &sigchld, NULL);

	child = fork();
	if (child < 0) {
		perror("pinbench-deadline: fork");
		return EXIT_OWN_ERROR;
	}
	if (child == 0) {
		sigprocmask(SIG_UNBLOCK, &sigchld, NULL);
		/*
		 * The deadline is a SIGINT: started from a background job we
		 * got it ignored, and a shell cannot trap a signal ignored at
		 * its start, so the command would never see it.
		 */
		signal(SIGINT, SIG_DFL);
		setpgid(0, 0);
		execvp(argv[optind], argv + optind);
		fprintf(stderr, "pinbench-deadline: %s: %s\n", argv[optind],
			strerror(errno));
		_exit(127);
	}
	setpgid(child, child); /* as the child does: whichever runs first */

	while ((pid = wait_child_until(&sigchld, deadline, &status)) > 0 &&
	       pid != child)
		; /* an orphan of the command: reaped */
	if (pid == child) {
		/* Done in time; stop what it left running before /results is packed. */
		end_group(child, &sigchld, SIGTERM, STRAY_GRACE,
			  "processes the command left");
		return exit_status_of(status);
	}
	if (pid < 0) {
		perror("pinbench-deadline: waitpid");
		return EXIT_OWN_ERROR;
	}
	fprintf(stderr,
		"pinbench-deadline: soft deadline reached (guest uptime %.0f s, the command ran %.0f s): SIGINT to the command; what it wrote is kept\n",
		deadline, uptime() - started);
	end_group(child, &sigchld, SIGINT, grace, "soft deadline");
	return EXIT_DEADLINE;
}
