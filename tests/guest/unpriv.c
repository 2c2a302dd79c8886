// SPDX-License-Identifier: GPL-2.0
/*
 * pinbench-unpriv: what an unprivileged user gets from /dev/pinbench.
 * Drops to uid/gid 65534 (nobody) with no supplementary groups; a root
 * process that changes all its uids to non-zero loses every capability.
 *
 *   pinbench-unpriv open        open as nobody: prints "open: <errno>"
 *   pinbench-unpriv ioctl       open as root, drop, then INFO and RUN on
 *                               that fd: prints "info: <errno> run: <errno>"
 *   pinbench-unpriv exec CMD..  run CMD as nobody
 * Exit status 0 when the drop worked (whatever the device said), else 2.
 */
#define _GNU_SOURCE
#include <grp.h>
#include <sys/mman.h>
#include <sys/prctl.h>

#include "guest_device.h"

#define NOBODY 65534

static int drop_to_nobody(void)
{
	if (setgroups(0, NULL) || setresgid(NOBODY, NOBODY, NOBODY) ||
	    setresuid(NOBODY, NOBODY, NOBODY)) {
		perror("pinbench-unpriv: dropping to uid 65534");
		return -1;
	}
	/* a uid change that kept root's powers would prove nothing */
	if (!setresuid(0, 0, 0) || geteuid() != NOBODY) {
		fprintf(stderr, "pinbench-unpriv: still privileged after the drop\n");
		return -1;
	}
	return 0;
}

static int try_open(void)
{
	int fd;

	if (drop_to_nobody())
		return 2;
	fd = open(PINBENCH_DEVICE, O_RDWR);
	printf("open: %s\n", errno_name(fd < 0 ? errno : 0));
	return 0;
}

/* The capability check of the ioctl itself, past the one of open. */
static int try_ioctl(void)
{
	struct module_info info;	/* read as root */
	struct pinbench_info probe;	/* asked as nobody */
	struct pinbench_entry entry;
	struct pinbench_sample samples[1];
	struct pinbench_run run;
	long page = sysconf(_SC_PAGESIZE);
	char *range;
	int fd, err, info_err, entry_err, run_err;

	err = device_open_info(&fd, &info);
	if (err) {
		fprintf(stderr, "pinbench-unpriv: as root: %s\n",
			errno_name(err));
		return 2;
	}
	range = mmap(NULL, page, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (range == MAP_FAILED)
		return 2;
	if (drop_to_nobody())
		return 2;
	memset(&probe, 0, sizeof(probe));
	probe.abi_version = PINBENCH_ABI_VERSION;
	probe.struct_size = sizeof(probe);
	info_err = ioctl(fd, PINBENCH_IOCTL_INFO, &probe) ? errno : 0;
	memset(&entry, 0, sizeof(entry));
	entry.abi_version = PINBENCH_ABI_VERSION;
	entry.struct_size = sizeof(entry);
	entry_err = ioctl(fd, PINBENCH_IOCTL_ENTRY, &entry) ? errno : 0;
	valid_run(&run, &info, (uintptr_t)range, page, samples, 1);
	run_err = ioctl(fd, PINBENCH_IOCTL_RUN, &run) ? errno : 0;
	printf("info: %s ", errno_name(info_err));
	printf("entry: %s ", errno_name(entry_err));
	printf("run: %s\n", errno_name(run_err));
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "open"))
		return try_open();
	if (argc == 2 && !strcmp(argv[1], "ioctl"))
		return try_ioctl();
	if (argc > 2 && !strcmp(argv[1], "exec")) {
		if (drop_to_nobody())
			return 2;
		execvp(argv[2], argv + 2);
		perror(argv[2]);
		return 127;
	}
	fprintf(stderr, "usage: pinbench-unpriv open | ioctl | exec CMD [ARG]...\n");
	return 2;
}
