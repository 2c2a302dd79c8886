# fio end-to-end, one figure per kernel. Top: IOPS of each job; bottom (when
# the run has profiles): the share of its CPU samples in the pin and unpin
# paths. Clusters: the cases (target/rw/bs); bars: the variants
# (engine[+fixedbufs]/buffer), io_uring's fixedbufs 0 and 1 of a buffer side
# by side, 4K (malloc) and huge (shmhuge, mmaphuge) buffers of an engine
# next to each other.
# Variables (scripts/plots-fio.sh): datafile (fio-iops.dat: a header row
# "case <variant>...", "-" where not run), sharesfile (fio-shares.dat, the
# same layout, pin + unpin % of the job's samples; '' when none),
# nvariants, plus common.gp's.
load plotdir.'/common.gp'

set terminal pngcairo size 1200,1000 font "DejaVu Sans,11" noenhanced
set output outbase.'.png'
save_svg = "set terminal svg size 1200,1000 font 'DejaVu Sans,11' noenhanced dynamic background rgb 'white'; set output outbase.'.svg'; replot; set output"

set datafile missing "-"
set datafile commentschars "#"
set key autotitle columnheader	# the header row is no data
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border rgb "#333333"
set boxwidth 0.9
set xtics rotate by -30 left nomirror
set key title "engine/buffer"

if (strlen(sharesfile) == 0) {
	set logscale y 10
	set ylabel "IOPS (log), iodepth 1, direct=1"
	plot for [col=2:nvariants + 1] datafile using col:xtic(1) \
		title columnheader(col) lt col - 1
} else {
	set multiplot layout 2,1 title title_text font ",13"
	unset title
	# both panels' x axes the same width: the key stands beside the top one
	set lmargin at screen 0.08
	set rmargin at screen 0.76
	set logscale y 10
	set ylabel "IOPS (log), iodepth 1, direct=1"
	plot for [col=2:nvariants + 1] datafile using col:xtic(1) \
		title columnheader(col) lt col - 1
	unset logscale y
	set yrange [0:*]
	set ylabel "pin + unpin, % of CPU samples"
	unset key
	plot for [col=2:nvariants + 1] sharesfile using col:xtic(1) \
		notitle lt col - 1
	unset multiplot
}
@save_svg
