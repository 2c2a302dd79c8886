# (d) One strategy on every composition side by side: release cost per
# page vs range size, a line per composition. Variables: as
# release_vs_size.gp (index blocks per composition), plus strategy.
load plotdir.'/common.gp'

set logscale x 2
set logscale y 10
eval 'set xtics '.xtics
eval 'set ytics '.ytics
set mytics 10
set xlabel "range size"
set ylabel "release ns per page: ".center_text." (log)"
set yrange [ymin:ymax]
set offsets graph 0.03, graph 0.03, 0, 0
set key title "composition"

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
	with yerrorlines lt i title word(names, i)
@save_svg
