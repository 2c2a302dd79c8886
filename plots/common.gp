# Shared by every figure script. The caller (scripts/plots.sh) sets
# plotdir, datafile and outbase, then loads the variables file pinbench
# figures wrote: title_text, emulated, ... (see each script).
# Each script draws once on pngcairo, then `@save_svg` redraws as SVG.

set terminal pngcairo size 1200,700 font "DejaVu Sans,11" noenhanced
set output outbase.'.png'
set encoding utf8

# 16 distinct colours (the 16 compositions of a full sweep), point types
array colours[16] = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", \
	"#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#000080", \
	"#808000", "#ff1493", "#006400", "#8b4513", "#4682b4"]
do for [i=1:16] {
	set linetype i lc rgb colours[i] lw 2 pt (i % 7 + 4) ps 1.1
}

set grid xtics ytics mxtics mytics lc rgb "#dddddd"
set border lc rgb "#444444"
set key outside right top Left reverse samplen 2 spacing 1.2
set title title_text font ",13"

# what emulation makes of the numbers, in every figure, impossible to miss:
# a corner label and a watermark behind the data
if (emulated) {
	set label 100 "EMULATED (TCG)" at screen 0.99, screen 0.965 right \
		font ",15" tc rgb "#cc0000" front
	set label 101 "EMULATED (TCG)" at graph 0.5, graph 0.55 center \
		rotate by 12 font ",44" tc rgb "#f8dede" back
	set label 102 "relative costs of code paths, not hardware figures" \
		at graph 0.5, graph 0.43 center rotate by 12 font ",14" \
		tc rgb "#f4caca" back
}

save_svg = "set terminal svg size 1200,700 font 'DejaVu Sans,11' noenhanced dynamic background rgb 'white'; set output outbase.'.svg'; replot; set output"
