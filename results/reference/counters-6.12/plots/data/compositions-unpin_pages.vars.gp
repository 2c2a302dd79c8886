title_text = "unpin_pages: release cost per page on each composition\nkernel 6.12.117+deb12-amd64, accel tcg, run 20261130-220620-6.12.117+deb12-amd64, 0 of 54 samples disturbed"
emulated = 1
center_text = 'median, bars = 95% CI of the median (order statistics)'
ci_note = ''
names = "anon-4k"
floor = 0
xtics = '("2M" 2097152, "8M" 8388608)'
ytics = '("50" 50, "100" 100)'
ymin = 37.6756
ymax = 110.302
offscale = ""
