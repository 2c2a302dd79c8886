// SPDX-License-Identifier: GPL-2.0
/*
 * pinbench-insns.so: a QEMU TCG plugin (API version 1, QEMU 7.2) that
 * counts, per vCPU, the guest instructions executed strictly between the
 * START and STOP markers of include/pinbench_markers.h and logs each
 * tagged window. qemu-system-x86_64 -plugin vm/pinbench-insns.so,out=FILE
 *
 * How it counts: every translation block gets an exec callback that adds
 * the block's instruction count to its vCPU's counter at block entry (a
 * callback, not an inline op: API v1's inline ops add to one shared
 * location, not per vCPU). A marker at index i of a block of n
 * instructions therefore sees counter = (executed before the block) + n,
 * and counter - n + i instructions were executed before the marker
 * itself. START keeps s = counter - n + i + 1 (after it), STOP takes
 * e = counter - n + i (before it): the window is e - s.
 *
 * What is exact: every instruction a vCPU completes between the two
 * markers, whatever blocks, branches or privilege changes lie between,
 * in single- and multi-threaded TCG (a vCPU's state is only touched by
 * the thread running it). What is not: an exception raised in the middle
 * of a block (page fault, #GP...) leaves that block with its remaining
 * instructions counted but not executed, and the instructions of every
 * handler that runs in the window count too. Such windows return from
 * the handler with iretq, which the plugin counts as IRQS: a window with
 * IRQS 0 is exact, one with IRQS > 0 is an upper bound of its own work.
 * (Under multi-threaded TCG an atomic that must run exclusively ends its
 * block early the same way, without an iretq; the module's windows have
 * none in their timed parts that QEMU 7.2 treats so on x86.)
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qemu_plugin_api.h"
#include "../include/pinbench_markers.h"

#define PLUGIN_NAME "pinbench-insns"

PB_PLUGIN_EXPORT int qemu_plugin_version = PB_QEMU_PLUGIN_VERSION;

struct window {
	int open;
	int tagged;
	uint64_t id;
	uint64_t start;		/* instructions before the window */
	uint64_t irqs;		/* iretq executed since START */
};

/* One vCPU's state, a cache line or more of its own (MTTCG threads). */
struct vcpu {
	uint64_t insns;		/* at the entry of the current block: its end */
	uint64_t id;		/* the id register: bits shifted in, MSB first */
	unsigned int id_bits;	/* BIT markers since the last START */
	struct window win[PINBENCH_NR_WINDOW_KINDS];
	uint64_t tagged, untagged, orphan_stops, replaced_starts;
} __attribute__((aligned(64)));

static struct vcpu *vcpus;
static unsigned int nr_vcpus;
static FILE *log_file;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static const char *const kind_names[] = PINBENCH_WINDOW_NAMES;

/*
 * A marker's callback data: its code (bits 0-15), its index in the block
 * (16-31) and the block's instruction count (32-47); TCG blocks hold 512
 * instructions at most.
 */
static void *marker_udata(uint32_t code, size_t idx, size_t n)
{
	return (void *)(uintptr_t)((uint64_t)code | (uint64_t)idx << 16 |
				   (uint64_t)n << 32);
}

static void tb_exec(unsigned int vcpu_index, void *udata)
{
	vcpus[vcpu_index].insns += (uintptr_t)udata;
}

static void log_window(unsigned int vcpu_index, unsigned int kind,
		       const struct window *w, uint64_t insns)
{
	pthread_mutex_lock(&log_lock);
	fprintf(log_file, "w %u %s %016" PRIx64 " %" PRIu64 " %" PRIu64 "\n",
		vcpu_index, kind_names[kind], w->id, insns, w->irqs);
	pthread_mutex_unlock(&log_lock);
}

static void window_start(struct vcpu *v, unsigned int kind, uint64_t before)
{
	struct window *w = &v->win[kind];

	if (w->open)
		v->replaced_starts++;
	w->open = 1;
	w->tagged = v->id_bits == PINBENCH_MARK_ID_BITS;
	w->id = v->id;
	w->start = before + 1;	/* the marker itself is not counted */
	w->irqs = 0;
	v->id_bits = 0;
}

static void window_stop(unsigned int vcpu_index, unsigned int kind,
			uint64_t before)
{
	struct vcpu *v = &vcpus[vcpu_index];
	struct window *w = &v->win[kind];

	if (!w->open) {
		v->orphan_stops++;
		return;
	}
	w->open = 0;
	if (!w->tagged) {
		v->untagged++;
		return;
	}
	v->tagged++;
	log_window(vcpu_index, kind, w, before - w->start);
}

static void marker_exec(unsigned int vcpu_index, void *udata)
{
	uint64_t u = (uintptr_t)udata;
	uint32_t code = u & 0xffff;
	uint64_t idx = (u >> 16) & 0xffff, n = u >> 32;
	struct vcpu *v = &vcpus[vcpu_index];
	/* instructions this vCPU executed before the marker */
	uint64_t before = v->insns - n + idx;
	unsigned int kind = PINBENCH_MARK_KIND(code);

	if (kind == 0) {	/* BIT0, BIT1 */
		v->id = v->id << 1 | (code & 1);
		v->id_bits++;
	} else if (PINBENCH_MARK_IS_STOP(code)) {
		window_stop(vcpu_index, kind, before);
	} else {
		window_start(v, kind, before);
	}
}

/* An interrupt or exception handler returned: it ran inside the windows. */
static void iret_exec(unsigned int vcpu_index, void *udata)
{
	struct vcpu *v = &vcpus[vcpu_index];

	(void)udata;
	for (unsigned int k = 1; k < PINBENCH_NR_WINDOW_KINDS; k++)
		v->win[k].irqs += v->win[k].open;
}

/* A known marker's code, or -1: nopl disp32(%rax) with the magic. */
static int marker_code(const uint8_t *b, size_t size)
{
	uint32_t disp;

	if (size != PINBENCH_MARK_LEN || b[0] != PINBENCH_MARK_OPCODE0 ||
	    b[1] != PINBENCH_MARK_OPCODE1 || b[2] != PINBENCH_MARK_MODRM)
		return -1;
	disp = b[3] | b[4] << 8 | b[5] << 16 | (uint32_t)b[6] << 24;
	if ((disp & PINBENCH_MARK_MAGIC_MASK) != PINBENCH_MARK_MAGIC)
		return -1;
	disp &= ~PINBENCH_MARK_MAGIC_MASK;
	if (PINBENCH_MARK_KIND(disp) >= PINBENCH_NR_WINDOW_KINDS ||
	    (disp & 0xe))
		return -1;	/* a code this version does not know */
	return (int)disp;
}

static int is_iretq(const uint8_t *b, size_t size)
{
	return size == 2 && b[0] == 0x48 && b[1] == 0xcf;
}

static void tb_trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	size_t n = qemu_plugin_tb_n_insns(tb);

	(void)id;
	qemu_plugin_register_vcpu_tb_exec_cb(tb, tb_exec, QEMU_PLUGIN_CB_NO_REGS,
					     (void *)(uintptr_t)n);
	for (size_t i = 0; i < n; i++) {
		struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
		const uint8_t *b = qemu_plugin_insn_data(insn);
		size_t size = qemu_plugin_insn_size(insn);
		int code = marker_code(b, size);

		if (code >= 0)
			qemu_plugin_register_vcpu_insn_exec_cb(insn, marker_exec,
				QEMU_PLUGIN_CB_NO_REGS, marker_udata(code, i, n));
		else if (is_iretq(b, size))
			qemu_plugin_register_vcpu_insn_exec_cb(insn, iret_exec,
				QEMU_PLUGIN_CB_NO_REGS, NULL);
	}
}

/* QEMU's exit: the totals (vCPUs are stopped, their state is stable). */
static void at_exit(qemu_plugin_id_t id, void *udata)
{
	uint64_t tagged = 0, untagged = 0, orphans = 0, replaced = 0;

	(void)id;
	(void)udata;
	for (unsigned int i = 0; i < nr_vcpus; i++) {
		tagged += vcpus[i].tagged;
		untagged += vcpus[i].untagged;
		orphans += vcpus[i].orphan_stops;
		replaced += vcpus[i].replaced_starts;
	}
	pthread_mutex_lock(&log_lock);
	fprintf(log_file, "# totals: tagged %" PRIu64 " untagged %" PRIu64
		" orphan_stops %" PRIu64 " replaced_starts %" PRIu64 "\n",
		tagged, untagged, orphans, replaced);
	fclose(log_file);
	log_file = NULL;
	pthread_mutex_unlock(&log_lock);
}

static int refuse(const char *why, const char *what)
{
	fprintf(stderr, PLUGIN_NAME ": %s%s (usage: -plugin pinbench-insns.so,out=FILE)\n",
		why, what);
	return -1;
}

PB_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
					 const qemu_info_t *info,
					 int argc, char **argv)
{
	const char *out = NULL;

	for (int i = 0; i < argc; i++) {
		if (strncmp(argv[i], "out=", 4) == 0 && argv[i][4])
			out = argv[i] + 4;
		else
			return refuse("unknown argument ", argv[i]);
	}
	if (!out)
		return refuse("no output file: out=FILE is required", "");
	if (!info->system_emulation || info->system.max_vcpus < 1)
		return refuse("system emulation only", "");
	nr_vcpus = (unsigned int)info->system.max_vcpus;
	vcpus = aligned_alloc(64, nr_vcpus * sizeof(*vcpus));
	if (!vcpus)
		return refuse("out of memory", "");
	memset(vcpus, 0, nr_vcpus * sizeof(*vcpus));
	log_file = fopen(out, "w");
	if (!log_file) {
		fprintf(stderr, PLUGIN_NAME ": %s: ", out);
		perror(NULL);
		return -1;
	}
	/* a killed QEMU leaves whole lines (the last may be cut) */
	setvbuf(log_file, NULL, _IOLBF, 0);
	fprintf(log_file, "# " PLUGIN_NAME " log-version %d: w VCPU KIND ID INSNS IRQS;"
		" INSNS: instructions the vCPU executed strictly between START"
		" and STOP (per-block counts at block entry + the markers'"
		" index), IRQS: iretq executed in between (nonzero: INSNS"
		" includes handlers)\n", PINBENCH_INSNS_LOG_VERSION);
	qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans);
	qemu_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
