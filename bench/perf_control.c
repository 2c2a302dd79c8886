#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "perf_control.h"

/* perf answers within milliseconds; TCG and a busy host make it seconds */
#define ACK_TIMEOUT_MS 60000

int perf_find(char *perf, size_t len, char *err, size_t errlen)
{
	const char *given = getenv("PINBENCH_PERF"), *path = getenv("PATH");
	char *copy, *rest, *dir;

	if (given && *given) {
		snprintf(perf, len, "%s", given);
		if (strlen(given) < len && !access(perf, X_OK))
			return 0;
		snprintf(err, errlen, "PINBENCH_PERF=%s is not an executable",
			 given);
		return -1;
	}
	copy = strdup(path && *path ? path : "/usr/bin:/bin");
	for (rest = copy; copy && (dir = strsep(&rest, ":")) != NULL;) {
		struct stat st;

		if ((size_t)snprintf(perf, len, "%s/perf", *dir ? dir : ".") >=
		    len)
			continue;
		if (!stat(perf, &st) && S_ISREG(st.st_mode) &&
		    !access(perf, X_OK)) {
			free(copy);
			return 0;
		}
	}
	free(copy);
	snprintf(err, errlen, "perf not found on PATH (install linux-perf, or carry it into the guest with scripts/guest.sh --tool perf; PINBENCH_PERF=/path/to/perf names one)");
	return -1;
}

/* In the child: its descriptors set up, then argv; never returns. */
static void exec_child(char *const argv[], int out_fd, int err_fd,
		       const int *keep, size_t nr_keep)
{
	static const char failed[] = "pinbench: cannot exec perf\n";
	size_t i;

	for (i = 0; i < nr_keep; i++)
		fcntl(keep[i], F_SETFD, 0);	/* perf's ends: not CLOEXEC */
	if (out_fd < 0)
		out_fd = open("/dev/null", O_WRONLY);
	if (out_fd >= 0 && out_fd != STDOUT_FILENO)
		dup2(out_fd, STDOUT_FILENO);
	if (err_fd >= 0 && err_fd != STDERR_FILENO)
		dup2(err_fd, STDERR_FILENO);
	execv(argv[0], argv);
	if (write(STDERR_FILENO, failed, sizeof(failed) - 1) < 0)
		_exit(126);
	_exit(127);
}

/*
 * A child running argv with stdout on out_fd (-1: /dev/null), stderr on
 * err_fd (-1: ours). vfork, not fork: a fork would write-protect every
 * page of pinbench (copy on write), and its next writes, some inside a
 * sampled RUN (the samples the module copies out), would fault
 * (do_wp_page). The child only makes system calls until it execs.
 */
static pid_t spawn(char *const argv[], int out_fd, int err_fd,
		   const int *keep, size_t nr_keep)
{
	pid_t pid = vfork();

	if (!pid)
		exec_child(argv, out_fd, err_fd, keep, nr_keep);
	return pid;
}

/* "exit 1", "killed by signal 9" */
static void describe_status(int status, char *buf, size_t len)
{
	if (WIFEXITED(status))
		snprintf(buf, len, "exit %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, len, "killed by signal %d", WTERMSIG(status));
	else
		snprintf(buf, len, "status 0x%x", status);
}

static int wait_child(pid_t pid, int *status)
{
	while (waitpid(pid, status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return 0;
}

void perf_choose_event(const char *perf, char *event, size_t len)
{
	char out[] = "/tmp/pinbench-perf-probe-XXXXXX", line[256];
	char *argv[] = { (char *)perf, "stat", "-x,", "-e", "cycles", "-o",
			 out, "--", "true", NULL };
	bool counted = false;
	int fd = mkstemp(out), status;
	pid_t pid;
	FILE *f;

	snprintf(event, len, "cpu-clock");
	if (fd < 0)
		return;
	close(fd);
	pid = spawn(argv, -1, -1, NULL, 0);
	if (pid > 0 && !wait_child(pid, &status) && WIFEXITED(status) &&
	    !WEXITSTATUS(status) && (f = fopen(out, "r"))) {
		/* "12345,,cycles,..." counted; "<not supported>,,cycles" not */
		while (fgets(line, sizeof(line), f))
			if (isdigit((unsigned char)line[0]) &&
			    strstr(line, ",cycles") && strtoull(line, NULL, 10))
				counted = true;
		fclose(f);
	}
	unlink(out);
	if (counted)
		snprintf(event, len, "cycles");
}

/* Reads perf's "ack\n" to the command just written. */
static int read_ack(struct perf_session *s, const char *cmd, char *err,
		    size_t errlen)
{
	struct pollfd pfd = { .fd = s->ack, .events = POLLIN };
	char buf[16];
	ssize_t n;
	int ret;

	do
		ret = poll(&pfd, 1, ACK_TIMEOUT_MS);
	while (ret < 0 && errno == EINTR);
	if (ret == 0) {
		snprintf(err, errlen, "perf did not acknowledge '%s' within %d s",
			 cmd, ACK_TIMEOUT_MS / 1000);
		return -1;
	}
	n = ret < 0 ? -1 : read(s->ack, buf, sizeof(buf) - 1);
	if (n <= 0) {
		snprintf(err, errlen, "perf record ended before acknowledging '%s' (its messages: %s)",
			 cmd, s->log ? s->log : "above");
		return -1;
	}
	buf[n] = '\0';
	if (strcmp(buf, "ack\n")) {
		snprintf(err, errlen, "perf answered '%s' with '%.*s', not ack",
			 cmd, (int)strcspn(buf, "\n"), buf);
		return -1;
	}
	return 0;
}

static int command(struct perf_session *s, const char *cmd, char *err,
		   size_t errlen)
{
	char line[32];
	size_t len = (size_t)snprintf(line, sizeof(line), "%s\n", cmd);

	if (write(s->ctl, line, len) != (ssize_t)len) {
		snprintf(err, errlen, "writing '%s' to perf's control fd: %s",
			 cmd, strerror(errno));
		return -1;
	}
	return read_ack(s, cmd, err, errlen);
}

/* Ends perf however it is (after a failure): no child left behind. */
static void session_kill(struct perf_session *s)
{
	int status;

	if (s->pid > 0) {
		kill(s->pid, SIGTERM);
		wait_child(s->pid, &status);
	}
	s->pid = 0;
	if (s->ctl >= 0)
		close(s->ctl);
	if (s->ack >= 0)
		close(s->ack);
	s->ctl = s->ack = -1;
}

int perf_session_start(struct perf_session *s, const char *data_path,
		       const char *log_path, char *err, size_t errlen)
{
	int ctl[2] = { -1, -1 }, ack[2] = { -1, -1 }, log;
	char control[64], pid[32];
	char *argv[] = { s->perf, "record", "-e", s->event, "-p", pid,
			 "-D", "-1", "--control", control, "-o",
			 (char *)data_path, NULL };

	s->pid = 0;
	s->ctl = s->ack = -1;
	s->enabled = false;
	/* perf gone, a write to its pipe must fail, not kill pinbench */
	signal(SIGPIPE, SIG_IGN);
	if (pipe2(ctl, O_CLOEXEC) || pipe2(ack, O_CLOEXEC)) {
		snprintf(err, errlen, "pipe: %s", strerror(errno));
		goto fail;
	}
	snprintf(pid, sizeof(pid), "%ld", (long)getpid());
	snprintf(control, sizeof(control), "fd:%d,%d", ctl[0], ack[1]);
	log = open(log_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (log < 0) {
		snprintf(err, errlen, "%s: %s", log_path, strerror(errno));
		goto fail;
	}
	s->log = log_path;
	s->pid = spawn(argv, -1, log, (int[]){ ctl[0], ack[1] }, 2);
	close(log);
	if (s->pid < 0) {
		snprintf(err, errlen, "fork: %s", strerror(errno));
		s->pid = 0;
		goto fail;
	}
	close(ctl[0]);
	close(ack[1]);
	s->ctl = ctl[1];
	s->ack = ack[0];
	/* perf reads its control fd once its events are open: ready then */
	if (command(s, "ping", err, errlen)) {
		session_kill(s);
		return -1;
	}
	return 0;
fail:
	for (int i = 0; i < 2; i++) {
		if (ctl[i] >= 0)
			close(ctl[i]);
		if (ack[i] >= 0)
			close(ack[i]);
	}
	return -1;
}

int perf_session_set(struct perf_session *s, bool enable, char *err,
		     size_t errlen)
{
	if (command(s, enable ? "enable" : "disable", err, errlen))
		return -1;
	s->enabled = enable;
	return 0;
}

int perf_session_stop(struct perf_session *s, char *err, size_t errlen)
{
	char how[64];
	int status;

	if (!s->pid) {
		snprintf(err, errlen, "perf record is not running");
		return -1;
	}
	if (command(s, "stop", err, errlen)) {
		session_kill(s);
		return -1;
	}
	close(s->ctl);
	close(s->ack);
	s->ctl = s->ack = -1;
	if (wait_child(s->pid, &status)) {
		snprintf(err, errlen, "waitpid: %s", strerror(errno));
		s->pid = 0;
		return -1;
	}
	s->pid = 0;
	if (WIFEXITED(status) && !WEXITSTATUS(status))
		return 0;
	describe_status(status, how, sizeof(how));
	snprintf(err, errlen, "perf record failed (%s; its messages: %s)",
		 how, s->log);
	return -1;
}

int perf_report_run(const char *perf, const char *data_path, int out_fd,
		    char *err, size_t errlen)
{
	char *argv[] = { (char *)perf, "report", "-i", (char *)data_path,
			 "--stdio", "--no-children", "--sort", "symbol",
			 "-g", "none", "--percent-limit", "0", NULL };
	char how[64];
	int status;
	pid_t pid = spawn(argv, out_fd, -1, NULL, 0);

	if (pid < 0 || wait_child(pid, &status)) {
		snprintf(err, errlen, "perf report: %s", strerror(errno));
		return -1;
	}
	if (WIFEXITED(status) && !WEXITSTATUS(status))
		return 0;
	describe_status(status, how, sizeof(how));
	snprintf(err, errlen, "perf report -i %s failed (%s)", data_path, how);
	return -1;
}
