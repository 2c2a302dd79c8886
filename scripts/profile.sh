#!/usr/bin/env bash
# make profile: one case (COMPOSITION, SIZE, STRATEGY) under perf record in
# a QEMU guest of KERNEL (default 6.12) carrying perf (scripts/guest.sh
# --tool perf): pinbench profile there samples only inside the RUN ioctls
# and makes the perf report text against the guest's /proc/kallsyms; the
# run directory comes back as results/<run-id>/, and pinbench report (on
# the host, from that text) prints the top symbols.
# env: COMPOSITION (anon-4k), SIZE (64M), STRATEGY (put_page), KERNEL
# (6.12), ITERATIONS (50), MEM (2G), HUGEPAGES (2M:N,...), EXT4 (SIZE, for
# file-ext4), TIMEOUT (900 s)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib.sh
. "$top/scripts/lib.sh"

composition=${COMPOSITION:-anon-4k}
size=${SIZE:-64M}
strategy=${STRATEGY:-put_page}
kernel=${KERNEL:-6.12}
iterations=${ITERATIONS:-50}
# they go into the guest's command line: plain names only
for v in "$composition" "$size" "$strategy" "$kernel" "$iterations"; do
	[[ $v =~ ^[A-Za-z0-9:._-]+$ ]] || pb_die "'$v': want letters, digits and : . _ - only"
done

guest_opts=(--mem "${MEM:-2G}" --timeout "${TIMEOUT:-900}" --tool perf)
[[ -z ${HUGEPAGES:-} ]] || guest_opts+=(--hugepages "$HUGEPAGES")
[[ -z ${EXT4:-} ]] || guest_opts+=(--ext4 "$EXT4")

make -s -C "$top" userspace
run_id=$(date -u +%Y%m%d-%H%M%S)-profile-$kernel
out=$top/results/$run_id
pb_log "profile of $composition $size $strategy on $kernel -> results/$run_id"
"$top/scripts/guest.sh" --kernel "$kernel" "${guest_opts[@]}" --out "$out" -- \
	"pinbench profile --composition $composition --size $size --strategy $strategy --iterations $iterations --run-id $run_id --out /results > /results/output.log 2>&1" ||
	pb_die "the profile failed in the guest (exit $?): see results/$run_id/output.log"
text=$(cd "$out" && ls profile-*.txt)
"$top/bench/pinbench" report "$out" > /dev/null ||
	pb_die "pinbench report results/$run_id failed"
sed -n '/^where the time goes:/,/^$/p' "$out/report.txt"
pb_log "profile text: results/$run_id/$text (perf report --stdio --no-children --sort symbol -g none), perf.data beside it; report.txt has the table"
