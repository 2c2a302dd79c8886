#!/usr/bin/env bash
# make check: host unit tests, the module's coding style, then the guest
# integration tests on every kernel in CHECK_KERNELS. Collects TAP lines,
# checks every producer's plan; the last line printed is
# "N passed, N failed, N skipped" (skips are not passes).
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=../scripts/lib.sh
. "$top/scripts/lib.sh"
# shellcheck source=tap_lib.sh
. "$top/tests/tap_lib.sh"

kernels=${CHECK_KERNELS:-}
[ -n "$kernels" ] || kernels=$(pb_kernels check) || exit 1
work=${PINBENCH_BUILD:-$top/build}/check
rm -rf "$work"
mkdir -p "$work"
tap=$work/all.tap
: > "$tap"

# record STATUS DESCRIPTION: a TAP line for a step that is not a test file
record() {
	if [ "$1" = 0 ]; then echo "ok - $2"; else echo "not ok - $2"; fi >> "$tap"
}

# record_problems DESCRIPTION PROBLEMS [LOG]: ok when PROBLEMS is empty,
# else not ok with them (and where the log is) as a TAP comment
record_problems() {
	if [ -z "$2" ]; then
		record 0 "$1"
	else
		record 1 "$1"
		echo "# $2${3:+ (log: $3)}" >> "$tap"
	fi
}

# record_plan PRODUCER FILE: its plan 1..N printed and met (a producer
# that stopped early or printed nothing has none, or a short one)
record_plan() {
	record_problems "$1: plan 1..N printed and met" "$(tap_plan_problem "$2")" "$2"
}

"$top/scripts/deps.sh" build kmod vm checkpatch fuzz tools || exit 1

# Guest kernels live in the cache only: the system's kernel dirs must not change.
system_kernel_dirs() {
	find /boot /lib/modules /usr/src -maxdepth 3 -printf '%p %s %T@\n' 2>/dev/null |
		sort | sha256sum
}
system_before=$(system_kernel_dirs)
make -s -C "$top" userspace || { echo "pinbench: build failed"; exit 1; }

pb_log "host unit tests"
make -s -C "$top/tests/host" check > "$work/host.tap" 2>&1
record $? "host unit tests ran to the end"
record_plan "host unit tests" "$work/host.tap"
cat "$work/host.tap" >> "$tap"

# The same tests and the CLI they run under ASan+UBSan: one step (the
# parser fuzzers below are built with both sanitizers too).
pb_log "host unit tests under ASan+UBSan (make -C tests/host asan)"
make -s -j4 -C "$top/tests/host" asan > "$work/host-asan.tap" 2>&1
asan_status=$?
asan_problems=
[ "$asan_status" = 0 ] ||
	asan_problems="exit $asan_status: $(grep -m 3 -E '^not ok|ERROR: |runtime error' "$work/host-asan.tap" | tr '\n' ' ')"
record_problems "host unit tests and CLI under ASan+UBSan" "$asan_problems" \
	"$work/host-asan.tap"
record_plan "host unit tests under ASan+UBSan" "$work/host-asan.tap"

pb_log "the TAP bookkeeping: plans, totals, the guest's counted plan (tests/tap_lib_test.sh)"
"$top/tests/tap_lib_test.sh" > "$work/tap-lib.tap" 2>&1
record $? "TAP bookkeeping tests ran to the end"
record_plan "TAP bookkeeping tests" "$work/tap-lib.tap"
grep -E '^(ok|not ok|#)' "$work/tap-lib.tap" >> "$tap"

pb_log "parser fuzzers (libFuzzer), a short run; make fuzz runs them longer"
make -s -C "$top/tests/fuzz" run RUNS="${CHECK_FUZZ_RUNS:-5000}" > "$work/fuzz.tap" 2>&1
record $? "parser fuzzers built and ran"
record_plan "parser fuzzers" "$work/fuzz.tap"
grep -E '^(ok|not ok|#)' "$work/fuzz.tap" >> "$tap"

pb_log "the guest's soft deadline helper (vm/pinbench-deadline)"
"$top/tests/vm/deadline.sh" "$top/vm/pinbench-deadline" > "$work/deadline.tap" 2>&1
record $? "soft deadline tests ran to the end"
record_plan "soft deadline tests" "$work/deadline.tap"
grep -E '^(ok|not ok|#)' "$work/deadline.tap" >> "$tap"

pb_log "checkpatch on the module"
"$top/tests/checkpatch.sh" > "$work/checkpatch.tap" 2>&1
record_plan "checkpatch" "$work/checkpatch.tap"
cat "$work/checkpatch.tap" >> "$tap"

# guest_tests KERNEL OUT: the guest tests in one fresh boot of KERNEL.
# 8 GiB: the 4 GiB range test needs room besides the hugetlb pages; an ext4
# disk for file-ext4, 2M and 1G hugetlb pages for their kinds.
guest_tests() {
	"$top/scripts/guest.sh" --kernel "$1" --mem 8G --cpus 2 \
		--hugepages 2M:16,1G:1 --ext4 256M \
		--timeout "${CHECK_TIMEOUT:-1200}" --out "$2" -- \
		'sh tests/guest/run.sh > /results/tap.txt 2>&1'
}

for k in $kernels; do
	pb_log "guest tests on kernel $k"
	out=$work/$k
	# a kernel that dies before /init is booted again by vm-run.sh, which
	# keeps that console as console-noboot1.log: said in the TAP log
	guest_tests "$k" "$out"
	rc=$?
	# Counted, as a line of its own: the retry is vm-run.sh's designed
	# recovery (so ok, not a failure), but the totals show that it happened.
	if [ -f "$out/console-noboot1.log" ]; then
		record 0 "$k: boot retried once (console-noboot1.log kept)"
		echo "# $k: a boot died before /init and was retried: $out/console-noboot1.log" >> "$tap"
	fi
	guest_ran "$rc" "$out/tap.txt"
	record $? "guest on $k booted, ran the tests to the end and shut down (exit $rc; 1: a test failed)"
	if [ -s "$out/tap.txt" ]; then
		cat "$out/tap.txt" >> "$tap"
	else
		record 1 "guest on $k produced test results (see $out/console.log)"
	fi
	record_plan "guest tests on $k" "$out/tap.txt"
done

# timeout_test KERNEL OUT: a guest timeout keeps the results (issue: results
# are never lost). A run far too
# long for --timeout 60 must be stopped at the soft deadline (30 s of guest
# uptime) with SIGINT, keep its rows, and /results must still come back. The
# shell traps SIGINT so that it checks the leak oracle after pinbench.
timeout_test() {
	local k=$1 out=$2 rc problems='' rows
	pb_log "guest timeout on kernel $k: a sweep too long for --timeout 60"
	"$top/scripts/guest.sh" --kernel "$k" --timeout 60 --out "$out" -- \
		'trap : INT; pinbench run --composition anon-4k --sizes 4M --iterations 1000000 --warmup 0 --out /results/cut > /results/run.log 2>&1; echo $? > /results/run.status; echo 1 > /proc/sys/vm/stat_refresh; grep nr_foll_pin /proc/vmstat > /results/vmstat.txt' \
		> "$work/timeout-$k.log" 2>&1
	rc=$?
	[ "$rc" = 124 ] || problems="exit $rc, want 124 (timeout);"
	grep -q 'soft deadline' "$work/timeout-$k.log" ||
		problems="$problems vm-run did not say the soft deadline stopped it;"
	rows=$(($(wc -l < "$out/cut/samples.csv" 2>/dev/null || echo 1) - 1))
	[ "$rows" -gt 0 ] || problems="$problems no rows came back;"
	[ "$(cat "$out/run.status" 2>/dev/null)" = 130 ] ||
		problems="$problems pinbench exit $(cat "$out/run.status" 2>/dev/null), want 130;"
	grep -q 'cut short by SIGINT' "$out/run.log" 2>/dev/null ||
		problems="$problems pinbench did not say it was cut short;"
	grep -q '"complete": *false' "$out/cut/meta.json" 2>/dev/null ||
		problems="$problems meta.json does not say complete false;"
	[ -s "$out/cut/summary.csv" ] || problems="$problems no summary.csv;"
	awk '{ v[$1] = $2 } END { exit !(v["nr_foll_pin_acquired"] > 0 &&
		v["nr_foll_pin_acquired"] == v["nr_foll_pin_released"]) }' \
		"$out/vmstat.txt" 2>/dev/null ||
		problems="$problems leak oracle: $(tr '\n' ' ' < "$out/vmstat.txt" 2>/dev/null);"
	record_problems "results: a guest timeout (--timeout 60) on $k stops the run at the soft deadline, keeps its $rows rows and summary, nothing left pinned" \
		"$problems" "$work/timeout-$k.log"
}
for k in $kernels; do
	timeout_test "$k" "$work/timeout-$k"
done

# tools_test KERNEL OUT: perf, fio and numactl carried into a guest with two
# emulated NUMA nodes (tests/guest/tools.sh); with null_blk, an ext4 disk
# and 2M hugetlb pages for the fio end-to-end jobs, whose JSON the host
# then turns into fio.csv (fio_csv_test). The boot counts instructions
# between window markers (--count-insns), checked by insns_test.
tools_test() {
	local k=$1 out=$2 rc
	pb_log "perf, fio, numactl in a 2-node guest on kernel $k"
	"$top/scripts/guest.sh" --kernel "$k" --mem 2G --cpus 2 --numa 2 \
		--tool perf --tool fio --tool numactl --module null_blk \
		--ext4 128M --hugepages 2M:16 --timeout 600 --count-insns --out "$out" -- \
		'sh tests/guest/tools.sh > /results/tap.txt 2>&1' > "$work/tools-$k.log" 2>&1
	rc=$?
	fio_csv_test "$k" "$out/tests/tools/e2e"
	insns_test "$k" "$out"
	guest_ran "$rc" "$out/tap.txt"
	record $? "guest on $k with perf, fio, numactl carried booted and ran the tool tests (exit $rc; 1: a test failed; log $work/tools-$k.log)"
	if [ -s "$out/tap.txt" ]; then
		grep -E '^(ok|not ok|#)' "$out/tap.txt" >> "$tap"
	else
		record 1 "tool tests on $k produced results (see $out/console.log)"
	fi
	record_plan "tool tests on $k" "$out/tap.txt"
}
# insns_test KERNEL OUT: the QEMU plugin's log of the tools boot
# (OUT/insns-windows.txt) against what the guest's probe ran
# (pinbench-insns-probe, tests/guest/tools.sh): exact counts, absent
# untagged windows (tests/vm/insns_check.sh); then the module's windows of
# two pinbench runs of that boot (tests/vm/insns_runs.sh).
insns_test() {
	local k=$1 out=$2 tapfile=$work/insns-$1.tap
	"$top/tests/vm/insns_check.sh" "$out/tests/tools/insns-expected.txt" \
		"$out/insns-windows.txt" > "$tapfile" 2>&1
	record $? "$k: the instruction-count plugin's checks ran to the end"
	record_plan "instruction-count plugin checks on $k" "$tapfile"
	grep -E '^(ok|not ok|#)' "$tapfile" | sed "s/ - insns: / - $k: insns: /" >> "$tap"
	# the module's windows: two runs joined with the log, then checked
	tapfile=$work/insns-runs-$1.tap
	"$top/tests/vm/insns_runs.sh" "$top/bench/pinbench" \
		"$out/tests/tools/insns-a" "$out/tests/tools/insns-b" \
		"$out/insns-windows.txt" > "$tapfile" 2>&1
	record_plan "instruction counts of the module's windows on $k" "$tapfile"
	grep -E '^(ok|not ok|#)' "$tapfile" | sed "s/ - insns: / - $k: insns: /" >> "$tap"
}
# fio_csv_test KERNEL DIR: the fio jobs the guest ran (DIR/fio/) into
# DIR/fio.csv by pinbench fio-summarize: a row per job, every column filled.
fio_csv_test() {
	local k=$1 dir=$2 problems='' jobs
	jobs=$(find "$dir/fio" -name '*.json' ! -name meta.json 2>/dev/null | wc -l)
	"$top/bench/pinbench" fio-summarize "$dir" > "$work/fio-csv-$k.log" 2>&1 ||
		problems="fio-summarize failed: $(head -3 "$work/fio-csv-$k.log");"
	[ "$jobs" -gt 0 ] || problems="$problems no job JSON in $dir/fio;"
	awk -F, -v want="$jobs" 'NR == 1 { n = NF; next }
		{ rows++; if (NF != n) bad = bad " line " NR ": " NF " fields of " n ";"
		  for (i = 1; i <= NF; i++) if ($i == "") bad = bad " line " NR " field " i " empty;" }
		END { if (rows != want) bad = bad " " rows + 0 " rows, want " want ";"
		      if (n < 16) bad = bad " " n + 0 " columns, want 16 or more;"
		      printf "%s", bad }' "$dir/fio.csv" > "$work/fio-csv-$k.problems" 2>&1 ||
		echo " no $dir/fio.csv" >> "$work/fio-csv-$k.problems"
	problems="$problems$(cat "$work/fio-csv-$k.problems")"
	record_problems "$k: the fio jobs' JSON parses into fio.csv, a row per job ($jobs), every column filled" \
		"$problems" "$work/fio-csv-$k.log"
}
for k in $kernels; do
	tools_test "$k" "$work/tools-$k"
done

# The A/B path for a user's own kernel (KERNEL=, KDIR=, KMODDIR=, --kernel
# custom), fed the cached entry of the oldest kernel (the last: the list is
# newest first; 5.10, built by the host's compiler, as a user's tree is):
# the module builds against that tree and a run in the guest works.
custom_test() {
	local k=$1 out=$work/custom problems='' entry
	pb_log "a custom kernel: kernel $k's image and build tree via KERNEL= KDIR="
	entry=$("$top/scripts/kernel-fetch.sh" "$k" 2>/dev/null) &&
		(
			pb_load_entry "$entry"
			KERNEL=$KERNEL_IMAGE KDIR=$KDIR KMODDIR=$KMODDIR MAKE_ARGS=$KMAKE_ARGS \
				"$top/scripts/guest.sh" --kernel custom --out "$out" -- \
				'pinbench run --sizes 2M --strategies unpin_pages,noop --iterations 2 --out /results/run'
		) > "$work/custom.log" 2>&1 || problems="exit $?;"
	grep -q 'booting custom-' "$work/custom.log" || problems="$problems not booted as a custom kernel;"
	[ "$(grep -c ',ok,' "$out/run/samples.csv" 2>/dev/null)" = 4 ] ||
		problems="$problems want 4 ok rows in $out/run/samples.csv;"
	record_problems "custom kernel: KERNEL=/KDIR=/KMODDIR= of $k build the module and run pinbench in the guest" \
		"$problems" "$work/custom.log"
}
custom_test "${kernels##* }"

# A kernel that dies before /init (here: rdinit= names no program) is
# booted once more, then reported as not booted (125), never as a result.
noboot_test() {
	local k=$1 out=$work/noboot rc problems=''
	pb_log "a kernel that cannot reach /init on $k: one retry, then exit 125"
	"$top/scripts/guest.sh" --kernel "$k" --append rdinit=/nonexistent --timeout 120 \
		--out "$out" -- true > "$work/noboot.log" 2>&1
	rc=$?
	[ "$rc" = 125 ] || problems="exit $rc, want 125;"
	[ "$(grep -c '^pinbench: booting ' "$work/noboot.log")" = 2 ] ||
		problems="$problems want 2 boots;"
	[ -f "$out/console-noboot1.log" ] || problems="$problems first console not kept;"
	grep -q 'did not boot to /init' "$work/noboot.log" || problems="$problems no clear error;"
	record_problems "a kernel dying before /init on $k is booted once more, then exit 125 'did not boot to /init'" \
		"$problems" "$work/noboot.log"
}
noboot_test "${kernels##* }"

[ "$(system_kernel_dirs)" = "$system_before" ]
record $? "/boot, /lib/modules, /usr/src unchanged by fetching, building and booting kernels"

grep -E '^(not ok|#)' "$tap" | grep -B1 -A3 '^not ok' || true
echo "full TAP log: $tap"
totals=$(tap_totals "$tap")
echo "$totals"
read -r _ _ failed _ <<< "$totals"
[ "$failed" -eq 0 ]
