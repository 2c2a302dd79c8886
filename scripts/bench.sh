#!/usr/bin/env bash
# make bench / make bench-full: the sweep of a profile (scripts/guest/
# bench-<profile>.conf), natively when pinbench.ko can be loaded into the
# running kernel, else in the QEMU guest on each of BENCH_KERNELS.
# Every kernel gets its own run directory results/<run-id>/.
# BOOTS=N (make bench BOOTS=N): a boot is the unit of replication, so each
# kernel's sweep runs in N fresh guest boots, the kernels taking turns
# (A B A B ...), each boot with its own boot number (pinbench sweep --boot);
# then `pinbench merge` joins each kernel's boots into results/<run-id>/.
# COUNT=insns: every boot in QEMU under TCG with vm/pinbench-insns.so,
# which counts the guest instructions of each timed window; pinbench
# insns-join puts them into the boot's samples.csv, and the reports and
# compares are also made on instructions per page (compare-insns-vs-*).
# usage: scripts/bench.sh [PROFILE]  (default; full, replication: the
# scripts/guest/bench-*.conf files)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib.sh
. "$top/scripts/lib.sh"

kernels=${BENCH_KERNELS:-$(pb_kernels bench)}
profile=${1:-default}
stamp=$(date -u +%Y%m%d-%H%M%S)
boots=${BOOTS:-1}
[[ $boots =~ ^[1-9][0-9]*$ ]] || pb_die "BOOTS=$boots: want a whole number >= 1"
count=${COUNT:-}
case $count in
'' | insns) ;;
*) pb_die "COUNT=$count: want insns (instructions per window, emulated) or nothing" ;;
esac

# A profile is one file, scripts/guest/bench-<profile>.conf: its sweep
# and, in guest.* keys, what the guest needs for its compositions (memory,
# hugetlb pages reserved at boot, an ext4 disk for file-ext4, CPUs, the
# seconds it may run; its soft deadline comes earlier: scripts/vm-run.sh).
# BENCH_MEM, BENCH_CPUS and BENCH_TIMEOUT override the file.
conf=$top/scripts/guest/bench-$profile.conf
if [[ ! $profile =~ ^[a-z0-9-]+$ || ! -f $conf ]]; then
	pb_die "unknown profile '$profile' ($(cd "$top/scripts/guest" && ls bench-*.conf | sed 's/^bench-//; s/[.]conf$//' | paste -sd' '))"
fi
# guest_key KEY: the value of guest.KEY in the profile, or nothing
guest_key() {
	sed -n "s/^[[:space:]]*guest[.]$1[[:space:]]*=[[:space:]]*\([^#[:space:]]*\).*/\1/p" "$conf" | tail -n1
}
guest_opts=(--mem "${BENCH_MEM:-$(guest_key mem)}")
[[ -n ${guest_opts[1]} ]] || pb_die "$conf: no guest.mem"
hugepages=$(guest_key hugepages)
[[ -z $hugepages ]] || guest_opts+=(--hugepages "$hugepages")
ext4=$(guest_key ext4)
[[ -z $ext4 ]] || guest_opts+=(--ext4 "$ext4")
guest_opts+=(--cpus "${BENCH_CPUS:-$(guest_key cpus)}")
[[ -n ${guest_opts[-1]} ]] || guest_opts[-1]=2
# the plugin needs TCG: an emulator that executes each guest instruction
[[ $count != insns ]] || guest_opts+=(--accel tcg --count-insns)
BENCH_TIMEOUT=${BENCH_TIMEOUT:-$(guest_key timeout)}
BENCH_TIMEOUT=${BENCH_TIMEOUT:-3600}
[[ $BENCH_TIMEOUT =~ ^[1-9][0-9]*$ ]] || pb_die "BENCH_TIMEOUT=$BENCH_TIMEOUT: want seconds"

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

# One guest boot of kernel $1: sweep with boot number $3 into $2.
guest_sweep() {
	local k=$1 out=$2 boot=$3 run_id=$stamp-$1
	"$top/scripts/guest.sh" --kernel "$k" "${guest_opts[@]}" \
		--timeout "$BENCH_TIMEOUT" \
		--out "$out" -- \
		"PINBENCH_RUN_ID=$run_id${boot:+ PINBENCH_BOOT=$boot} sh scripts/guest/bench.sh /results $profile"
}

# counted K OUT: with COUNT=insns, the boot's instruction counts into
# OUT/samples.csv (and its summary.csv)
counted() {
	[[ $count == insns ]] || return 0
	"$top/bench/pinbench" insns-join "$2" ||
		pb_die "kernel $1: pinbench insns-join ${2#"$top"/} failed"
}

# swept K OUT STATUS: go on after a sweep that ended with STATUS. A guest
# timeout (124) that brought rows back leaves an incomplete run, reported
# like the others and named at the end; any other failure stops here.
cut_short=
swept() {
	case $3 in
	0) ;;
	"$PB_EXIT_TIMEOUT")
		[ -s "$2/samples.csv" ] ||
			pb_die "kernel $1: the guest timed out (BENCH_TIMEOUT=$BENCH_TIMEOUT s) before any row was written"
		# pinbench may have been killed after the grace: summarize it all
		"$top/bench/pinbench" summarize "$2" > /dev/null ||
			pb_die "kernel $1: pinbench summarize ${2#"$top"/} failed"
		pb_warn "kernel $1: cut short by the guest timeout (BENCH_TIMEOUT=$BENCH_TIMEOUT s); the rows measured are kept in ${2#"$top"/} and marked incomplete"
		cut_short="$cut_short $1"
		;;
	*) pb_die "kernel $1: the sweep failed (exit $3); see ${2#"$top"/}/output.log" ;;
	esac
}

native=0
if [[ $count == insns ]]; then
	pb_log "COUNT=insns: instructions are counted by the emulator, so the VM is used (TCG)"
elif ((boots > 1)); then
	# a native run is one boot: reboot between runs, then pinbench merge
	pb_log "BOOTS=$boots: each boot is a fresh guest boot, so the VM is used"
elif try_native; then
	native=1
fi

if ((native)); then
	run_id=$stamp-native-$(uname -r)
	out=$top/results/$run_id
	pb_log "native run on $(uname -r) -> results/$run_id"
	rc=0
	PATH=$top/bench:$PATH PINBENCH_ACCEL=native PINBENCH_RUN_ID=$run_id \
		sh "$top/scripts/guest/bench.sh" "$out" "$profile" || rc=$?
	rmmod pinbench || true
	# 130: cut short by Ctrl-C; the rows so far get their figures too
	[ "$rc" = 0 ] || [ "$rc" = 130 ] || pb_die "the native sweep failed (exit $rc)"
	[ "$rc" = 0 ] || cut_short=" native"
	dirs=$out
elif ((boots == 1)); then
	"$top/scripts/deps.sh" kmod vm
	dirs=
	for k in $kernels; do
		run_id=$stamp-$k
		out=$top/results/$run_id
		pb_log "kernel $k in the VM -> results/$run_id"
		rc=0
		guest_sweep "$k" "$out" "" || rc=$?
		swept "$k" "$out" "$rc"
		counted "$k" "$out"
		dirs="$dirs $out"
	done
else
	"$top/scripts/deps.sh" kmod vm
	bootdir=$top/build/bench-boots/$stamp
	# interleaved: boot 1 of every kernel, then boot 2 of every kernel, ...
	# so that drift of the host over the whole bench hits each kernel alike
	for ((b = 1; b <= boots; b++)); do
		for k in $kernels; do
			pb_log "boot $b of $boots: kernel $k in the VM -> ${bootdir#"$top"/}/$k/boot$b"
			rc=0
			guest_sweep "$k" "$bootdir/$k/boot$b" "$b" || rc=$?
			swept "$k" "$bootdir/$k/boot$b" "$rc"
			counted "$k" "$bootdir/$k/boot$b"
		done
	done
	dirs=
	for k in $kernels; do
		run_id=$stamp-$k
		out=$top/results/$run_id
		parts=()
		for ((b = 1; b <= boots; b++)); do
			parts+=("$bootdir/$k/boot$b")
		done
		pb_log "merge the $boots boots of $k -> results/$run_id"
		"$top/bench/pinbench" merge "$out" "${parts[@]}"
		dirs="$dirs $out"
	done
	rm -rf "$bootdir"
	rmdir "$top/build/bench-boots" 2>/dev/null || true
fi

"$top/scripts/deps.sh" plot
for d in $dirs; do
	for f in samples.csv summary.csv meta.json; do
		[ -s "$d/$f" ] || pb_die "$d/$f is missing: the run failed"
	done
	pb_log "figures and reports for ${d#"$top"/}"
	"$top/scripts/plots.sh" "$d"
	"$top/bench/pinbench" report "$d"
	# replication: what it is for, on the terminal: each boot's speed and
	# whether calibrating by it brings the between-boot CV down
	[ "$profile" != replication ] ||
		awk '/^WARNING: boot / { print; next }
		     /^(Boot speed|Between-boot CV)/ { show = 1 }
		     show && /^$/ { show = 0; print "" }
		     show' "$d/report.txt"
	pb_log "done: ${d#"$top"/}/{samples.csv,summary.csv,meta.json,report.txt,report.md,plots/}"
done
# Two or more kernels: each run is compared with the last kernel's (A, the
# baseline: 6.1 by default, or the stock kernel of a BENCH_KERNELS="custom
# 6.12" A/B).
set -- $dirs
if [ $# -ge 2 ]; then
	eval "base=\${$#}"
	for d in "$@"; do
		[ "$d" != "$base" ] || continue
		pb_log "compare: bench/pinbench compare ${base#"$top"/} ${d#"$top"/}"
		"$top/bench/pinbench" compare "$base" "$d" > "$d/compare-vs-$(basename "$base").txt" || true
		pb_log "written: ${d#"$top"/}/compare-vs-$(basename "$base").txt"
		[[ $count == insns ]] || continue
		"$top/bench/pinbench" compare --metric insns_per_page "$base" "$d" \
			> "$d/compare-insns-vs-$(basename "$base").txt" || true
		pb_log "written: ${d#"$top"/}/compare-insns-vs-$(basename "$base").txt (instructions per page)"
	done
fi
if [ -n "$cut_short" ]; then
	pb_warn "cut short:$cut_short; their runs are incomplete (meta.json \"complete\": false; the reports and figures say so)"
	exit "$PB_EXIT_TIMEOUT"
fi
