/*
 * Kernel shim (see types.h): the kernel version the catalogue is built
 * for, PB_SHIM_KERNEL (tests/host/Makefile builds it for two).
 */
#ifndef PB_KSHIM_VERSION_H
#define PB_KSHIM_VERSION_H

#define KERNEL_VERSION(a, b, c) (((a) << 16) + ((b) << 8) + (c))
#define LINUX_VERSION_CODE PB_SHIM_KERNEL

#endif
