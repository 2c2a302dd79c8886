#!/bin/bash
# Install the Debian packages a pinbench task needs, only the missing ones.
# usage: scripts/deps.sh GROUP...   (groups: build kmod vm plot fuzz checkpatch tools sid-chroot)
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

usage() {
	cat >&2 <<-'USAGE'
		usage: scripts/deps.sh GROUP...
		  build  userspace CLI (bench/): gcc make libc6-dev libgsl-dev libjansson-dev libnuma-dev pkg-config
		  kmod   out-of-tree module against Debian's kernel headers
		  vm     QEMU guest runs: qemu, busybox initramfs, module tools, mkfs.ext4
		  plot   gnuplot for figures
		  fuzz   clang + libFuzzer runtime for tests/fuzz/
		  checkpatch  linux-source-6.1 (a 140 MB download) for checkpatch.pl
		  tools  perf, fio, numactl: carried into guests (guest.sh --tool)
		  sid-chroot  debootstrap, for kernels built with BUILD_ENV=sid-chroot (7.2)
	USAGE
	exit 1
}

# add_group GROUP: append GROUP's packages to $wanted (no subshell, so
# pb_die/usage really exit).
add_group() {
	case $1 in
	# libjansson-dev: meta.json; its libjansson.a links the static CLI;
	# libnuma-dev: pinbench scale's placement, libnuma.a likewise
	build) wanted+=(gcc make libc6-dev libgsl-dev libjansson-dev libnuma-dev pkg-config) ;;
	# Debian's headers pin CC to gcc-12 (x86_64-linux-gnu-gcc-12 on 6.12);
	# dwarves: pahole makes module BTF on 6.12 whose headers ship vmlinux.
	kmod) wanted+=(gcc-12 make libc6-dev libelf-dev bc flex bison kmod xz-utils dwarves) ;;
	# kmod: depmod for the cached trees; xz-utils: 6.12 ships .ko.xz;
	# e2fsprogs: mkfs.ext4 for guest.sh --ext4; zstd: modules as .ko.zst.
	vm) wanted+=(qemu-system-x86 busybox-static cpio xz-utils zstd kmod e2fsprogs) ;;
	plot) wanted+=(gnuplot-nox) ;;
	# clang's libFuzzer for the CLI's parsers (tests/fuzz/, make fuzz)
	fuzz) wanted+=(clang libclang-rt-14-dev) ;;
	# checkpatch.pl only ships inside linux-source-6.1's tarball (~140 MB);
	# tests/checkpatch.sh unpacks just the script from it.
	checkpatch) wanted+=(linux-source-6.1 perl) ;;
	# what runs need besides pinbench, natively or carried into a guest
	tools) wanted+=(linux-perf fio numactl libc-bin) ;;
	# the cached sid build chroot (scripts/sid-chroot.sh); the compilers
	# and kbuild libraries live inside it, not on the host
	sid-chroot) wanted+=(debootstrap debian-archive-keyring) ;;
	*)
		pb_log "unknown group '$1'"
		usage
		;;
	esac
}

[[ $# -gt 0 ]] || usage
wanted=()
for group in "$@"; do
	add_group "$group"
done

missing=()
for pkg in $(printf '%s\n' "${wanted[@]}" | sort -u); do
	status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null || true)
	[[ $status == ii* ]] || missing+=("$pkg")
done

if [[ ${#missing[@]} -eq 0 ]]; then
	pb_log "deps ($*): all installed"
	exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
	pb_log "missing packages for '$*'; run:"
	printf 'sudo apt-get install -y --no-install-recommends %s\n' "${missing[*]}" >&2
	exit 1
fi

pb_log "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Update the lists only when apt cannot see a candidate (fresh image, stale lists).
for pkg in "${missing[@]}"; do
	if ! apt-cache policy "$pkg" 2>/dev/null | grep -q 'Candidate: [^(]'; then
		apt-get update
		break
	fi
done
apt-get install -y --no-install-recommends "${missing[@]}" ||
	pb_die "apt-get install failed for: ${missing[*]}"
