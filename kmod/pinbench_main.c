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
#include <linux/slab.h>
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
	return 0;
}

/* Tell the caller which ABI this module speaks; abi_version comes first. */
int pb_abi_mismatch(void __user *uarg)
{
	u32 ours = PINBENCH_ABI_VERSION;

	if (copy_to_user(uarg, &ours, sizeof(ours)))
		return -EFAULT;
	return -EPROTO;
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
	struct pinbench_info *info;
	u32 head[2];
	long ret = 0;
	int i;

	if (copy_from_user(head, uarg, sizeof(head)))
		return -EFAULT;
	if (head[0] != PINBENCH_ABI_VERSION)
		return pb_abi_mismatch(uarg);
	if (head[1] != sizeof(*info))
		return -EINVAL;

	info = kzalloc(sizeof(*info), GFP_KERNEL);
	if (!info)
		return -ENOMEM;
	info->abi_version = PINBENCH_ABI_VERSION;
	info->struct_size = sizeof(*info);
	info->page_size = PAGE_SIZE;
	info->nr_pin_methods = PINBENCH_NR_PIN_METHODS;
	info->nr_strategies = PINBENCH_NR_STRATEGIES;
	info->max_iterations = PINBENCH_MAX_ITERATIONS;
	info->max_pinned_pages = READ_ONCE(pinbench_max_pinned_pages);
	info->chunk_pages = PINBENCH_DEFAULT_CHUNK_PAGES;
	info->kernel_debug = pb_kernel_debug();
	strscpy(info->module_version, PINBENCH_MODULE_VERSION,
		sizeof(info->module_version));
	strscpy(info->kernel_release, init_utsname()->release,
		sizeof(info->kernel_release));

	for (i = 0; i < PINBENCH_NR_PIN_METHODS; i++) {
		const struct pb_pin_method *method = &pb_pin_methods[i];

		info->pin_method_mask |= BIT_ULL(i);
		if (method->foll_pin)
			info->foll_pin_method_mask |= BIT_ULL(i);
		strscpy(info->pin_method_names[i], method->name,
			PINBENCH_NAME_LEN);
	}
	for (i = 0; i < PINBENCH_NR_STRATEGIES; i++) {
		const struct pb_strategy *strategy = &pb_strategies[i];

		if (strategy->supported)
			info->strategy_mask |= BIT_ULL(i);
		if (strategy->foll_pin)
			info->foll_pin_strategy_mask |= BIT_ULL(i);
		if (strategy->dirties)
			info->dirty_strategy_mask |= BIT_ULL(i);
		if (strategy->dirties || strategy->write_only)
			info->write_only_strategy_mask |= BIT_ULL(i);
		if (strategy->prepare)
			info->prepare_strategy_mask |= BIT_ULL(i);
		strscpy(info->strategy_names[i], strategy->name,
			PINBENCH_NAME_LEN);
	}

	if (copy_to_user(uarg, info, sizeof(*info)))
		ret = -EFAULT;
	kfree(info);
	return ret;
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
		return pb_ioctl_run(uarg);
	default:
		/* ABI 1's INFO and RUN were 'P' 1 and 2: tell an old CLI */
		if (_IOC_TYPE(cmd) == PINBENCH_IOCTL_MAGIC_V1 &&
		    (_IOC_NR(cmd) == 1 || _IOC_NR(cmd) == 2) &&
		    _IOC_SIZE(cmd) >= sizeof(u32))
			return pb_abi_mismatch(uarg);
		return -ENOTTY;
	}
}

static const struct file_operations pb_fops = {
	.owner = THIS_MODULE,
	.open = pb_open,
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
