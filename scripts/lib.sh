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

# Exit codes of vm-run.sh / guest.sh besides the guest command's own status.
PB_EXIT_TIMEOUT=124 # hard timeout hit, qemu killed (same as timeout(1))
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
