/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The window markers of pinbench_markers.h as the module executes them:
 * a nop each natively; under QEMU with vm/pinbench-insns.so they bound
 * the instructions counted. Other architectures have no markers yet.
 */
#ifndef _PINBENCH_MARK_H
#define _PINBENCH_MARK_H

#include <linux/compiler.h>
#include "pinbench_markers.h"

/*
 * A compiler barrier too: nothing of the window moves across it. Always
 * inlined, so that code is a constant the "i" constraint takes.
 */
static __always_inline void pb_mark(const unsigned int code)
{
#ifdef CONFIG_X86_64
	asm volatile(".byte 0x0f, 0x1f, 0x80\n\t.long %c0"
		     : : "i" (PINBENCH_MARK_MAGIC | code) : "memory");
#else
	barrier();
#endif
}

#endif /* _PINBENCH_MARK_H */
