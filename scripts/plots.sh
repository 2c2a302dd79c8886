#!/usr/bin/env bash
# scripts/plots.sh DIR [--strategy NAME]: the figures of a run directory.
# Reads DIR/summary.csv (pinbench summarize DIR) and DIR/meta.json; writes
# PNG and SVG into DIR/plots/, the data each figure was drawn from into
# DIR/plots/data/. The figure kinds are plots/*.gp:
#   release_vs_size-<composition>  (a) release ns/page vs range size, a
#                                  line per strategy, median and its 95% CI
#   speedup-<composition>          (b) put_page median / strategy median
#                                  at each size
#   pin_vs_release-<composition>   (c) pin and release ns/page stacked, at
#                                  the composition's largest size
#   compositions-<strategy>        (d) one strategy (--strategy, default
#                                  unpin_pages) on every composition
# A run of several pin modes (sweep --pin-method fast,locked,longterm)
# gets each figure per mode, "-<mode>" appended to its name.
# Every figure names the kernel; under TCG it carries "EMULATED (TCG)".
# The awk programs are single-quoted on purpose: their $ are awk's.
# shellcheck disable=SC2016
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
plotdir=$top/plots

usage() {
	sed -n '2,16s/^# \{0,1\}//p' "$0"
}

die() {
	echo "pinbench: plots: $*" >&2
	exit 1
}

strategy=unpin_pages
dir=
while [ $# -gt 0 ]; do
	case $1 in
	--strategy) [ $# -ge 2 ] || { usage >&2; exit 2; }; strategy=$2; shift 2 ;;
	--strategy=*) strategy=${1#*=}; shift ;;
	-h|--help) usage; exit 0 ;;
	-*) echo "pinbench: plots: unknown option '$1'" >&2; usage >&2; exit 2 ;;
	*) [ -z "$dir" ] || { usage >&2; exit 2; }; dir=$1; shift
	   # "" would be the current directory's files in / (plots/ at the top)
	   [ -n "$dir" ] || { echo "pinbench: plots: DIR is empty" >&2; exit 2; } ;;
	esac
done
[ -n "$dir" ] || { usage >&2; exit 2; }

summary=$dir/summary.csv
[ -r "$summary" ] || die "no $summary (pinbench summarize $dir writes it)"
command -v gnuplot > /dev/null ||
	die "gnuplot not found (apt-get install gnuplot-nox)"
case $dir$plotdir in
*"'"* | *'"'*) die "quotes in a path: $dir" ;;
esac
out=$dir/plots
data=$out/data
mkdir -p "$data"

# A "key": "value" of meta.json (pinbench writes one key a line).
meta_string() {
	[ -r "$dir/meta.json" ] || return 0
	sed -n "s/^ *\"$1\": \"\(.*\)\",\{0,1\}\$/\1/p" "$dir/meta.json" | head -n 1
}

# Text that goes into a gnuplot string: a strict whitelist. gnuplot runs
# `commands` inside double-quoted strings, so quotes, backquotes,
# backslashes and $ never get through.
gp_text() {
	printf '%s' "$1" | tr -cd 'A-Za-z0-9 ._,:;=+()%/<>*!#-'
}

# The names pinbench writes; anything else in a results file (shared
# between people and machines) is refused before any of it is used.
name_re_composition='^[A-Za-z0-9][A-Za-z0-9._:+-]*$'
name_re_plain='^[A-Za-z0-9][A-Za-z0-9._+~-]*$'	# kernel, run_id, accel
name_re_method='^[a-z0-9_]+$'			# pin_method
name_re_strategy='^[a-z0-9_]+([+]prepare)?$'	# summary's <strategy>+prepare
awk_validate='
BEGIN { FS = "," }
function bad(what, v) {
	printf "pinbench: plots: %s:%d: %s \"%s\" is not a name pinbench writes; refusing the file\n", \
		FILENAME, FNR, what, v > "/dev/stderr"
	exit 1
}
FNR == 1 {
	for (i = 1; i <= NF; i++) {
		if ($i !~ /^[a-z0-9_]+$/) bad("column name", $i)
		col[i] = $i
	}
	ncol = NF
	next
}
{
	if (NF != ncol) bad(NF " fields (header has " ncol "), line", $0)
	for (i = 1; i <= NF; i++) {
		f = col[i]; v = $i
		if (f == "composition") ok = v ~ re_comp
		else if (f == "kernel" || f == "run_id" || f == "accel") ok = v ~ re_plain
		else if (f == "strategy") ok = v ~ re_strategy
		else if (f == "pin_method") ok = v ~ re_method
		else if (f == "status") ok = v ~ /^(ok|unsupported|unavailable)$/
		else if (f == "ci_unit") ok = v ~ /^(|iterations|boots)$/
		else if (f == "pin_mode") ok = v ~ /^(|fast|locked|longterm)$/
		else if (f == "hist" || f == "req_mix") ok = v ~ /^[A-Za-z0-9=;._-]*$/
		else if (f == "note") ok = v !~ /["`$\\]/
		else ok = v ~ /^(-?[0-9.]+([eE][-+]?[0-9]+)?|-?nan|-?inf)?$/
		if (!ok) bad("field " f, v)
	}
}
'
# validate_file FILE: exit 1 naming the line and field of a foreign value.
validate_file() {
	awk "$awk_validate" re_comp="$name_re_composition" \
		re_plain="$name_re_plain" re_method="$name_re_method" \
		re_strategy="$name_re_strategy" "$1" ||
		exit 1
}

# Shared awk: column indexes by name (c["strategy"]), the rows of one
# kernel that were measured, size labels, a sort.
awk_common='
BEGIN { FS = "," }
FNR == 1 {
	for (i = 1; i <= NF; i++)
		c[$i] = i
	split("kernel composition size_bytes pin_method strategy write status median mean ci95_lo ci95_hi pin_median", need, " ")
	for (i in need)
		if (!(need[i] in c)) {
			print "summary.csv has no column " need[i] > "/dev/stderr"
			exit 2
		}
	next
}
function size_label(b) {
	if (b % 1073741824 == 0) return (b / 1073741824) "G"
	if (b % 1048576 == 0) return (b / 1048576) "M"
	if (b % 1024 == 0) return (b / 1024) "K"
	return b
}
# sorts a[1..n] numerically (insertion sort: a handful of sizes)
function sort_numbers(a, n,    i, j, v) {
	for (i = 2; i <= n; i++) {
		v = a[i]
		for (j = i - 1; j >= 1 && a[j] + 0 > v + 0; j--)
			a[j + 1] = a[j]
		a[j + 1] = v
	}
}
# rows of the pin mode being drawn: its FOLL_GET and FOLL_PIN methods
function in_mode() {
	return mget == "" || $c["pin_method"] == mget || $c["pin_method"] == mpin
}
function measured() {
	return $c["kernel"] == kernel && $c["status"] == "ok" && \
	       $c["median"] != "" && in_mode()
}
'

validate_file "$summary"
[ ! -f "$dir/samples.csv" ] || validate_file "$dir/samples.csv"
# meta.json's names: the same patterns as the CSV's
meta_name() {
	local v
	v=$(meta_string "$1")
	[ -z "$v" ] || printf '%s\n' "$v" | grep -Eq "$name_re_plain" ||
		die "$dir/meta.json: $1 \"$v\" is not a name pinbench writes; refusing the file"
	printf '%s' "$v"
}

# The kernel to plot: meta.json's, else the first row's; others are named.
kernel=$(meta_name kernel) || exit 1
first_kernel=$(awk "$awk_common"'{ print $c["kernel"]; exit }' "$summary")
[ -n "$first_kernel" ] || die "$summary has no rows"
if [ -z "$kernel" ] || ! awk "$awk_common"'$c["kernel"] == k { f = 1 } END { exit !f }' \
	k="$kernel" "$summary"; then
	kernel=$first_kernel
fi
others=$(awk "$awk_common"'$c["kernel"] != k && !seen[$c["kernel"]]++ { print $c["kernel"] }' \
	k="$kernel" "$summary")
[ -z "$others" ] ||
	echo "pinbench: plots: warning: summary.csv also holds kernel(s) $others; plotting $kernel only" >&2

accel=$(meta_name accel) || exit 1
[ -n "$accel" ] || accel=$(awk "$awk_common"'$c["kernel"] == k { print $c["accel"]; exit }' \
	k="$kernel" "$summary")
run_id=$(meta_name run_id) || exit 1
emulated=0
if [ "$accel" = tcg ] || awk "$awk_common"'$c["kernel"] == k && $c["emulated"] == 1 { f = 1 } END { exit !f }' \
	k="$kernel" "$summary"; then
	emulated=1
fi
subtitle="kernel $(gp_text "$kernel"), accel $(gp_text "${accel:-unknown}")"
[ -z "$run_id" ] || subtitle="$subtitle, run $(gp_text "$run_id")"
# What the points and bars of (a) and (d) are: the median and its
# distribution-free CI (summary.csv median_ci_*), the statistic the report
# quotes; with 2 or more boots (ci_unit) of the per-boot medians. Fewer
# than 6 samples reach no 95%: [min, max], at median_ci_level. Summaries
# written before those columns: the mean and its CI, as they were drawn.
has_column() {
	awk "$awk_common"'{ exit } END { exit !(col in c) }' col="$1" "$summary" 2>/dev/null
}
any_row() {
	awk "$awk_common"'$c["kernel"] == k && '"$1"' { f = 1 } END { exit !f }' \
		k="$kernel" "$summary" 2>/dev/null
}
ci_note=
if has_column median_ci_center; then
	center_text="median, bars = 95% CI of the median (order statistics)"
	! any_row '$c["ci_unit"] == "boots"' ||
		center_text="median of boot medians, bars = 95% CI (order statistics)"
	! any_row '$c["median_ci_level"] != "" && $c["median_ci_level"] < 0.95' ||
		ci_note="bars: min-max where a point has under 6 samples (too few for 95%; summary.csv median_ci_level)"
else
	center_text="mean, bars = 95% CI of the mean"
	! any_row '$c["ci_unit"] == "boots"' ||
		center_text="mean of per-boot medians, bars = its 95% CI over the boots"
fi
# A run cut short (SIGINT, guest timeout) says so on every figure.
! grep -q '"complete": *false' "$dir/meta.json" 2>/dev/null ||
	subtitle="$subtitle, INCOMPLETE (cut short)"
# How many samples had a context switch or migration in a window.
if has_column disturbed; then
	# a +prepare row repeats its strategy's samples
	disturbed_text=$(awk "$awk_common"'measured() && $c["strategy"] !~ /[+]/ { d += $c["disturbed"]; n += $c["n"] }
		END { if (n) printf "%d of %d samples disturbed", d, n }' \
		kernel="$kernel" "$summary")
	[ -z "$disturbed_text" ] || subtitle="$subtitle, $disturbed_text"
fi

compositions=$(awk "$awk_common"'measured() && !seen[$c["composition"]]++ { print $c["composition"] }' \
	kernel="$kernel" "$summary")
[ -n "$compositions" ] || die "no measured rows for kernel $kernel in $summary"

# File names from compositions ("mixed-thp:25"): a safe alphabet.
file_part() {
	printf '%s' "$1" | tr -c 'A-Za-z0-9._+-' '-'
}

# What the module measured was pinned for COMP (the histogram of its
# largest size) and whether every config matched the request: a figure
# says what was really pinned, not only what was asked for.
measured_text() {
	local comp=$1 samples=$dir/samples.csv hist off
	[ -f "$samples" ] || return 0
	hist=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$c["kernel"] == kernel && $c["composition"] == comp && $c["status"] == "ok" &&
		$c["size_bytes"] + 0 >= best { best = $c["size_bytes"] + 0; h = $c["hist"] }
		END { print h }' kernel="$kernel" comp="$comp" "$samples")
	off=$(awk "$awk_common"'measured() && $c["composition"] == comp && $c["mix_ok"] == "0" { n++ }
		END { print n + 0 }' kernel="$kernel" mget="${mget:-}" mpin="${mpin:-}" comp="$comp" "$summary")
	if [ "$off" -gt 0 ]; then
		printf 'measured %s; %s configs OFF their requested mix' "$hist" "$off"
	else
		printf 'measured %s (as requested)' "$hist"
	fi
}

# draw KIND NAME TITLE VARS...: plots/KIND.gp with its variables file.
# MEASURED (env, optional): a third title line, what was really pinned.
draw() {
	local kind=$1 name=$2 title=$3 vars sub=$subtitle
	shift 3
	[ -z "${MEASURED:-}" ] || sub="$sub\\n$(gp_text "$MEASURED")"
	vars=$data/$name.vars.gp
	{
		echo "plotdir = '$plotdir'"
		echo "datafile = '$data/$name.dat'"
		echo "outbase = '$out/$name'"
		printf 'title_text = "%s\\n%s"\n' "$(gp_text "$title")" "$sub"
		echo "emulated = $emulated"
		echo "center_text = '$center_text'"
		echo "ci_note = '$ci_note'"
		printf '%s\n' "$@"
	} > "$vars"
	gnuplot "$vars" "$plotdir/$kind.gp" ||
		die "gnuplot failed on $plotdir/$kind.gp ($vars)"
	echo "$out/$name.png"
}

# Index blocks of (size point lo hi median) per series, for (a) and (d);
# prints the gnuplot variables names, noop, xtics, ytics, ymin, ymax,
# offscale. Series are keyed by the awk function series_key(), labelled by
# series_label(). The y axis follows the medians: a mean more than 8 times
# the largest median (one stalled iteration under TCG) is left off the
# scale and named in offscale; a CI bound at or below 0 (huge spread on a
# log axis) is drawn to the bottom.
awk_series='
measured() && select() {
	key = series_key()
	if (!(key in npts)) {
		order[++nseries] = key
		label[key] = series_label()
	}
	n = ++npts[key]
	# the point the CI bars are around: the median and its order-statistic
	# CI (older summaries: the mean and its CI)
	sz[key, n] = $c["size_bytes"]
	if ("median_ci_center" in c && $c["median_ci_center"] != "") {
		mean[key, n] = $c["median_ci_center"]
		lo[key, n] = $c["median_ci_lo"]; hi[key, n] = $c["median_ci_hi"]
	} else {
		mean[key, n] = ("ci_center" in c && $c["ci_center"] != "") ? $c["ci_center"] : $c["mean"]
		lo[key, n] = $c["ci95_lo"]; hi[key, n] = $c["ci95_hi"]
	}
	med[key, n] = $c["median"]
	if (!($c["size_bytes"] in have_size))
		sizes[++nsizes] = $c["size_bytes"]
	have_size[$c["size_bytes"]] = 1
	if ($c["median"] + 0 > maxmed) maxmed = $c["median"] + 0
}
function axis_bounds(    s, k, i, v, l, h, cap) {
	cap = 8 * maxmed
	for (s = 1; s <= nseries; s++) {
		k = order[s]
		for (i = 1; i <= npts[k]; i++) {
			v = mean[k, i] + 0
			if (v > cap) {
				offscale = offscale (offscale == "" ? "" : "; ") \
					label[k] " at " size_label(sz[k, i]) ": mean " v \
					" (median " med[k, i] + 0 ")"
				continue
			}
			l = (lo[k, i] != "" && lo[k, i] + 0 > 0) ? lo[k, i] + 0 : v
			h = (hi[k, i] != "") ? hi[k, i] + 0 : v
			if (h > cap) h = cap
			if (v > 0 && (ymin == "" || l < ymin)) ymin = l
			if (v > 0 && (ymin == "" || v < ymin)) ymin = v
			if (ymax == "" || h > ymax) ymax = h
		}
	}
	if (ymin == "" || ymin <= 0) ymin = 0.01
	if (ymax == "" || ymax <= ymin) ymax = ymin * 10
	ymin /= 1.6
	ymax *= 1.6
}
# 1-2-5 steps per decade when few decades, else the decades alone
function y_tics(    k, m, v, t, steps, nsteps, d) {
	d = log(ymax / ymin) / log(10)
	nsteps = split(d <= 3.5 ? "1 2 5" : "1", steps, " ")
	t = ""
	for (k = int(log(ymin) / log(10)) - 1; k <= int(log(ymax) / log(10)) + 1; k++)
		for (m = 1; m <= nsteps; m++) {
			v = steps[m] * 10 ^ k
			if (v >= ymin && v <= ymax)
				t = t (t == "" ? "" : ", ") sprintf("\"%g\" %g", v, v)
		}
	return "(" t ")"
}
END {
	# the floor last, dashed
	for (s = 1; s <= nseries; s++)
		if (label[order[s]] == "noop") {
			k = order[s]
			for (t = s; t < nseries; t++)
				order[t] = order[t + 1]
			order[nseries] = k
			noop = nseries
			break
		}
	axis_bounds()
	for (s = 1; s <= nseries; s++) {
		k = order[s]
		m = npts[k]
		for (i = 1; i <= m; i++)
			idx[i] = i
		# sizes ascending within a series
		for (i = 2; i <= m; i++) {
			v = idx[i]
			for (j = i - 1; j >= 1 && sz[k, idx[j]] + 0 > sz[k, v] + 0; j--)
				idx[j + 1] = idx[j]
			idx[j + 1] = v
		}
		print "# " label[k] > datafile
		print "# size_bytes point ci_lo ci_hi median" > datafile
		for (i = 1; i <= m; i++) {
			j = idx[i]
			l = lo[k, j]; h = hi[k, j]
			if (l == "" || l + 0 <= 0) l = (l == "") ? mean[k, j] : ymin / 100
			if (h == "") h = mean[k, j]
			print sz[k, j], mean[k, j], l, h, med[k, j] > datafile
		}
		printf "\n\n" > datafile
		names = names (s > 1 ? " " : "") label[k]
	}
	sort_numbers(sizes, nsizes)
	xt = "("
	for (i = 1; i <= nsizes; i++)
		xt = xt (i > 1 ? ", " : "") "\"" size_label(sizes[i]) "\" " sizes[i]
	xt = xt ")"
	print "names = \"" names "\""
	print "noop = " (noop + 0)
	print "xtics = \x27" xt "\x27"
	print "ytics = \x27" y_tics() "\x27"
	printf "ymin = %g\nymax = %g\n", ymin, ymax
	print "offscale = \"" (offscale == "" ? "" : "off scale: " offscale) "\""
}
'

# Read-only pins next to write pins of one composition: "/ro" on labels.
awk_labels='
function strategy_label() {
	return $c["strategy"] (multi_write[$c["composition"]] && !$c["write"] ? "/ro" : "")
}
'
# First pass over the file (given twice): which compositions have both.
awk_label_pass='
FNR == NR {
	if (FNR > 1) {
		split($0, fld, ",")
		w = fld[c0["composition"]]
		if (w in wr_of && wr_of[w] != fld[c0["write"]]) multi_write[w] = 1
		wr_of[w] = fld[c0["write"]]
	} else {
		for (i = 1; i <= split($0, hdr, ","); i++)
			c0[hdr[i]] = i
	}
	next
}
'

# The pin modes measured, paired as pinbench run/sweep --pin-method pairs
# them ("name get-method pin-method" a line): a mode is there when its
# FOLL_PIN method ran, or its FOLL_GET one did and no mode sharing it has
# its pin method there (gup alone is "locked"). A method of no mode is a
# mode of its own. Within a mode every strategy has one pin method.
modes=$(awk "$awk_common"'
	$c["kernel"] == kernel && $c["status"] == "ok" {
		pm = $c["pin_method"]
		if (!(pm in have)) order[++n] = pm
		have[pm] = 1
	}
	END {
		split("fast locked longterm", name, " ")
		split("gup_fast gup gup", get, " ")
		split("pin_fast pin pin_longterm", pin, " ")
		for (m = 1; m <= 3; m++) {
			show = pin[m] in have
			if (!show && (get[m] in have)) {
				show = 1
				for (j = 1; j <= 3; j++)
					if (get[j] == get[m] && (j < m || (pin[j] in have)))
						show = 0
			}
			if (show)
				print name[m], get[m], pin[m]
			known[get[m]] = 1
			known[pin[m]] = 1
		}
		for (i = 1; i <= n; i++)
			if (!(order[i] in known))
				print order[i], order[i], order[i]
	}' kernel="$kernel" "$summary")
nmodes=$(printf '%s\n' "$modes" | grep -c .)

figures=0

# Does a composition (empty: any) have measured rows in the mode?
mode_has_rows() {
	awk "$awk_common"'measured() && (comp == "" || $c["composition"] == comp) { f = 1; exit } END { exit !f }' \
		kernel="$kernel" mget="$mget" mpin="$mpin" comp="$1" "$summary"
}

# (a) a line per strategy
plot_release_vs_size() {
	local comp=$1 name
	name=release_vs_size-$(file_part "$comp")$suffix
	vars=$(awk "$awk_label_pass$awk_common$awk_labels"'
		function select() { return $c["composition"] == comp }
		function series_key() { return $c["strategy"] SUBSEP $c["write"] }
		function series_label() { return strategy_label() }
		'"$awk_series" kernel="$kernel" mget="$mget" mpin="$mpin" comp="$comp" \
		datafile="$data/$name.dat" "$summary" "$summary")
	MEASURED=$(measured_text "$comp") draw release_vs_size "$name" "$comp$mode_text: release cost per page vs range size" "$vars"
	figures=$((figures + 1))
}

# (b) a row per strategy, a column per size
plot_speedup() {
	local comp=$1 name
	name=speedup-$(file_part "$comp")$suffix
	vars=$(awk "$awk_label_pass$awk_common$awk_labels"'
		measured() && $c["composition"] == comp {
			s = $c["size_bytes"]
			if (!(s in have_size)) sizes[++nsizes] = s
			have_size[s] = 1
			if ($c["strategy"] == "put_page") {
				base[$c["write"], s] = $c["median"]
				next
			}
			if ($c["strategy"] == "noop") next
			key = strategy_label()
			if (!(key in seen)) { rows[++nrows] = key; seen[key] = 1 }
			write_of[key] = $c["write"]
			med[key, s] = $c["median"]
		}
		END {
			sort_numbers(sizes, nsizes)
			printf "strategy" > datafile
			for (i = 1; i <= nsizes; i++) printf " %s", size_label(sizes[i]) > datafile
			printf "\n" > datafile
			for (r = 1; r <= nrows; r++) {
				k = rows[r]
				printf "%s", k > datafile
				for (i = 1; i <= nsizes; i++) {
					s = sizes[i]
					bm = base[write_of[k], s]
					if (!((k, s) in med) || med[k, s] + 0 <= 0 || bm == "") {
						printf " -" > datafile
						continue
					}
					v = bm / med[k, s]
					printf " %.4g", v > datafile
					if (ymin == "" || v < ymin) ymin = v
					if (ymax == "" || v > ymax) ymax = v
					plotted++
				}
				printf "\n" > datafile
			}
			print "nsizes = " nsizes
			print "nrows = " nrows
			print "plotted = " plotted + 0
			printf "ymin = %g\nymax = %g\n", (ymin == "" ? 0.5 : ymin), (ymax == "" ? 2 : ymax)
		}' kernel="$kernel" mget="$mget" mpin="$mpin" comp="$comp" \
		datafile="$data/$name.dat" "$summary" "$summary")
	if printf '%s\n' "$vars" | grep -qx 'plotted = 0'; then
		echo "pinbench: plots: warning: $comp$mode_text: no put_page baseline: no speedup figure" >&2
		return 0
	fi
	MEASURED=$(measured_text "$comp") draw speedup "$name" "$comp$mode_text: speedup over the put_page loop (median vs median)" "$vars"
	figures=$((figures + 1))
}

# (c) at the composition's largest size
plot_pin_vs_release() {
	local comp=$1 name largest
	name=pin_vs_release-$(file_part "$comp")$suffix
	largest=$(awk "$awk_common"'measured() && $c["composition"] == comp && $c["size_bytes"] + 0 > m + 0 { m = $c["size_bytes"] } END { print m }' \
		kernel="$kernel" mget="$mget" mpin="$mpin" comp="$comp" "$summary")
	vars=$(awk "$awk_label_pass$awk_common$awk_labels"'
		measured() && $c["composition"] == comp && $c["size_bytes"] == size {
			print strategy_label(), ($c["pin_median"] == "" ? "-" : $c["pin_median"]), $c["median"] > datafile
		}
		END { print "size_text = \"" size_label(size) "\"" }' \
		kernel="$kernel" mget="$mget" mpin="$mpin" comp="$comp" size="$largest" \
		datafile="$data/$name.dat" "$summary" "$summary")
	MEASURED=$(measured_text "$comp") draw pin_vs_release "$name" "$comp$mode_text: pin vs release cost per page" "$vars"
	figures=$((figures + 1))
}

# (d) one strategy, a line per composition
plot_compositions() {
	local name
	name=compositions-$(file_part "$strategy")$suffix
	if ! awk "$awk_common"'measured() && $c["strategy"] == s { f = 1; exit } END { exit !f }' \
		kernel="$kernel" mget="$mget" mpin="$mpin" s="$strategy" "$summary"; then
		echo "pinbench: plots: warning: no $strategy rows$mode_text: no compositions figure (--strategy NAME)" >&2
		return 0
	fi
	vars=$(awk "$awk_label_pass$awk_common$awk_labels"'
		function select() { return $c["strategy"] == strategy }
		function series_key() { return $c["composition"] SUBSEP $c["write"] }
		function series_label() {
			return $c["composition"] (multi_write[$c["composition"]] && !$c["write"] ? "/ro" : "")
		}
		'"$awk_series" kernel="$kernel" mget="$mget" mpin="$mpin" strategy="$strategy" \
		datafile="$data/$name.dat" "$summary" "$summary")
	draw compositions "$name" "$strategy$mode_text: release cost per page on each composition" "$vars"
	figures=$((figures + 1))
}

while read -r mode mget mpin <&3; do
	suffix='' mode_text=''
	if [ "$nmodes" -gt 1 ]; then
		suffix=-$(file_part "$mode")
		if [ "$mget" = "$mpin" ]; then
			mode_text=", pin method $mget"
		else
			mode_text=", pin method $mode ($mget / $mpin)"
		fi
	fi
	for comp in $compositions; do
		mode_has_rows "$comp" || continue
		plot_release_vs_size "$comp"
		plot_speedup "$comp"
		plot_pin_vs_release "$comp"
	done
	plot_compositions
done 3<<< "$modes"

echo "pinbench: plots: $figures figures (PNG and SVG) in $out" >&2
