# pinbench: what releasing pinned user pages costs the kernel.
#   make           build the CLI, the guest test programs and (when the
#                  running kernel's build tree exists, or KDIR= is given)
#                  the module
#   make bench     the default sweep: native if the module loads here,
#                  else in a QEMU guest on each kernel whose
#                  kernels/*.conf SUITES has "bench" (6.12 and 6.1)
#   make bench BOOTS=N  each kernel's sweep in N fresh guest boots, the
#                  kernels taking turns, merged into one run directory
#                  per kernel (compare/report then test per-boot medians)
#   make bench COUNT=insns  also count, in QEMU under TCG with the plugin
#                  vm/pinbench-insns.so, the guest instructions of every
#                  timed window (insns-join): report and compare on
#                  instructions per page besides ns per page
#   make bench-full  the whole matrix: every composition, three pin methods,
#                  up to 2 GiB (a profile is scripts/guest/bench-<name>.conf)
#   make bench-replication  64 MiB anon-4k unpin_pages in 5 boots of 6.12:
#                  the boot-to-boot spread
#   make bench-fio  fio end-to-end: O_DIRECT jobs (bench/fio/) on null_blk
#                  and ext4 under perf record, in a guest on each kernel of
#                  make bench: fio.csv, fio-report.txt, plots/fio-iops.png
#   make bench-numa  pinbench scale in a guest of 2 emulated NUMA nodes x 2
#                  vCPUs on each kernel of make bench: scale.csv,
#                  scale-summary.csv, scale-report.txt, plots/scale_*.png
#   make check     host unit tests + checkpatch + guest tests on the
#                  kernels whose SUITES has "check" (5.10, 6.1, 6.12, 7.2)
#   make fuzz      the ioctl fuzzer (200000 calls) on the kernels whose
#                  SUITES has "fuzz", and the libFuzzer harnesses of the
#                  CLI's parsers
#   make asan      host unit tests and the CLI they run, built with
#                  -fsanitize=address,undefined (not -static), and run
#   make plots RUN=<dir>, make report RUN=<dir>: figures, report.txt/.md
#   make compare A=<dir> B=<dir>: Welch's t-test per config, B against A
#                  (and, where both carry profiles, the symbols that moved)
#   make profile COMPOSITION=anon-4k SIZE=64M STRATEGY=put_page [KERNEL=6.12]
#                  [ITERATIONS=50]: one case under perf record in a guest,
#                  sampling only inside the RUN ioctls -> results/<run-id>/
#                  perf.data + profile-*.txt; prints the top symbols
#   make clean

KDIR ?= /lib/modules/$(shell uname -r)/build

all: deps userspace
	@if [ -f "$(KDIR)/Makefile" ]; then \
		$(MAKE) -C kmod KDIR=$(KDIR); \
	else \
		echo "pinbench: no kernel build tree at $(KDIR): module not built here" \
		     "(make bench and make check build it for the guest kernels;" \
		     "or pass KDIR=<build tree>)"; \
	fi

deps:
	@scripts/deps.sh build

userspace:
	$(MAKE) -C bench
	$(MAKE) -C vm
	$(MAKE) -C tests/guest

# BOOTS and COUNT (make bench BOOTS=3 COUNT=insns, or the environment)
# reach scripts/bench.sh
bench:
	BOOTS="$(BOOTS)" COUNT="$(COUNT)" scripts/bench.sh default

bench-full:
	BOOTS="$(BOOTS)" COUNT="$(COUNT)" scripts/bench.sh full

# the README's replication target: 64 MiB anon-4k unpin_pages in 5 boots
bench-replication:
	BOOTS="$(or $(BOOTS),5)" BENCH_KERNELS="$(or $(BENCH_KERNELS),6.12)" \
		scripts/bench.sh replication

# FIO_PROFILE=quick (12 jobs), check (4); FIO_RUNTIME: seconds a job
bench-fio:
	scripts/bench-fio.sh

# SCALE_ARGS: more pinbench scale options; BENCH_KERNELS as for bench
bench-numa:
	scripts/bench-numa.sh

check:
	tests/check.sh

# the host tests and the CLI under ASan+UBSan (tests/host/build-asan/)
asan:
	$(MAKE) -C tests/host asan

# FUZZ_CALLS ioctl calls per kernel in the guest + the parser fuzzers
fuzz:
	scripts/fuzz.sh

# make plots RUN=results/<run-id>, make report RUN=results/<run-id>
plots:
	@[ -n "$(RUN)" ] || { echo "usage: make plots RUN=results/<run-id>"; exit 2; }
	@scripts/deps.sh plot
	$(MAKE) -s -C bench
	scripts/plots.sh $(RUN)

report: plots
	bench/pinbench report $(RUN)

# make compare A=results/<run-a> B=results/<run-b>
compare:
	@[ -n "$(A)" ] && [ -n "$(B)" ] || { echo "usage: make compare A=<run dir> B=<run dir>"; exit 2; }
	$(MAKE) -s -C bench
	bench/pinbench compare $(A) $(B)

# make profile COMPOSITION=... SIZE=... STRATEGY=... [KERNEL=6.12]
profile:
	COMPOSITION="$(COMPOSITION)" SIZE="$(SIZE)" STRATEGY="$(STRATEGY)" \
		KERNEL="$(KERNEL)" ITERATIONS="$(ITERATIONS)" scripts/profile.sh

clean:
	$(MAKE) -C bench clean
	$(MAKE) -C tests/guest clean
	$(MAKE) -C vm clean
	$(MAKE) -C tests/host clean
	rm -rf build
	-[ -f "$(KDIR)/Makefile" ] && $(MAKE) -C kmod KDIR=$(KDIR) clean

.PHONY: all deps userspace bench bench-full bench-replication bench-fio bench-numa check asan fuzz \
	plots report compare profile clean
