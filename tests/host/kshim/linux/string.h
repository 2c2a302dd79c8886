/* Kernel shim (see types.h): strscpy, as the catalogue uses it. */
#ifndef PB_KSHIM_STRING_H
#define PB_KSHIM_STRING_H

#include <stdio.h>
#include <string.h>

#define strscpy(dst, src, size) \
	((void)snprintf((dst), (size), "%s", (src)))

#endif
