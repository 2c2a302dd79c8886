title_text = "anon-4k: speedup over the put_page loop (median vs median)\nkernel 6.12.117+deb12-amd64, accel tcg, run 20261130-220620-6.12.117+deb12-amd64, 0 of 54 samples disturbed\nmeasured o0=2048;anon=2048;folios=2048 (as requested)"
emulated = 1
center_text = 'median, bars = 95% CI of the median (order statistics)'
ci_note = ''
nsizes = 2
nrows = 1
plotted = 2
ymin = 0.146951
ymax = 0.166232
baseline_name = 'put_page'
