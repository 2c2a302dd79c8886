#!/bin/bash
# Print the accelerator guests should use here: kvm when a stock kernel
# really boots under KVM, else tcg. Some hosts have /dev/kvm but hang right
# after "Booting from ROM", so we boot once and cache the answer per host.
# usage: scripts/kvm-probe.sh [KERNEL_NAME|ENTRY_DIR]   (default kernel: 6.12)
# env: PINBENCH_ACCEL=kvm|tcg skips the probe.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

if [[ -n ${PINBENCH_ACCEL:-} ]]; then
	[[ $PINBENCH_ACCEL == kvm || $PINBENCH_ACCEL == tcg ]] ||
		pb_die "PINBENCH_ACCEL=$PINBENCH_ACCEL: want kvm or tcg"
	echo "$PINBENCH_ACCEL"
	exit 0
fi
if [[ ! -r /dev/kvm || ! -w /dev/kvm ]]; then
	pb_log "no usable /dev/kvm: guests run under TCG (emulated, slow)"
	echo tcg
	exit 0
fi

qemu=${PINBENCH_QEMU:-qemu-system-x86_64}
pb_need "$qemu" vm
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)
hostkey=$(pb_hash "$(hostname)" "$(uname -r)" "$cpu" "$("$qemu" --version | head -n1)")
cache=$PINBENCH_CACHE/accel-$hostkey
if [[ -s $cache ]]; then
	cat "$cache"
	exit 0
fi

target=${1:-6.12}
if [[ -f $target/entry.env ]]; then
	entry=$target
else
	entry=$(pb_kernel_entry "$target")
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/pinbench-kvm-probe.XXXXXX")
trap 'rm -rf "$work"' EXIT
echo 'echo pinbench-kvm-probe-ok' >"$work/cmd"
"$PINBENCH_SCRIPTS/initramfs.sh" --out "$work/probe.cpio.gz" --init-cmd "$work/cmd" 2>/dev/null
pb_log "probing KVM: booting $(basename "$entry") with a 20 s timeout (once per host)"
accel=tcg
if "$PINBENCH_SCRIPTS/vm-run.sh" --kernel-entry "$entry" --initrd "$work/probe.cpio.gz" \
	--out "$work/out" --accel kvm --mem 256M --cpus 1 --timeout 20 >/dev/null 2>"$work/log"; then
	accel=kvm
else
	pb_log "KVM did not boot a guest here; using TCG (emulated, slow). Probe log:"
	tail -n 8 "$work/log" >&2
fi
mkdir -p "$PINBENCH_CACHE"
echo "$accel" >"$cache"
pb_log "accel $accel cached in $cache (delete it to probe again)"
echo "$accel"
