/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the reliability helpers share: open /dev/pinbench and read INFO
 * and the catalogue, look pin methods and strategies up by name, a request that succeeds,
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
#include "module_info.h"
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

static inline int guest_ioctl(void *ctx, unsigned long request, void *arg)
{
	return ioctl(*(int *)ctx, request, arg) ? errno : 0;
}

/*
 * 0 or the errno of the open / INFO / ENTRY (bench/module_info.c, linked
 * in, reads the catalogue); the fd in *fd.
 */
static inline int device_open_info(int *fd, struct module_info *info)
{
	const char *failed;
	char msg[256];
	int err;

	*fd = open(PINBENCH_DEVICE, O_RDWR | O_CLOEXEC);
	if (*fd < 0)
		return errno;
	if (module_info_read(info, guest_ioctl, fd, &failed, &err, msg,
			     sizeof(msg))) {
		if (!err) {
			fprintf(stderr, "%s: %s\n", failed, msg);
			err = EPROTO;
		}
		close(*fd);
		*fd = -1;
		return err;
	}
	return 0;
}

/* The catalogue index of a name the test needs; exit 2 if missing. */
static inline unsigned int must_strategy(const struct module_info *info,
					 const char *name)
{
	int i = info_find_strategy(info, name);

	if (i < 0) {
		fprintf(stderr, "the module has no strategy %s\n", name);
		exit(2);
	}
	return (unsigned int)i;
}

static inline unsigned int must_pin_method(const struct module_info *info,
					   const char *name)
{
	int i = info_find_pin_method(info, name);

	if (i < 0) {
		fprintf(stderr, "the module has no pin method %s\n", name);
		exit(2);
	}
	return (unsigned int)i;
}

/* The fast pin method of the strategy's family (FOLL_PIN or FOLL_GET). */
static inline unsigned int fast_method_for(const struct module_info *info,
					   unsigned int strategy)
{
	int m = info_method_for_mode(info,
				     info_strategy_foll_pin(info, strategy),
				     PINBENCH_ROLE_MODE_FAST);

	if (m < 0) {
		fprintf(stderr, "the module has no fast pin method for %s\n",
			info_strategy_name(info, strategy));
		exit(2);
	}
	return (unsigned int)m;
}

/* A random method of the strategy's FOLL family, r picking among them. */
static inline unsigned int family_method(const struct module_info *info,
					 unsigned int strategy, unsigned int r)
{
	bool foll_pin = info_strategy_foll_pin(info, strategy);
	unsigned int i, n = 0;

	for (i = 0; i < info_nr_pin_methods(info); i++)
		n += info_pin_method_foll_pin(info, i) == foll_pin;
	if (!n)
		return fast_method_for(info, strategy);
	r %= n;
	for (i = 0; i < info_nr_pin_methods(info); i++)
		if (info_pin_method_foll_pin(info, i) == foll_pin && !r--)
			break;
	return i;
}

/* A request that pins [addr, addr + len) once, written back to samples. */
static inline void valid_run(struct pinbench_run *run,
			     const struct module_info *info, uintptr_t addr,
			     uint64_t len, struct pinbench_sample *samples,
			     uint32_t samples_cap)
{
	memset(run, 0, sizeof(*run));
	run->abi_version = PINBENCH_ABI_VERSION;
	run->struct_size = sizeof(*run);
	run->addr = addr;
	run->len = len;
	run->pin_method = must_pin_method(info, "pin_fast");
	run->strategy = must_strategy(info, "unpin_pages");
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
