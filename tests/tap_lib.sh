# shellcheck shell=bash
# TAP bookkeeping of make check (sourced by tests/check.sh, bash), tested
# on crafted TAP by tests/tap_lib_test.sh.

# tap_plan_problem FILE: nothing when FILE declares one plan "1..N", as its
# first or its last TAP line (TAP allows both), and holds N ok/not ok lines;
# else what is wrong. Lines of other output (make, compilers) are ignored.
tap_plan_problem() {
	[ -r "$1" ] || { echo "no output ($1)"; return; }
	awk '
	/^1\.\.[0-9]+([ \t]|$)/ {
		plans++; plan = substr($1, 4) + 0; at = lines + 1
		lines++; next
	}
	/^(not )?ok([ \t]|$)/ { tests++; lines++ }
	END {
		if (plans == 0) print "no plan 1..N (" tests + 0 " results)"
		else if (plans > 1) print plans " plans"
		else if (at != 1 && at != lines) print "plan 1.." plan " neither first nor last"
		else if (plan != tests) print "plan 1.." plan ", " tests + 0 " results"
	}' "$1"
}

# guest_ran RC TAPFILE: 0 when a guest script (run.sh, tools.sh) ran to
# its end: exit 0, or exit 1 (a test failed) with a not ok line to show
# for it and its plan met; not a timeout, a missing boot, a crash
guest_ran() {
	[ "$1" = 0 ] && return 0
	[ "$1" = 1 ] && grep -q '^not ok' "$2" 2>/dev/null &&
		[ -z "$(tap_plan_problem "$2")" ]
}

# tap_totals FILE: "N passed, N failed, N skipped"; a skip ("ok ... # SKIP
# reason", any case) is counted as skipped, not passed.
tap_totals() {
	awk '
	/^ok([ \t]|$)/ {
		if (tolower($0) ~ /^ok[^#]*#[ \t]*skip/) skipped++
		else passed++
	}
	/^not ok([ \t]|$)/ { failed++ }
	END { printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped }' "$1"
}
