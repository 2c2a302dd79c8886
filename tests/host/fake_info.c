#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake_info.h"

/* kmod/pinbench_catalog.c, built for each kernel (tests/host/Makefile) */
int pb_catalog_entry_v6_1(__u32 kind, __u32 index, struct pinbench_entry *e);
int pb_catalog_entry_v6_12(__u32 kind, __u32 index, struct pinbench_entry *e);

typedef int (*catalog_fn)(__u32 kind, __u32 index, struct pinbench_entry *e);

static __u32 count_entries(catalog_fn entry, __u32 kind)
{
	struct pinbench_entry e;
	__u32 n = 0;

	while (!entry(kind, n, &e))
		n++;
	return n;
}

/*
 * PINBENCH_FAKE_EXTRA_STRATEGY=NAME: a module with one FOLL_PIN strategy
 * more than this tree's, last: what an older pinbench meets.
 */
static int extra_entry(catalog_fn entry, struct pinbench_entry *e)
{
	const char *extra = getenv("PINBENCH_FAKE_EXTRA_STRATEGY");
	__u32 n;

	if (!extra || e->kind != PINBENCH_ENTRY_STRATEGY)
		return -1;
	n = count_entries(entry, PINBENCH_ENTRY_STRATEGY);
	if (e->index != n)
		return -1;
	snprintf(e->name, sizeof(e->name), "%s", extra);
	snprintf(e->call, sizeof(e->call), "unpin_user_pages");
	e->roles = PINBENCH_ROLE_SUPPORTED | PINBENCH_ROLE_FOLL_PIN;
	return 0;
}

int fake_info_query(void *ctx, unsigned long request, void *arg)
{
	catalog_fn entry = ctx ? pb_catalog_entry_v6_12 : pb_catalog_entry_v6_1;
	struct pinbench_info *info = arg;
	struct pinbench_entry *e = arg;

	if (request == PINBENCH_IOCTL_ENTRY)
		return extra_entry(entry, e) ? -entry(e->kind, e->index, e) : 0;
	if (request != PINBENCH_IOCTL_INFO)
		return ENOTTY;
	memset(info, 0, sizeof(*info));
	info->abi_version = PINBENCH_ABI_VERSION;
	info->struct_size = sizeof(*info);
	info->page_size = 4096;
	info->nr_pin_methods = count_entries(entry, PINBENCH_ENTRY_PIN_METHOD);
	info->nr_strategies = count_entries(entry, PINBENCH_ENTRY_STRATEGY) +
			      !!getenv("PINBENCH_FAKE_EXTRA_STRATEGY");
	info->max_iterations = 1000000;
	info->max_pinned_pages = 1 << 20;
	info->chunk_pages = 512;
	strcpy(info->module_version, "0.1.0");
	strcpy(info->kernel_release, ctx ? "6.12.0-fake" : "6.1.0-fake");
	return 0;
}

void fake_info_fill(struct module_info *info, bool with_unpin_folios)
{
	static int v6_12;
	const char *failed;
	char msg[256];
	int err;

	if (module_info_read(info, fake_info_query,
			     with_unpin_folios ? &v6_12 : NULL, &failed, &err,
			     msg, sizeof(msg))) {
		fprintf(stderr, "fake INFO: %s failed: %s %s\n", failed,
			strerror(err), msg);
		abort();
	}
}
