/*
 * A kernel shim for the host tests: just enough of the kernel's headers
 * to compile the module's catalogue (kmod/pinbench_catalog.c, its pin
 * method and strategy tables) into the stand-in device, so that the host
 * tests answer with the module's own rows. Nothing here runs a release.
 */
#ifndef PB_KSHIM_TYPES_H
#define PB_KSHIM_TYPES_H

#include_next <linux/types.h>
#include <stdbool.h>
#include <stddef.h>

typedef __u32 u32;
typedef __u64 u64;
typedef __s64 s64;

#define __user

#endif
