#!/usr/bin/env bash
# Tests of the TAP bookkeeping itself, on crafted TAP (run by make check,
# on the host): check.sh's plan check and totals (tests/tap_lib.sh), and
# the guest's counted plan and relay of a program's TAP (tests/guest/tap.sh,
# under busybox sh as in the guest, its oracle stubbed).
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

# ran RC TAP-TEXT: guest_ran's verdict, "ran" or "not"
ran() {
	printf '%s\n' "$2" > "$work/ran.tap"
	if guest_ran "$1" "$work/ran.tap"; then echo ran; else echo not; fi
}
check "guest ran: exit 0" "$(ran 0 $'ok - a\n1..1')" ran
check "guest ran: exit 1 with a failed test and its plan" \
	"$(ran 1 $'not ok - a\n1..1')" ran
check "guest ran: exit 1, every line ok (a crash)" "$(ran 1 $'ok - a\n1..1')" not
check "guest ran: exit 1, a failed test, cut short (no plan)" \
	"$(ran 1 'not ok - a')" not
check "guest ran: timeout (124), results kept" "$(ran 124 $'not ok - a\n1..1')" not

printf '%s\n' 'ok 1 - a' 'ok 2 - b # SKIP no gnuplot' 'not ok 3 - c' \
	'ok 4 - d # skip' '# ok 5 - not a line' 'okay' 'ok - e' > "$work/totals.tap"
check "totals: skips apart from passes" "$(tap_totals "$work/totals.tap")" \
	"2 passed, 1 failed, 2 skipped"

# The guest's tap.sh under busybox sh, the pin/dmesg oracle stubbed.
guest_sh() {
	{
		echo ". '$top/tests/guest/tap.sh'"
		echo 'pins_dmesg_problem() { :; }'
		echo 'kernel=K'
		cat
	} > "$work/guest.sh"
	if command -v busybox > /dev/null; then
		busybox sh "$work/guest.sh"
	else
		sh "$work/guest.sh"
	fi
}
got=$(guest_sh <<'SH'
tap 0 one
check two ""
check three "a problem"
while read -r x; do check "in a loop $x" ""; done <<EOF
a
b
EOF
tap_plan
echo "failures $failures"
SH
)
printf '%s\n' "$got" > "$work/guest.tap"
check "guest: tap_plan counts tap and check lines, loops included" \
	"$(tap_plan_problem "$work/guest.tap")" ""
check "guest: failures counted" "$(tail -1 "$work/guest.tap")" "failures 1"

# relay CASE RC TAP-TEXT: the line of its own relay_tap prints for that output
relay() {
	printf '%s\n' "$3" > "$work/prog.tap"
	guest_sh <<SH > "$work/relay-$1.tap"
relay_tap prog "$work/prog.tap" $2
tap_plan
echo "failures \$failures"
SH
	grep "prog: its plan" "$work/relay-$1.tap"
}
check "relay: a program's lines and its met plan" \
	"$(relay met 0 $'1..2\nok 1 - K: a\nnot ok 2 - b\n# why')" \
	"ok - K: prog: its plan printed and met (2 lines), exit status 0"
check "relay: its lines counted in the plan, numbers and kernel dropped" \
	"$(sed -n 1,4p "$work/relay-met.tap" | tr '\n' '|')" \
	"ok - K: a|not ok - K: b|# why|ok - K: prog: its plan printed and met (2 lines), exit status 0|"
check "relay: the plan covers the relayed lines" \
	"$(grep -v '^failures' "$work/relay-met.tap" | tap_plan_problem /dev/stdin)" ""
check "relay: a program that printed nothing (setup failed) fails" \
	"$(relay empty 1 'pinbench-badrun: cannot open /dev/pinbench')" \
	"not ok - K: prog: its plan printed and met (0 lines), exit status 1"
check "relay: a plan of nothing (1..0) fails" "$(relay none 0 '1..0')" \
	"not ok - K: prog: its plan printed and met (0 lines), exit status 0"
check "relay: a plan not met fails" \
	"$(relay short 0 $'1..3\nok 1 - a')" \
	"not ok - K: prog: its plan printed and met (1 lines), exit status 0"
check "relay: no plan fails" "$(relay noplan 0 'ok 1 - a')" \
	"not ok - K: prog: its plan printed and met (1 lines), exit status 0"
check "relay: a non-zero exit with every line ok fails" \
	"$(relay crashed 139 $'1..1\nok 1 - a')" \
	"not ok - K: prog: its plan printed and met (1 lines), exit status 139"
check "relay: its failures counted" "$(tail -1 "$work/relay-met.tap")" \
	"failures 1"

# The oracle itself (not stubbed), on crafted /proc/vmstat files and logs:
# it fails when a counter is missing, as it does on pins held.
# oracle VMSTAT-TEXT LOG-TEXT: the line check() prints
oracle() {
	printf '%s\n' "$1" > "$work/vmstat"
	printf '%s\n' "$2" > "$work/dmesg"
	{
		echo "PINBENCH_VMSTAT='$work/vmstat'"
		echo ". '$top/tests/guest/tap.sh'"
		echo "kernel_log() { cat '$work/dmesg'; }"
		echo 'kernel=K'
		echo 'check "c" ""'
	} > "$work/oracle.sh"
	if command -v busybox > /dev/null; then
		busybox sh "$work/oracle.sh"
	else
		sh "$work/oracle.sh"
	fi | tr '\n' '|'
}
check "oracle: balanced counters, quiet log pass" \
	"$(oracle $'nr_free_pages 5\nnr_foll_pin_acquired 7\nnr_foll_pin_released 7' '')" \
	"ok - K: c|"
check "oracle: pins held fail" \
	"$(oracle $'nr_foll_pin_acquired 10\nnr_foll_pin_released 7' '')" \
	"not ok - K: c|#  leak oracle: 3 FOLL_PIN pins held (acquired - released)|"
check "oracle: a missing counter fails (no 0 - 0)" \
	"$(oracle 'nr_foll_pin_acquired 7' '')" \
	"not ok - K: c|#  leak oracle: nr_foll_pin_acquired/released unreadable in $work/vmstat|"
check "oracle: no counters at all fail" "$(oracle 'nr_free_pages 5' '')" \
	"not ok - K: c|#  leak oracle: nr_foll_pin_acquired/released unreadable in $work/vmstat|"
check "oracle: a WARNING in the log fails" \
	"$(oracle $'nr_foll_pin_acquired 7\nnr_foll_pin_released 7' 'WARNING: at mm/gup.c')" \
	"not ok - K: c|#  dmesg: WARNING: at mm/gup.c|"

# catalog KIND, under busybox sh, on a crafted pinbench info --json: the
# guest tests' lists of strategies and methods come from it
cat > "$work/info.json" <<'JSON'
{
  "abi_version": 3,
  "pin_methods": [
    {"name": "gup_fast", "supported": true, "pins": "FOLL_GET", "call": "get_user_pages_fast", "roles": "fast"},
    {"name": "pin", "supported": true, "pins": "FOLL_PIN", "call": "pin_user_pages", "roles": "locked"}
  ],
  "strategies": [
    {"name": "put_page", "supported": true, "pins": "FOLL_GET", "call": "put_page", "roles": "baseline"},
    {"name": "new_one", "supported": false, "pins": "FOLL_PIN", "call": "", "roles": ""},
    {"name": "noop", "supported": true, "pins": "FOLL_PIN", "call": "", "roles": "floor"}
  ]
}
JSON
catalog_of() {
	echo "PINBENCH_INFO_JSON='cat $work/info.json' catalog $1 | tr '\n' '|'" | guest_sh
}
check "catalog: strategies, a line each, empty fields as -" "$(catalog_of strategies)" \
	"put_page FOLL_GET yes baseline put_page|new_one FOLL_PIN no - -|noop FOLL_PIN yes floor -|"
check "catalog: pin methods" "$(catalog_of pin_methods)" \
	"gup_fast FOLL_GET yes fast get_user_pages_fast|pin FOLL_PIN yes locked pin_user_pages|"
check "catalog: no module, no lines (the tests that need one fail)" \
	"$(echo "PINBENCH_INFO_JSON=false catalog strategies | wc -l" | guest_sh)" "0"

echo "1..$n"
[ "$failed" -eq 0 ]
