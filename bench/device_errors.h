/* errno in words, and what it means coming from /dev/pinbench. */
#ifndef PINBENCH_DEVICE_ERRORS_H
#define PINBENCH_DEVICE_ERRORS_H

#include <stddef.h>

enum device_op {
	DEVICE_OPEN,
	DEVICE_INFO,
	DEVICE_ENTRY,
	DEVICE_RUN,
};

/* "Invalid argument (EINVAL)" */
void errno_words(int err, char *buf, size_t len);

/* What err most likely means for op, or NULL when nothing specific. */
const char *device_error_hint(enum device_op op, int err);

/* "Invalid argument (EINVAL): <hint>" */
void device_error_text(enum device_op op, int err, char *buf, size_t len);

#endif
