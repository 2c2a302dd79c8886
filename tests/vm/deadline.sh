#!/bin/sh
# TAP tests of vm/pinbench-deadline, the guest's soft deadline: run on the
# host (CLOCK_BOOTTIME is the host's uptime here, the guest's in a guest).
# usage: tests/vm/deadline.sh PATH/TO/pinbench-deadline
tool=${1:?usage: deadline.sh PATH/TO/pinbench-deadline}
work=$(mktemp -d "${TMPDIR:-/tmp}/pinbench-deadline.XXXXXX")
trap 'rm -rf "$work"' EXIT
n=0 failed=0

# check DESCRIPTION PROBLEM: ok when PROBLEM is empty
check() {
	n=$((n + 1))
	if [ -z "$2" ]; then
		echo "ok $n - deadline: $1"
	else
		echo "not ok $n - deadline: $1"
		echo "# $2"
		failed=$((failed + 1))
	fi
}

now() { cut -d' ' -f1 /proc/uptime; }
# at SECONDS: the uptime SECONDS from now
at() { awk -v n="$(now)" -v s="$1" 'BEGIN { printf "%.2f", n + s }'; }

# A command that ends in time: its status, no message.
"$tool" "$(at 30)" -- sh -c 'exit 7' > "$work/out" 2>&1
rc=$?
check "a command done before the deadline keeps its exit status (7)" \
	"$([ $rc -eq 7 ] || echo "exit $rc")$(cat "$work/out")"

"$tool" "$(at 30)" -- sh -c 'kill -TERM $$' > /dev/null 2>&1
rc=$?
check "a command killed by a signal gives 128+N (143 for SIGTERM)" \
	"$([ $rc -eq 143 ] || echo "exit $rc")"

"$tool" "$(at 30)" -- /nonexistent/cmd > "$work/out" 2>&1
rc=$?
check "a command that cannot run: 127 and its name" \
	"$([ $rc -eq 127 ] || echo "exit $rc")$(grep -q nonexistent "$work/out" || echo "no name: $(cat "$work/out")")"

# The deadline: SIGINT reaches a grandchild in the group, which still gets to
# write its result; the helper waits for it whatever its shell does. (Not
# started with &: a non-interactive shell starts those with SIGINT ignored.)
cat > "$work/writer.sh" <<'SH'
trap 'sleep 1; echo "kept" > "$1/result"; exit 130' INT
echo started > "$1/started"
while :; do sleep 0.1; done
SH
start=$(now)
"$tool" "$(at 1)" -- sh -c "sh '$work/writer.sh' '$work'; echo not reached" > "$work/out" 2>&1
rc=$?
took=$(awk -v a="$start" -v b="$(now)" 'BEGIN { printf "%d", b - a }')
check "at the deadline: exit 124, says so" \
	"$([ $rc -eq 124 ] || echo "exit $rc")$(grep -q 'soft deadline reached' "$work/out" || echo "no message: $(cat "$work/out")")"
check "at the deadline: SIGINT reaches the command's children, which write their results before the helper returns" \
	"$([ -f "$work/started" ] || echo 'never started')$([ "$(cat "$work/result" 2>/dev/null)" = kept ] || echo 'result not written before return')"
check "at the deadline: the helper returns once the children are done, not after the grace (took ${took}s)" \
	"$([ "$took" -lt 10 ] || echo "took ${took}s")"

# A command that ignores SIGINT gets SIGKILL after --grace.
"$tool" --grace 1 "$(at 1)" -- sh -c 'trap "" INT; sleep 1000 & wait; sleep 1000' > "$work/out" 2>&1
rc=$?
check "ignoring SIGINT: SIGKILL after --grace, exit 124, says so" \
	"$([ $rc -eq 124 ] || echo "exit $rc")$(grep -q 'sending SIGKILL' "$work/out" || echo "no message: $(cat "$work/out")")"
check "ignoring SIGINT: nothing of the command is left running" \
	"$(pgrep -f 'sleep 1000' && echo 'a sleep 1000 is still running')"

# What a command leaves in the background is stopped before the helper returns.
"$tool" "$(at 30)" -- sh -c 'sleep 1001 & exit 0' > /dev/null 2>&1
rc=$?
check "a finished command's leftovers are stopped (SIGTERM), its status kept" \
	"$([ $rc -eq 0 ] || echo "exit $rc")$(pgrep -f 'sleep 1001' && echo 'sleep 1001 still running')"

for bad in "" "-- true" "abc -- true" "--grace x 5 -- true" "5"; do
	# shellcheck disable=SC2086 # word splitting wanted
	"$tool" $bad > "$work/out" 2>&1
	rc=$?
	check "bad arguments '$bad': usage, exit 125" \
		"$([ $rc -eq 125 ] || echo "exit $rc")$(grep -q usage "$work/out" || echo 'no usage')"
done
echo "1..$n"
[ "$failed" -eq 0 ]
