/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Window markers: how pinbench.ko tells an emulator where its timed
 * windows are, shared verbatim by the module, the QEMU plugin that counts
 * the instructions between them (vm/insns_plugin.c) and the tests.
 *
 * A marker is one x86-64 instruction, "nopl disp32(%rax)": the bytes
 * 0f 1f 80 followed by disp32, little endian. It is a nop that touches no
 * memory; natively it costs what a nop costs. disp32 is
 * PINBENCH_MARK_MAGIC | code, so the plugin finds markers by their bytes
 * at translation time and nothing else in a kernel looks like one.
 *
 * Codes: START(kind) just after a window's first clock read, STOP(kind)
 * just before its last, so a window's count is the work it timed, clock
 * reads excluded. Before the window of a sample that is kept, the module
 * sends the window's id: PINBENCH_MARK_ID_BITS markers, BIT0 or BIT1,
 * most significant bit first (untimed). The plugin counts, on the vCPU
 * that ran them, the instructions executed strictly between START and
 * STOP and logs them with the id the same vCPU received just before
 * START (none: a warmup or untagged window, not logged).
 */
#ifndef _PINBENCH_MARKERS_H
#define _PINBENCH_MARKERS_H

#define PINBENCH_MARK_OPCODE0	0x0f	/* nopl disp32(%rax): 0f 1f 80 */
#define PINBENCH_MARK_OPCODE1	0x1f
#define PINBENCH_MARK_MODRM	0x80
#define PINBENCH_MARK_LEN	7	/* opcode, modrm, disp32 */

#define PINBENCH_MARK_MAGIC	0x50420000u	/* "PB" in the high half */
#define PINBENCH_MARK_MAGIC_MASK 0xffff0000u

/* A window's kind; its name in the plugin's log follows. */
#define PINBENCH_WINDOW_PIN	1
#define PINBENCH_WINDOW_PREPARE	2
#define PINBENCH_WINDOW_RELEASE	3
#define PINBENCH_WINDOW_NAMES	{ NULL, "pin", "prepare", "release" }
#define PINBENCH_NR_WINDOW_KINDS 4

#define PINBENCH_MARK_BIT0	0x00
#define PINBENCH_MARK_BIT1	0x01
#define PINBENCH_MARK_START(kind)	((kind) << 4)
#define PINBENCH_MARK_STOP(kind)	(((kind) << 4) | 1)
#define PINBENCH_MARK_KIND(code)	((code) >> 4)
#define PINBENCH_MARK_IS_STOP(code)	((code) & 1)

#define PINBENCH_MARK_ID_BITS	64

/*
 * The plugin's log, one line per tagged window:
 *   w VCPU KIND ID INSNS IRQS
 * KIND a name above, ID 16 hex digits, INSNS the instructions strictly
 * between START and STOP, IRQS the interrupt or exception returns (iretq)
 * the vCPU executed in between: nonzero, the count holds a handler's
 * instructions too. Lines starting with '#' are comments.
 */
#define PINBENCH_INSNS_LOG_VERSION 1

#endif /* _PINBENCH_MARKERS_H */
