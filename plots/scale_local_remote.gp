# pinbench scale: release ns/page with one thread, by placement: local
# (private: memory on the thread's node), remote memory (cross-node) and
# remote release (pinned on one node, released on the other); a cluster
# per composition and strategy. Under emulated NUMA the nodes are a
# layout, not distances: see the README. Variables (pinbench figures):
# datafile (a header row, a row per composition/strategy, "-" where not
# measured), nseries, plus common.gp's.
load plotdir.'/common.gp'

set datafile missing "-"
set key autotitle columnheader
set style data histogram
set style histogram clustered gap 1
set style fill solid 0.85 border rgb "#333333"
set ylabel "release ns/page (median over threads' medians)"
set yrange [0:*]
set xtics rotate by -30 left nomirror
plot for [col=2:4] datafile using col:xtic(1) lt col - 1
@save_svg
