#!/usr/bin/env bash
# make bench / make bench-full: the sweep of a profile (scripts/guest/
# bench-<profile>.conf), natively when pinbench.ko can be loaded into the
# running kernel, else in the QEMU guest on each of BENCH_KERNELS.
# Every kernel gets its own run directory results/<run-id>/.
# usage: scripts/bench.sh [default|full]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib.sh
. "$top/scripts/lib.sh"

kernels=${BENCH_KERNELS:-6.12 6.1}
profile=${1:-default}
stamp=$(date -u +%Y%m%d-%H%M%S)

# What the guest needs for a profile's compositions: memory, hugetlb pages
# reserved at boot, an ext4 disk for file-ext4.
case $profile in
default) guest_opts=(--mem "${BENCH_MEM:-4G}" --hugepages 2M:160 --ext4 512M) ;;
full) guest_opts=(--mem "${BENCH_MEM:-10G}" --hugepages "2M:600,1G:2" --ext4 3G) ;;
*) pb_die "unknown profile '$profile' (default or full)" ;;
esac

# Native: the running kernel's build tree is there and the module loads.
try_native() {
	local kdir ko
	kdir=/lib/modules/$(uname -r)/build
	[ "${PINBENCH_FORCE_VM:-0}" = 0 ] || return 1
	[ -f "$kdir/Makefile" ] || { pb_log "no build tree at $kdir: using the VM"; return 1; }
	[ "$(id -u)" = 0 ] || { pb_log "not root: cannot load a module, using the VM"; return 1; }
	make -s -C "$top/kmod" KDIR="$kdir" > "$top/build/native-kmod.log" 2>&1 ||
		{ pb_log "module does not build for $(uname -r) (build/native-kmod.log): using the VM"; return 1; }
	ko=$top/kmod/pinbench.ko
	if ! grep -q '^pinbench ' /proc/modules; then
		insmod "$ko" 2> "$top/build/native-insmod.log" ||
			{ pb_log "insmod refused: $(cat "$top/build/native-insmod.log"); using the VM"; return 1; }
	fi
	return 0
}

mkdir -p "$top/build" "$top/results"
"$top/scripts/deps.sh" build
make -s -C "$top" userspace

if try_native; then
	run_id=$stamp-native-$(uname -r)
	out=$top/results/$run_id
	pb_log "native run on $(uname -r) -> results/$run_id"
	PATH=$top/bench:$PATH PINBENCH_ACCEL=native PINBENCH_RUN_ID=$run_id \
		sh "$top/scripts/guest/bench.sh" "$out" "$profile"
	rmmod pinbench || true
	dirs=$out
else
	"$top/scripts/deps.sh" kmod vm
	dirs=
	for k in $kernels; do
		run_id=$stamp-$k
		out=$top/results/$run_id
		pb_log "kernel $k in the VM -> results/$run_id"
		"$top/scripts/guest.sh" --kernel "$k" "${guest_opts[@]}" \
			--cpus "${BENCH_CPUS:-2}" --timeout "${BENCH_TIMEOUT:-3600}" \
			--out "$out" -- \
			"PINBENCH_RUN_ID=$run_id sh scripts/guest/bench.sh /results $profile"
		dirs="$dirs $out"
	done
fi

"$top/scripts/deps.sh" plot
for d in $dirs; do
	for f in samples.csv summary.csv meta.json; do
		[ -s "$d/$f" ] || pb_die "$d/$f is missing: the run failed"
	done
	pb_log "figures and reports for ${d#"$top"/}"
	"$top/scripts/plots.sh" "$d"
	"$top/bench/pinbench" report "$d"
	pb_log "done: ${d#"$top"/}/{samples.csv,summary.csv,meta.json,report.txt,report.md,plots/}"
done
set -- $dirs
if [ $# -eq 2 ]; then
	# two kernels: the second (A, the older by default) is the baseline
	pb_log "compare: bench/pinbench compare ${2#"$top"/} ${1#"$top"/}"
	"$top/bench/pinbench" compare "$2" "$1" > "$1/compare-vs-$(basename "$2").txt" || true
	pb_log "written: ${1#"$top"/}/compare-vs-$(basename "$2").txt"
fi
