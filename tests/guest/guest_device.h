/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the reliability helpers share: open /dev/pinbench and ask INFO,
 * look pin methods and strategies up by name, a request that succeeds,
 * errno names for TAP lines. Header only, so each helper stays one file.
 */
#ifndef PINBENCH_GUEST_DEVICE_H
#define PINBENCH_GUEST_DEVICE_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <sched.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "lru_drain.h"
#include "pinbench_uapi.h"

/* "EFAULT", or "success" for 0, or "errno 1234" for the unknown. */
static inline const char *errno_name(int err)
{
	static char unknown[32];
	const char *name;

	if (!err)
		return "success";
	name = strerrorname_np(err);
	if (name)
		return name;
	snprintf(unknown, sizeof(unknown), "errno %d", err);
	return unknown;
}

/* 0 or the errno of the open / INFO; the fd in *fd. */
static inline int device_open_info(int *fd, struct pinbench_info *info)
{
	int err;

	*fd = open(PINBENCH_DEVICE, O_RDWR | O_CLOEXEC);
	if (*fd < 0)
		return errno;
	memset(info, 0, sizeof(*info));
	info->abi_version = PINBENCH_ABI_VERSION;
	info->struct_size = sizeof(*info);
	if (ioctl(*fd, PINBENCH_IOCTL_INFO, info)) {
		err = errno;
		close(*fd);
		*fd = -1;
		return err;
	}
	return 0;
}

static inline int info_strategy(const struct pinbench_info *info,
				const char *name)
{
	unsigned int i;

	for (i = 0; i < info->nr_strategies && i < PINBENCH_NR_STRATEGIES; i++)
		if (!strcmp(info->strategy_names[i], name))
			return (int)i;
	return -1;
}

static inline int info_pin_method(const struct pinbench_info *info,
				  const char *name)
{
	unsigned int i;

	for (i = 0; i < info->nr_pin_methods && i < PINBENCH_NR_PIN_METHODS;
	     i++)
		if (!strcmp(info->pin_method_names[i], name))
			return (int)i;
	return -1;
}

/* The fast pin method of the strategy's family (FOLL_PIN or FOLL_GET). */
static inline unsigned int fast_method_for(const struct pinbench_info *info,
					   unsigned int strategy)
{
	return info->foll_pin_strategy_mask & (1ULL << strategy) ?
	       PINBENCH_PIN_PIN_FAST : PINBENCH_PIN_GUP_FAST;
}

/* A request that pins [addr, addr + len) once, written back to samples. */
static inline void valid_run(struct pinbench_run *run, uintptr_t addr,
			     uint64_t len, struct pinbench_sample *samples,
			     uint32_t samples_cap)
{
	memset(run, 0, sizeof(*run));
	run->abi_version = PINBENCH_ABI_VERSION;
	run->struct_size = sizeof(*run);
	run->addr = addr;
	run->len = len;
	run->pin_method = PINBENCH_PIN_PIN_FAST;
	run->strategy = PINBENCH_REL_UNPIN_PAGES;
	run->flags = PINBENCH_F_WRITE;
	run->iterations = 1;
	run->samples = (uintptr_t)samples;
	run->samples_cap = samples_cap;
}

/*
 * Before a RUN with the reference oracle: drain this CPU's LRU batches
 * (bench/lru_drain.c, linked in) and stay on it for the RUN.
 */
static inline void drain_and_stay_on_this_cpu(void)
{
	int cpu = sched_getcpu();
	cpu_set_t set;

	CPU_ZERO(&set);
	if (cpu >= 0) {
		CPU_SET(cpu, &set);
		sched_setaffinity(0, sizeof(set), &set);
	}
	lru_drain_this_cpu();
}

/* 123, 4K, 2M, 1G (binary units); 0 on a malformed size. */
static inline uint64_t parse_size(const char *text)
{
	char *end;
	unsigned long long value = strtoull(text, &end, 0);

	switch (*end) {
	case 'K': case 'k':
		value <<= 10;
		end++;
		break;
	case 'M': case 'm':
		value <<= 20;
		end++;
		break;
	case 'G': case 'g':
		value <<= 30;
		end++;
		break;
	}
	return *end ? 0 : value;
}

#endif
