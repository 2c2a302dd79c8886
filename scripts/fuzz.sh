#!/usr/bin/env bash
# make fuzz: the ioctl fuzzer (tests/guest/fuzz.c) for FUZZ_CALLS calls in a
# guest of every kernel in FUZZ_KERNELS, then the leak oracle; and the
# libFuzzer harnesses of the userspace parsers (tests/fuzz/) for FUZZ_RUNS
# executions each. TAP lines; the last line is "N passed, N failed".
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib.sh
. "$top/scripts/lib.sh"

calls=${FUZZ_CALLS:-200000}
seed=${FUZZ_SEED:-$(date +%s)}
runs=${FUZZ_RUNS:-100000}
work=$PINBENCH_BUILD/fuzz
rm -rf "$work"
mkdir -p "$work"
tap=$work/all.tap
: > "$tap"

"$top/scripts/deps.sh" build kmod vm fuzz || exit 1
make -s -C "$top" userspace || exit 1

kernels=${FUZZ_KERNELS:-}
[ -n "$kernels" ] || kernels=$(pb_kernels fuzz) || exit 1
for k in $kernels; do
	pb_log "ioctl fuzzer on $k: $calls calls, seed $seed"
	out=$work/$k
	"$top/scripts/guest.sh" --kernel "$k" --mem 4G --timeout 3600 --out "$out" -- \
		"pinbench-fuzz $calls $seed > /results/fuzz.txt 2>&1; echo \"exit \$?\" >> /results/fuzz.txt;
		echo 1 > /proc/sys/vm/stat_refresh; grep nr_foll_pin /proc/vmstat > /results/vmstat.txt;
		dmesg | grep -E 'BUG:|WARNING:|Oops|refcount_t:' > /results/dmesg-bad.txt; true"
	problem=
	grep -q '^exit 0$' "$out/fuzz.txt" 2>/dev/null || problem="fuzzer failed: $(tail -3 "$out/fuzz.txt" 2>/dev/null)"
	acq=$(awk '$1 == "nr_foll_pin_acquired" { print $2 }' "$out/vmstat.txt" 2>/dev/null)
	rel=$(awk '$1 == "nr_foll_pin_released" { print $2 }' "$out/vmstat.txt" 2>/dev/null)
	[ -n "$acq" ] && [ "$acq" = "$rel" ] || problem="$problem leak oracle: acquired=$acq released=$rel"
	[ ! -s "$out/dmesg-bad.txt" ] || problem="$problem dmesg: $(head -2 "$out/dmesg-bad.txt")"
	if [ -z "$problem" ]; then
		echo "ok - fuzz $k: $calls ioctl calls (seed $seed), pins balanced ($acq), dmesg clean" >> "$tap"
	else
		printf 'not ok - fuzz %s: %s calls (seed %s)\n# %s\n' "$k" "$calls" "$seed" "$problem" >> "$tap"
	fi
done

pb_log "libFuzzer harnesses of the parsers: $runs runs each"
make -s -C "$top/tests/fuzz" run RUNS="$runs" >> "$tap" 2>&1 ||
	echo "not ok - libFuzzer harnesses built and ran" >> "$tap"

cat "$tap"
passed=$(grep -c '^ok' "$tap")
failed=$(grep -c '^not ok' "$tap")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
