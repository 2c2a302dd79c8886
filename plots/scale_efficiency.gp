# pinbench scale: efficiency (speedup over one thread / threads) vs the
# number of threads, one placement mode; 1 is perfect scaling. Variables
# (pinbench figures): datafile (as scale_throughput.gp's), nseries,
# ylabel_text, plus common.gp's.
load plotdir.'/common.gp'

set datafile missing "-"
set key autotitle columnheader
set xlabel "threads (each bound to its own CPU)"
set ylabel ylabel_text
set logscale x 2
set xtics 2
set yrange [0:*]
plot for [col=2:nseries + 1] datafile using 1:col with linespoints lt col - 1, \
	1 with lines dt 2 lc rgb "#000000" title "perfect scaling"
@save_svg
