#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
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

static int device_ioctl(void *ctx, unsigned long request, void *arg)
{
	return ioctl(*(int *)ctx, request, arg) ? errno : 0;
}

int device_open(struct pinbench_device *dev)
{
	const char *failed;
	char msg[256], what[300];
	int err;

	memset(dev, 0, sizeof(*dev));
	dev->fd = open(PINBENCH_DEVICE, O_RDWR | O_CLOEXEC);
	if (dev->fd < 0) {
		say_device_error(PINBENCH_DEVICE, DEVICE_OPEN, errno);
		return -1;
	}
	if (!module_info_read(&dev->info, device_ioctl, &dev->fd, &failed,
			      &err, msg, sizeof(msg)))
		return 0;
	snprintf(what, sizeof(what), "%s%s%s", failed, msg[0] ? " " : "",
		 msg);
	if (err)
		say_device_error(what, strcmp(failed, "ENTRY") ?
				 DEVICE_INFO : DEVICE_ENTRY, err);
	else
		pb_error("%s: %s", failed, msg);
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
