#!/usr/bin/env bash
# make bench-numa: pinbench scale in a QEMU guest of 2 emulated NUMA nodes
# and 4 vCPUs (2 a node, multi-threaded TCG: a host thread a vCPU) on each
# kernel of `make bench` (BENCH_KERNELS overrides): the default modes
# (private, shared, cross-node, remote-release) on anon-4k and anon-thp
# with unpin_pages, put_page and unpin_folios where the kernel has it,
# then on the host pinbench figures and scripts/plots.sh. Every kernel
# gets results/<stamp>-numa-<kernel>/ (scale.csv, scale-summary.csv,
# scale-report.txt, plots/).
# env: BENCH_KERNELS, SCALE_ARGS (pinbench scale options after the
#   defaults, default "--duration 1": a second of RUNs per thread and case,
#   so that the threads' windows meet), BENCH_TIMEOUT (seconds a guest,
#   default 3600)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib.sh
. "$top/scripts/lib.sh"

kernels=${BENCH_KERNELS:-$(pb_kernels bench)}
timeout=${BENCH_TIMEOUT:-3600}
[[ $timeout =~ ^[1-9][0-9]*$ ]] || pb_die "BENCH_TIMEOUT=$timeout: want seconds"
args=${SCALE_ARGS---duration 1}
# the words go into the guest's shell command: options and plain values
[[ $args =~ ^[A-Za-z0-9\ ,.=_-]*$ ]] || pb_die "SCALE_ARGS: options and plain values only"
stamp=$(date -u +%Y%m%d-%H%M%S)

"$top/scripts/deps.sh" build kmod vm tools plot
make -s -C "$top" userspace
mkdir -p "$top/results"
status=0
for k in $kernels; do
	out=$top/results/$stamp-numa-$k
	pb_log "kernel $k in the VM: pinbench scale, 2 nodes x 2 vCPUs -> results/${out##*/}"
	rc=0
	"$top/scripts/guest.sh" --kernel "$k" --mem 4G --cpus 4 --numa 2 \
		--tcg-threads multi --tool numactl --timeout "$timeout" \
		--out "$out" -- \
		"pinbench scale --run-id $stamp-numa-$k --out /results $args" || rc=$?
	if [[ $rc != 0 ]]; then
		pb_warn "kernel $k: pinbench scale ended with exit $rc; see ${out#"$top"/}/output.log"
		status=1
	fi
	[[ -f $out/scale-summary.csv ]] || { status=1; continue; }
	"$top/scripts/plots.sh" "$out" > /dev/null || status=1
	pb_log "done: ${out#"$top"/}/{scale.csv,scale-summary.csv,scale-report.txt,plots/scale_*.png}"
done
exit "$status"
