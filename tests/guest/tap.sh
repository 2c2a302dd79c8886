# Shared by the guest test scripts (busybox sh; sourced): TAP lines, the
# leak oracle's parts, and check(), a TAP line with the pin/dmesg oracle.

kernel=$(uname -r)
failures=0
tap_count=0	# lines printed, for the plan at the end (tap_plan)

tap() {		# tap STATUS DESCRIPTION [DIAGNOSTIC...]
	status=$1 desc=$2
	shift 2
	tap_count=$((tap_count + 1))
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

# The module's catalogue, a line an entry: "NAME FAMILY SUPPORTED ROLES
# CALL" (FOLL_GET|FOLL_PIN, yes|no, comma list or -, kernel function or
# -), from pinbench info --json (one entry a line); KIND is pin_methods or
# strategies. The tests' lists of strategies and methods come from here.
catalog() {	# KIND
	${PINBENCH_INFO_JSON:-pinbench info --json} 2>/dev/null | awk -F'"' -v kind="$1" '
	/^  "[a-z_]+": \[/ { in_kind = ($2 == kind); next }
	/^  \]/ { in_kind = 0 }
	in_kind && $2 == "name" && $6 == "supported" && $8 == "pins" &&
	$12 == "call" && $16 == "roles" {
		print $4, $10, ($7 ~ /true/ ? "yes" : "no"),
			($18 == "" ? "-" : $18), ($14 == "" ? "-" : $14)
	}'
}

# The oracle's sources, files so that the host's tests of this file can
# hand it crafted ones (tests/tap_lib_test.sh).
vmstat=${PINBENCH_VMSTAT:-/proc/vmstat}
kernel_log() { dmesg; }

# Pins held right now (acquired - released) without stat_refresh, which
# only returns once the pinning CPU reschedules: between two RUN
# iterations, when nothing is pinned. Unfolded per-CPU deltas are a few
# hundred at most. "unreadable" when either counter is missing: never a
# 0 that passes.
pins_raw() {
	awk '$1 == "nr_foll_pin_acquired" { a = $2; na++ }
		$1 == "nr_foll_pin_released" { r = $2; nr++ }
		END {
			if (na != 1 || nr != 1 || a !~ /^[0-9]+$/ || r !~ /^[0-9]+$/)
				print "unreadable"
			else
				printf "%.0f\n", a - r
		}' "$vmstat" 2>/dev/null || echo unreadable
}

# The same, exact: stat_refresh folds the per-CPU deltas first.
pins_held() {
	echo 1 > /proc/sys/vm/stat_refresh 2>/dev/null
	pins_raw
}

# nr_foll_pin_acquired, or "unreadable"
pins_acquired() {
	echo 1 > /proc/sys/vm/stat_refresh 2>/dev/null
	awk '$1 == "nr_foll_pin_acquired" && $2 ~ /^[0-9]+$/ { v = $2 }
		END { if (v == "") print "unreadable"; else printf "%.0f\n", v }' \
		"$vmstat" 2>/dev/null || echo unreadable
}

# The pin and dmesg parts of the oracle: a line per problem, none if clean.
pins_dmesg_problem() {
	held=$(pins_held)
	case $held in
	0) ;;
	unreadable) echo "leak oracle: nr_foll_pin_acquired/released unreadable in $vmstat" ;;
	*) echo "leak oracle: $held FOLL_PIN pins held (acquired - released)" ;;
	esac
	bad=$(kernel_log | grep -E 'BUG:|WARNING:|Oops|refcount_t:' | head -3)
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

# The plan, printed last: how many lines this shell printed. Call tap() in
# this shell only (not in a pipe's subshell), or they are not counted.
tap_plan() {
	echo "1..$tap_count"
}

# relay_tap NAME FILE STATUS: the TAP of a program run on its own (FILE,
# its exit STATUS), each line again through tap() so that it is counted,
# then a line of ours: its own plan 1..N printed and met, N > 0 (a setup
# that failed prints none), its exit status 0, and the oracle.
relay_tap() {
	relay_name=$1 relay_file=$2 relay_rc=$3
	relay_seen=0 relay_bad=0 relay_plan=
	while IFS= read -r line; do
		case $line in
		"ok "* | "not ok "*)
			relay_seen=$((relay_seen + 1))
			relay_status=0
			[ "${line#not ok }" = "$line" ] ||
				{ relay_status=1; relay_bad=$((relay_bad + 1)); }
			# drop "ok N - " and a "<kernel>: " tap() will add again
			line=${line#not }
			line=${line#ok}
			line=${line#"${line%%[!0-9 ]*}"}
			line=${line#- }
			tap "$relay_status" "${line#"$kernel: "}" ;;
		1..*) relay_plan=${line#1..} ;;
		"#"*) echo "$line" ;;
		esac
	done < "$relay_file"
	problem=
	[ -n "$relay_plan" ] || problem="no plan 1..N;"
	[ -z "$relay_plan" ] || [ "$relay_plan" = "$relay_seen" ] ||
		problem="plan 1..$relay_plan, $relay_seen lines;"
	[ "$relay_seen" -gt 0 ] || problem="$problem no test lines: $(head -3 "$relay_file");"
	[ "$relay_rc" = 0 ] || [ "$relay_bad" -gt 0 ] ||
		problem="$problem exit $relay_rc with every line ok;"
	check "$relay_name: its plan printed and met ($relay_seen lines), exit status $relay_rc" "$problem"
}
