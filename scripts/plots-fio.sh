#!/usr/bin/env bash
# scripts/plots-fio.sh DIR: the fio end-to-end figure of a run directory
# of make bench-fio. Reads DIR/fio-iops.dat and DIR/fio.csv (pinbench
# fio-summarize DIR writes both); writes DIR/plots/fio-iops.png and .svg.
# Names the kernel; under TCG it carries "EMULATED (TCG)".
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
plotdir=$top/plots
die() {
	echo "pinbench: plots-fio: $*" >&2
	exit 1
}
if [ $# != 1 ] || [ -z "$1" ]; then
	echo "usage: scripts/plots-fio.sh DIR" >&2
	exit 2
fi
dir=$1
dat=$dir/fio-iops.dat
shares=$dir/fio-shares.dat
csv=$dir/fio.csv
[ -r "$dat" ] || die "no $dat (pinbench fio-summarize $dir writes it)"
[ -r "$csv" ] || die "no $csv (pinbench fio-summarize $dir writes it)"
command -v gnuplot > /dev/null || die "gnuplot not found (apt-get install gnuplot-nox)"
# the paths go into gnuplot strings
[[ ! $dir$plotdir =~ [\'\"\`\$\\] ]] || die "quotes, \$, \` or a backslash in a path: $dir"

# kernel, accel, emulated of the first row: fio-summarize wrote them from
# names it checked; checked again here, for they go into a gnuplot string
IFS=, read -r kernel accel emulated _ < <(sed -n 2p "$csv") || true
[[ ${kernel:-} =~ ^[A-Za-z0-9._+~-]+$ && ${accel:-} =~ ^[A-Za-z0-9._+~-]+$ &&
	${emulated:-} =~ ^[01]$ ]] || die "$csv: no kernel, accel, emulated in its first row"
nvariants=$(awk '!/^#/ { print NF - 1; exit }' "$dat")
[[ $nvariants =~ ^[1-9][0-9]*$ ]] || die "$dat: no header row"

out=$dir/plots
mkdir -p "$out"
vars=$out/fio-iops.vars.gp
{
	echo "plotdir = '$plotdir'"
	echo "datafile = '$dat'"
	# the shares panel when fio-summarize had profiles to read
	if [ -r "$shares" ] && grep -qv '^#' "$shares"; then
		echo "sharesfile = '$shares'"
	else
		echo "sharesfile = ''"
	fi
	echo "outbase = '$out/fio-iops'"
	printf 'title_text = "%s\\n%s"\n' "fio O_DIRECT per job: IOPS and the pin/unpin share, fixedbufs 0 vs 1, 4K vs huge buffers" \
		"kernel $kernel, accel $accel"
	echo "emulated = $emulated"
	echo "nvariants = $nvariants"
} > "$vars"
gnuplot "$vars" "$plotdir/fio.gp" || die "gnuplot failed on $plotdir/fio.gp ($vars)"
echo "$out/fio-iops.png"
