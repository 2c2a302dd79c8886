# (a) Release cost per page vs range size, one line per strategy, for one
# composition. Variables (pinbench figures): datafile (one index block per
# series: size_bytes point ci_lo ci_hi median; point and CI as center_text
# says), names (series titles, one word each, in block order), floor (the
# catalogue's floor's series number, drawn last and dashed; 0: none), xtics ('("4K" 4096, ...)'), ytics (the
# same for y), ymin, ymax, offscale (a note, may be empty), ci_note (the
# same), plus common.gp's.
load plotdir.'/common.gp'

set logscale x 2
set logscale y 10
eval 'set xtics '.xtics
eval 'set ytics '.ytics
set mytics 10
set xlabel "range size (pinned and released in one go)"
set ylabel "release ns per page: ".center_text." (log)"
set yrange [ymin:ymax]
set offsets graph 0.03, graph 0.03, 0, 0

# fixed text from pinbench figures: the CI level where samples are too few
if (strlen(ci_note) > 0) {
	set label 111 ci_note at graph 0.01, graph 0.03 left font ",9" \
		tc rgb "#555555" front
}
if (strlen(offscale) > 0) {
	set label 110 offscale at graph 0.01, graph 0.97 left font ",9" \
		tc rgb "#555555" front
}

n = words(names)
plot for [i=1:n] datafile index (i-1) using 1:2:3:4 \
	with yerrorlines lt i dt 1 + (i == floor) \
	lc rgb (i == floor ? "#555555" : colours[(i - 1) % 16 + 1]) \
	title word(names, i)
@save_svg
