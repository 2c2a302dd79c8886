# shellcheck shell=bash
# shellcheck disable=SC2034 # the variables are for the scripts sourcing this
# Shared helpers for pinbench's scripts; source it, do not run it.
# Every script sets -euo pipefail itself; this file only defines things.

# Messages go to stderr so stdout stays clean for values scripts print
# (an entry dir, a .ko path) and callers can capture them with $(...).
pb_log() { printf 'pinbench: %s\n' "$*" >&2; }
pb_warn() { printf 'pinbench: warning: %s\n' "$*" >&2; }
pb_die() {
	printf 'pinbench: error: %s\n' "$*" >&2
	exit 1
}
# pb_fail STATUS MESSAGE: pb_die with a specific exit status.
pb_fail() {
	local status=$1
	shift
	printf 'pinbench: error: %s\n' "$*" >&2
	exit "$status"
}

PINBENCH_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PINBENCH_SCRIPTS="$PINBENCH_TOP/scripts"
PINBENCH_KERNELS="$PINBENCH_TOP/kernels"
PINBENCH_CACHE=${PINBENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pinbench}
PINBENCH_BUILD=${PINBENCH_BUILD:-$PINBENCH_TOP/build}
export PINBENCH_CACHE PINBENCH_BUILD

# pb_kernels SUITE: the kernels whose kernels/NAME.conf lists SUITE (check,
# fuzz, bench) in SUITES, newest first: the one list of the matrix. It
# dies in the $(...) it is called from: callers check its status.
pb_kernels() {
	local conf name suites suite list=()
	for conf in "$PINBENCH_KERNELS"/*.conf; do
		name=${conf##*/}
		name=${name%.conf}
		# shellcheck source=/dev/null
		suites=$(SUITES='' && source "$conf" && echo "$SUITES") ||
			pb_die "$conf: cannot be read"
		for suite in $suites; do
			case $suite in
			check | fuzz | bench) ;;
			*) pb_die "$conf: SUITES names '$suite'; known: check fuzz bench" ;;
			esac
			[[ $suite != "$1" ]] || list+=("$name")
		done
	done
	[[ ${#list[@]} -gt 0 ]] || pb_die "no kernel in $PINBENCH_KERNELS lists '$1' in SUITES"
	printf '%s\n' "${list[@]}" | sort -rV | tr '\n' ' ' | sed 's/ $//'
}

# Exit codes of vm-run.sh / guest.sh besides the guest command's own status.
PB_EXIT_TIMEOUT=124 # timeout (same as timeout(1)): soft (results kept) or hard (qemu killed)
PB_EXIT_NOGUEST=125 # the guest never reported an exit status (no boot, panic)

# pb_hash STRING...: a short stable id for cache keys.
pb_hash() { printf '%s\n' "$*" | sha256sum | cut -c1-12; }

# pb_need CMD GROUP: fail with the deps.sh line that provides CMD.
pb_need() {
	command -v "$1" >/dev/null 2>&1 ||
		pb_die "'$1' not found; install it with: $PINBENCH_SCRIPTS/deps.sh $2"
}

# pb_load_entry DIR: source a kernel entry written by kernel-fetch.sh.
pb_load_entry() {
	local dir=$1
	[[ -f $dir/entry.env ]] ||
		pb_die "$dir is not a kernel entry (no entry.env); create one with scripts/kernel-fetch.sh NAME"
	# shellcheck source=/dev/null
	source "$dir/entry.env"
	local v
	for v in KNAME KRELEASE KERNEL_IMAGE KDIR; do
		[[ -n ${!v:-} ]] || pb_die "$dir/entry.env lacks $v; re-run scripts/kernel-fetch.sh"
	done
}

# pb_kernel_entry NAME: entry dir for a kernels/NAME.conf (or 'custom'),
# fetching it on first use.
pb_kernel_entry() {
	"$PINBENCH_SCRIPTS/kernel-fetch.sh" "$1"
}

# Guest memory (vm-run.sh --mem) when none is given.
PB_DEFAULT_MEM=2G

# pb_mem_mb SIZE: a --mem value (6G, 512M, or MiB) in MiB.
pb_mem_mb() {
	[[ $1 =~ ^([1-9][0-9]*)([MmGg]?)$ ]] || pb_die "--mem $1: want e.g. 2G or 512M"
	local mb=${BASH_REMATCH[1]}
	[[ ${BASH_REMATCH[2]} != [Gg] ]] || mb=$((mb * 1024))
	echo "$mb"
}

# pb_thp_mode MODE: check a --thp value (empty: the kernel's default).
pb_thp_mode() {
	case $1 in
	'' | always | madvise | never) ;;
	*) pb_die "--thp $1: want always, madvise or never" ;;
	esac
}

# pb_max_1g MEM_MB: how many 1G hugetlb pages a guest of MEM_MB can get at
# most. QEMU's pc machine (see vm-run.sh --help): low RAM ends at 3G (at
# --mem below 3.5G), high RAM starts at 4G. Whole free GiBs: GiB 1 (GiB 0
# has the firmware, the top of low RAM the ACPI tables and the initrd) and
# the high GiBs but the top one (memmap). Measured on 6.1 and 6.12:
# 3G, 4G: 1; 6G: 3; 8G: 5.
pb_max_1g() {
	local mem_mb=$1 low high max
	if ((mem_mb >= 3584)); then
		low=3072 high=$((mem_mb - 3072))
	else
		low=$mem_mb high=0
	fi
	max=$(((low + 1023) / 1024 - 2))
	((max <= 2)) || max=2
	((max >= 0)) || max=0
	((high < 2048)) || max=$((max + high / 1024 - 1))
	echo "$max"
}

# pb_hugepages SPEC MEM_MB: check a --hugepages spec (2M:64,1G:2) against
# a guest of MEM_MB, print its kernel parameters (hugepagesz=2M hugepages=64
# hugepagesz=1G hugepages=2). Empty SPEC: nothing.
pb_hugepages() {
	local spec=$1 mem_mb=$2 item size count total=0 giant=0 need params=''
	local -A seen=()
	local -a items
	[[ -n $spec ]] || return 0
	IFS=, read -ra items <<<"$spec"
	[[ ${#items[@]} -gt 0 ]] || pb_die "--hugepages '$spec': want SIZE:COUNT[,...], e.g. 2M:64,1G:2"
	for item in "${items[@]}"; do
		[[ $item =~ ^([0-9]+[KkMmGg]):([0-9]+)$ ]] ||
			pb_die "--hugepages $spec: '$item': want SIZE:COUNT[,...], e.g. 2M:64,1G:2"
		size=${BASH_REMATCH[1]^^} count=$((10#${BASH_REMATCH[2]}))
		case $size in
		2M) total=$((total + 2 * count)) ;;
		1G)
			total=$((total + 1024 * count))
			giant=$count
			;;
		*) pb_die "--hugepages $spec: size $size: x86-64 has 2M and 1G pages" ;;
		esac
		[[ -z ${seen[$size]:-} ]] || pb_die "--hugepages $spec: $size given twice"
		seen[$size]=1
		((count > 0)) || pb_die "--hugepages $spec: $size: want a positive count"
		params+="${params:+ }hugepagesz=$size hugepages=$count"
	done
	if ((total + 1024 > mem_mb || giant > $(pb_max_1g "$mem_mb"))); then
		need=$(((total + 1024 + 1023) / 1024))
		while ((giant > $(pb_max_1g $((need * 1024))))); do
			need=$((need + 1))
		done
		((total + 1024 <= mem_mb)) ||
			pb_die "--hugepages $spec reserves $total MiB of a $mem_mb MiB guest; the kernel and the run need 1024 MiB besides: use --mem ${need}G or more"
		pb_die "--hugepages $spec: a $mem_mb MiB guest has room for $(pb_max_1g "$mem_mb") 1G page(s) at most (QEMU's memory layout: see scripts/vm-run.sh --help): use --mem ${need}G or more"
	fi
	echo "$params"
}
