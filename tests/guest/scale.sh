# pinbench scale in a 2-node guest (sourced by tools.sh; needs tap.sh's
# check and $out): every mode with 1 and 2 threads, its placement
# verified by the kernel, two threads' windows overlapping; the leak
# oracle after each (check), after a scale run killed mid-way and after a
# remote-release whose release never came; bad input refused first.
: "${out:?scale.sh is sourced by tools.sh, which sets out and check}"
scale_out=$out/scale
mkdir -p "$scale_out"

# FILE COLUMN...: each summary row's values of those columns, by name
scale_cols() {
	awk -F, -v cols="$2" '
	NR == 1 { for (i = 1; i <= NF; i++) at[$i] = i; n = split(cols, c, " "); next }
	{ line = ""; for (k = 1; k <= n; k++) line = line (k > 1 ? " " : "") $(at[c[k]]); print line }' "$1"
}

for mode in private shared cross-node remote-release; do
	dir=$scale_out/$mode
	# one vCPU per node: two threads of a node-bound mode share it.
	# Single-threaded TCG runs a vCPU up to 100 ms before the next: a
	# second of RUNs per thread makes their windows meet in guest time.
	case $mode in
	private | shared) length="--duration 1" ;;
	*) length="--iterations 5" ;;
	esac
	# shellcheck disable=SC2086 # $length: an option and its value
	pinbench scale --mode "$mode" --threads 1,2 --composition anon-4k \
		--size 2M $length --warmup 1 --strategies unpin_pages \
		--oversubscribe --quiet --out "$dir" > "$dir.log" 2>&1
	rc=$?
	rows=$(scale_cols "$dir/scale-summary.csv" "threads status placement_ok overlap_ok windows_overlapping" 2>/dev/null)
	problem=$([ $rc = 0 ] || echo "exit $rc: $(tail -3 "$dir.log");")
	[ "$(echo "$rows" | grep -c ' measured 1 ')" = 2 ] ||
		problem="$problem summary rows (threads status placement_ok overlap_ok overlapping): $rows;"
	case $mode in private | shared)
		echo "$rows" | awk '$1 == 2 && $4 == 1 && $5 > 0 { ok = 1 } END { exit !ok }' ||
			problem="$problem 2 threads' windows do not overlap (overlap_ok, windows overlapping): $rows;" ;;
	esac
	check "scale --mode $mode --threads 1,2 anon-4k 2M: placement_ok=1 in every row, pages on the node asked (move_pages), windows on the CPUs asked$(case $mode in private | shared) echo ", 2 threads' windows overlap ($(echo "$rows" | awk '$1 == 2 { print $5 }') windows overlapping another)" ;; esac)" \
		"$problem"
done

# remote-release really pins on one node and releases on the other
rows=$(scale_cols "$scale_out/remote-release/scale.csv" "pin_cpu_node cpu_node placement_ok" 2>/dev/null)
check "scale remote-release: each thread pinned on node 0 and released on node 1 ($(echo "$rows" | wc -l) rows)" \
	"$(echo "$rows" | awk '$1 != 0 || $2 != 1 || $3 != 1 { print "row: " $0 }')$([ -n "$rows" ] || echo "no scale.csv rows")"
rows=$(scale_cols "$scale_out/cross-node/scale.csv" "cpu_node mem_node mem_node_seen placement_ok" 2>/dev/null)
check "scale cross-node: threads on node 1, memory on node 0, seen there" \
	"$(echo "$rows" | awk '$1 != 1 || $2 != 0 || $3 != 0 || $4 != 1 { print "row: " $0 }')$([ -n "$rows" ] || echo "no scale.csv rows")"

# SIGKILL mid-run: the descriptors' close gives every pin back
pinbench scale --mode private --threads 2 --composition anon-4k --size 8M \
	--strategies unpin_pages --duration 60 --quiet \
	--out "$scale_out/killed" > "$scale_out/killed.log" 2>&1 &
pid=$!
# killed once it pins (acquired grows), not at a guess of when that is
before=$(pins_acquired)
waited=0
while [ "$waited" -lt 120 ] && [ "$(pins_acquired)" = "$before" ]; do
	sleep 1
	waited=$((waited + 1))
done
now=$(pins_acquired)
case "$before$now" in
*unreadable*) pinning=0 ;;
*) pinning=$((now - before)) ;;
esac
sleep 1
kill -9 "$pid"
wait "$pid" 2>/dev/null
rc=$?
check "scale killed (SIGKILL) mid-run, 2 threads pinning: no pin left" \
	"$([ $rc = 137 ] || echo "exit $rc, want 137: $(tail -3 "$scale_out/killed.log")")$([ "$pinning" -gt 0 ] || echo " killed before it pinned anything (waited ${waited}s)")"

# remote-release's first half alone: the pins are kept, the process
# exits, the release never comes; the close must release them
before=$(pins_acquired)
pinbench scale --abandon-kept --mode remote-release --composition anon-4k \
	--size 2M --strategies unpin_pages > "$scale_out/abandon.log" 2>&1
rc=$?
after=$(pins_acquired)
check "scale remote-release whose release never came (pins kept, process exits): released on close" \
	"$([ $rc = 0 ] || echo "exit $rc: $(tail -3 "$scale_out/abandon.log")")$(grep -q '^kept 512 pages' "$scale_out/abandon.log" || echo " no 'kept 512 pages': $(cat "$scale_out/abandon.log")")$([ "$before" != unreadable ] && [ "$((after - before))" -ge 512 ] || echo " acquired $before -> $after: were the pins ever taken?")"

# bad input: refused with a clear message before anything is pinned
scale_refused() {	# WHAT PART ARGS...
	what=$1 part=$2
	shift 2
	before=$(pins_acquired)
	pinbench scale --composition anon-4k --size 2M --out "$scale_out/bad" "$@" > "$scale_out/bad.log" 2>&1
	rc=$?
	after=$(pins_acquired)
	check "scale refuses $what: exit 2, says so, pins nothing" \
		"$([ $rc = 2 ] || echo "exit $rc, want 2;")$(grep -q -- "$part" "$scale_out/bad.log" || echo " no '$part' in: $(cat "$scale_out/bad.log")")$([ "$before" = "$after" ] || echo " pins acquired $before -> $after")"
}
scale_refused "a node that does not exist" "--mem-node 7: no such NUMA node" --mem-node 7
scale_refused "more threads than CPUs without --oversubscribe" "more threads than the 2 CPUs" --threads 1,3
scale_refused "a CPU outside the allowed set" "CPU 5 is not one this process may run on" --cpus 0,5
