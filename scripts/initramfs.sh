#!/bin/bash
# Build the guest's initramfs (gzip'd newc cpio): static busybox,
# scripts/initramfs-init.sh as /init, extra files, and kernel modules with
# their modules.dep closure, loaded by /init in dependency order.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

usage() {
	cat >&2 <<-'USAGE'
		usage: scripts/initramfs.sh --out FILE [--file SRC:DST]...
		           [--kmoddir DIR --module NAME...]... [--init-cmd FILE]
		  --file SRC:DST   copy a file or directory to DST (absolute; a trailing /
		                   means "into this directory") in the image
		  --kmoddir DIR    a lib/modules/<release> dir (with modules.dep) for the
		                   --module options that follow it
		  --module NAME    carry NAME and the modules it depends on; /init loads them
		  --init-cmd FILE  the command script /init runs (/pinbench/cmd)
		  --tool NAME      a host program (perf, fio, numactl) on the guest's PATH
		                   with the shared libraries it links (ldd closure) at
		                   their host paths
	USAGE
	exit 1
}

out='' cmd='' kmoddir=''
files=() mods=() tools=() # mods: "KMODDIR|NAME"
while [[ $# -gt 0 ]]; do
	[[ $1 == --* && $# -ge 2 ]] || usage
	case $1 in
	--out) out=$2 ;;
	--file) files+=("$2") ;;
	--kmoddir) kmoddir=${2%/} ;;
	--module)
		[[ -n $kmoddir ]] || pb_die "--module $2 needs a --kmoddir before it"
		mods+=("$kmoddir|$2")
		;;
	--init-cmd) cmd=$2 ;;
	--tool) tools+=("$2") ;;
	*) usage ;;
	esac
	shift 2
done
[[ -n $out ]] || usage
pb_need cpio vm
pb_need gzip vm
busybox=/bin/busybox
[[ -x $busybox ]] || pb_die "$busybox not found; install it with: scripts/deps.sh vm"
# A dynamic busybox would find no libc in the guest.
! ldd "$busybox" >/dev/null 2>&1 ||
	pb_die "$busybox is dynamically linked; install busybox-static (scripts/deps.sh vm)"

stage=$(mktemp -d "${TMPDIR:-/tmp}/pinbench-initramfs.XXXXXX")
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage"/{bin,sbin,usr/bin,usr/sbin,dev,proc,sys,tmp,results,root,etc,pinbench,lib/modules/carried}

cp "$busybox" "$stage/bin/busybox"
# /init runs "busybox --install -s" for the other applets (faster than
# hundreds of ln here).
ln -s busybox "$stage/bin/sh"
install -m 0755 "$PINBENCH_SCRIPTS/initramfs-init.sh" "$stage/init"
# /init runs the command under the soft deadline vm-run.sh gives it.
deadline_tool=$PINBENCH_TOP/vm/pinbench-deadline
[[ -x $deadline_tool ]] || make -s -C "$PINBENCH_TOP/vm" >&2 ||
	pb_die "cannot build $deadline_tool (make userspace)"
! ldd "$deadline_tool" >/dev/null 2>&1 || pb_die "$deadline_tool is dynamically linked; rebuild it (make -C vm clean all)"
install -m 0755 "$deadline_tool" "$stage/bin/pinbench-deadline"
[[ -z $cmd ]] || install -m 0755 "$cmd" "$stage/pinbench/cmd"

for spec in "${files[@]}"; do
	src=${spec%%:*} dst=${spec#*:}
	[[ $spec == *:* && $dst == /* ]] || pb_die "--file $spec: want SRC:/ABSOLUTE/DST"
	[[ -e $src ]] || pb_die "--file $spec: no such file $src"
	if [[ -d $src ]]; then
		mkdir -p "$stage$dst"
		cp -RL "$src/." "$stage$dst/"
	elif [[ $dst == */ ]]; then
		mkdir -p "$stage$dst"
		cp -L "$src" "$stage$dst"
	else
		mkdir -p "$(dirname "$stage$dst")"
		cp -L "$src" "$stage$dst"
	fi
done

# --- host programs with their shared libraries ------------------------------
# The loader and every library ldd lists go to the same absolute path, so
# the binary runs unchanged; ldconfig then writes the guest's ld.so.cache.
carry_tool() {
	local name=$1 path lib libs
	path=$(command -v "$name") ||
		pb_die "--tool $name: not installed on this host (scripts/deps.sh tools)"
	path=$(readlink -f "$path")
	[[ $(head -c4 "$path" | od -An -c | tr -d ' ') == 177ELF ]] ||
		pb_die "--tool $name: $path is not an ELF program"
	install -D -m 0755 "$path" "$stage/usr/bin/$name"
	libs=$(ldd "$path" 2>/dev/null) || return 0 # static: nothing else to carry
	[[ $libs != *'not found'* ]] ||
		pb_die "--tool $name: $path misses libraries on this host: $(grep 'not found' <<<"$libs" | tr -s ' \n' ' ')"
	awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' <<<"$libs" |
		while read -r lib; do
			[[ -e $stage$lib ]] && continue
			mkdir -p "$stage$(dirname "$lib")"
			cp -L "$lib" "$stage$lib"
			dirname "$lib" >>"$stage/etc/ld.so.conf"
		done
}
for tool in "${tools[@]}"; do
	carry_tool "$tool"
done
if [[ ${#tools[@]} -gt 0 ]]; then
	sort -u -o "$stage/etc/ld.so.conf" "$stage/etc/ld.so.conf"
	PATH=$PATH:/usr/sbin:/sbin ldconfig -r "$stage" ||
		pb_warn "ldconfig -r $stage failed: the guest has no ld.so.cache"
	pb_log "tools carried: ${tools[*]} ($(du -sk "$stage" | cut -f1) KiB unpacked image)"
fi

# --- kernel modules: modules.dep closure, dependencies first ---------------
declare -A mpath=() mdeps=() builtin=() state=() parsed=()
order=()

modname() { # PATH -> normalized module name (- and _ are the same to the kernel)
	local n=${1##*/}
	n=${n%%.ko*}
	REPLY=${n//-/_}
}

parse_dir() {
	local dir=$1 line path deps d names
	[[ -z ${parsed[$dir]:-} ]] || return 0
	[[ -f $dir/modules.dep ]] ||
		pb_die "$dir/modules.dep missing: not a modules dir (run depmod, or re-run kernel-fetch.sh)"
	while IFS= read -r line; do
		path=${line%%:*} deps=${line#*:} names=''
		for d in $deps; do
			modname "$d"
			names+=" $REPLY"
		done
		modname "$path"
		mpath[$dir|$REPLY]=$dir/$path
		mdeps[$dir|$REPLY]=$names
	done <"$dir/modules.dep"
	if [[ -f $dir/modules.builtin ]]; then
		while IFS= read -r line; do
			modname "$line"
			builtin[$dir|$REPLY]=1
		done <"$dir/modules.builtin"
	fi
	parsed[$dir]=1
}

visit() { # DIR|NAME
	local key=$1 d
	case ${state[$key]:-} in
	ok) return 0 ;;
	busy) pb_die "module dependency cycle at ${key#*|}" ;;
	esac
	if [[ -n ${builtin[$key]:-} && -z ${mpath[$key]:-} ]]; then
		pb_log "module ${key#*|} is built into the kernel; nothing to carry"
		state[$key]=ok
		return 0
	fi
	[[ -n ${mpath[$key]:-} ]] || pb_die "no module '${key#*|}' in ${key%%|*}"
	state[$key]=busy
	for d in ${mdeps[$key]}; do
		visit "${key%%|*}|$d"
	done
	state[$key]=ok
	order+=("$key")
}

for m in "${mods[@]}"; do
	parse_dir "${m%%|*}"
	modname "${m#*|}"
	visit "${m%%|*}|$REPLY"
done

# busybox insmod reads plain ELF only: decompress here.
for key in "${order[@]}"; do
	src=${mpath[$key]} name=${key#*|}
	dst=$stage/lib/modules/carried/$name.ko
	case $src in
	*.ko) cp "$src" "$dst" ;;
	*.ko.xz) xz -dc "$src" >"$dst" ;;
	*.ko.gz) gzip -dc "$src" >"$dst" ;;
	*.ko.zst) pb_need zstd vm && zstd -qdc "$src" >"$dst" ;;
	*) pb_die "$src: unknown module compression" ;;
	esac
	echo "$name" >>"$stage/lib/modules/carried/order"
done
[[ ${#order[@]} -eq 0 ]] || pb_log "modules (load order): ${order[*]#*|}"

mkdir -p "$(dirname "$out")"
(cd "$stage" && find . -mindepth 1 | LC_ALL=C sort |
	cpio -o -H newc -R 0:0 --quiet) | gzip -6 >"$out.tmp"
mv "$out.tmp" "$out"
pb_log "initramfs $out ($(du -k "$out" | cut -f1) KiB)"
