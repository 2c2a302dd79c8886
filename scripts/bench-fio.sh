#!/usr/bin/env bash
# make bench-fio: the fio end-to-end jobs (bench/fio/profile-full.conf) in
# a QEMU guest on each kernel of `make bench` (BENCH_KERNELS overrides),
# each job under perf record (scripts/guest/fio.sh), then on the host:
# pinbench fio-summarize (fio.csv, fio-iops.dat, fio-report.txt) and the
# figure (scripts/plots-fio.sh). Every kernel gets results/<stamp>-fio-<k>/.
# env: BENCH_KERNELS, FIO_PROFILE (full; quick: 12 jobs, 4K reads on
#   null_blk; check: the 4 jobs of make check),
#   FIO_RUNTIME (seconds a job, default 2), BENCH_TIMEOUT (seconds a guest)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib.sh
. "$top/scripts/lib.sh"

kernels=${BENCH_KERNELS:-$(pb_kernels bench)}
profile=${FIO_PROFILE:-full}
runtime=${FIO_RUNTIME:-2}
[[ -f $top/bench/fio/profile-$profile.conf ]] ||
	pb_die "FIO_PROFILE=$profile: no bench/fio/profile-$profile.conf"
[[ $runtime =~ ^[1-9][0-9]*$ ]] || pb_die "FIO_RUNTIME=$runtime: want whole seconds"
timeout=${BENCH_TIMEOUT:-5400}
[[ $timeout =~ ^[1-9][0-9]*$ ]] || pb_die "BENCH_TIMEOUT=$timeout: want seconds"
stamp=$(date -u +%Y%m%d-%H%M%S)

"$top/scripts/deps.sh" build kmod vm tools plot
make -s -C "$top" userspace
mkdir -p "$top/results"
status=0
for k in $kernels; do
	out=$top/results/$stamp-fio-$k
	pb_log "kernel $k in the VM: fio profile $profile -> results/${out##*/}"
	# null_blk (configfs) for the nullb target, an ext4 disk for the file
	# target, 2M hugetlb pages for the shmhuge and mmaphuge buffers
	rc=0
	"$top/scripts/guest.sh" --kernel "$k" --mem 2G --cpus 2 \
		--hugepages 2M:16 --ext4 512M --module null_blk \
		--tool perf --tool fio --timeout "$timeout" --out "$out" -- \
		"FIO_RUNTIME=$runtime sh scripts/guest/fio.sh /results $profile" || rc=$?
	if [[ $rc != 0 ]]; then
		pb_warn "kernel $k: the fio jobs ended with exit $rc; see ${out#"$top"/}/output.log and fio/*.log"
		status=1
	fi
	# what the jobs that ran measured, even when some failed
	"$top/bench/pinbench" fio-summarize "$out" || { status=1; continue; }
	"$top/scripts/plots-fio.sh" "$out" > /dev/null || status=1
	pb_log "done: ${out#"$top"/}/{fio.csv,fio-report.txt,plots/fio-iops.png,fio/<job>.{json,perf.txt}}"
done
exit "$status"
