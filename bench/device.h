/*
 * /dev/pinbench: open it, ask INFO and ENTRY, issue RUN. Nothing else
 * touches it.
 */
#ifndef PINBENCH_DEVICE_H
#define PINBENCH_DEVICE_H

#include "module_info.h"
#include "pinbench_uapi.h"

struct pinbench_device {
	int fd;
	struct module_info info;	/* INFO and the catalogue */
};

/*
 * Opens the device and reads INFO and the catalogue; on failure says why
 * and returns -1.
 */
int device_open(struct pinbench_device *dev);

/* One RUN ioctl (ABI fields filled in here); 0 or the errno. */
int device_run(const struct pinbench_device *dev, struct pinbench_run *run);

void device_close(struct pinbench_device *dev);

#endif
