#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "device_errors.h"
#include "pinbench_uapi.h"

#define STRINGIFY(x) #x
#define EXPAND_STRINGIFY(x) STRINGIFY(x)
#define ABI_VERSION_TEXT EXPAND_STRINGIFY(PINBENCH_ABI_VERSION)

void errno_words(int err, char *buf, size_t len)
{
	const char *name = strerrorname_np(err);

	if (name)
		snprintf(buf, len, "%s (%s)", strerror(err), name);
	else
		snprintf(buf, len, "%s (errno %d)", strerror(err), err);
}

struct device_error_hint {
	enum device_op op;
	int err;
	const char *hint;
};

/* One row per (op, errno) the module or the open of its node returns. */
static const struct device_error_hint device_error_hints[] = {
	{ DEVICE_OPEN, ENOENT, "module not loaded: insmod pinbench.ko" },
	{ DEVICE_OPEN, ENXIO,
	  "no driver behind the device node: module not loaded (insmod pinbench.ko)" },
	{ DEVICE_OPEN, ENODEV,
	  "no driver behind the device node: module not loaded (insmod pinbench.ko)" },
	{ DEVICE_INFO, EINVAL,
	  "struct pinbench_info sizes differ: pinbench and pinbench.ko were built from different pinbench_uapi.h" },
	{ DEVICE_ENTRY, EINVAL,
	  "struct pinbench_entry sizes differ: pinbench and pinbench.ko were built from different pinbench_uapi.h" },
	{ DEVICE_ENTRY, ENOENT,
	  "the module counts more entries in INFO than ENTRY describes (a pinbench.ko bug)" },
	{ DEVICE_RUN, EINVAL,
	  "the module refused the request: pin method and strategy of different FOLL families, a dirtying strategy (or release_pages) without write pins, unknown flags, unaligned range, iterations or chunk_pages out of range, or struct pinbench_run sizes differ" },
	{ DEVICE_RUN, EOPNOTSUPP, "this kernel does not support the strategy" },
	{ DEVICE_RUN, E2BIG,
	  "more pages than the module's max_pinned_pages (/sys/module/pinbench/parameters/max_pinned_pages) or than the machine has RAM" },
	{ DEVICE_RUN, ENOBUFS,
	  "the sample buffer is smaller than the iterations (a pinbench bug)" },
	{ DEVICE_RUN, EFAULT,
	  "the range or the sample buffer is not mapped, or a page could not be faulted in" },
	{ DEVICE_RUN, ENOMEM,
	  "out of memory for the page arrays, or while pinning" },
	{ DEVICE_RUN, EOVERFLOW, "address + length overflows" },
	{ DEVICE_RUN, EINTR, "interrupted by a fatal signal" },
	{ DEVICE_OPEN, EACCES, "needs CAP_SYS_ADMIN: run as root" },
	{ DEVICE_OPEN, EPERM, "needs CAP_SYS_ADMIN: run as root" },
	{ DEVICE_INFO, EPERM, "needs CAP_SYS_ADMIN: run as root" },
	{ DEVICE_RUN, EPERM, "needs CAP_SYS_ADMIN: run as root" },
	{ DEVICE_INFO, EPROTO,
	  "ABI version mismatch: this pinbench speaks ABI " ABI_VERSION_TEXT
	  ", the module another; build both from one tree" },
	{ DEVICE_RUN, EPROTO,
	  "ABI version mismatch: this pinbench speaks ABI " ABI_VERSION_TEXT
	  ", the module another; build both from one tree" },
	{ DEVICE_INFO, ENOTTY,
	  "not a pinbench device, or a pinbench.ko from before it said its ABI version for another ABI's request (ABI 2 and older): build both from one tree" },
	{ DEVICE_RUN, ENOTTY,
	  "not a pinbench device, or its ioctl numbers differ (ABI mismatch)" },
};

const char *device_error_hint(enum device_op op, int err)
{
	size_t i;

	for (i = 0; i < sizeof(device_error_hints) /
			sizeof(device_error_hints[0]); i++)
		if (device_error_hints[i].op == op &&
		    device_error_hints[i].err == err)
			return device_error_hints[i].hint;
	return NULL;
}

void device_error_text(enum device_op op, int err, char *buf, size_t len)
{
	const char *hint = device_error_hint(op, err);
	char words[128];

	errno_words(err, words, sizeof(words));
	snprintf(buf, len, "%s%s%s", words, hint ? ": " : "",
		 hint ? hint : "");
}
