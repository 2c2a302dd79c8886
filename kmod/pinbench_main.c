// SPDX-License-Identifier: GPL-2.0
/*
 * pinbench.ko: measure what releasing pinned user pages costs, strategy by
 * strategy. /dev/pinbench (0600, CAP_SYS_ADMIN) takes INFO and RUN ioctls
 * described in pinbench_uapi.h.
 */
#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/uaccess.h>
#include <linux/utsname.h>
#include "pinbench.h"

unsigned long pinbench_max_pinned_pages;
module_param_named(max_pinned_pages, pinbench_max_pinned_pages, ulong, 0644);
MODULE_PARM_DESC(max_pinned_pages,
		 "Most pages one RUN may pin at once (0 at load: half of RAM)");

static int pb_open(struct inode *inode, struct file *file)
{
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	return pb_file_open(file);
}

/* the last close: pins a RUN kept on this descriptor are released */
static int pb_release(struct inode *inode, struct file *file)
{
	pb_file_release(file);
	return 0;
}

/* Tell the caller which ABI this module speaks; abi_version comes first. */
static int pb_abi_mismatch(void __user *uarg)
{
	u32 ours = PINBENCH_ABI_VERSION;

	if (copy_to_user(uarg, &ours, sizeof(ours)))
		return -EFAULT;
	return -EPROTO;
}

/*
 * Every request starts with {abi_version, struct_size}: read those first,
 * so that a mismatch reads nothing more, then the whole request.
 */
int pb_copy_request(void *req, const void __user *uarg, u32 size)
{
	u32 head[2];

	if (copy_from_user(head, uarg, sizeof(head)))
		return -EFAULT;
	if (head[0] != PINBENCH_ABI_VERSION)
		return pb_abi_mismatch((void __user *)uarg);
	if (head[1] != size)
		return -EINVAL;
	if (copy_from_user(req, uarg, size))
		return -EFAULT;
	return 0;
}

/* Instrumentation that would run inside the timed windows. */
u64 pb_kernel_debug(void)
{
	u64 flags = 0;

	if (IS_ENABLED(CONFIG_DEBUG_VM))
		flags |= PINBENCH_KDEBUG_DEBUG_VM;
	if (IS_ENABLED(CONFIG_KASAN))
		flags |= PINBENCH_KDEBUG_KASAN;
	if (IS_ENABLED(CONFIG_PROVE_LOCKING))
		flags |= PINBENCH_KDEBUG_LOCKDEP;
	if (IS_ENABLED(CONFIG_DEBUG_PAGEALLOC))
		flags |= PINBENCH_KDEBUG_PAGEALLOC;
	if (IS_ENABLED(CONFIG_KCSAN))
		flags |= PINBENCH_KDEBUG_KCSAN;
	return flags;
}

static long pb_ioctl_info(struct pinbench_info __user *uarg)
{
	struct pinbench_info info;
	int ret;

	ret = pb_copy_request(&info, uarg, sizeof(info));
	if (ret)
		return ret;
	memset(&info, 0, sizeof(info));
	info.abi_version = PINBENCH_ABI_VERSION;
	info.struct_size = sizeof(info);
	info.page_size = PAGE_SIZE;
	info.nr_pin_methods = PB_NR_PIN_METHODS;
	info.nr_strategies = PB_NR_STRATEGIES;
	info.max_iterations = PINBENCH_MAX_ITERATIONS;
	info.max_pinned_pages = READ_ONCE(pinbench_max_pinned_pages);
	info.chunk_pages = PINBENCH_DEFAULT_CHUNK_PAGES;
	info.kernel_debug = pb_kernel_debug();
	strscpy(info.module_version, PINBENCH_MODULE_VERSION,
		sizeof(info.module_version));
	strscpy(info.kernel_release, init_utsname()->release,
		sizeof(info.kernel_release));
	if (copy_to_user(uarg, &info, sizeof(info)))
		return -EFAULT;
	return 0;
}

static long pb_ioctl_entry(struct pinbench_entry __user *uarg)
{
	struct pinbench_entry entry;
	u32 kind, index;
	int ret;

	ret = pb_copy_request(&entry, uarg, sizeof(entry));
	if (ret)
		return ret;
	kind = entry.kind;
	index = entry.index;
	memset(&entry, 0, sizeof(entry));
	entry.abi_version = PINBENCH_ABI_VERSION;
	entry.struct_size = sizeof(entry);
	entry.kind = kind;
	entry.index = index;
	ret = pb_catalog_entry(kind, index, &entry);
	if (ret)
		return ret;
	if (copy_to_user(uarg, &entry, sizeof(entry)))
		return -EFAULT;
	return 0;
}

static long pb_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	void __user *uarg = (void __user *)arg;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	switch (cmd) {
	case PINBENCH_IOCTL_INFO:
		return pb_ioctl_info(uarg);
	case PINBENCH_IOCTL_RUN:
		return pb_ioctl_run(file, uarg);
	case PINBENCH_IOCTL_ENTRY:
		return pb_ioctl_entry(uarg);
	default:
		/*
		 * Another ABI's INFO, RUN or ENTRY: its struct size, part of
		 * the number, differs (ABI 1's were 'P' 1 and 2). Tell the
		 * caller which ABI this module speaks.
		 */
		if ((_IOC_TYPE(cmd) == PINBENCH_IOCTL_MAGIC_V1 ||
		     _IOC_TYPE(cmd) == PINBENCH_IOCTL_MAGIC) &&
		    _IOC_NR(cmd) >= 1 && _IOC_NR(cmd) <= 3 &&
		    (_IOC_DIR(cmd) & _IOC_WRITE) &&
		    _IOC_SIZE(cmd) >= sizeof(u32))
			return pb_abi_mismatch(uarg);
		return -ENOTTY;
	}
}

static const struct file_operations pb_fops = {
	.owner = THIS_MODULE,
	.open = pb_open,
	.release = pb_release,
	.unlocked_ioctl = pb_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

static struct miscdevice pb_miscdev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "pinbench",
	.fops = &pb_fops,
	.mode = 0600,
};

static int __init pb_init(void)
{
	if (!pinbench_max_pinned_pages)
		pinbench_max_pinned_pages = totalram_pages() / 2;
	return misc_register(&pb_miscdev);
}

static void __exit pb_exit(void)
{
	misc_deregister(&pb_miscdev);
}

module_init(pb_init);
module_exit(pb_exit);

MODULE_DESCRIPTION("pinbench: cost of releasing pinned user pages");
MODULE_AUTHOR("pinbench developers");
MODULE_LICENSE("GPL");
MODULE_VERSION(PINBENCH_MODULE_VERSION);
