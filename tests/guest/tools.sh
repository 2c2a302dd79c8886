#!/bin/sh
# The tools a run carries into the guest (scripts/guest.sh --tool perf
# --tool fio --tool numactl, booted with --numa 2; --module null_blk,
# --ext4 and --hugepages 2M:N for the fio end-to-end jobs): each one runs there,
# against pinbench where it makes sense. TAP lines; after each case the pin
# and dmesg oracle. Hardware counters may be absent (TCG): perf must then
# say "<not supported>", not fail.
here=$(dirname "$0")
out=${PINBENCH_TEST_OUT:-/results/tests}/tools
mkdir -p "$out"
. "$here/tap.sh"
check_prefix="tools: "

# The QEMU plugin's exactness probe (the boot has --count-insns): markers
# around known instruction counts; the host compares the plugin's log with
# what it wrote here (tests/vm/insns_check.sh, from tests/check.sh).
pinbench-insns-probe "$out/insns-expected.txt" > "$out/insns-probe.log" 2>&1
rc=$?
check "the instruction-count probe ran its marked windows (host checks the plugin's log)" \
	"$([ $rc = 0 ] || echo "exit $rc: $(tail -3 "$out/insns-probe.log")")$([ -s "$out/insns-expected.txt" ] || echo " no $out/insns-expected.txt")"

# The module's own windows under the plugin: the same configuration run
# twice, the noop floor and the put_page loop at two sizes. The host
# joins the counts and checks them (tests/vm/insns_runs.sh).
for run in a b; do
	pinbench run --composition anon-4k --sizes 2M,8M \
		--strategies noop,put_page --iterations 7 --warmup 1 \
		--out "$out/insns-$run" > "$out/insns-$run.log" 2>&1
	rc=$?
	check "pinbench run $run under the instruction-count plugin (host joins and checks its counts)" \
		"$([ $rc = 0 ] || echo "exit $rc: $(tail -3 "$out/insns-$run.log")")"
done

# numactl sees the emulated nodes, and pinbench runs bound to the second.
numactl -H > "$out/numactl-H.txt" 2>&1
check "numactl -H shows the 2 emulated NUMA nodes" \
	"$(grep -q '^available: 2 nodes (0-1)' "$out/numactl-H.txt" || cat "$out/numactl-H.txt")"

numactl --cpunodebind=1 --membind=1 pinbench run --composition anon-4k \
	--sizes 2M --strategies unpin_pages --iterations 2 --warmup 0 --cpu none \
	--out "$out/node1" > "$out/node1.log" 2>&1
rc=$?
check "pinbench runs under numactl --cpunodebind=1 --membind=1" \
	"$([ $rc = 0 ] || echo "exit $rc: $(tail -3 "$out/node1.log")")$(awk -F, 'NR > 1 && /,ok,/ { n++ } END { if (n != 2) print n + 0 " ok rows, want 2" }' "$out/node1/samples.csv" 2>&1)"

# perf stat: software events count a pinbench run; a hardware event is
# counted or "<not supported>" (TCG), and perf still exits 0.
perf stat -x, -e task-clock,page-faults,context-switches -o "$out/perf-sw.csv" -- \
	pinbench run --composition anon-4k --sizes 2M --strategies unpin_pages \
	--iterations 2 --warmup 0 --out "$out/perf" > "$out/perf.log" 2>&1
rc=$?
check "perf stat counts software events (task-clock, page-faults) of a pinbench run" \
	"$([ $rc = 0 ] || echo "exit $rc: $(tail -3 "$out/perf.log")")$(awk -F, '$3 == "task-clock" && $1 + 0 > 0 { t = 1 } $3 == "page-faults" && $1 + 0 > 0 { p = 1 } END { if (!t || !p) print "no positive task-clock/page-faults" }' "$out/perf-sw.csv")"

perf stat -x, -e cycles,instructions -o "$out/perf-hw.csv" -- true > "$out/perf-hw.log" 2>&1
rc=$?
check "perf stat with hardware events exits 0: counted or <not supported>" \
	"$([ $rc = 0 ] || echo "exit $rc: $(cat "$out/perf-hw.log")")$(awk -F, '$3 ~ /^(cycles|instructions)/ && ($1 ~ /^[0-9.]+$/ || $1 == "<not supported>") { n++ } END { if (n != 2) print "cycles/instructions neither counted nor <not supported>" }' "$out/perf-hw.csv")"

# fio with io_uring (the engine the end-to-end runs use) on tmpfs
fio --name=smoke --ioengine=io_uring --rw=randread --bs=4k --size=8M \
	--filename=/tmp/fio-smoke.dat --output-format=terse > "$out/fio.txt" 2>&1
rc=$?
check "fio runs an io_uring job" \
	"$([ $rc = 0 ] || echo "exit $rc: $(tail -3 "$out/fio.txt")")$(awk -F';' 'NF > 10 && $6 + 0 > 0 { ok = 1 } END { if (!ok) print "no read KiB in the terse output" }' "$out/fio.txt")"
rm -f /tmp/fio-smoke.dat
. "$here/profile.sh"

# fio end-to-end (make bench-fio's driver, the jobs of its check
# profile): every job runs under perf record, leaves its JSON and a perf
# report that names kernel symbols (kallsyms read). The host turns the
# JSON into fio.csv (tests/check.sh: pinbench fio-summarize).
fio_profile=$here/../../bench/fio/profile-check.conf
fio_jobs=$(awk '!/^#/ && NF == 5 { n = 1; for (i = 1; i <= 5; i++) n *= split($i, a, ","); t += n } END { print t + 0 }' "$fio_profile")
FIO_RUNTIME=1 sh "$here/../../scripts/guest/fio.sh" "$out/e2e" check > "$out/e2e.log" 2>&1
rc=$?
fio_found=0
for json in "$out"/e2e/fio/*.json; do
	case $json in */meta.json | *'*'*) ;; *) fio_found=$((fio_found + 1)) ;; esac
done
check "fio end-to-end: the $fio_jobs jobs of bench/fio/profile-check.conf ran under perf record (exit 0)" \
	"$([ $rc = 0 ] || echo "exit $rc: $(grep -E 'failed|error|no ' "$out/e2e.log" | head -5)")$([ "$fio_found" = "$fio_jobs" ] || echo " $fio_found job JSONs, want $fio_jobs")"
for json in "$out"/e2e/fio/*.json; do
	job=${json##*/}
	job=${job%.json}
	case $job in meta | '*') continue ;; esac
	perf_txt=$out/e2e/fio/$job.perf.txt
	# kernel samples resolved to names, not bare addresses
	check "fio job $job: fio JSON, and $job.perf.txt names kernel symbols" \
		"$(grep -q '"jobname" : "'"$job"'"' "$json" || echo "no job $job in its JSON;")$([ -s "$perf_txt" ] || echo " no $perf_txt;")$(grep -Eq '%  \[k\] [A-Za-z_][A-Za-z0-9_.]*' "$perf_txt" 2>/dev/null || echo " no [k] symbol name in $perf_txt")"
done
# pinbench scale: placement, overlap, the oracle after kills and kept pins
. "$here/scale.sh"
tap_plan
[ "$failures" -eq 0 ]
