#!/bin/sh
# The default sweep, identical in the guest and natively (busybox sh):
# both base compositions, every strategy, sizes from 4 KiB to 256 MiB.
# usage: bench.sh OUT_DIR   (env: PINBENCH_RUN_ID, PINBENCH_ACCEL)
set -e
out=${1:?usage: bench.sh OUT_DIR}
iterations=${PINBENCH_ITERATIONS:-10}
warmup=${PINBENCH_WARMUP:-2}
common="--strategies all --iterations $iterations --warmup $warmup --out $out"
[ -z "$PINBENCH_RUN_ID" ] || common="$common --run-id $PINBENCH_RUN_ID"

echo "pinbench: kernel $(uname -r), accel ${PINBENCH_ACCEL:-native}" >&2
# shellcheck disable=SC2086 # $common is a list of options
pinbench run --composition anon-4k --sizes 4K,64K,2M,256M $common
# shellcheck disable=SC2086
pinbench run --composition anon-thp --sizes 2M,32M,256M $common

# nothing may stay pinned after a sweep
echo 1 > /proc/sys/vm/stat_refresh 2>/dev/null || true
acq=$(awk '$1 == "nr_foll_pin_acquired" { print $2 }' /proc/vmstat)
rel=$(awk '$1 == "nr_foll_pin_released" { print $2 }' /proc/vmstat)
if [ "$acq" != "$rel" ]; then
	echo "pinbench: LEAK: nr_foll_pin_acquired=$acq nr_foll_pin_released=$rel" >&2
	exit 1
fi
