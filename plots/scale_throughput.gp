# pinbench scale: pages released per second, summed over the threads, vs
# the number of threads, one placement mode; a line per composition and
# strategy. Variables (pinbench figures): datafile (a header row
# "threads <composition/strategy>...", a row per thread count, "-"
# where not measured), nseries, ylabel_text, plus common.gp's.
load plotdir.'/common.gp'

set datafile missing "-"
set key autotitle columnheader
set xlabel "threads (each bound to its own CPU)"
set ylabel ylabel_text
set logscale x 2
set xtics 2
set yrange [0:*]
set format y "%.3s%c"
plot for [col=2:nseries + 1] datafile using 1:col with linespoints lt col - 1
@save_svg
