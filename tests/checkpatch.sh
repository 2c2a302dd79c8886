#!/usr/bin/env bash
# Kernel coding style of the module, with checkpatch.pl from Debian's
# linux-source-6.1 (unpacked once into the cache). Prints the plan, then
# one TAP line per file; checkpatch.pl failing to run (missing, a perl
# error: a non-zero exit with no finding) is a failure of that file.
# PINBENCH_CHECKPATCH: another checkpatch.pl (a test of this script). The compat header reads LINUX_VERSION_CODE on purpose: that is
# what it is for, so only there are those two findings accepted.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=../scripts/lib.sh
. "$top/scripts/lib.sh"

dir=$PINBENCH_CACHE/checkpatch
checkpatch=${PINBENCH_CHECKPATCH:-$dir/linux-source-6.1/scripts/checkpatch.pl}
if [ ! -x "$checkpatch" ] && [ -z "${PINBENCH_CHECKPATCH:-}" ]; then
	tarball=$(ls /usr/src/linux-source-6.1.tar.* 2>/dev/null | head -1)
	if [ -z "$tarball" ]; then
		echo "1..1"
		echo "not ok - checkpatch: linux-source-6.1 is not installed"
		exit 1
	fi
	mkdir -p "$dir"
	tar -xf "$tarball" -C "$dir" linux-source-6.1/scripts/checkpatch.pl \
		linux-source-6.1/scripts/spelling.txt \
		linux-source-6.1/scripts/const_structs.checkpatch
fi

status=0
files=("$top"/kmod/*.c "$top"/kmod/*.h "$top"/include/*.h)
echo "1..${#files[@]}"
for f in "${files[@]}"; do
	name=${f#"$top"/}
	ignore=
	[ "$(basename "$f")" = pinbench_compat.h ] &&
		ignore=--ignore=LINUX_VERSION_CODE,CONSTANT_COMPARISON
	all=$("$checkpatch" --no-tree --terse --show-types $ignore -f "$f" 2>&1)
	rc=$?
	out=$(echo "$all" | grep -E ': (ERROR|WARNING|CHECK):')
	# it exits 1 on findings; non-zero without one: it did not run
	[ "$rc" = 0 ] || [ -n "$out" ] ||
		out="checkpatch.pl exit $rc: $(echo "$all" | head -3)"
	if [ -z "$out" ]; then
		echo "ok - checkpatch: $name"
	else
		echo "not ok - checkpatch: $name"
		echo "$out" | sed 's/^/# /'
		status=1
	fi
done
exit $status
