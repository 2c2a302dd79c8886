// SPDX-License-Identifier: GPL-2.0
/*
 * pinbench-insns-probe EXPECTED: the exactness probe of the QEMU plugin
 * vm/pinbench-insns.so (scripts/vm-run.sh --count-insns). From user mode
 * it runs the window markers of include/pinbench_markers.h around code
 * whose instruction count is known, and writes to EXPECTED, in the order
 * it ran them, a line per window:
 *   ID KIND COUNT EXPECT CASE
 * ID 16 hex digits or - (no id sent), COUNT the instructions strictly
 * between START and STOP, EXPECT one of
 *   exact      logged once with INSNS == COUNT when IRQS is 0 (a timer
 *              tick may land in it: then INSNS >= COUNT, and another try
 *              of the same CASE must be undisturbed)
 *   disturbed  logged once with IRQS > 0 and INSNS >= COUNT
 *   absent     not logged (untagged, id cut short, or replaced)
 * then "orphan_stops N", "untagged N", "replaced_starts N": what it did
 * that the plugin's totals must include. tests/vm/insns_check.sh checks
 * the plugin's log against this file. Pinned to one CPU: a window's
 * START and STOP must run on the same vCPU.
 */
#define _GNU_SOURCE
#include <inttypes.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "pinbench_markers.h"

/* a marker, as the module emits it: nopl disp32(%rax), disp32 = MAGIC|code */
#define MARK_ASM(op) ".byte 0x0f,0x1f,0x80\n\t.long %c[" #op "]\n\t"
#define MARK_OP(op, code) [op] "i" (PINBENCH_MARK_MAGIC | (code))

#define TRIES 3		/* tries of each exact case: one tick may hit a try */
#define ID_BASE 0x9b1e5a0000000000ull

static FILE *expected;
static uint64_t next_id = ID_BASE;
static unsigned int orphan_stops, untagged, replaced_starts;

static void bit(int one)
{
	if (one)
		asm volatile(MARK_ASM(m) :: MARK_OP(m, PINBENCH_MARK_BIT1));
	else
		asm volatile(MARK_ASM(m) :: MARK_OP(m, PINBENCH_MARK_BIT0));
}

/* The first BITS bits of ID, most significant first (all 64: a tag). */
static void send_bits(uint64_t id, int bits)
{
	for (int i = 63; i > 63 - bits; i--)
		bit((id >> i) & 1);
}

static void expect(const char *id, int kind, uint64_t count,
		   const char *what, const char *name)
{
	const char *const names[] = PINBENCH_WINDOW_NAMES;

	fprintf(expected, "%s %s %" PRIu64 " %s %s\n", id, names[kind], count,
		what, name);
}

static void expect_id(uint64_t id, int kind, uint64_t count,
		      const char *what, const char *name)
{
	char hex[17];

	snprintf(hex, sizeof(hex), "%016" PRIx64, id);
	expect(hex, kind, count, what, name);
}

/* START .rept K nop STOP, all in one asm: nothing else in between. */
#define NOPS_WINDOW(kind, k) \
	asm volatile(MARK_ASM(start) ".rept %c[count]\n\tnop\n\t.endr\n\t" \
		     MARK_ASM(stop) \
		     :: MARK_OP(start, PINBENCH_MARK_START(kind)), \
		     MARK_OP(stop, PINBENCH_MARK_STOP(kind)), [count] "i" (k))

/* START mov n,%ecx; 1: dec %ecx; jnz 1b STOP: 1 + 2n instructions */
#define LOOP_WINDOW(kind, n) \
	asm volatile(MARK_ASM(start) "mov %k[iters], %%ecx\n" \
		     "1:\tdec %%ecx\n\tjnz 1b\n\t" MARK_ASM(stop) \
		     :: MARK_OP(start, PINBENCH_MARK_START(kind)), \
		     MARK_OP(stop, PINBENCH_MARK_STOP(kind)), \
		     [iters] "r" ((uint32_t)(n)) : "ecx", "cc")

static void nops_0(void) { NOPS_WINDOW(PINBENCH_WINDOW_PIN, 0); }
static void nops_1(void) { NOPS_WINDOW(PINBENCH_WINDOW_PREPARE, 1); }
static void nops_1000(void) { NOPS_WINDOW(PINBENCH_WINDOW_RELEASE, 1000); }
static void nops_7(void) { NOPS_WINDOW(PINBENCH_WINDOW_PIN, 7); }
static void nops_11(void) { NOPS_WINDOW(PINBENCH_WINDOW_PREPARE, 11); }

/* Each try of a case under a fresh id. */
static void exact_nops(void (*window)(void), int kind, int k, const char *name)
{
	for (int t = 0; t < TRIES; t++) {
		uint64_t id = next_id++;

		send_bits(id, PINBENCH_MARK_ID_BITS);
		window();
		expect_id(id, kind, k, "exact", name);
	}
}

/* a macro: the kind is an asm immediate */
#define EXACT_LOOP(kind, n, name) \
	for (int t = 0; t < TRIES; t++) { \
		uint64_t id = next_id++; \
 \
		send_bits(id, PINBENCH_MARK_ID_BITS); \
		LOOP_WINDOW(kind, n); \
		expect_id(id, kind, 1 + 2 * (uint64_t)(n), "exact", name); \
	}

static void pin_to_cpu0(void)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(0, &set);
	if (sched_setaffinity(0, sizeof(set), &set)) {
		perror("pinbench-insns-probe: sched_setaffinity");
		exit(1);
	}
}

int main(int argc, char **argv)
{
	uint64_t id;

	if (argc != 2) {
		fprintf(stderr, "usage: pinbench-insns-probe EXPECTED\n");
		return 2;
	}
	expected = fopen(argv[1], "w");
	if (!expected) {
		perror(argv[1]);
		return 1;
	}
	pin_to_cpu0();

	exact_nops(nops_0, PINBENCH_WINDOW_PIN, 0, "nops-0");
	exact_nops(nops_1, PINBENCH_WINDOW_PREPARE, 1, "nops-1");
	exact_nops(nops_1000, PINBENCH_WINDOW_RELEASE, 1000, "nops-1000");
	EXACT_LOOP(PINBENCH_WINDOW_PIN, 1000, "loop-1000");
	EXACT_LOOP(PINBENCH_WINDOW_PREPARE, 20000, "loop-20000");

	/* no id at all: counted as untagged, not logged */
	nops_7();
	expect("-", PINBENCH_WINDOW_PIN, 7, "absent", "untagged");
	untagged++;

	/* an id cut short after 10 bits: untagged too */
	id = next_id++;
	send_bits(id, 10);
	nops_11();
	expect_id(id, PINBENCH_WINDOW_PREPARE, 11, "absent", "id-cut-10-bits");
	untagged++;

	/* a STOP with no open window of its kind: an orphan, ignored */
	asm volatile(MARK_ASM(m) :: MARK_OP(m, PINBENCH_MARK_STOP(PINBENCH_WINDOW_RELEASE)));
	orphan_stops++;

	/* START twice: the second window (its own id) replaces the first */
	id = next_id++;
	send_bits(id, PINBENCH_MARK_ID_BITS);
	asm volatile(MARK_ASM(m) :: MARK_OP(m, PINBENCH_MARK_START(PINBENCH_WINDOW_RELEASE)));
	expect_id(id, PINBENCH_WINDOW_RELEASE, 0, "absent", "replaced");
	replaced_starts++;
	exact_nops(nops_1000, PINBENCH_WINDOW_RELEASE, 1000, "replacing");

	/* long enough for timer ticks: disturbed, an upper bound */
	id = next_id++;
	send_bits(id, PINBENCH_MARK_ID_BITS);
	LOOP_WINDOW(PINBENCH_WINDOW_RELEASE, 20000000);
	expect_id(id, PINBENCH_WINDOW_RELEASE, 1 + 2 * 20000000ull, "disturbed", "loop-20M");

	fprintf(expected, "orphan_stops %u\nuntagged %u\nreplaced_starts %u\n",
		orphan_stops, untagged, replaced_starts);
	if (fclose(expected)) {
		perror(argv[1]);
		return 1;
	}
	return 0;
}
