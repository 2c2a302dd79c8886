#!/bin/sh
# The fio end-to-end jobs (bench/fio/), the same in the guest and natively
# (busybox sh): O_DIRECT IO on a memory-backed null_blk device and on a
# file of the ext4 scratch disk, each job under perf record.
# usage: fio.sh OUT_DIR [PROFILE]   PROFILE: full (make bench-fio) or check
#   (tests/guest/tools.sh, make check): bench/fio/profile-<PROFILE>.conf
# Writes, per job (<target>-<rw>-<bs>-<engine file>-<buffer>):
#   OUT_DIR/fio/<job>.json      fio --output-format=json+
#   OUT_DIR/fio/<job>.perf.txt  perf report --stdio --no-children --sort
#                               symbol -g none --percent-limit 0, made here
#                               (the kernel's symbols are this kernel's);
#                               kernel symbols only, no IPC columns
#   OUT_DIR/fio/<job>.log       fio's and perf's messages
# and OUT_DIR/fio/meta.json: kernel, accel, the perf event sampled, the
# profile. pinbench fio-summarize OUT_DIR reads them (on the host).
# Needs: fio, perf; null_blk with configfs (scripts/guest.sh --module
# null_blk) for nullb jobs, PINBENCH_EXT4_DIR (--ext4) for ext4 jobs, free
# 2M hugetlb pages (--hugepages 2M:N) for shmhuge and mmaphuge buffers.
# env: PINBENCH_ACCEL, FIO_RUNTIME (seconds a job, default 2),
#   PINBENCH_FIO_KEEP_PERF_DATA=1 keeps <job>.perf.data beside them
out=${1:?usage: fio.sh OUT_DIR [full|check]}
profile=${2:-full}
here=$(cd "$(dirname "$0")" && pwd)
jobdir=$here/../../bench/fio
conf=$jobdir/profile-$profile.conf
[ -f "$conf" ] || { echo "pinbench: fio: no profile '$profile' ($conf)" >&2; exit 2; }
for tool in fio perf; do
	command -v $tool > /dev/null ||
		{ echo "pinbench: fio: no $tool here (scripts/guest.sh --tool $tool)" >&2; exit 2; }
done
runtime=${FIO_RUNTIME:-2}
size=64M	# of the device or file a job covers
mkdir -p "$out/fio"
say() { echo "pinbench: fio: $*" >&2; }

# kernel symbols for perf report, and perf for root without limits; both
# put back on the way out (natively these are the host's settings)
kptr_was=$(cat /proc/sys/kernel/kptr_restrict)
paranoid_was=$(cat /proc/sys/kernel/perf_event_paranoid)
ext4_made=
restore() {
	echo "$kptr_was" > /proc/sys/kernel/kptr_restrict
	echo "$paranoid_was" > /proc/sys/kernel/perf_event_paranoid
	# only the file this run made
	[ -z "$ext4_made" ] || rm -f "$ext4_made"
}
trap restore EXIT
trap 'exit 130' INT TERM
echo 0 > /proc/sys/kernel/kptr_restrict
echo -1 > /proc/sys/kernel/perf_event_paranoid
# pins held by others natively (io_uring buffers, vfio): counted out
pins_held() {
	echo 1 > /proc/sys/vm/stat_refresh 2> /dev/null || true
	awk '$1 == "nr_foll_pin_acquired" { a = $2 } $1 == "nr_foll_pin_released" { r = $2 }
		END { print a - r }' /proc/vmstat
}
held_before=$(pins_held)

# cycles where the machine counts them (native, KVM with a PMU); under TCG
# there is no PMU and the cpu-clock timer samples instead
perf_event=cpu-clock
if perf stat -x, -e cycles -o /tmp/fio-cycles.csv -- true > /dev/null 2>&1 &&
	awk -F, '$3 ~ /^cycles/ && $1 ~ /^[0-9]+$/ { ok = 1 } END { exit !ok }' /tmp/fio-cycles.csv; then
	perf_event=cycles
fi
rm -f /tmp/fio-cycles.csv
printf '{"kernel": "%s", "accel": "%s", "perf_event": "%s", "profile": "%s"}\n' \
	"$(uname -r)" "${PINBENCH_ACCEL:-native}" "$perf_event" "$profile" \
	> "$out/fio/meta.json"
say "kernel $(uname -r), accel ${PINBENCH_ACCEL:-native}, profile $profile, perf samples $perf_event, ${runtime}s a job"

# A memory-backed null_blk device through configfs (5.10's module has no
# memory_backed parameter; 6.1 and later have both). The disk is nullbN
# (its index) or, on newer kernels, named as its configfs directory: not
# "pinbench", which is pinbench.ko's /dev/pinbench.
nullb_dev=
nullb_setup() {
	cfg=/sys/kernel/config
	[ -d $cfg/nullb ] || mount -t configfs configfs $cfg 2> /dev/null
	[ -d $cfg/nullb ] || { say "no null_blk configfs (scripts/guest.sh --module null_blk)"; return 1; }
	d=$cfg/nullb/pbfio
	[ -d $d ] || mkdir $d || return 1
	if [ "$(cat $d/power)" != 1 ] && ! {
		echo 128 > $d/size &&		# MiB
		echo 4096 > $d/blocksize &&
		echo 1 > $d/memory_backed &&
		echo 1 > $d/power; }; then
		say "null_blk: configuring $d failed"
		return 1
	fi
	for disk in pbfio nullb"$(cat $d/index)"; do
		[ -e "/sys/block/$disk/dev" ] || continue
		nullb_dev=/dev/$disk
		# devtmpfs makes the node; mknod if it has not (yet)
		[ -b "$nullb_dev" ] ||
			mknod "$nullb_dev" b "$(cut -d: -f1 "/sys/block/$disk/dev")" \
				"$(cut -d: -f2 "/sys/block/$disk/dev")"
		return 0
	done
	say "null_blk: powered on, but no disk pbfio or nullb$(cat $d/index) in /sys/block"
	return 1
}

# The ext4 target: a file laid out before the jobs, so no job times that
ext4_file=
ext4_setup() {
	[ -n "$PINBENCH_EXT4_DIR" ] || { say "no PINBENCH_EXT4_DIR (scripts/guest.sh --ext4)"; return 1; }
	ext4_file=$PINBENCH_EXT4_DIR/fio.dat
	if [ ! -f "$ext4_file" ]; then
		dd if=/dev/zero of="$ext4_file" bs=1M count=64 2> /dev/null && sync
		ext4_made=$ext4_file
	fi
}

# target_file TARGET: its file name in $file, set up on first use (not
# in a subshell: the setup is kept)
target_file() {
	case $1 in
	nullb) [ -n "$nullb_dev" ] || nullb_setup || return 1; file=$nullb_dev ;;
	ext4) [ -n "$ext4_file" ] || ext4_setup || return 1; file=$ext4_file ;;
	*) say "unknown target $1"; return 1 ;;
	esac
}

# perf report's text, every kernel symbol, without the IPC columns (all
# "-" without branch records): the symbol column is padded to the widest
# name (a C++ symbol of fio's libraries: 1 MB a job) and a file comes back
# over a serial line. User-space ([.]) lines go: the shares are of the
# kernel's paths, and fio's library names pass analysis/perf_report.c's
# 127 bytes. Percentages stay of every sample.
perf_report() {
	perf report --stdio --no-children --sort symbol -g none \
		--percent-limit 0 -i "$1" > "$1.txt" &&
		sed -E '/^#/!s/[[:space:]]+-[[:space:]]+-[[:space:]]*$//
			/^ +[0-9.]+%  \[\.\] /d
			s/^(# Overhead +Symbol).*/\1/
			s/^(# \.+ +\.+).*/\1/' "$1.txt" && rm -f "$1.txt"
}

failed=0
# run_job TARGET ENGINE_FILE BUFFER BS RW
run_job() {
	name=$1-$5-$4-$2-$3
	log=$out/fio/$name.log
	data=/tmp/fio-$name.perf.data
	target_file "$1" || { failed=$((failed + 1)); say "$name: no target $1"; return; }
	[ -f "$jobdir/$2.fio" ] || { failed=$((failed + 1)); say "$name: no $jobdir/$2.fio"; return; }
	start=$(date +%s)
	# -a: the completion side runs in interrupts, on any CPU
	if FIO_NAME=$name FIO_TARGET=$1 FIO_FILENAME=$file FIO_SIZE=$size \
		FIO_BS=$4 FIO_RW=$5 FIO_BUFFER=$3 FIO_RUNTIME=$runtime \
		perf record -e "$perf_event" -a -q -o "$data" -- \
		fio --output-format=json+ --output="$out/fio/$name.json" \
		"$jobdir/$2.fio" > "$log" 2>&1 &&
		ran=$(date +%s) &&
		perf_report "$data" > "$out/fio/$name.perf.txt" 2>> "$log"; then
		say "$name: done (fio under perf record $((ran - start)) s, perf report $(($(date +%s) - ran)) s)"
	else
		failed=$((failed + 1))
		say "$name: failed ($(tail -n 2 "$log" | tr '\n' ' '))"
		rm -f "$out/fio/$name.json"	# no half result for fio-summarize
	fi
	if [ "${PINBENCH_FIO_KEEP_PERF_DATA:-0}" = 1 ]; then
		mv "$data" "$out/fio/$name.perf.data"
	else
		rm -f "$data"
	fi
}

# each profile line: comma lists, crossed
while read -r targets engines buffers sizes rws rest; do
	case $targets in '' | '#'*) continue ;; esac
	if [ -z "$rws" ] || [ -n "$rest" ]; then
		say "$conf: want 5 fields: $targets $engines $buffers $sizes $rws $rest"
		exit 2
	fi
	for t in $(echo "$targets" | tr , ' '); do
	for e in $(echo "$engines" | tr , ' '); do
	for b in $(echo "$buffers" | tr , ' '); do
	for s in $(echo "$sizes" | tr , ' '); do
	for r in $(echo "$rws" | tr , ' '); do
		run_job "$t" "$e" "$b" "$s" "$r"
	done; done; done; done; done
done < "$conf"

# nothing the jobs pinned may stay pinned (others' pins counted out)
held_after=$(pins_held)
if [ "$held_after" != "$held_before" ]; then
	say "LEAK: pins held (nr_foll_pin_acquired - released) $held_before before the jobs, $held_after after"
	exit 1
fi
[ "$failed" = 0 ] || { say "$failed jobs failed"; exit 1; }
