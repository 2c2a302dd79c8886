// SPDX-License-Identifier: GPL-2.0
/*
 * Pins a file descriptor keeps between two RUNs (PINBENCH_F_KEEP_PINS,
 * PINBENCH_F_RELEASE_KEPT): pinned by one thread, released by another,
 * on another CPU or node; released on close if the second RUN never
 * comes (the task killed, or never asking).
 */
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include "pinbench.h"

/* what a RUN with F_RELEASE_KEPT must name again */
#define PB_KEPT_FLAGS_IGNORED (PINBENCH_F_KEEP_PINS | PINBENCH_F_RELEASE_KEPT)

struct pb_kept {
	struct pb_pinset set;
	u32 pin_method;
	u32 strategy;
	u32 flags;
	u64 addr;
	u64 len;
	bool foll_pin;
};

struct pb_file {
	struct mutex lock;		/* kept */
	struct pb_kept *kept;
};

int pb_file_open(struct file *file)
{
	struct pb_file *pf = kzalloc(sizeof(*pf), GFP_KERNEL);

	if (!pf)
		return -ENOMEM;
	mutex_init(&pf->lock);
	file->private_data = pf;
	return 0;
}

static void pb_kept_free(struct pb_kept *kept)
{
	pb_pinset_release_all(&kept->set, kept->foll_pin);
	pb_pinset_free(&kept->set);
	kfree(kept);
}

void pb_file_release(struct file *file)
{
	struct pb_file *pf = file->private_data;

	if (pf->kept)
		pb_kept_free(pf->kept);
	mutex_destroy(&pf->lock);
	kfree(pf);
}

/* set (pinned) moves to the descriptor; on -EBUSY it stays the caller's */
int pb_kept_stash(struct file *file, struct pb_pinset *set,
		  const struct pinbench_run *req, bool foll_pin)
{
	struct pb_file *pf = file->private_data;
	struct pb_kept *kept = kzalloc(sizeof(*kept), GFP_KERNEL);
	int ret = 0;

	if (!kept)
		return -ENOMEM;
	kept->set = *set;
	kept->pin_method = req->pin_method;
	kept->strategy = req->strategy;
	kept->flags = req->flags & ~PB_KEPT_FLAGS_IGNORED;
	kept->addr = req->addr;
	kept->len = req->len;
	kept->foll_pin = foll_pin;

	mutex_lock(&pf->lock);
	if (pf->kept)
		ret = -EBUSY;
	else
		pf->kept = kept;
	mutex_unlock(&pf->lock);
	if (ret) {
		kfree(kept);
		return ret;
	}
	memset(set, 0, sizeof(*set));
	return 0;
}

/* The descriptor's kept set into set, if req names it exactly. */
int pb_kept_take(struct file *file, struct pb_pinset *set,
		 const struct pinbench_run *req)
{
	struct pb_file *pf = file->private_data;
	struct pb_kept *kept;
	int ret = 0;

	mutex_lock(&pf->lock);
	kept = pf->kept;
	if (!kept)
		ret = -ENOENT;
	else if (kept->pin_method != req->pin_method ||
		 kept->strategy != req->strategy ||
		 kept->flags != (req->flags & ~PB_KEPT_FLAGS_IGNORED) ||
		 kept->addr != req->addr || kept->len != req->len)
		ret = -EINVAL;
	else
		pf->kept = NULL;
	mutex_unlock(&pf->lock);
	if (ret)
		return ret;
	*set = kept->set;
	kfree(kept);
	return 0;
}
