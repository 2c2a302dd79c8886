# (c) Pin vs release cost per page, stacked, one composition at its
# largest size: what the release saves against what pinning costs.
# Variables (pinbench figures): datafile (strategy pin_median median),
# nrows, size_text, plus common.gp's.
load plotdir.'/common.gp'

set datafile missing "-"
set style data histograms
set style histogram rowstacked
set style fill solid 0.85 border rgb "#333333"
set boxwidth 0.7
set yrange [0:*]
set ylabel sprintf("ns per page at %s (medians)", size_text)
set xtics rotate by -30 left nomirror
set key title "stacked"

plot datafile using 2:xtic(1) title "pin (pin_user_pages* / get_user_pages*)" lc rgb "#9ecae1", \
	'' using 3 title "release (the strategy)" lc rgb "#d62728"
@save_svg
