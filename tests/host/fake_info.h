/*
 * What pinbench.ko says of itself, for host tests: INFO with made-up
 * limits, and the module's own catalogue (kmod/pinbench_catalog.c and its
 * tables, compiled against tests/host/kshim for two kernels).
 */
#ifndef PINBENCH_FAKE_INFO_H
#define PINBENCH_FAKE_INFO_H

#include <stdbool.h>

#include "module_info.h"

/*
 * As a 6.1 kernel's module answers, or a 6.12 one's (with_unpin_folios:
 * unpin_folios() appeared in 6.11), read through module_info_read().
 */
void fake_info_fill(struct module_info *info, bool with_unpin_folios);

/* The same answers as a query function (ctx: NULL for 6.1, else 6.12). */
int fake_info_query(void *ctx, unsigned long request, void *arg);

#endif
