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

read -r cmdline </proc/cmdline
for arg in $cmdline; do
	case $arg in
	pinbench.accel=*) export PINBENCH_ACCEL="${arg#*=}" ;;
	pinbench.kname=*) export PINBENCH_KERNEL_NAME="${arg#*=}" ;;
	esac
done

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

# The command's output goes to the console and, via ttyS2, to the host's
# stdout. Its status travels through a file because of the pipe.
if [ $status -ne 0 ]; then
	echo "pinbench-guest: a module did not load; command not run"
elif [ -f /pinbench/cmd ]; then
	echo "pinbench-guest: running /pinbench/cmd"
	cd /pinbench || exit 1
	{
		sh /pinbench/cmd </dev/null
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
