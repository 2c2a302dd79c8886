#!/bin/bash
# BUILD_ENV=sid-chroot: a minimal Debian sid chroot, created once and cached
# under $PINBENCH_CACHE/buildenv/, in which modules for kernels whose kbuild
# tools and compiler need sid's userland (7.2: gcc-16, glibc 2.43) get built.
# It comes from the mirror and suite of kernels/apt/sid.sources; the host's
# apt state and /etc are never touched. Commands run in a private mount
# namespace (unshare -m), so the bind mounts vanish with it on every exit
# path, and nothing stays mounted on the host.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

usage() {
	cat >&2 <<-'USAGE'
		usage: scripts/sid-chroot.sh [--refresh]
		       scripts/sid-chroot.sh [--install PKG]... [--bind DIR]... [--bind-ro DIR]... -- CMD [ARG]...
		  (no CMD)     create the chroot if needed; print its directory
		  --refresh    build it anew from the mirror (newer sid packages)
		  --install    sid packages CMD needs besides the base set (e.g. the
		               gcc-NN a kernel's headers name); installed once
		  --bind DIR   make host DIR visible at the same path inside (read-write)
		  --bind-ro    same, read-only
		CMD runs as root inside the chroot with a clean environment.
	USAGE
	exit 1
}

# What every module build needs (kmod: modinfo, xz-utils/zstd: compressed
# modules, pahole: module BTF, libssl3t64/libelf1t64: what the kernel's
# linux-kbuild tools link). gcc is sid's default compiler; a kernel naming
# another one gets it through --install.
BASE_PACKAGES=(gcc make libc6-dev libelf-dev bc flex bison kmod xz-utils zstd
	pahole libssl3t64 ca-certificates)
# Bump when the chroot layout changes: a cached chroot is then rebuilt.
CHROOT_FORMAT=1
SOURCES=$PINBENCH_KERNELS/apt/sid.sources
BASE=$PINBENCH_CACHE/buildenv
ROOT=$BASE/sid-chroot

# sources_field NAME: a field of the first stanza of sid.sources.
sources_field() {
	sed -n "s/^$1: *//p" "$SOURCES" | head -n1 | awk '{print $1}'
}

# mounted_under DIR: true if anything on the host is mounted at or below DIR.
mounted_under() {
	awk -v d="$1" '$5 == d || index($5, d "/") == 1 { found = 1 } END { exit !found }' \
		/proc/self/mountinfo
}

# create: debootstrap into ROOT unless its stamp matches. Caller holds the
# exclusive lock.
create() {
	local mirror suite keyring key stamp=$ROOT/.pinbench-stamp log start
	[[ -f $SOURCES ]] || pb_die "no $SOURCES"
	mirror=$(sources_field URIs) suite=$(sources_field Suites) keyring=$(sources_field Signed-By)
	[[ -n $mirror && -n $suite ]] || pb_die "$SOURCES: no URIs:/Suites: field"
	key=$(pb_hash "$CHROOT_FORMAT" "$mirror" "$suite" "$keyring" "${BASE_PACKAGES[*]}")
	if [[ $refresh == 0 && $(cat "$stamp" 2>/dev/null) == "$key" ]]; then
		return 0
	fi
	# what a fresh machine lacks is installed here (root), not asked for
	PATH=$PATH:/usr/sbin:/sbin
	command -v debootstrap >/dev/null 2>&1 || "$PINBENCH_SCRIPTS/deps.sh" sid-chroot >&2 ||
		pb_die "debootstrap is missing: $PINBENCH_SCRIPTS/deps.sh sid-chroot"
	[[ -z $keyring || -f $keyring ]] || pb_die "keyring $keyring not found; install it with: $PINBENCH_SCRIPTS/deps.sh sid-chroot"
	for dir in "$ROOT" "$ROOT.new"; do
		! mounted_under "$dir" || pb_die "something is mounted under $dir; unmount it first"
	done
	rm -rf "$ROOT.new"
	mkdir -p "$BASE"
	log=$BASE/sid-chroot.log
	start=$SECONDS
	pb_log "creating the $suite build chroot in $ROOT (debootstrap from $mirror, a few minutes; log: $log)"
	local inc
	inc=$(
		IFS=,
		echo "${BASE_PACKAGES[*]}"
	)
	if ! debootstrap --variant=minbase --include="$inc" ${keyring:+--keyring="$keyring"} \
		"$suite" "$ROOT.new" "$mirror" >"$log" 2>&1; then
		tail -n 20 "$log" >&2
		[[ ! -f $ROOT.new/debootstrap/debootstrap.log ]] ||
			tail -n 20 "$ROOT.new/debootstrap/debootstrap.log" >&2
		pb_die "debootstrap of $suite failed (log: $log)"
	fi
	chroot "$ROOT.new" apt-get clean >>"$log" 2>&1 || true
	rm -rf "$ROOT"
	echo "$key" >"$ROOT.new/.pinbench-stamp"
	mv "$ROOT.new" "$ROOT"
	pb_log "$suite build chroot ready in $((SECONDS - start)) s ($(du -sm "$ROOT" | cut -f1) MiB)"
}

# in_chroot CMD...: CMD inside ROOT in a fresh private mount namespace
# (the script re-entered through unshare, see --in-namespace).
in_chroot() {
	local b args=()
	for b in "${binds[@]}"; do
		args+=(--bind "$b")
	done
	for b in "${binds_ro[@]}"; do
		args+=(--bind-ro "$b")
	done
	unshare -m --propagation private -- "$PINBENCH_SCRIPTS/sid-chroot.sh" --in-namespace "${args[@]}" -- "$@"
}

# install_missing PKG...: apt-get install those not yet in the chroot.
# Caller holds the exclusive lock.
install_missing() {
	local pkg missing=() status
	for pkg in "$@"; do
		# shellcheck disable=SC2016 # a dpkg-query format, not shell
		status=$(chroot "$ROOT" dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null || true)
		[[ $status == ii* ]] || missing+=("$pkg")
	done
	[[ ${#missing[@]} -gt 0 ]] || return 0
	pb_log "installing into the sid chroot: ${missing[*]}"
	local binds=() binds_ro=() # no binds for apt (in_chroot reads these)
	in_chroot sh -c 'apt-get -q update && DEBIAN_FRONTEND=noninteractive apt-get -q install -y --no-install-recommends "$@" && apt-get clean' \
		sh "${missing[@]}" >>"$BASE/sid-chroot.log" 2>&1 ||
		pb_die "apt-get install ${missing[*]} in the sid chroot failed (log: $BASE/sid-chroot.log)"
}

# --in-namespace: already inside unshare -m; mount, then exec chroot.
# Nothing here needs unmounting: the namespace dies with CMD.
in_namespace() {
	local dir ro
	mount -t proc proc "$ROOT/proc"
	mount --bind /dev "$ROOT/dev"
	for dir in "${binds[@]/#/rw:}" "${binds_ro[@]/#/ro:}"; do
		ro=${dir%%:*} dir=${dir#*:}
		mkdir -p "$ROOT$dir"
		mount --bind "$dir" "$ROOT$dir"
		[[ $ro == rw ]] || mount -o remount,bind,ro "$ROOT$dir"
	done
	exec chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
		HOME=/root LC_ALL=C.UTF-8 "$@"
}

refresh=0 inner=0
binds=() binds_ro=() installs=()
while [[ $# -gt 0 ]]; do
	case $1 in
	--refresh) refresh=1 ;;
	--in-namespace) inner=1 ;;
	--install | --bind | --bind-ro)
		[[ $# -ge 2 ]] || usage
		case $1 in
		--install) installs+=("$2") ;;
		--bind | --bind-ro)
			[[ $2 == /* && -d $2 ]] || pb_die "$1 $2: want an existing absolute directory"
			if [[ $1 == --bind ]]; then binds+=("$2"); else binds_ro+=("$2"); fi
			;;
		esac
		shift
		;;
	--) shift && break ;;
	*) usage ;;
	esac
	shift
done

if [[ $inner == 1 ]]; then
	[[ $# -gt 0 ]] || usage
	in_namespace "$@"
fi

[[ $(id -u) -eq 0 ]] || pb_die "BUILD_ENV=sid-chroot needs root (debootstrap, chroot, mount)"
PATH=$PATH:/usr/sbin:/sbin # debootstrap, chroot
mkdir -p "$BASE"
exec 8>"$BASE/sid-chroot.lock"
# Creation and installs exclusively, then commands under a shared lock so
# a --refresh never replaces the chroot under a running build.
flock 8
create
[[ ${#installs[@]} -eq 0 ]] || install_missing "${installs[@]}"
if [[ $# -eq 0 ]]; then
	echo "$ROOT"
	exit 0
fi
flock -s 8
in_chroot "$@"
