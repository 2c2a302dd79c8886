#!/bin/bash
# Build pinbench.ko for one cached kernel, out of the source tree (a copy per
# kernel under $PINBENCH_BUILD, so kernels never share objects).
# usage: scripts/build-kmod.sh ENTRY_DIR   -> prints the .ko path
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

[[ $# -eq 1 && $1 != -* ]] || {
	echo "usage: scripts/build-kmod.sh ENTRY_DIR   (an entry dir from scripts/kernel-fetch.sh)" >&2
	exit 1
}
pb_load_entry "$1"
case ${KBUILD_ENV:=host} in
host | sid-chroot) ;;
*) pb_die "kernel $KNAME: BUILD_ENV=$KBUILD_ENV is not supported (host or sid-chroot); re-run scripts/kernel-fetch.sh" ;;
esac
src=$PINBENCH_TOP/kmod
[[ -f $src/Kbuild ]] || pb_die "no $src/Kbuild: the module sources are missing"
[[ $KBUILD_ENV != host ]] || pb_need make kmod
PATH=$PATH:/usr/sbin:/sbin # modinfo

# sync_dir FROM TO GLOB...: copy files whose content changed, so unchanged
# files keep their mtime and make rebuilds only what changed.
sync_dir() {
	local from=$1 to=$2 f
	shift 2
	mkdir -p "$to"
	for f in "$@"; do
		[[ -f $from/$f ]] || continue
		cmp -s "$from/$f" "$to/$f" || cp "$from/$f" "$to/$f"
	done
}

dst=$PINBENCH_BUILD/$KNAME
mkdir -p "$dst"
# Parallel runs on one kernel share this build dir: one build at a time.
exec 9>"$dst/.lock"
flock 9
# Same relative layout as the repo: Kbuild adds -I$(src)/../include.
(cd "$src" && sync_dir "$src" "$dst/kmod" Kbuild ./*.c ./*.h)
if [[ -d $PINBENCH_TOP/include ]]; then
	(cd "$PINBENCH_TOP/include" && sync_dir "$PINBENCH_TOP/include" "$dst/include" ./*.h)
fi

read -ra make_args <<<"${KMAKE_ARGS:-}"
make_cmd=(make -C "$KDIR" M="$dst/kmod" -j"$(nproc)" "${make_args[@]}" modules)
env_args=() where=''
if [[ $KBUILD_ENV == sid-chroot ]]; then
	# make runs inside the cached sid chroot (scripts/sid-chroot.sh); the
	# build dir and the kernel tree appear there at the same absolute paths:
	# for an unpacked package the whole root (its headers Makefile includes
	# the -common tree by cache path, scripts/ links into usr/lib), for a
	# custom kernel KDIR itself.
	ktree=${KDIR%%/usr/src/*}
	[[ -d $ktree ]] || pb_die "KDIR=$KDIR: no $ktree"
	env_args=(--bind-ro "$ktree" --bind "$dst")
	# The compiler the headers name (x86_64-linux-gnu-gcc-16 -> gcc-16),
	# unless MAKE_ARGS picks one: installed into the chroot on first use.
	cc=$(sed -n 's/^CONFIG_CC_VERSION_TEXT="\([^ ]*\) .*/\1/p' "$KDIR/.config")
	if [[ " ${KMAKE_ARGS:-}" != *" CC="* && $cc =~ gcc-([0-9]+)$ ]]; then
		env_args+=(--install "gcc-${BASH_REMATCH[1]}")
	fi
	# Create the chroot (once, minutes) and install with messages shown.
	"$PINBENCH_SCRIPTS/sid-chroot.sh" "${env_args[@]}" >/dev/null
	make_cmd=("$PINBENCH_SCRIPTS/sid-chroot.sh" "${env_args[@]}" -- "${make_cmd[@]}")
	where=' in the sid chroot'
fi
pb_log "building pinbench.ko for $KNAME ($KRELEASE)$where"
log=$dst/kmod/build.log
if ! "${make_cmd[@]}" >"$log" 2>&1; then
	tail -n 30 "$log" >&2
	pb_die "pinbench.ko does not build for $KNAME (full log: $log)"
fi
# Warnings stay visible: the module must build clean on every kernel.
grep -E 'warning:|error:' "$log" >&2 || true

ko=$dst/kmod/pinbench.ko
[[ -f $ko ]] || pb_die "make succeeded but left no $ko"
vermagic=$(modinfo -F vermagic "$ko")
[[ $vermagic == "$KRELEASE "* ]] ||
	pb_die "$ko has vermagic '$vermagic', expected $KRELEASE: wrong KDIR?"
echo "$ko"
