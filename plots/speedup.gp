# (b) Speedup of each strategy over the baseline loop (the catalogue's
# BASELINE role, put_page today), one composition: the baseline's median
# ns/page over the strategy's, at each size (clusters: strategies, bars:
# sizes). Bars grow from 1x: up = faster than the baseline, down = slower.
# Variables (pinbench figures): datafile (a header row "strategy
# <size>...", then a row per strategy, "-" where not measured), nsizes,
# nrows, ymin, ymax, baseline_name, plus common.gp's.
load plotdir.'/common.gp'

set datafile missing "-"
set key autotitle columnheader	# the header row is no data
set style fill solid 0.85 border rgb "#333333"
set logscale y 2
set yrange [(ymin < 0.7 ? ymin / 1.5 : 0.5):(ymax > 1.4 ? ymax * 1.5 : 2)]
set format y "%gx"
set ylabel "speedup over ".baseline_name." (median / median, log): above 1x = faster"
set xtics rotate by -30 left nomirror
set xrange [-0.6:nrows - 0.4]
set key title "range size"

bar = 0.8 / nsizes
x(col) = $0 + (col - 2 - (nsizes - 1) / 2.0) * bar
plot for [col=2:nsizes + 1] datafile \
	using (x(col)):col:(x(col) - bar / 2):(x(col) + bar / 2):(column(col) < 1 ? column(col) : 1):(column(col) < 1 ? 1 : column(col)) \
	with boxxyerror title columnheader(col) lt col - 1, \
	datafile using 0:(NaN):xtic(1) with points notitle, \
	1 with lines dt 2 lw 2 lc rgb "#000000" title baseline_name." = 1x"
@save_svg
