// SPDX-License-Identifier: GPL-2.0
/*
 * pinbench-hold: hold /dev/pinbench open until SIGUSR1, then use the held
 * descriptor (INFO, then a one-page RUN). The battery tries rmmod while
 * it waits: refused, the holder must still work afterwards.
 * Prints "ready" once open, then "after: info <errno> run <errno>".
 * Exit status 0 when both worked, 1 when not, 2 on setup failure.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/mman.h>

#include "guest_device.h"

int main(void)
{
	struct pinbench_sample samples[1];
	struct module_info info;	/* before */
	struct pinbench_info probe;	/* after the signal */
	struct pinbench_run run;
	long page = sysconf(_SC_PAGESIZE);
	int fd, err, info_err, run_err, sig;
	sigset_t usr1;
	char *range;

	setvbuf(stdout, NULL, _IOLBF, 0);
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	range = mmap(NULL, page, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	err = device_open_info(&fd, &info);
	if (err || range == MAP_FAILED) {
		fprintf(stderr, "pinbench-hold: %s: %s\n", PINBENCH_DEVICE,
			errno_name(err));
		return 2;
	}
	printf("ready\n");
	if (sigwait(&usr1, &sig))
		return 2;

	memset(&probe, 0, sizeof(probe));
	probe.abi_version = PINBENCH_ABI_VERSION;
	probe.struct_size = sizeof(probe);
	info_err = ioctl(fd, PINBENCH_IOCTL_INFO, &probe) ? errno : 0;
	valid_run(&run, &info, (uintptr_t)range, page, samples, 1);
	run_err = ioctl(fd, PINBENCH_IOCTL_RUN, &run) ? errno : 0;
	printf("after: info %s ", errno_name(info_err));
	printf("run %s\n", errno_name(run_err));
	return info_err || run_err || run.pages != 1 ? 1 : 0;
}
