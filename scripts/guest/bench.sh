#!/bin/sh
# The benchmark sweep, identical in the guest and natively (busybox sh).
# usage: bench.sh OUT_DIR [PROFILE]   PROFILE: default (make bench) or full
# (make bench-full), the config files beside this script.
# env: PINBENCH_RUN_ID, PINBENCH_ACCEL, PINBENCH_ITERATIONS, PINBENCH_BOOT
# (the boot column: make bench BOOTS=N boots the guest N times, 1..N),
# PINBENCH_SEED (the shuffled order of the strategies; default: the clock)
set -e
out=${1:?usage: bench.sh OUT_DIR [default|full]}
profile=${2:-default}
here=$(dirname "$0")
config=$here/bench-$profile.conf
[ -f "$config" ] || { echo "pinbench: no profile '$profile' ($config)" >&2; exit 2; }
set -- --config "$config" --skip-unavailable --out "$out"
[ -z "$PINBENCH_RUN_ID" ] || set -- "$@" --run-id "$PINBENCH_RUN_ID"
[ -z "$PINBENCH_ITERATIONS" ] || set -- "$@" --iterations "$PINBENCH_ITERATIONS"
[ -z "$PINBENCH_BOOT" ] || set -- "$@" --boot "$PINBENCH_BOOT"
[ -z "$PINBENCH_SEED" ] || set -- "$@" --seed "$PINBENCH_SEED"

echo "pinbench: kernel $(uname -r), accel ${PINBENCH_ACCEL:-native}, profile $profile${PINBENCH_BOOT:+, boot $PINBENCH_BOOT}" >&2
# SIGINT (a user's Ctrl-C, the guest's soft deadline) stops the sweep,
# which keeps its rows and exits 130; the leak check still runs.
trap : INT
status=0
pinbench sweep "$@" || status=$?

# nothing may stay pinned after a sweep
echo 1 > /proc/sys/vm/stat_refresh 2>/dev/null || true
acq=$(awk '$1 == "nr_foll_pin_acquired" { print $2 }' /proc/vmstat)
rel=$(awk '$1 == "nr_foll_pin_released" { print $2 }' /proc/vmstat)
if [ "$acq" != "$rel" ]; then
	echo "pinbench: LEAK: nr_foll_pin_acquired=$acq nr_foll_pin_released=$rel" >&2
	exit 1
fi
exit $status
