#!/bin/bash
# Run a command in a QEMU guest on one kernel of the matrix, with pinbench.ko
# loaded and pinbench on PATH; the guest's /results come back into --out.
# This is the one entry point the other scripts use.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

usage() {
	cat >&2 <<-'USAGE'
		usage: scripts/guest.sh --kernel NAME [--mem 2G] [--cpus 2] [--numa N]
		           [--append "ARGS"] [--timeout 600] [--accel kvm|tcg] [--out DIR]
		           [--module NAME]... [--file SRC:DST]... -- COMMAND...
		  NAME     a kernels/NAME.conf (6.12, 6.1), or 'custom' with env
		           KERNEL=<bzImage> KDIR=<build tree> [KMODDIR=<modules dir>]
		  COMMAND  shell command line run by /bin/sh in /pinbench (PATH has
		           /pinbench/bin); files it writes to /results land in --out
		           (default: build/<kernel>/out, emptied first)
		  --module a kernel module of that kernel to load first (+ its deps)
		Exit status and options as scripts/vm-run.sh.
	USAGE
	exit 1
}

kernel='' out=''
vm_args=() files=() modules=()
while [[ $# -gt 0 ]]; do
	case $1 in
	--) shift && break ;;
	--kernel) kernel=${2:?} ;;
	--out) out=${2:?} ;;
	--mem | --cpus | --numa | --append | --timeout | --accel) vm_args+=("$1" "${2:?}") ;;
	--file) files+=(--file "${2:?}") ;;
	--module) modules+=("${2:?}") ;;
	*) usage ;;
	esac
	shift 2
done
[[ -n $kernel && $# -gt 0 ]] || usage

entry=$(pb_kernel_entry "$kernel")
pb_load_entry "$entry"
ko=$("$PINBENCH_SCRIPTS/build-kmod.sh" "$entry")

is_elf() { [[ $(head -c4 "$1" | od -An -c | tr -d ' ') == 177ELF ]]; }
# A dynamic binary would find no libc in the busybox guest.
is_static() { ! ldd "$1" >/dev/null 2>&1; }

files+=(--file "$ko:/pinbench/pinbench.ko")
bin=$PINBENCH_TOP/bench/pinbench
if [[ ! -x $bin ]]; then
	pb_warn "no $bin (make -C bench): the guest has no pinbench CLI"
elif ! is_static "$bin"; then
	pb_warn "$bin is dynamically linked; not carried (build it static)"
else
	files+=(--file "$bin:/pinbench/bin/pinbench")
fi
[[ ! -d $PINBENCH_SCRIPTS/guest ]] || files+=(--file "$PINBENCH_SCRIPTS/guest:/pinbench/scripts/guest")
for f in "$PINBENCH_TOP"/tests/guest/*; do
	[[ -f $f ]] || continue
	case $f in *.c | *.h | *.o | *.d | */Makefile) continue ;; esac
	files+=(--file "$f:/pinbench/tests/guest/")
	# Compiled test helpers are called by name: put them on PATH too.
	if [[ -x $f ]] && is_elf "$f"; then
		if is_static "$f"; then
			files+=(--file "$f:/pinbench/bin/")
		else
			pb_warn "$f is dynamically linked; it will not run in the guest"
		fi
	fi
done
mod_args=()
if [[ ${#modules[@]} -gt 0 ]]; then
	[[ -n ${KMODDIR:-} ]] || pb_die "kernel $KNAME has no modules dir (set KMODDIR= for a custom kernel)"
	mod_args+=(--kmoddir "$KMODDIR")
	for m in "${modules[@]}"; do
		mod_args+=(--module "$m")
	done
fi

mkdir -p "$PINBENCH_BUILD/$KNAME"
work=$(mktemp -d "$PINBENCH_BUILD/$KNAME/guest.XXXXXX")
trap 'rm -rf "$work"' EXIT
printf '%s\n' "$*" >"$work/cmd"
"$PINBENCH_SCRIPTS/initramfs.sh" --out "$work/initramfs.cpio.gz" --init-cmd "$work/cmd" \
	"${files[@]}" "${mod_args[@]}"

if [[ -z $out ]]; then
	out=$PINBENCH_BUILD/$KNAME/out
	rm -rf "$out"
fi
status=0
"$PINBENCH_SCRIPTS/vm-run.sh" --kernel-entry "$entry" --initrd "$work/initramfs.cpio.gz" \
	--out "$out" "${vm_args[@]}" || status=$?
exit "$status"
