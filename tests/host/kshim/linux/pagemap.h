/* Kernel shim (see types.h). */
#include <linux/mm.h>
