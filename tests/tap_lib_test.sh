#!/usr/bin/env bash
# Tests of the TAP bookkeeping itself, on crafted TAP (run by make check,
# on the host): check.sh's plan check and totals (tests/tap_lib.sh).
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=tap_lib.sh
. "$top/tests/tap_lib.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/pinbench-tap.XXXXXX")
trap 'rm -rf "$work"' EXIT
n=0 failed=0

# check DESCRIPTION GOT WANT
check() {
	n=$((n + 1))
	if [ "$2" = "$3" ]; then
		echo "ok $n - tap: $1"
	else
		echo "not ok $n - tap: $1"
		echo "# got:  $2" | tr '\n' ' '
		echo
		echo "# want: $3"
		failed=$((failed + 1))
	fi
}

# plan_of TAP-TEXT: tap_plan_problem of that text
plan_of() {
	printf '%s\n' "$1" > "$work/in.tap"
	tap_plan_problem "$work/in.tap"
}

check "a plan first, met" "$(plan_of $'1..2\nok 1 - a\n# x\nnot ok 2 - b')" ""
check "a plan last, met, other output around" \
	"$(plan_of $'make: x\nok - a\nok - b # SKIP no y\n1..2\nmake: done')" ""
check "a plan last, met" "$(plan_of $'cc -o x\nok - a\nok - b\n1..2')" ""
check "no plan: a producer that printed nothing fails" "$(plan_of '')" \
	"no plan 1..N (0 results)"
check "no plan with results" "$(plan_of $'ok - a\nok - b')" \
	"no plan 1..N (2 results)"
check "a plan not met (cut short)" "$(plan_of $'1..3\nok 1 - a\nok 2 - b')" \
	"plan 1..3, 2 results"
check "a plan exceeded" "$(plan_of $'ok - a\nok - b\n1..1')" \
	"plan 1..1, 2 results"
check "two plans" "$(plan_of $'1..1\nok - a\n1..1')" "2 plans"
check "a plan in the middle" "$(plan_of $'ok - a\n1..2\nok - b')" \
	"plan 1..2 neither first nor last"

printf '%s\n' 'ok 1 - a' 'ok 2 - b # SKIP no gnuplot' 'not ok 3 - c' \
	'ok 4 - d # skip' '# ok 5 - not a line' 'okay' 'ok - e' > "$work/totals.tap"
check "totals: skips apart from passes" "$(tap_totals "$work/totals.tap")" \
	"2 passed, 1 failed, 2 skipped"

echo "1..$n"
[ "$failed" -eq 0 ]
