# (e) Counters of the release window per page (pinbench run --events), one
# composition at its largest size: a cluster per strategy, a bar per event
# counted (log scale: instructions and misses side by side). Events this
# machine could not count are named under the plot, never drawn as 0.
# Variables (pinbench figures): datafile (a header row "strategy <event>...",
# a row per strategy, "-" where not counted), ncols, size_text,
# unsupported_text, plus common.gp's.
load plotdir.'/common.gp'

set datafile missing "-"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border rgb "#333333"
set key autotitle columnheader
set logscale y 10
set ylabel sprintf("count per page at %s (median; task-clock: ns)", size_text)
set xtics rotate by -30 left nomirror
set key title "event"
if (strlen(unsupported_text) > 0) {
	set label 110 sprintf("unsupported here (no PMU?): %s", unsupported_text) \
		at screen 0.01, screen 0.02 left font ",10" tc rgb "#cc0000"
}

plot for [col=2:ncols + 1] datafile using col:xtic(1) title columnheader(col) lt col - 1
@save_svg
