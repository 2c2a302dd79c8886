// SPDX-License-Identifier: GPL-2.0
/*
 * pinbench-ioctl: one RUN request (or a loop of them) with every field
 * chosen on the command line, for the reliability battery's cases that
 * the CLI cannot express: exactly max_pinned_pages, absurd ranges at a raw
 * address, a multi-GiB pin loop to kill, a RUN in flight during rmmod.
 *
 *   pinbench-ioctl --size SIZE [--addr HEX] [--thp] [--strategy NAME]
 *                  [--pin-method NAME] [--iterations N] [--warmup N]
 *                  [--chunk N] [--repeat N] [--read-only] [--untouched]
 *                  [--ref-check] [--hold]
 *
 * Without --addr it maps SIZE of private anonymous memory and writes it
 * (--thp: 2 MiB aligned, MADV_HUGEPAGE; --untouched: never written, so
 * read-only pins see the zero page). --read-only: no PINBENCH_F_WRITE;
 * --ref-check, --hold: PINBENCH_F_REF_CHECK, PINBENCH_F_SELFTEST_HOLD.
 * "pinning N pages" is printed before the first RUN, "result: <errno or
 * success> runs=N" at the end, and with --ref-check "ref: folios=N
 * changed=N delta=N" of the last RUN.
 * --repeat 0 loops until SIGTERM/SIGINT, which end it after the RUN in
 * flight. Exit status: 0 every RUN succeeded, 1 a RUN failed, 2 setup.
 */
#define _GNU_SOURCE
#include <getopt.h>
#include <signal.h>
#include <sys/mman.h>

#include "guest_device.h"

#define HUGE_2M (2UL << 20)

static volatile sig_atomic_t stop;

static void on_stop(int sig)
{
	(void)sig;
	stop = 1;
}

struct options {
	uint64_t size;
	uint64_t addr;
	int have_addr, thp, untouched;
	unsigned int flags;
	const char *strategy, *pin_method;
	unsigned long iterations, warmup, chunk, repeat;
};

static void usage(void)
{
	fprintf(stderr,
		"usage: pinbench-ioctl --size SIZE [--addr HEX] [--thp] [--strategy NAME]\n"
		"                      [--pin-method NAME] [--iterations N] [--warmup N]\n"
		"                      [--chunk N] [--repeat N (0: until SIGTERM)]\n"
		"                      [--read-only] [--untouched] [--ref-check] [--hold]\n");
	exit(2);
}

static void parse(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "size", required_argument, NULL, 's' },
		{ "addr", required_argument, NULL, 'a' },
		{ "thp", no_argument, NULL, 't' },
		{ "strategy", required_argument, NULL, 'S' },
		{ "pin-method", required_argument, NULL, 'm' },
		{ "iterations", required_argument, NULL, 'i' },
		{ "warmup", required_argument, NULL, 'w' },
		{ "chunk", required_argument, NULL, 'c' },
		{ "repeat", required_argument, NULL, 'r' },
		{ "read-only", no_argument, NULL, 'R' },
		{ "untouched", no_argument, NULL, 'u' },
		{ "ref-check", no_argument, NULL, 'C' },
		{ "hold", no_argument, NULL, 'H' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	*o = (struct options){ .strategy = "unpin_pages", .iterations = 1,
			       .repeat = 1, .flags = PINBENCH_F_WRITE };
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			o->size = parse_size(optarg);
			if (!o->size)
				usage();
			break;
		case 'a':
			o->addr = strtoull(optarg, NULL, 16);
			o->have_addr = 1;
			break;
		case 't':
			o->thp = 1;
			break;
		case 'S':
			o->strategy = optarg;
			break;
		case 'm':
			o->pin_method = optarg;
			break;
		case 'i':
			o->iterations = strtoul(optarg, NULL, 0);
			break;
		case 'w':
			o->warmup = strtoul(optarg, NULL, 0);
			break;
		case 'c':
			o->chunk = strtoul(optarg, NULL, 0);
			break;
		case 'r':
			o->repeat = strtoul(optarg, NULL, 0);
			break;
		case 'R':
			o->flags &= ~PINBENCH_F_WRITE;
			break;
		case 'u':
			o->untouched = 1;
			break;
		case 'C':
			o->flags |= PINBENCH_F_REF_CHECK;
			break;
		case 'H':
			o->flags |= PINBENCH_F_SELFTEST_HOLD;
			break;
		default:
			usage();
		}
	}
	if (optind != argc || !o->size || !o->iterations ||
	    o->iterations > UINT32_MAX || o->warmup > UINT32_MAX ||
	    o->chunk > UINT32_MAX)
		usage();
}

/* SIZE of written anonymous memory; 2 MiB aligned THP with --thp. */
static void *map_range(const struct options *o)
{
	size_t len = o->size + (o->thp ? HUGE_2M : 0);
	char *area = mmap(NULL, len, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	uintptr_t start;

	if (area == MAP_FAILED) {
		perror("pinbench-ioctl: mmap");
		return NULL;
	}
	start = (uintptr_t)area;
	if (o->thp) {
		start = (start + HUGE_2M - 1) & ~(HUGE_2M - 1);
		madvise((void *)start, o->size, MADV_HUGEPAGE);
	}
	if (!o->untouched)
		memset((void *)start, 0x5a, o->size);
	return (void *)start;
}

int main(int argc, char **argv)
{
	struct pinbench_sample *samples;
	struct module_info info;
	struct pinbench_run run;
	struct options o;
	unsigned long runs = 0;
	int fd, err, strategy, method;
	void *range;

	setvbuf(stdout, NULL, _IOLBF, 0);
	parse(argc, argv, &o);
	signal(SIGTERM, on_stop);
	signal(SIGINT, on_stop);

	err = device_open_info(&fd, &info);
	if (err) {
		fprintf(stderr, "pinbench-ioctl: %s: %s\n", PINBENCH_DEVICE,
			errno_name(err));
		return 2;
	}
	strategy = info_find_strategy(&info, o.strategy);
	if (strategy < 0) {
		fprintf(stderr, "pinbench-ioctl: no strategy %s\n", o.strategy);
		return 2;
	}
	method = o.pin_method ? info_find_pin_method(&info, o.pin_method) :
		 (int)fast_method_for(&info, strategy);
	if (method < 0) {
		fprintf(stderr, "pinbench-ioctl: no pin method %s\n",
			o.pin_method);
		return 2;
	}
	range = o.have_addr ? (void *)(uintptr_t)o.addr : map_range(&o);
	samples = calloc(o.iterations, sizeof(*samples));
	if (!range || !samples)
		return 2;

	valid_run(&run, &info, (uintptr_t)range, o.size, samples, o.iterations);
	run.strategy = strategy;
	run.pin_method = method;
	run.iterations = o.iterations;
	run.warmup = o.warmup;
	run.chunk_pages = o.chunk;
	run.flags = o.flags;
	printf("pinning %llu pages\n",
	       (unsigned long long)(o.size / info.abi.page_size));
	do {
		if (o.flags & PINBENCH_F_REF_CHECK)
			drain_and_stay_on_this_cpu();
		err = ioctl(fd, PINBENCH_IOCTL_RUN, &run) ? errno : 0;
		if (!err)
			runs++;
	} while (!err && !stop && (!o.repeat || runs < o.repeat));
	printf("result: %s runs=%lu\n", errno_name(err), runs);
	if (o.flags & PINBENCH_F_REF_CHECK)
		printf("ref: folios=%llu changed=%llu delta=%lld\n",
		       (unsigned long long)run.ref_folios,
		       (unsigned long long)run.ref_changed,
		       (long long)run.ref_delta);
	return err ? 1 : 0;
}
