#!/bin/sh
# The reliability battery (busybox sh, as root, pinbench.ko loaded): who may
# use /dev/pinbench, the max_pinned_pages limit, faults (SIGKILL in the
# middle of a multi-GiB pin loop, 100 reloads, rmmod while open or in a RUN,
# fork and munmap racing with RUN), a fuzzer, and a pinbench run cut short
# by SIGINT. One TAP line per case, in run.sh's style; after every case the
# leak oracle: FOLL_PIN pins acquired == released (after stat_refresh);
# free memory back within MEMFREE_TOLERANCE_KB of where the battery started
# (MemFree + the per-CPU free lists + Shmem, after drop_caches: Shmem so that
# files the tests write to tmpfs do not count, while a leaked page, which is
# in none of them, does); dmesg free of BUG:/WARNING:/Oops/refcount_t:.
#
# Environment: PINBENCH_FUZZ_CALLS (80000: 16-27 s under TCG here),
# PINBENCH_FUZZ_SEED (20261125), PINBENCH_TEST_OUT (/results/tests),
# PINBENCH_KO (/pinbench/pinbench.ko). Helpers (tests/guest/*.c, static)
# are on PATH: pinbench-unpriv, pinbench-ioctl, pinbench-hold,
# pinbench-race, pinbench-fuzz. Per case seconds and kB of free memory
# below the start: $PINBENCH_TEST_OUT/reliability/timings.txt.

work=${PINBENCH_TEST_OUT:-/results/tests}/reliability
ko=${PINBENCH_KO:-/pinbench/pinbench.ko}
cap=/sys/module/pinbench/parameters/max_pinned_pages
FUZZ_CALLS=${PINBENCH_FUZZ_CALLS:-80000}
FUZZ_SEED=${PINBENCH_FUZZ_SEED:-20261125}
# Slab, page tables and the huge zero page move free memory by up to 4 MiB
# here between two quiet moments; a leak this battery can cause is larger:
# a killed 2 GiB loop, or one page per FOLL_GET RUN of the fuzzer (whose
# areas are mapped anew every 250 calls) is over 30 MiB.
MEMFREE_TOLERANCE_KB=16384
rm -rf "$work"
mkdir -p "$work"
timings=$work/timings.txt

. "$(dirname "$0")/tap.sh"

# kB free (MemFree, plus the free pages parked on per-CPU lists, which
# MemFree leaves out: since 6.8 they may hold hundreds of MiB for a while
# after a big free) or in shmem/tmpfs, with clean page cache and slab dropped
free_kb() {
	sync
	echo 3 > /proc/sys/vm/drop_caches
	pcp=$(awk '$1 == "count:" { n += $2 } END { print n + 0 }' /proc/zoneinfo)
	awk -v pcp="$pcp" '$1 == "MemFree:" { f = $2 } $1 == "Shmem:" { s = $2 }
		END { print f + s + pcp * 4 }' /proc/meminfo
}

oracle_problem() {	# KB_DOWN: free_kb below the battery's start
	down=$1
	pins_dmesg_problem
	[ "$down" -le "$MEMFREE_TOLERANCE_KB" ] ||
		echo "leak oracle: free memory $down kB below the battery's start (tolerance $MEMFREE_TOLERANCE_KB kB)"
}

# poll every 50 ms until COMMAND succeeds, for at most SECONDS
wait_until() {	# SECONDS COMMAND...
	tries=$(($1 * 20))
	shift
	until "$@"; do
		tries=$((tries - 1))
		[ "$tries" -gt 0 ] || return 1
		usleep 50000
	done
}

file_has() { grep -q "$2" "$1" 2>/dev/null; }

# at least one full iteration of PAGES pinned since acquired was BEFORE
pinned_since() { [ $(($(pins_acquired) - $1)) -ge "$2" ]; }

# "utime stime" in clock ticks (the comm field of pinbench-* has no spaces)
cpu_ticks() { awk '{ print $14, $15 }' "/proc/$1/stat"; }

uptime_s() { cut -d' ' -f1 /proc/uptime; }

# ---- permissions ----------------------------------------------------------

case_nonroot_open_eacces() {
	mode=$(stat -c %a /dev/pinbench)
	[ "$mode" = 600 ] || echo "/dev/pinbench has mode $mode, want 600"
	out=$(pinbench-unpriv open 2>&1) || { echo "pinbench-unpriv: $out"; return; }
	[ "$out" = "open: EACCES" ] || echo "as uid 65534 $out, want EACCES"
}

case_nonroot_open_0666_eperm() {
	chmod 0666 /dev/pinbench
	out=$(pinbench-unpriv open 2>&1)
	rc=$?
	chmod 0600 /dev/pinbench
	mode=$(stat -c %a /dev/pinbench)
	[ "$mode" = 600 ] || echo "mode not restored: $mode"
	[ "$rc" -eq 0 ] && [ "$out" = "open: EPERM" ] ||
		echo "mode 0666, as uid 65534: $out, want EPERM"
}

case_dropped_caps_ioctl_eperm() {
	out=$(pinbench-unpriv ioctl 2>&1) || { echo "pinbench-unpriv: $out"; return; }
	[ "$out" = "info: EPERM entry: EPERM run: EPERM" ] ||
		echo "fd opened as root, ioctl as uid 65534: $out"
}

case_nonroot_cli_says_root() {
	out=$(pinbench-unpriv exec pinbench info 2>&1)
	rc=$?
	[ "$rc" -ne 0 ] || echo "pinbench info as uid 65534 exited 0"
	echo "$out" | grep -q "CAP_SYS_ADMIN" || echo "no clear message: $out"
}

# ---- limits ---------------------------------------------------------------

case_cap_exact_and_one_more() {
	old=$(cat "$cap")
	echo 256 > "$cap"
	info=$(pinbench info 2>&1)
	at=$(pinbench-ioctl --size 1M 2>&1)
	above=$(pinbench-ioctl --size 1028K 2>&1)
	echo 0 > "$cap"
	zero=$(pinbench-ioctl --size 4K 2>&1)
	echo "$old" > "$cap"
	echo "$info" | grep -q "^max_pinned_pages *256$" ||
		echo "pinbench info does not show max_pinned_pages 256"
	echo "$at" | grep -q "result: success" || echo "256 pages at cap 256: $at"
	echo "$above" | grep -q "result: E2BIG" || echo "257 pages at cap 256: $above"
	echo "$zero" | grep -q "result: E2BIG" || echo "1 page at cap 0: $zero"
	[ "$(cat "$cap")" = "$old" ] || echo "max_pinned_pages not restored"
}

case_cap_cli_refuses_first() {
	old=$(cat "$cap")
	echo 256 > "$cap"
	out=$(pinbench run --quiet --composition anon-4k --sizes 2M \
		--strategies unpin_pages --out "$work/cap-cli" 2>&1)
	rc=$?
	echo "$old" > "$cap"
	[ "$rc" -eq 2 ] || echo "exit $rc, want 2"
	echo "$out" | grep -q "512 pages, more than the module's max_pinned_pages 256" ||
		echo "no clear message: $out"
}

# The CLI checked the cap, then it is lowered before the RUN: the module's
# own E2BIG must reach the user as a clear message.
case_cap_module_e2big_in_cli() {
	old=$(cat "$cap")
	dir=$work/cap-module
	pinbench run --quiet --composition anon-4k --sizes 256M \
		--strategies unpin_pages,unpin_page,put_page --iterations 2 \
		--out "$dir" > "$work/cap-module.log" 2>&1 &
	pid=$!
	wait_until 60 test -e "$dir/meta.json" || echo "no meta.json within 60 s"
	echo 1 > "$cap"
	wait "$pid"
	rc=$?
	echo "$old" > "$cap"
	out=$(cat "$work/cap-module.log")
	[ "$rc" -eq 1 ] || echo "exit $rc, want 1: $out"
	echo "$out" | grep -q "E2BIG.*max_pinned_pages" || echo "no clear message: $out"
}

# Raised far past RAM, the cap no longer bounds what the module allocates
# for a request: an absurd range must still fail cleanly, not warn or OOM.
case_cap_raised_absurd_range() {
	old=$(cat "$cap")
	echo 34359738368 > "$cap"		# 2^35 pages: all of user space
	one=$(pinbench-ioctl --addr 0x100000 --size 0x400000000000 --chunk 1 2>&1)
	big=$(pinbench-ioctl --addr 0x100000 --size 0x400000000000 --chunk 65536 2>&1)
	echo "$old" > "$cap"
	for out in "$one" "$big"; do
		echo "$out" | grep -qE "result: (E2BIG|ENOMEM|EFAULT)" ||
			echo "64 TiB at 0x100000: $out"
	done
}

# ---- faults ---------------------------------------------------------------

# Thousands of pins held right now (pins_raw: tap.sh)
pins_in_flight() { [ "$(pins_raw)" -gt 4096 ]; }

# SIGKILL once the loop has pinned 2 GiB at least once, a second later, at
# a moment pins are held (the CLI spends part of its time between RUNs).
kill_mid_loop() {	# LOG PAGES_PER_ITERATION COMMAND...
	log=$1 pages=$2
	shift 2
	before=$(pins_acquired)
	"$@" > "$log" 2>&1 &
	pid=$!
	wait_until 120 pinned_since "$before" "$pages" ||
		echo "no full iteration pinned within 120 s: $(cat "$log")"
	sleep 1
	# the case is named after pins in flight: no kill without them
	wait_until 10 pins_in_flight ||
		echo "no pins in flight within 10 s of polling before SIGKILL: $(pins_raw) held"
	echo "$log: pins held just before SIGKILL: about $(pins_raw)" >> "$work/kills.txt"
	kill -9 "$pid"
	wait "$pid" 2>/dev/null
	rc=$?
	[ "$rc" -eq 137 ] || echo "exit $rc, want 137 (SIGKILL): $(cat "$log")"
}

case_sigkill_cli_2g_loop() {
	kill_mid_loop "$work/kill-cli.log" 524288 \
		pinbench run --quiet --composition anon-thp --sizes 2G \
		--strategies unpin_page --iterations 1000 --out "$work/kill-cli"
}

case_sigkill_ioctl_2g_locked_pin() {
	kill_mid_loop "$work/kill-locked.log" 524288 \
		pinbench-ioctl --size 2G --thp --strategy unpin_pages \
		--pin-method pin --iterations 1000
}

# FOLL_GET: no pin counters move, so MemFree is the oracle here.
case_sigkill_ioctl_2g_get() {
	log=$work/kill-get.log
	pinbench-ioctl --size 2G --thp --strategy put_page --pin-method gup \
		--iterations 1000 > "$log" 2>&1 &
	pid=$!
	wait_until 120 file_has "$log" pinning || echo "never started: $(cat "$log")"
	sleep 1
	# in the RUN loop: the last second went to system time, none to user
	t0=$(cpu_ticks "$pid")
	sleep 1
	t1=$(cpu_ticks "$pid")
	kill -9 "$pid"
	user=$((${t1% *} - ${t0% *})) sys=$((${t1#* } - ${t0#* }))
	echo "get loop, its last second before SIGKILL: user $user sys $sys ticks" >> "$work/kills.txt"
	[ "$sys" -gt 0 ] && [ "$user" -le 1 ] ||
		echo "not in the RUN loop when killed: user $user sys $sys ticks"
	wait "$pid" 2>/dev/null
	rc=$?
	[ "$rc" -eq 137 ] || echo "exit $rc, want 137 (SIGKILL): $(cat "$log")"
}

case_reload_100_times() {
	i=0
	while [ "$i" -lt 100 ]; do
		rmmod pinbench || { echo "rmmod $i failed"; return; }
		[ ! -e /dev/pinbench ] || echo "reload $i: /dev/pinbench left behind"
		insmod "$ko" || { echo "insmod $i failed"; return; }
		pinbench info > /dev/null 2>&1 || echo "reload $i: INFO failed"
		i=$((i + 1))
	done
	mode=$(stat -c %a /dev/pinbench)
	[ "$mode" = 600 ] || echo "after reloads /dev/pinbench has mode $mode"
}

rmmod_refused() {	# WHY: rmmod must fail busy, the module stay
	if out=$(rmmod pinbench 2>&1); then
		echo "rmmod succeeded $1"
		insmod "$ko"
		return
	fi
	echo "$out" | grep -qE "Resource temporarily unavailable|busy" ||
		echo "rmmod $1: $out (want EBUSY/EAGAIN)"
	grep -q '^pinbench ' /proc/modules || echo "module gone $1"
}

case_rmmod_while_open_refused() {
	log=$work/hold.log
	pinbench-hold > "$log" 2>&1 &
	pid=$!
	wait_until 30 file_has "$log" ready || echo "holder never ready: $(cat "$log")"
	rmmod_refused "while /dev/pinbench is open"
	kill -USR1 "$pid"
	wait "$pid" || echo "the holder failed afterwards: $(cat "$log")"
}

case_rmmod_during_run_refused() {
	log=$work/rmmod-run.log
	before=$(pins_acquired)
	pinbench-ioctl --size 64M --thp --iterations 10 --repeat 0 > "$log" 2>&1 &
	pid=$!
	wait_until 60 pinned_since "$before" 16384 || echo "no RUN within 60 s"
	rmmod_refused "during a RUN"
	kill -TERM "$pid"
	wait "$pid" || echo "the RUN loop failed: $(cat "$log")"
	grep -q "result: success runs=[1-9]" "$log" || cat "$log"
}

case_fork_munmap_race() {
	out=$(pinbench-race 5 2>&1)
	rc=$?
	echo "$out" > "$work/race.txt"
	[ "$rc" -eq 0 ] || echo "pinbench-race exit $rc: $out"
}

case_fuzz() {
	pinbench-fuzz "$FUZZ_CALLS" "$FUZZ_SEED" > "$work/fuzz.txt" 2>&1 ||
		grep -E '^#|pinbench-fuzz' "$work/fuzz.txt" | tail -5
}

# ---- results are never lost ------------------------------------------------

data_rows() { [ -f "$1" ] && echo $(($(wc -l < "$1") - 1)) || echo 0; }
rows_at_least() { [ "$(data_rows "$1")" -ge "$2" ]; }

case_sigint_keeps_rows() {
	dir=$work/sigint
	# 4 sizes x 11 strategies x 3 iterations: cut short well before the end
	pinbench run --composition anon-4k --sizes 4M,16M,64M,256M --strategies all \
		--iterations 3 --warmup 0 --out "$dir" > "$work/sigint.log" 2>&1 &
	pid=$!
	wait_until 60 rows_at_least "$dir/samples.csv" 6 ||
		echo "no rows within 60 s: $(cat "$work/sigint.log")"
	seen=$(data_rows "$dir/samples.csv")
	kill -INT "$pid"
	wait "$pid"
	rc=$?
	rows=$(data_rows "$dir/samples.csv")
	[ "$rc" -eq 130 ] || echo "exit $rc, want 130"
	grep -q "cut short by SIGINT" "$work/sigint.log" ||
		echo "does not say it was cut short: $(cat "$work/sigint.log")"
	grep -q '"complete": *false' "$dir/meta.json" ||
		echo "meta.json: $(grep complete "$dir/meta.json")"
	[ "$rows" -ge "$seen" ] || echo "$seen rows seen before SIGINT, $rows after"
	[ "$rows" -lt 132 ] || echo "not cut short: all $rows rows"
	awk -F, 'NR == 1 { n = NF; next }
		NF != n { print "torn row " NR ": " $0; exit }
		$0 !~ /,(ok|unsupported),/ { print "bad row " NR ": " $0; exit }' \
		"$dir/samples.csv"
	[ -s "$dir/summary.csv" ] || echo "no summary.csv"
}

# name | what it shows
CASES="case_nonroot_open_eacces|permissions: a non-root user cannot open /dev/pinbench (EACCES, mode 0600)
case_nonroot_open_0666_eperm|permissions: with the node chmod 0666, uid 65534 is still refused by the CAP_SYS_ADMIN check (EPERM)
case_dropped_caps_ioctl_eperm|permissions: an fd opened as root is refused INFO, ENTRY and RUN (EPERM) once its process dropped to uid 65534
case_nonroot_cli_says_root|permissions: pinbench info as uid 65534 fails saying it needs CAP_SYS_ADMIN
case_cap_exact_and_one_more|limits: max_pinned_pages 256 allows 256 pages, refuses 257 (E2BIG); 0 refuses everything; INFO shows it
case_cap_cli_refuses_first|limits: pinbench run refuses a size above max_pinned_pages before pinning, naming the limit (exit 2)
case_cap_module_e2big_in_cli|limits: max_pinned_pages lowered under a running pinbench: the module's E2BIG reaches the user with the limit named (exit 1)
case_cap_raised_absurd_range|limits: max_pinned_pages raised past RAM, a 64 TiB range (chunks of 1 and of 65536 pages) fails cleanly
case_sigkill_cli_2g_loop|faults: SIGKILL in the middle of pinbench run's 2 GiB THP unpin_page loop leaves nothing pinned
case_sigkill_ioctl_2g_locked_pin|faults: SIGKILL in the middle of a 2 GiB mmap-locked pin_user_pages RUN loop leaves nothing pinned
case_sigkill_ioctl_2g_get|faults: SIGKILL in the middle of a 2 GiB get_user_pages + put_page RUN loop leaves no reference (MemFree back)
case_reload_100_times|faults: the module unloads and reloads 100 times, INFO works after each, the node stays 0600
case_rmmod_while_open_refused|faults: rmmod while a process holds /dev/pinbench open is refused, and the holder still works
case_rmmod_during_run_refused|faults: rmmod during a RUN loop is refused, and the loop runs on to a clean end
case_fork_munmap_race|faults: 5 s of RUN from two threads racing munmap/remap/mprotect/THP changes and fork: only EFAULT, no oops
case_fuzz|fuzzing: $FUZZ_CALLS random and mutated requests (pinbench-fuzz $FUZZ_CALLS $FUZZ_SEED): documented errnos, consistent results
case_sigint_keeps_rows|results: pinbench run cut short by SIGINT keeps its rows, exits 130, says so, meta.json complete false"

[ -e /dev/pinbench ] || { tap 1 "reliability battery" "no /dev/pinbench"; tap_plan; exit 1; }
free_baseline=$(free_kb)
echo "# case seconds free_kb_down" > "$timings"
IFS='
'
for row in $CASES; do
	IFS=' 	
'
	fn=${row%%|*}
	desc=${row#*|}
	t0=$(uptime_s)
	problem=$("$fn" 2>&1 < /dev/null)
	t1=$(uptime_s)
	down=$((free_baseline - $(free_kb)))
	leak=$(oracle_problem "$down")
	echo "$fn $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') $down" >> "$timings"
	if [ -z "$problem$leak" ]; then
		tap 0 "$desc"
	else
		tap 1 "$desc" "$problem" "$leak"
	fi
done
tap_plan
[ "$failures" -eq 0 ]
