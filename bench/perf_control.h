/*
 * perf record as a child of pinbench, sampling pinbench itself, its
 * events enabled only on request through perf's control channel
 * (`perf record --control fd:CTL,ACK -D -1`: "enable\n" / "disable\n"
 * written to CTL, "ack\n" read back from ACK once perf has done it).
 */
#ifndef PINBENCH_PERF_CONTROL_H
#define PINBENCH_PERF_CONTROL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct perf_session {
	pid_t pid;		/* perf record; 0: not running */
	int ctl, ack;		/* our ends of the two pipes */
	bool enabled;
	char perf[1024];	/* the perf binary run */
	char event[32];		/* "cycles" or "cpu-clock" */
	const char *log;	/* perf record's stderr */
};

/*
 * The perf binary: $PINBENCH_PERF, else "perf" on PATH, into perf. 0, or
 * -1 with err filled (not found, not executable).
 */
int perf_find(char *perf, size_t len, char *err, size_t errlen);

/*
 * The event to sample, by trying: "cycles" when `perf stat -e cycles`
 * counts it here (a PMU), else "cpu-clock" (TCG, most VMs).
 */
void perf_choose_event(const char *perf, char *event, size_t len);

/*
 * Starts `perf record -e EVENT -p <this pid> -D -1 --control fd:..,..
 * -o data_path` with its events disabled, its messages (one per enable
 * and disable) into log_path; waits until perf answers. 0, or -1 with err
 * filled (nothing left running).
 */
int perf_session_start(struct perf_session *s, const char *data_path,
		       const char *log_path, char *err, size_t errlen);

/* enable (true) or disable (false) sampling; returns once perf acked. */
int perf_session_set(struct perf_session *s, bool enable, char *err,
		     size_t errlen);

/* Asks perf to stop and waits for it: 0 when perf wrote its file. */
int perf_session_stop(struct perf_session *s, char *err, size_t errlen);

/*
 * `perf report -i data_path --stdio --no-children --sort symbol -g none
 * --percent-limit 0` with its output on fd out_fd: 0, or -1 with err.
 */
int perf_report_run(const char *perf, const char *data_path, int out_fd,
		    char *err, size_t errlen);

#endif
