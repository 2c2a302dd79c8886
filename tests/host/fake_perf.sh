#!/bin/sh
# A stand-in for perf in host tests of pinbench profile (PINBENCH_PERF=).
#   stat ... -o FILE: cycles "<not supported>" (as under TCG)
#   record ... --control fd:CTL,ACK -o FILE: answers each command on CTL
#     with "ack" on ACK, appending it to $FAKE_PERF_LOG (the fake device's
#     RUN log: the two interleave); "stop" writes FILE and ends. With
#     FAKE_PERF_DIE=CMD it exits 3 on CMD instead of answering.
#   report ...: prints $FAKE_PERF_REPORT
log=${FAKE_PERF_LOG:-/dev/null}
cmd=$1
shift
case $cmd in
stat)
	while [ $# -gt 0 ]; do [ "$1" = -o ] && out=$2; shift; done
	echo '<not supported>,,cycles,0,100.00,,' > "$out"
	;;
record)
	while [ $# -gt 0 ]; do
		case $1 in
		--control) control=$2 ;;
		-o) out=$2 ;;
		esac
		shift
	done
	# what kptr_restrict was while perf ran (pinbench lifts it to 0)
	[ -z "${PINBENCH_KPTR_RESTRICT:-}" ] ||
		echo "perf kptr_restrict $(cat "$PINBENCH_KPTR_RESTRICT")" >> "$log"
	fds=${control#fd:}
	ctl=${fds%,*} ack=${fds#*,}
	while read -r line <&"$ctl"; do
		[ "$line" = "${FAKE_PERF_DIE:-}" ] && exit 3
		echo "perf $line" >> "$log"
		echo ack >&"$ack"
		[ "$line" = stop ] && break
	done
	echo fake-perf-data > "$out"
	;;
report)
	cat "$FAKE_PERF_REPORT"
	;;
*)
	exit 2
	;;
esac
