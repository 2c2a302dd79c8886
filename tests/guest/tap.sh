# Shared by the guest test scripts (busybox sh; sourced): TAP lines, the
# leak oracle's parts, and check(), a TAP line with the pin/dmesg oracle.

kernel=$(uname -r)
failures=0

tap() {		# tap STATUS DESCRIPTION [DIAGNOSTIC...]
	status=$1 desc=$2
	shift 2
	if [ "$status" = 0 ]; then
		echo "ok - $kernel: $desc"
	else
		echo "not ok - $kernel: $desc"
		for line in "$@"; do
			echo "$line" | while IFS= read -r l; do
				[ -z "$l" ] || echo "# $l"
			done
		done
		failures=$((failures + 1))
	fi
}

# FOLL_PIN pins held right now: stat_refresh folds the per-CPU deltas first.
pins_held() {
	echo 1 > /proc/sys/vm/stat_refresh 2>/dev/null
	awk '$1 == "nr_foll_pin_acquired" { a = $2 }
		$1 == "nr_foll_pin_released" { r = $2 }
		END { printf "%.0f\n", a - r }' /proc/vmstat
}

pins_acquired() {
	echo 1 > /proc/sys/vm/stat_refresh 2>/dev/null
	awk '$1 == "nr_foll_pin_acquired" { printf "%.0f\n", $2 }' /proc/vmstat
}

# The pin and dmesg parts of the oracle: a line per problem, none if clean.
pins_dmesg_problem() {
	held=$(pins_held)
	[ "$held" = 0 ] || echo "leak oracle: $held FOLL_PIN pins held (acquired - released)"
	bad=$(dmesg | grep -E 'BUG:|WARNING:|Oops|refcount_t:' | head -3)
	[ -z "$bad" ] || echo "dmesg: $bad"
}

# check DESCRIPTION PROBLEM...: ok when no problem and the oracle holds.
# $check_prefix (may be empty) goes before every description.
check() {
	desc="${check_prefix:-}$1"
	shift
	problems="$*"
	leak=$(pins_dmesg_problem)
	[ -z "$leak" ] || problems="$problems $leak"
	if [ -z "$problems" ]; then tap 0 "$desc"; else tap 1 "$desc" "$problems"; fi
}
