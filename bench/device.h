/* /dev/pinbench: open it, ask INFO, issue RUN. Nothing else touches it. */
#ifndef PINBENCH_DEVICE_H
#define PINBENCH_DEVICE_H

#include "pinbench_uapi.h"

struct pinbench_device {
	int fd;
	struct pinbench_info info;	/* from INFO, names NUL-terminated */
};

/* Opens the device and reads INFO; on failure says why and returns -1. */
int device_open(struct pinbench_device *dev);

/* One RUN ioctl (ABI fields filled in here); 0 or the errno. */
int device_run(const struct pinbench_device *dev, struct pinbench_run *run);

void device_close(struct pinbench_device *dev);

#endif
