#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "device.h"
#include "device_errors.h"
#include "messages.h"
#include "module_info.h"

static void say_device_error(const char *what, enum device_op op, int err)
{
	char text[512];

	device_error_text(op, err, text, sizeof(text));
	pb_error("%s: %s", what, text);
}

int device_open(struct pinbench_device *dev)
{
	struct pinbench_info *info = &dev->info;

	memset(dev, 0, sizeof(*dev));
	dev->fd = open(PINBENCH_DEVICE, O_RDWR | O_CLOEXEC);
	if (dev->fd < 0) {
		say_device_error(PINBENCH_DEVICE, DEVICE_OPEN, errno);
		return -1;
	}
	info->abi_version = PINBENCH_ABI_VERSION;
	info->struct_size = sizeof(*info);
	if (ioctl(dev->fd, PINBENCH_IOCTL_INFO, info)) {
		say_device_error("INFO", DEVICE_INFO, errno);
		goto fail;
	}
	/* a module that answered without checking must still match */
	if (info->abi_version != PINBENCH_ABI_VERSION ||
	    info->struct_size != sizeof(*info)) {
		pb_error("INFO: ABI version mismatch: module speaks ABI %u (struct %u bytes), this pinbench ABI %u (%zu bytes); build both from one tree",
			 info->abi_version, info->struct_size,
			 PINBENCH_ABI_VERSION, sizeof(*info));
		goto fail;
	}
	info_sanitize(info);
	return 0;

fail:
	close(dev->fd);
	dev->fd = -1;
	return -1;
}

int device_run(const struct pinbench_device *dev, struct pinbench_run *run)
{
	run->abi_version = PINBENCH_ABI_VERSION;
	run->struct_size = sizeof(*run);
	return ioctl(dev->fd, PINBENCH_IOCTL_RUN, run) ? errno : 0;
}

void device_close(struct pinbench_device *dev)
{
	if (dev->fd >= 0)
		close(dev->fd);
	dev->fd = -1;
}
