# (f) Release instructions per page vs range size, one line per strategy,
# for one composition: what the emulator counted in the release window
# (pinbench insns-join), exact, so a point and no CI. pinbench figures
# writes it only for a run with counts. Variables (pinbench figures):
# datafile (one index block per series: size_bytes point ci_lo ci_hi
# median, the CI columns the point itself), names (series titles, one
# word each, in block order), floor (the catalogue's floor's series
# number, drawn last and dashed; 0: none), xtics ('("4K" 4096, ...)'),
# ytics (the same for y), ymin, ymax, plus common.gp's.
load plotdir.'/common.gp'

set logscale x 2
set logscale y 10
eval 'set xtics '.xtics
eval 'set ytics '.ytics
set mytics 10
set xlabel "range size (pinned and released in one go)"
set ylabel "release instructions per page (emulated, exact; median, log)"
set yrange [ymin:ymax]
set offsets graph 0.03, graph 0.03, 0, 0

n = words(names)
plot for [i=1:n] datafile index (i-1) using 1:2 \
	with linespoints lt i dt 1 + (i == floor) \
	lc rgb (i == floor ? "#555555" : colours[(i - 1) % 16 + 1]) \
	title word(names, i)
@save_svg
