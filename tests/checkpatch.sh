#!/usr/bin/env bash
# Kernel coding style of the module, with checkpatch.pl from Debian's
# linux-source-6.1 (unpacked once into the cache). Prints one TAP line per
# file. The compat header reads LINUX_VERSION_CODE on purpose: that is
# what it is for, so only there are those two findings accepted.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=../scripts/lib.sh
. "$top/scripts/lib.sh"

dir=$PINBENCH_CACHE/checkpatch
checkpatch=$dir/linux-source-6.1/scripts/checkpatch.pl
if [ ! -x "$checkpatch" ]; then
	tarball=$(ls /usr/src/linux-source-6.1.tar.* 2>/dev/null | head -1)
	if [ -z "$tarball" ]; then
		echo "not ok - checkpatch: linux-source-6.1 is not installed"
		exit 1
	fi
	mkdir -p "$dir"
	tar -xf "$tarball" -C "$dir" linux-source-6.1/scripts/checkpatch.pl \
		linux-source-6.1/scripts/spelling.txt \
		linux-source-6.1/scripts/const_structs.checkpatch
fi

status=0
for f in "$top"/kmod/*.c "$top"/kmod/*.h "$top"/include/*.h; do
	name=${f#"$top"/}
	ignore=
	[ "$(basename "$f")" = pinbench_compat.h ] &&
		ignore=--ignore=LINUX_VERSION_CODE,CONSTANT_COMPARISON
	out=$("$checkpatch" --no-tree --terse --show-types $ignore -f "$f" 2>&1 |
		grep -E ': (ERROR|WARNING|CHECK):')
	if [ -z "$out" ]; then
		echo "ok - checkpatch: $name"
	else
		echo "not ok - checkpatch: $name"
		echo "$out" | sed 's/^/# /'
		status=1
	fi
done
exit $status
