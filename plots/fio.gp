# fio end-to-end: IOPS of each job, one figure per kernel. Clusters: the
# cases (target/rw/bs); bars: the variants (engine[+fixedbufs]/buffer),
# io_uring's fixedbufs 0 and 1 of a buffer side by side, 4K (malloc) and
# huge (shmhuge, mmaphuge) buffers of an engine next to each other.
# Variables (scripts/plots-fio.sh): datafile (pinbench fio-summarize's
# fio-iops.dat: a header row "case <variant>...", "-" where not run),
# nvariants, plus common.gp's.
load plotdir.'/common.gp'

set datafile missing "-"
set datafile commentschars "#"
set key autotitle columnheader	# the header row is no data
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border rgb "#333333"
set boxwidth 0.9
set logscale y 10
set yrange [*:*]
set ylabel "IOPS (log), iodepth 1, direct=1"
set xtics rotate by -30 left nomirror
set key title "engine/buffer"

plot for [col=2:nvariants + 1] datafile using col:xtic(1) \
	title columnheader(col) lt col - 1
@save_svg
