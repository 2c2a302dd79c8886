/* Kernel shim (see types.h). */
#include_next <linux/errno.h>
