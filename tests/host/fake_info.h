/* A struct pinbench_info as pinbench.ko fills it, for host tests. */
#ifndef PINBENCH_FAKE_INFO_H
#define PINBENCH_FAKE_INFO_H

#include <stdbool.h>

#include "pinbench_uapi.h"

/* Every method; every strategy but unpin_folios unless with_unpin_folios. */
void fake_info_fill(struct pinbench_info *info, bool with_unpin_folios);

#endif
