#!/usr/bin/env bash
# scripts/plots.sh DIR [--strategy NAME] [--exclude-disturbed]: the figures
# of a run directory. pinbench figures DIR reads DIR/samples.csv and
# DIR/meta.json and writes each figure's data and gnuplot variables into
# DIR/plots/data/ (a manifest lists them); this draws them, PNG and SVG
# into DIR/plots/. The figure kinds are plots/*.gp:
#   release_vs_size-<composition>  (a) release ns/page vs range size, a
#                                  line per strategy, median and its 95% CI
#   speedup-<composition>          (b) baseline median / strategy median
#                                  at each size
#   pin_vs_release-<composition>   (c) pin and release ns/page stacked, at
#                                  the composition's largest size
#   compositions-<strategy>        (d) one strategy (--strategy, default
#                                  unpin_pages) on every composition
#   counters-<composition>         (e) run --events' counts per page
#   insns-<composition>            (f) release instructions per page vs
#                                  size, emulator-counted (insns-join)
# A kind is drawn only when pinbench figures wrote its data (the manifest):
# no counts, no counters or insns figure.
# A run of several pin modes (sweep --pin-method fast,locked,longterm)
# gets each figure per mode, "-<mode>" appended to its name.
# A directory of pinbench scale (scale-summary.csv) adds, and alone has:
#   scale_throughput-<mode>  pages/s of all threads vs threads
#   scale_efficiency-<mode>  speedup over 1 thread / threads
#   scale_local_remote       1 thread: local, remote memory, remote release
# PINBENCH (default bench/pinbench) is the CLI that writes the data.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
plotdir=$top/plots
pinbench=${PINBENCH:-$top/bench/pinbench}

usage() {
	sed -n '2,26s/^# \{0,1\}//p' "$0"
}

die() {
	echo "pinbench: plots: $*" >&2
	exit 1
}

figures_args=()
dir=
while [ $# -gt 0 ]; do
	case $1 in
	--strategy) [ $# -ge 2 ] || { usage >&2; exit 2; }
	            figures_args+=(--strategy "$2"); shift 2 ;;
	--strategy=*) figures_args+=(--strategy "${1#*=}"); shift ;;
	--exclude-disturbed) figures_args+=("$1"); shift ;;
	-h|--help) usage; exit 0 ;;
	-*) echo "pinbench: plots: unknown option '$1'" >&2; usage >&2; exit 2 ;;
	*) [ -z "$dir" ] || { usage >&2; exit 2; }; dir=$1; shift
	   # "" would be the current directory's files in / (plots/ at the top)
	   [ -n "$dir" ] || { echo "pinbench: plots: DIR is empty" >&2; exit 2; } ;;
	esac
done
[ -n "$dir" ] || { usage >&2; exit 2; }

[ -x "$pinbench" ] || die "no $pinbench (make -C bench builds it)"
command -v gnuplot > /dev/null ||
	die "gnuplot not found (apt-get install gnuplot-nox)"
# the paths go into gnuplot strings: no quote or line break may end one
nl='
'
case $dir$plotdir in
*"'"* | *'"'* | *"$nl"*) die "quotes or a line break in a path: $dir" ;;
esac
out=$dir/plots
data=$out/data

# the names, the statistics and the text of every figure: all of it C's
"$pinbench" figures "${figures_args[@]}" "$dir" ||
	die "pinbench figures $dir failed (said above)"

figures=0
while read -r kind name; do
	# the manifest's words are pinbench's, checked again before use
	case $kind$name in
	*[!A-Za-z0-9._+-]*) die "$data/manifest: '$kind $name' is not a figure" ;;
	esac
	[ -f "$plotdir/$kind.gp" ] || die "$data/manifest: no figure kind $kind"
	gnuplot -e "plotdir = '$plotdir'; datafile = '$data/$name.dat'; outbase = '$out/$name'" \
		"$data/$name.vars.gp" "$plotdir/$kind.gp" ||
		die "gnuplot failed on $plotdir/$kind.gp ($data/$name.vars.gp)"
	echo "$out/$name.png"
	figures=$((figures + 1))
done < "$data/manifest"

echo "pinbench: plots: $figures figures (PNG and SVG) in $out" >&2
