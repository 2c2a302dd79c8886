/* Kernel shim (see types.h): the types the module's tables name. */
#ifndef PB_KSHIM_MM_TYPES_H
#define PB_KSHIM_MM_TYPES_H

#include <linux/types.h>

struct page;
struct folio;

#endif
