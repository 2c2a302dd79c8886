#!/bin/bash
# Put one kernel of the matrix into the cache: image, modules and the build
# tree to compile pinbench.ko against, without installing anything into
# /boot, /lib/modules or /usr/src. Prints the entry dir on stdout.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

usage() {
	cat >&2 <<-'USAGE'
		usage: scripts/kernel-fetch.sh [--refresh] NAME
		       KERNEL=<bzImage> KDIR=<build tree> [KMODDIR=<dir>] [MAKE_ARGS=...] \
		           [BUILD_ENV=host|sid-chroot] scripts/kernel-fetch.sh custom
		  NAME      a kernels/NAME.conf (e.g. 6.12, 6.1)
		  --refresh re-resolve the packages (newer ABI after apt-get update)
		  BUILD_ENV default for custom: host, or sid-chroot when the tree's
		            .config names a gcc-NN the host lacks and MAKE_ARGS sets no CC=
		Prints the cache entry dir; its entry.env describes the kernel.
	USAGE
	exit 1
}

# Bump when the entry layout changes so old cache entries get rebuilt.
ENTRY_FORMAT=1

# write_entry DIR KEY=VALUE...: entry.env, values shell-quoted.
write_entry() {
	local dir=$1 kv
	shift
	for kv in "$@"; do
		printf '%s=%q\n' "${kv%%=*}" "${kv#*=}"
	done >"$dir/entry.env.tmp"
	mv "$dir/entry.env.tmp" "$dir/entry.env"
}

# A user's own kernel (A/B of a patched tree): validate, then describe it.
fetch_custom() {
	[[ -n ${KERNEL:-} && -n ${KDIR:-} ]] ||
		pb_die "custom kernel needs KERNEL=<bzImage> and KDIR=<its build tree>"
	[[ -f $KERNEL && -r $KERNEL ]] || pb_die "KERNEL=$KERNEL: no such readable file"
	[[ -d $KDIR ]] || pb_die "KDIR=$KDIR: no such directory"
	local f
	for f in Makefile .config Module.symvers include/generated/utsrelease.h; do
		[[ -f $KDIR/$f ]] ||
			pb_die "KDIR=$KDIR is not a built kernel tree (no $f); run 'make' (or at least 'make modules_prepare' and 'make modules') there"
	done
	local image kdir moddir=${KMODDIR:-} kname release entry
	image=$(realpath "$KERNEL")
	kdir=$(realpath "$KDIR")
	if [[ -n $moddir ]]; then
		[[ -f $moddir/modules.dep ]] ||
			pb_die "KMODDIR=$moddir has no modules.dep; point it at .../lib/modules/<release> from 'make modules_install INSTALL_MOD_PATH=...'"
		moddir=$(realpath "$moddir")
	fi
	kname=custom-$(pb_hash "$image" "$kdir" "$moddir")
	local build_env=${BUILD_ENV:-} cc
	if [[ -z $build_env ]]; then
		build_env=host
		cc=$(sed -n 's/^CONFIG_CC_VERSION_TEXT="\([^ ]*\) .*/\1/p' "$kdir/.config")
		if [[ $cc =~ gcc-[0-9]+$ && " ${MAKE_ARGS:-}" != *" CC="* ]] &&
			! command -v "$cc" >/dev/null; then
			build_env=sid-chroot
			pb_log "KDIR=$kdir names $cc, which this host lacks: building in the sid chroot (BUILD_ENV=host MAKE_ARGS=CC=gcc to use the host's)"
		fi
	fi
	case $build_env in
	host | sid-chroot) ;;
	*) pb_die "BUILD_ENV=$build_env: want host or sid-chroot" ;;
	esac
	# What modules get as vermagic (Debian's kernel.release file differs).
	release=$(sed -n 's/^#define UTS_RELEASE "\(.*\)"$/\1/p' "$kdir/include/generated/utsrelease.h")
	[[ -n $release ]] || pb_die "KDIR=$kdir: no UTS_RELEASE in include/generated/utsrelease.h"
	entry=$PINBENCH_CACHE/kernels/$kname
	mkdir -p "$entry"
	# Always rewritten: cheap, and the tree may have been rebuilt since.
	write_entry "$entry" KNAME="$kname" KRELEASE="$release" KVERSION=custom \
		KERNEL_IMAGE="$image" KDIR="$kdir" KMODDIR="$moddir" \
		KMAKE_ARGS="${MAKE_ARGS:-}" KBUILD_ENV="$build_env"
	pb_log "custom kernel $release ($image) -> $entry"
	echo "$entry"
}

# apt_private SOURCES: apt options for a private state in the cache, so a
# kernel from another suite never touches the system's apt lists.
apt_private() {
	local src=$PINBENCH_KERNELS/apt/$1 adir=$PINBENCH_CACHE/apt/${1%.*}
	[[ -f $src ]] || pb_die "APT_SOURCES=$1: no such file $src"
	[[ $1 == *.sources || $1 == *.list ]] ||
		pb_die "APT_SOURCES=$1: must end in .sources (deb822) or .list"
	mkdir -p "$adir"/{lists/partial,archives/partial,sources.list.d,preferences.d}
	touch "$adir/status"
	apt_args+=(
		-o "Dir::State=$adir" -o "Dir::State::Lists=$adir/lists"
		-o "Dir::State::status=$adir/status"
		-o "Dir::Cache=$adir" -o "Dir::Cache::archives=$adir/archives"
		-o "Dir::Etc::SourceList=$adir/sources.list.d/none.list"
		-o "Dir::Etc::SourceParts=$adir/sources.list.d"
		-o "Dir::Etc::Preferences=$adir/preferences.d/none"
		-o "Dir::Etc::PreferencesParts=$adir/preferences.d"
	)
	if ! cmp -s "$src" "$adir/sources.list.d/$1" || [[ $refresh == 1 ]] ||
		! compgen -G "$adir/lists/*_Packages*" >/dev/null; then
		cp "$src" "$adir/sources.list.d/$1"
		pb_log "updating private apt lists for $1"
		apt-get "${apt_args[@]}" -q update >&2 ||
			pb_die "apt-get update with kernels/apt/$1 failed"
	fi
}

# field PKG FIELD: a field of PKG's candidate version.
field() {
	apt-cache "${apt_args[@]}" show --no-all-versions "$1" 2>/dev/null |
		sed -n "s/^$2: //p" | head -n1
}

# depends PKG: names in PKG's Depends, first alternative of each, one a line.
depends() {
	field "$1" Depends | tr ',' '\n' | sed 's/|.*//; s/(.*)//; s/^ *//; s/ *$//; /^$/d'
}

# resolve PKG PREFIX: follow Depends named PREFIX* (not *-common) from a
# metapackage down to the versioned package.
resolve() {
	local pkg=$1 next hops=0
	[[ -n $(field "$pkg" Version) ]] ||
		pb_die "apt knows no package '$pkg' (kernels/$name.conf); run 'apt-get update'${APT_SOURCES:+ or kernel-fetch.sh --refresh}"
	while next=$(depends "$pkg" | grep -E "^$2" | grep -v -- '-common' | head -n1) &&
		[[ -n $next ]]; do
		pkg=$next
		((++hops < 5)) || pb_die "resolving $1: Depends chain too long"
	done
	echo "$pkg"
}

# fetch PKG...: apt-get download the candidate versions into the deb cache,
# skipping files already there; prints the .deb paths.
fetch() {
	local debs=$PINBENCH_CACHE/debs pkg ver arch file
	mkdir -p "$debs"
	for pkg in "$@"; do
		ver=$(field "$pkg" Version)
		arch=$(field "$pkg" Architecture)
		[[ -n $ver ]] || pb_die "apt knows no package '$pkg'"
		file=$debs/${pkg}_${ver//:/%3a}_$arch.deb
		if [[ ! -s $file ]]; then
			pb_log "downloading $pkg $ver"
			(cd "$debs" && apt-get "${apt_args[@]}" -q download "$pkg=$ver" >&2) ||
				pb_die "apt-get download $pkg=$ver failed"
		fi
		[[ -s $file ]] || pb_die "download of $pkg left no $file"
		echo "$file"
	done
}

# fixup ROOT: make the unpacked tree usable where it is. Debian's headers
# Makefile includes the -common tree by absolute /usr/src path (7.2 also
# sets KBUILD_OUTPUT to its own /usr/src path) and lib/modules/*/{build,source}
# are absolute symlinks (before 7.x): point them into ROOT. Packages that
# ship only /usr/lib/modules (merged /usr, sid) get ROOT/lib -> usr/lib, so
# depmod -b and KMODDIR see the same lib/modules/RELEASE layout as before.
fixup() {
	local root=$1 link target mk
	while IFS= read -r -d '' link; do
		target=$(readlink "$link")
		ln -sfn "$(realpath -m --relative-to="$(dirname "$link")" "$root$target")" "$link"
	done < <(find "$root" -type l -lname '/*' -print0)
	for mk in "$root"/usr/src/linux-headers-*/Makefile; do
		sed -i -E "s@^(include |KBUILD_OUTPUT *:?= *)/usr/src/@\1$root/usr/src/@" "$mk"
	done
	if [[ -d $root/usr/lib/modules && ! -e $root/lib ]]; then
		ln -s usr/lib "$root/lib"
	fi
}

fetch_conf() {
	local conf=$PINBENCH_KERNELS/$name.conf
	if [[ ! -f $conf ]]; then
		local known=("$PINBENCH_KERNELS"/*.conf)
		known=("${known[@]##*/}")
		pb_die "no kernel '$name': known are ${known[*]%.conf} (or 'custom' with KERNEL=/KDIR=)"
	fi
	local IMAGE_META='' HEADERS_META='' APT_SOURCES='' MAKE_ARGS='' BUILD_ENV=host SUITES=
	# shellcheck source=/dev/null
	source "$conf"
	[[ -n $IMAGE_META && -n $HEADERS_META ]] || pb_die "$conf: IMAGE_META and HEADERS_META are required"
	case $BUILD_ENV in
	host | sid-chroot) ;;
	*) pb_die "$conf: BUILD_ENV=$BUILD_ENV is not supported (host or sid-chroot)" ;;
	esac

	local entry=$PINBENCH_CACHE/kernels/$name
	mkdir -p "$entry"
	# Serialize concurrent fetches of the same kernel (parallel matrix runs).
	exec 9>"$entry/.lock"
	flock 9
	# The stamp holds a hash of everything the entry derives from, its own
	# path included: the headers Makefile and entry.env hold absolute paths.
	local key srcfile=${APT_SOURCES:+$PINBENCH_KERNELS/apt/$APT_SOURCES}
	# SUITES says which runs use the kernel, not what is fetched
	# (never a bare cat: with no sources file it would read stdin)
	key=$(pb_hash "$ENTRY_FORMAT" "$entry" "$({
		grep -v '^SUITES=' "$conf"
		[[ -z $srcfile ]] || cat "$srcfile"
	} 2>/dev/null || true)")
	if [[ $refresh == 0 && -f $entry/entry.env && $(cat "$entry/.stamp" 2>/dev/null) == "$key" ]]; then
		echo "$entry"
		return
	fi

	apt_args=()
	[[ $(id -u) -ne 0 ]] || apt_args+=(-o APT::Sandbox::User=root) # cache may be 0700
	[[ -z $APT_SOURCES ]] || apt_private "$APT_SOURCES"

	local image headers extra parts
	image=$(resolve "$IMAGE_META" linux-image-)
	headers=$(resolve "$HEADERS_META" linux-headers-)
	# Since 7.x (sid) the image package is split: the kernel in
	# linux-binary-ABI, the modules in linux-modules-ABI, System.map and
	# modules.builtin in linux-base-ABI, all in the image's Depends.
	parts=$(depends "$image" | awk -v abi="-${image#linux-image-}" \
		'/^linux-/ && length($0) > length(abi) && substr($0, length($0) - length(abi) + 1) == abi' |
		tr '\n' ' ')
	# The -amd64 headers only hold .config + generated files; the rest is
	# in -common and the host tools (fixdep, modpost, objtool) in kbuild.
	extra=$(depends "$headers" | grep -E '^linux-(headers-.*-common|kbuild-)' | tr '\n' ' ')
	[[ $extra == *common* && $extra == *kbuild* ]] ||
		pb_die "$headers: expected linux-headers-*-common and linux-kbuild-* in its Depends, got: $extra"
	pb_log "kernel $name: $image${parts:+ (${parts% })}, $headers, ${extra% }"

	local debs deb root=$entry/root
	# shellcheck disable=SC2086 # $parts and $extra are word lists of package names
	debs=$(fetch "$image" $parts "$headers" $extra)
	rm -rf "$root.new" "$entry/.stamp"
	mkdir -p "$root.new"
	for deb in $debs; do
		dpkg-deb -x "$deb" "$root.new"
	done
	rm -rf "$root"
	mv "$root.new" "$root"
	fixup "$root"

	# /boot/vmlinuz-RELEASE, or (7.x) /usr/lib/modules/RELEASE/vmlinuz.
	local vmlinuz release kdir
	vmlinuz=$(compgen -G "$root/boot/vmlinuz-*" || compgen -G "$root/usr/lib/modules/*/vmlinuz" || true)
	[[ -n $vmlinuz && $vmlinuz != *$'\n'* && -f $vmlinuz ]] ||
		pb_die "$image${parts:+ ($parts)}: expected one /boot/vmlinuz-* or /usr/lib/modules/*/vmlinuz, found: ${vmlinuz:-none}"
	if [[ $vmlinuz == */boot/vmlinuz-* ]]; then
		release=${vmlinuz##*/vmlinuz-}
	else
		release=$(basename "$(dirname "$vmlinuz")")
	fi
	kdir=$root/usr/src/linux-headers-$release
	[[ -f $kdir/Makefile && -f $kdir/.config ]] || pb_die "$headers did not provide $kdir"
	! grep -qE '^(include |KBUILD_OUTPUT *:?= *)/usr/' "$kdir/Makefile" ||
		pb_die "$kdir/Makefile still refers to /usr/src"
	# Debian generates modules.dep at install time; initramfs.sh needs it.
	depmod -b "$root" "$release" || pb_die "depmod failed for $root/lib/modules/$release"
	write_entry "$entry" KNAME="$name" KRELEASE="$release" \
		KVERSION="$(field "$image" Version)" KERNEL_IMAGE="$vmlinuz" \
		KDIR="$kdir" KMODDIR="$root/lib/modules/$release" \
		KMAKE_ARGS="$MAKE_ARGS" KBUILD_ENV="$BUILD_ENV"
	echo "$key" >"$entry/.stamp"
	pb_log "kernel $name ($release) ready in $entry"
	echo "$entry"
}

refresh=0
while [[ $# -gt 0 ]]; do
	case $1 in
	--refresh) refresh=1 ;;
	-h | --help) usage ;;
	-*) pb_log "unknown option $1" && usage ;;
	*) break ;;
	esac
	shift
done
[[ $# -eq 1 ]] || usage
name=$1
[[ $name =~ ^[A-Za-z0-9._+-]+$ ]] || pb_die "bad kernel name '$name'"
# depmod lives in /sbin, which a user's PATH may lack.
PATH=$PATH:/usr/sbin:/sbin
pb_need dpkg-deb vm
pb_need depmod vm
if [[ $name == custom ]]; then
	fetch_custom
else
	fetch_conf
fi
