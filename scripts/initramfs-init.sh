#!/bin/sh
# /init of pinbench's guest initramfs (busybox sh, installed by
# scripts/initramfs.sh): set the guest up, run /pinbench/cmd, send /results
# to the host over /dev/ttyS1, power off. The host side is scripts/vm-run.sh;
# the markers below are its protocol.
/bin/busybox --install -s
export PATH=/pinbench/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
# The kernel may have started us before /dev/console existed.
exec </dev/console >/dev/console 2>&1
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /dev/shm
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /results
hostname pinbench-guest

# vm-run.sh looks for this line to tell "no boot" from "command failed".
echo "pinbench-guest: init started at $(cut -d' ' -f1 /proc/uptime)s uptime, kernel $(uname -r)"

# warn MESSAGE: to the console, where vm-run.sh picks it up for the host.
warn() { echo "pinbench-guest: warning: $*"; }

# hp_kb SIZE: a hugepagesz= value (2M, 1G, 2048K) in kB.
hp_kb() {
	case $1 in
	*[kK]) echo "${1%?}" ;;
	*[mM]) echo $((${1%?} * 1024)) ;;
	*[gG]) echo $((${1%?} * 1024 * 1024)) ;;
	*) echo $(($1 / 1024)) ;;
	esac
}

# Hugetlb requests as the kernel reads them: hugepages=N counts pages of the
# hugepagesz= before it, else of default_hugepagesz= (else 2M).
hp_req='' hp_size='' hp_default=2048 ext4_dev='' thp='' deadline='' grace=30
read -r cmdline </proc/cmdline
for arg in $cmdline; do
	case $arg in
	pinbench.accel=*) export PINBENCH_ACCEL="${arg#*=}" ;;
	pinbench.kname=*) export PINBENCH_KERNEL_NAME="${arg#*=}" ;;
	pinbench.ext4=*) ext4_dev=${arg#*=} ;;
	pinbench.deadline=*) deadline=${arg#*=} ;;
	pinbench.grace=*) grace=${arg#*=} ;;
	transparent_hugepage=*) thp=${arg#*=} ;;
	default_hugepagesz=*) hp_default=$(hp_kb "${arg#*=}") ;;
	hugepagesz=*) hp_size=$(hp_kb "${arg#*=}") ;;
	hugepages=*)
		hp_req="$hp_req ${hp_size:-D}:${arg#*=}"
		hp_size=''
		;;
	esac
done

# Did the kernel reserve the hugetlb pages asked for? (1G pages need whole
# free aligned GiBs; QEMU's memory layout and KASLR decide how many exist.)
if [ -n "$hp_req" ]; then
	for req in $hp_req; do
		kb=${req%%:*} want=${req#*:}
		[ "$kb" != D ] || kb=$hp_default
		got=$(cat "/sys/kernel/mm/hugepages/hugepages-${kb}kB/nr_hugepages" 2>/dev/null || echo 0)
		echo "hugepages-${kb}kB requested $want reserved $got" >>/results/hugepages.txt
		case $want in *[!0-9]*) continue ;; esac # per-node form N:COUNT,...
		if [ "$got" -lt "$want" ]; then
			msg="hugepages-${kb}kB: only $got of the $want requested pages reserved (more --mem? see HugeTLB in console.log)"
			warn "$msg"
			echo "WARNING: $msg" >>/results/hugepages.txt
		fi
	done
fi
if [ -n "$thp" ] && ! grep -q "\[$thp\]" /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null; then
	warn "transparent_hugepage=$thp requested, enabled is: $(cat /sys/kernel/mm/transparent_hugepage/enabled 2>&1)"
fi

# Raw ttys: no \n -> \r\n translation of the output and transfer streams.
stty -F /dev/ttyS1 raw -echo 2>/dev/null
stty -F /dev/ttyS2 raw -echo 2>/dev/null

# Modules in dependency order (initramfs.sh wrote the order), then ours.
status=0
if [ -f /lib/modules/carried/order ]; then
	while read -r mod; do
		insmod "/lib/modules/carried/$mod.ko" ||
			{ echo "pinbench-guest: error: insmod $mod failed"; status=126; }
	done </lib/modules/carried/order
fi
for ko in /pinbench/*.ko; do
	[ -e "$ko" ] || continue
	insmod "$ko" || { echo "pinbench-guest: error: insmod $ko failed"; status=126; }
done

# A scratch ext4 (guest.sh --ext4) for page-cache runs. A failure does not
# stop the command: whatever needs PINBENCH_EXT4_DIR then fails on its own.
if [ -n "$ext4_dev" ] && [ $status -eq 0 ]; then
	mkdir -p /mnt/ext4
	i=0 # virtio_blk probes the disk asynchronously
	while [ ! -b "$ext4_dev" ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if [ ! -b "$ext4_dev" ]; then
		warn "ext4: no block device $ext4_dev; PINBENCH_EXT4_DIR not set"
	else
		# no_prefetch_block_bitmaps (5.9+): else an ext4lazyinit thread reads
		# the block bitmaps 0-5 s after the mount, i.e. during the run.
		opts=no_prefetch_block_bitmaps
		if ! mount -t ext4 -o $opts "$ext4_dev" /mnt/ext4 2>/dev/null; then
			opts=defaults
			err=$(mount -t ext4 "$ext4_dev" /mnt/ext4 2>&1) || opts=''
		fi
		if [ -z "$opts" ]; then
			warn "ext4: mount $ext4_dev /mnt/ext4 failed: $err; PINBENCH_EXT4_DIR not set"
		else
			export PINBENCH_EXT4_DIR=/mnt/ext4
			echo "pinbench-guest: ext4 on $ext4_dev mounted at $PINBENCH_EXT4_DIR ($opts)"
		fi
	fi
fi

# The command's output goes to the console and, via ttyS2, to the host's
# stdout. Its status travels through a file because of the pipe.
# pinbench.deadline (vm-run.sh, before its hard timeout): SIGINT to the
# command at that uptime, SIGKILL pinbench.grace s later, so what it wrote
# is still sent; exit status 124 then.
run=''
[ -z "$deadline" ] || run="pinbench-deadline --grace $grace $deadline --"
if [ $status -ne 0 ]; then
	echo "pinbench-guest: a module did not load; command not run"
elif [ -f /pinbench/cmd ]; then
	echo "pinbench-guest: running /pinbench/cmd${deadline:+ (soft deadline at ${deadline}s uptime)}"
	cd /pinbench || exit 1
	{
		$run sh /pinbench/cmd </dev/null
		echo $? >/tmp/.pinbench-status
	} 2>&1 | tee /dev/ttyS2
	status=$(cat /tmp/.pinbench-status 2>/dev/null || echo 125)
	cd /
fi
echo "pinbench-guest: command exit status $status, sending /results"

# Closing the tty waits until the UART drained, so nothing is cut by poweroff.
{
	echo # the markers must start a line whatever the command left on ttyS1
	echo PINBENCH-XFER-BEGIN
	tar -C /results -cf - . | gzip | base64
	echo PINBENCH-XFER-END
	echo "PINBENCH-EXIT $status"
} >/dev/ttyS1
sync
poweroff -f
# Not reached unless poweroff failed; a dying init panics, and panic=-1 ends the VM.
sleep 5
exit 1
