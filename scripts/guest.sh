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
		           [--append "ARGS"]... [--timeout 600] [--accel kvm|tcg] [--tcg-threads single|multi] [--out DIR]
		           [--hugepages SIZE:COUNT[,...]] [--thp always|madvise|never]
		           [--ext4 SIZE] [--module NAME]... [--file SRC:DST]...
		           [--tool NAME]... [--count-insns] -- COMMAND...
		  NAME     a kernels/NAME.conf (6.12, 6.1), or 'custom' with env
		           KERNEL=<bzImage> KDIR=<build tree> [KMODDIR=<modules dir>]
		  COMMAND  shell command line run by /bin/sh in /pinbench (PATH has
		           /pinbench/bin); files it writes to /results land in --out
		           (default: build/<kernel>/out, emptied first)
		  --hugepages 2M:64,1G:2 reserves hugetlb pages at boot (kernel command
		           line); the guest writes requested/reserved per size to
		           /results/hugepages.txt and warns on a shortfall. 1G pages
		           need a large --mem: see scripts/vm-run.sh --help
		  --thp    transparent_hugepage=MODE on the kernel command line
		  --ext4 SIZE  a fresh sparse ext4 image of SIZE (e.g. 1G, 512M) in the
		           build dir, attached as a virtio disk (/dev/vda) and mounted
		           at /mnt/ext4 before COMMAND, which gets PINBENCH_EXT4_DIR=
		           /mnt/ext4 (unset, with a warning, if the mount failed);
		           deleted after the run. Needs mkfs.ext4 (scripts/deps.sh vm)
		  --module a kernel module of that kernel to load first (+ its deps)
		  --tool   a host program for the guest's PATH with its shared
		           libraries: perf, fio, numactl (scripts/deps.sh tools)
		  --count-insns  TCG only: QEMU's plugin vm/pinbench-insns.so counts
		           the instructions between the window markers into
		           OUT/insns-windows.txt (see scripts/vm-run.sh)
		The guest always has tmpfs on /dev/shm, /tmp and /results, and a
		writable /sys/kernel/mm/transparent_hugepage.
		Exit status and options as scripts/vm-run.sh.
	USAGE
	exit 1
}

kernel='' out='' ext4='' mem=$PB_DEFAULT_MEM hugepages='' thp=''
vm_args=() files=() modules=() tools=()
while [[ $# -gt 0 ]]; do
	case $1 in
	--) shift && break ;;
	--count-insns)
		vm_args+=("$1")
		shift
		continue
		;;
	--kernel) kernel=${2:?} ;;
	--out) out=${2:?} ;;
	--mem | --cpus | --numa | --append | --timeout | --accel | --tcg-threads | --hugepages | --thp)
		vm_args+=("$1" "${2:?}")
		case $1 in
		--mem) mem=$2 ;;
		--hugepages) hugepages=$2 ;;
		--thp) thp=$2 ;;
		esac
		;;
	--ext4) ext4=${2:?} ;;
	--file) files+=(--file "${2:?}") ;;
	--module) modules+=("${2:?}") ;;
	--tool) tools+=(--tool "${2:?}") ;;
	*) usage ;;
	esac
	shift 2
done
[[ -n $kernel && $# -gt 0 ]] || usage
# vm-run.sh checks these too; here they fail before anything gets built.
mem_mb=$(pb_mem_mb "$mem")
pb_hugepages "$hugepages" "$mem_mb" >/dev/null
pb_thp_mode "$thp"
ext4_mb=0
if [[ -n $ext4 ]]; then
	[[ $ext4 =~ ^([1-9][0-9]*)([MmGg])$ ]] || pb_die "--ext4 $ext4: want a size like 1G or 512M"
	ext4_mb=${BASH_REMATCH[1]}
	[[ ${BASH_REMATCH[2]} != [Gg] ]] || ext4_mb=$((ext4_mb * 1024))
	((ext4_mb >= 64)) || pb_die "--ext4 $ext4: want 64M or more"
	mkfs=$(PATH=$PATH:/usr/sbin:/sbin command -v mkfs.ext4) ||
		pb_die "'mkfs.ext4' not found; install it with: $PINBENCH_SCRIPTS/deps.sh vm"
fi

entry=$(pb_kernel_entry "$kernel")
pb_load_entry "$entry"
ko=$("$PINBENCH_SCRIPTS/build-kmod.sh" "$entry")

is_elf() { [[ $(head -c4 "$1" | od -An -c | tr -d ' ') == 177ELF ]]; }
# A dynamic binary would find no libc in the busybox guest.
is_static() { ! ldd "$1" >/dev/null 2>&1; }

files+=(--file "$ko:/pinbench/pinbench.ko")
bin=$PINBENCH_TOP/bench/pinbench-guest
if [[ ! -x $bin ]]; then
	pb_warn "no $bin (make -C bench): the guest has no pinbench CLI"
elif ! is_static "$bin"; then
	pb_warn "$bin is dynamically linked; not carried (build it static)"
else
	files+=(--file "$bin:/pinbench/bin/pinbench")
fi
[[ ! -d $PINBENCH_SCRIPTS/guest ]] || files+=(--file "$PINBENCH_SCRIPTS/guest:/pinbench/scripts/guest")
# the fio job files scripts/guest/fio.sh runs
[[ ! -d $PINBENCH_TOP/bench/fio ]] || files+=(--file "$PINBENCH_TOP/bench/fio:/pinbench/bench/fio")
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
# has_module NAME: the kernel has NAME, as a module or built in.
has_module() {
	grep -qE "(^|/)${1//_/[-_]}\.ko" "$KMODDIR/modules.dep" "$KMODDIR/modules.builtin" 2>/dev/null
}

if ((ext4_mb > 0)); then
	if [[ -n ${KMODDIR:-} ]]; then
		# modules.builtin tells initramfs.sh what needs no carrying (virtio_pci
		# is a module on 6.1, built in on 6.12). ext4 asks the crypto API for
		# crc32c (metadata checksums) on kernels before 6.15: no modprobe here.
		modules+=(virtio_pci virtio_blk ext4)
		! has_module crc32c_generic || modules+=(crc32c_generic)
	else
		pb_warn "--ext4: kernel $KNAME has no modules dir (KMODDIR=): virtio_blk and ext4 must be built in"
	fi
fi

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
	"${files[@]}" "${tools[@]}" "${mod_args[@]}"

if ((ext4_mb > 0)); then
	# Sparse, so it costs what the guest writes; made fresh every boot.
	img=$work/ext4.img
	avail_mb=$(($(df -Pk "$work" | awk 'NR == 2 { print $4 }') / 1024))
	((avail_mb >= ext4_mb)) ||
		pb_warn "--ext4 $ext4: only $avail_mb MiB free in $work; the guest may fill it"
	# A fixed feature set (Debian bookworm's ext4 defaults, fine for kernels
	# 3.18+) rather than the host's /etc/mke2fs.conf, and 4K blocks at any
	# size (-T default: no "small" type with 1K blocks below 512M, which
	# would change the writeback path). No lazy init: the guest kernel must
	# not zero inode tables in the background during a run.
	cat >"$work/mke2fs.conf" <<-'CONF'
		[defaults]
			base_features = sparse_super,large_file,filetype,resize_inode,dir_index,ext_attr
			default_mntopts = acl,user_xattr
			enable_periodic_fsck = 0
			blocksize = 4096
			inode_size = 256
			inode_ratio = 16384
		[fs_types]
			ext4 = {
				features = has_journal,extent,huge_file,flex_bg,metadata_csum,64bit,dir_nlink,extra_isize
			}
	CONF
	truncate -s "${ext4_mb}M" "$img"
	MKE2FS_CONFIG=$work/mke2fs.conf "$mkfs" -q -F -t ext4 -T default -m 0 -L pinbench \
		-E lazy_itable_init=0,lazy_journal_init=0,root_owner=0:0 "$img" ||
		pb_die "mkfs.ext4 failed on $img"
	pb_log "ext4 scratch disk: $img ($ext4, sparse) -> guest /dev/vda at /mnt/ext4"
	vm_args+=(--disk "$img" --append pinbench.ext4=/dev/vda)
fi

if [[ -z $out ]]; then
	out=$PINBENCH_BUILD/$KNAME/out
	rm -rf "$out"
fi
status=0
"$PINBENCH_SCRIPTS/vm-run.sh" --kernel-entry "$entry" --initrd "$work/initramfs.cpio.gz" \
	--out "$out" "${vm_args[@]}" || status=$?
exit "$status"
