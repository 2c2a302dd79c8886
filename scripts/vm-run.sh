#!/bin/bash
# Boot a cached kernel with an initramfs under QEMU, stream the guest
# command's output, collect /results, exit with the command's status.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

usage() {
	cat >&2 <<-'USAGE'
		usage: scripts/vm-run.sh (--kernel-entry DIR | --kernel NAME) --initrd FILE --out DIR
		           [--mem 2G] [--cpus 2] [--numa N] [--append "ARGS"]...
		           [--hugepages SIZE:COUNT[,...]] [--thp always|madvise|never]
		           [--disk IMAGE]... [--timeout 600] [--accel kvm|tcg]
		           [--tcg-threads single|multi] [--count-insns]
		  --out DIR    the guest's /results land here, with console.log (kernel
		               console) and output.log (the command's output, also
		               streamed to stdout)
		  --numa N     split memory and CPUs into N emulated NUMA nodes
		  --append     extra kernel command line; repeatable, joined with spaces
		  --hugepages  boot-time hugetlb reservation, SIZE 2M or 1G, e.g.
		               2M:64,1G:2 -> "hugepagesz=2M hugepages=64 hugepagesz=1G
		               hugepages=2". Must leave 1 GiB of --mem; 1G pages need
		               whole free aligned GiBs (see below). The guest's /init
		               compares what the kernel reserved with the request and
		               warns (console, /results/hugepages.txt, here) on a shortfall.
		  --thp MODE   transparent_hugepage=MODE (default: the kernel's, always
		               on Debian's kernels)
		  --disk IMAGE a raw image attached as the next virtio disk (vda, vdb,
		               ...), cache=unsafe: for scratch filesystems only
		  --accel      default: scripts/kvm-probe.sh (PINBENCH_ACCEL overrides)
		  --tcg-threads  under TCG, all vCPUs on one host thread (single, the
		               default; PINBENCH_TCG_THREADS overrides) or one each
		               (multi: parallel, but QEMU 7.2 then now and then runs
		               stale code after the kernel patches its text, e.g. a
		               static key flipped by ftrace or perf: "Oops: int3")
		  --count-insns  (TCG only) load the QEMU plugin vm/pinbench-insns.so
		               (built here if missing or stale): the guest instructions
		               each vCPU ran between the window markers of
		               include/pinbench_markers.h, a line per tagged window, in
		               DIR/insns-windows.txt
		1G pages need whole free 1 GiB-aligned GiBs of guest RAM. QEMU's pc
		machine puts 3 GiB below 4 GiB (the PCI hole above) once --mem is 3.5G
		or more, the rest from 4 GiB up; firmware, ACPI tables and the initrd
		take GiBs 0 and 2, boot-time data (memmap) the top one. So at most
		(--mem - 3G)/1G pages fit from 4G up (4G: 1, 6G: 3, 8G: 5; 1 below);
		more fails before booting. KASLR may put the kernel into GiB 1 and
		cost one more: the guest check reports that.
		--timeout    the hard limit: QEMU is killed, the guest's /results lost.
		             Before it, at a soft deadline of guest uptime (timeout
		             minus max(30, timeout/10) s), the command gets SIGINT
		             (pinbench keeps the rows it wrote and says it was cut
		             short), SIGKILL half that reserve later; /results is
		             then sent as usual and the exit status is 124
		exit status: the guest command's; 124 timeout (soft: results kept;
		hard: lost); 125 the guest reported no status (kernel did not boot,
		panicked, transfer broken); 126 a module did not load in the guest
		(command not run)
	USAGE
	exit 1
}

entry='' kernel_name='' initrd='' out='' mem=$PB_DEFAULT_MEM cpus=2 numa=0 append='' timeout=600 accel=''
tcg_threads=${PINBENCH_TCG_THREADS:-single}
hugepages='' thp='' count_insns=''
disks=()
while [[ $# -gt 0 ]]; do
	# the one flag without a value
	if [[ $1 == --count-insns ]]; then
		count_insns=1
		shift
		continue
	fi
	[[ $1 == --* && $# -ge 2 ]] || usage
	case $1 in
	--kernel-entry) entry=$2 ;;
	--kernel) kernel_name=$2 ;;
	--initrd) initrd=$2 ;;
	--out) out=$2 ;;
	--mem) mem=$2 ;;
	--cpus) cpus=$2 ;;
	--numa) numa=$2 ;;
	--append) append+="${append:+ }$2" ;;
	--hugepages) hugepages=$2 ;;
	--thp) thp=$2 ;;
	--disk) disks+=("$2") ;;
	--timeout) timeout=$2 ;;
	--accel) accel=$2 ;;
	--tcg-threads) tcg_threads=$2 ;;
	*) usage ;;
	esac
	shift 2
done
[[ -n $initrd && -n $out && (-n $entry || -n $kernel_name) ]] || usage
[[ -f $initrd ]] || pb_die "--initrd $initrd: no such file"
[[ $cpus =~ ^[1-9][0-9]*$ ]] || pb_die "--cpus $cpus: want a positive number"
[[ $numa =~ ^[0-9]+$ ]] || pb_die "--numa $numa: want a number of nodes"
[[ $timeout =~ ^[1-9][0-9]*$ ]] || pb_die "--timeout $timeout: want seconds"
[[ $tcg_threads == single || $tcg_threads == multi ]] ||
	pb_die "--tcg-threads $tcg_threads: want single or multi"
mem_mb=$(pb_mem_mb "$mem")
hugetlb=$(pb_hugepages "$hugepages" "$mem_mb")
pb_thp_mode "$thp"

qemu=${PINBENCH_QEMU:-qemu-system-x86_64}
pb_need "$qemu" vm

[[ -n $entry ]] || entry=$(pb_kernel_entry "$kernel_name")
pb_load_entry "$entry"
[[ -f $KERNEL_IMAGE ]] || pb_die "kernel image $KERNEL_IMAGE is gone; re-run scripts/kernel-fetch.sh"
[[ -n $accel ]] || accel=$("$PINBENCH_SCRIPTS/kvm-probe.sh" "$entry")
case $accel in
kvm) accel_args=(-accel kvm -cpu host) ;;
# -cpu max: 1G pages (pdpe1gb) and the newest instructions TCG emulates.
# tsc=reliable: 6.1 otherwise finds the emulated TSCs unsynchronized and
# times everything with the (emulated, slow) HPET while 6.12 keeps the TSC.
tcg)
	accel_args=(-accel "tcg,thread=$tcg_threads" -cpu max)
	append="tsc=reliable${append:+ $append}"
	;;
*) pb_die "--accel $accel: want kvm or tcg" ;;
esac
[[ -z $count_insns || $accel == tcg ]] ||
	pb_die "--count-insns: QEMU plugins need TCG, not --accel $accel (use --accel tcg)"
if [[ ${hugepages^^} == *1G:* && $accel == kvm ]] && ! grep -qw pdpe1gb /proc/cpuinfo; then
	pb_die "--hugepages $hugepages: this CPU has no 1G pages (pdpe1gb) to give a KVM guest; use --accel tcg"
fi
append+="${hugetlb:+ $hugetlb}${thp:+ transparent_hugepage=$thp}"
disk_args=()
for img in "${disks[@]}"; do
	[[ -f $img && -r $img && -w $img ]] || pb_die "--disk $img: no such writable file"
	disk_args+=(-drive "file=${img//,/,,},if=virtio,format=raw,cache=unsafe")
done

# NUMA: one socket per node, so no cache (LLC) is shared across nodes
# (6.12 WARNs in topology_sane() otherwise); nodes past --cpus are
# memory-only.
smp=$cpus
numa_args=()
if [[ $numa -gt 1 ]]; then
	((mem_mb >= numa * 64)) || pb_die "--numa $numa: $mem_mb MiB is too little to split"
	sockets=$((cpus < numa ? cpus : numa))
	((cpus % sockets == 0)) || pb_die "--cpus $cpus: want a multiple of --numa $numa"
	smp=$cpus,sockets=$sockets,cores=$((cpus / sockets)),threads=1
	for ((i = 0; i < numa; i++)); do
		size=$((mem_mb / numa))
		[[ $i -lt $((numa - 1)) ]] || size=$((mem_mb - size * (numa - 1)))
		numa_args+=(-object "memory-backend-ram,id=mem$i,size=${size}M"
			-numa "node,nodeid=$i,memdev=mem$i")
		[[ $i -ge $sockets ]] || numa_args+=(-numa "cpu,node-id=$i,socket-id=$i")
	done
fi

# The soft deadline: time left after it for the grace, the transfer and the
# boot (guest uptime starts after QEMU's firmware).
reserve=$((timeout / 10 > 30 ? timeout / 10 : 30))
soft_deadline=$((timeout - reserve))
if ((soft_deadline >= 5)); then
	append+=" pinbench.deadline=$soft_deadline pinbench.grace=$((reserve / 2))"
else
	soft_deadline=''
fi
append=${append# }

mkdir -p "$out"
out=$(cd "$out" && pwd)
xfer=$out/.xfer
rm -f "$out"/console-noboot*.log
cmdline="console=ttyS0 panic=-1 pinbench.accel=$accel pinbench.kname=$KNAME${append:+ $append}"

# ttyS0: kernel console, ttyS1: results transfer, ttyS2: command output.
# (qemu option values escape a comma by doubling it.)
qout=${out//,/,,}
qemu_args=(
	-nodefaults -no-user-config -display none -monitor none -no-reboot
	"${accel_args[@]}" -smp "$smp" -m "${mem_mb}M" "${numa_args[@]}" "${disk_args[@]}"
	-kernel "$KERNEL_IMAGE" -initrd "$initrd" -append "$cmdline"
	-chardev "file,id=console,path=$qout/console.log" -serial chardev:console
	-chardev "file,id=xfer,path=$qout/.xfer" -serial chardev:xfer
	-chardev "file,id=output,path=$qout/output.log" -serial chardev:output
)
insns_log=$out/insns-windows.txt
if [[ -n $count_insns ]]; then
	# make decides whether it is stale (its sources, the markers header)
	plugin=$PINBENCH_TOP/vm/pinbench-insns.so
	if ! make -s -C "$PINBENCH_TOP/vm" pinbench-insns.so >&2 || [[ ! -f $plugin ]]; then
		pb_die "--count-insns: cannot build $plugin (make -C vm pinbench-insns.so)"
	fi
	qemu_args+=(-plugin "${plugin//,/,,},out=${insns_log//,/,,}")
fi

console_tail() {
	pb_log "last console lines ($out/console.log):"
	tail -n "${1:-25}" "$out/console.log" >&2 2>/dev/null || true
	# The reason of a panic is often further up than the tail.
	grep -m3 -E 'Kernel panic|BUG:|Oops:' "$out/console.log" 2>/dev/null |
		sed 's/^/pinbench: console: /' >&2 || true
}

reached_init() { grep -q '^pinbench-guest: init started' "$out/console.log" 2>/dev/null; }
reported() { grep -q '^PINBENCH-EXIT [0-9]*$' "$xfer" 2>/dev/null; }

emulated=''
[[ $accel != tcg ]] || emulated=" (emulated: slow, vCPU threads: $tcg_threads${count_insns:+, counting instructions between window markers into $insns_log})"
# A stock kernel under TCG now and then died before /init (an "int3" oops
# in sched_clock was seen on 6.12 under multi-threaded TCG; see
# --tcg-threads): nothing has run yet, so boot again,
# PINBENCH_BOOT_RETRIES times (default 1). A guest that reached /init is
# never booted again: its command may have run.
retries=${PINBENCH_BOOT_RETRIES:-1}
[[ $retries =~ ^[0-9]+$ ]] || pb_die "PINBENCH_BOOT_RETRIES=$retries: want a number"
for ((attempt = 0; ; attempt++)); do
	rm -f "$out/console.log" "$out/output.log" "$xfer" "$out/qemu.log" "$insns_log"
	: >"$out/output.log"
	pb_log "booting $KNAME ($KRELEASE) under $accel$emulated, $cpus CPUs, ${mem_mb} MiB${numa_args[*]:+, $numa NUMA nodes}, timeout ${timeout}s"
	start=$SECONDS
	timeout -k 10 "$timeout" "$qemu" "${qemu_args[@]}" 2>"$out/qemu.log" &
	qpid=$!
	# Ctrl-C must not leave a guest running until its timeout.
	trap 'kill "$qpid" 2>/dev/null || true' EXIT
	tail -n +1 -s 0.2 -F --pid="$qpid" "$out/output.log" 2>/dev/null &
	tpid=$!
	qrc=0
	wait "$qpid" || qrc=$?
	wait "$tpid" || true
	trap - EXIT
	elapsed=$((SECONDS - start))
	((qrc == 0 && attempt < retries)) && ! reached_init && ! reported || break
	mv "$out/console.log" "$out/console-noboot$((attempt + 1)).log"
	pb_warn "the kernel died before /init (console: $out/console-noboot$((attempt + 1)).log: $(grep -m1 -E 'Kernel panic|BUG:|Oops:' "$out/console-noboot$((attempt + 1)).log" 2>/dev/null)); nothing ran, booting again"
done
# Setup problems /init found (hugepages short, scratch disk not mounted).
sed -n 's/^pinbench-guest: warning: /guest: /p' "$out/console.log" 2>/dev/null |
	while IFS= read -r line; do pb_warn "$line"; done

if [[ $qrc -eq 124 || $qrc -eq 137 ]]; then
	console_tail
	pb_fail "$PB_EXIT_TIMEOUT" "timeout: the guest ran longer than ${timeout}s and was killed (--timeout); its results are lost${soft_deadline:+ (the soft deadline at ${soft_deadline}s did not end it in time)}"
fi
if [[ $qrc -ne 0 ]]; then
	cat "$out/qemu.log" >&2
	console_tail 10
	pb_fail "$PB_EXIT_NOGUEST" "qemu failed (exit $qrc)"
fi

status=$(sed -n 's/^PINBENCH-EXIT \([0-9]*\)$/\1/p' "$xfer" 2>/dev/null | tail -n1)
if [[ -z $status ]]; then
	console_tail
	reached_init ||
		pb_fail "$PB_EXIT_NOGUEST" "the kernel did not boot to /init (see the console above)"
	pb_fail "$PB_EXIT_NOGUEST" "the guest booted but never reported an exit status (panic? see above)"
fi
if ! sed -n '/^PINBENCH-XFER-BEGIN$/,/^PINBENCH-XFER-END$/{//!p}' "$xfer" |
	base64 -d | tar -xzf - -C "$out" --no-overwrite-dir; then
	pb_fail "$PB_EXIT_NOGUEST" "the results transfer from the guest is corrupt ($xfer kept)"
fi
rm -f "$xfer"

boot=$(sed -n 's/^pinbench-guest: init started at \([0-9.]*\)s.*/\1/p' "$out/console.log" | head -n1)
if [[ $status -eq $PB_EXIT_TIMEOUT ]] && grep -q '^pinbench-deadline: soft deadline reached' "$out/output.log"; then
	pb_warn "timeout: the command ran into the soft deadline (${soft_deadline}s of guest uptime, --timeout ${timeout}) and was stopped with SIGINT; what it wrote came back: $out"
fi
pb_log "$KNAME finished in ${elapsed}s (reached /init at ${boot:-?}s guest uptime), command exit status $status, results in $out"
exit "$status"
