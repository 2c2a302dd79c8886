title_text = "anon-4k: release cost per page vs range size\nkernel 6.12.117+deb12-amd64, accel tcg, run 20261130-220620-6.12.117+deb12-amd64, 0 of 54 samples disturbed\nmeasured o0=2048;anon=2048;folios=2048 (as requested)"
emulated = 1
center_text = 'median, bars = 95% CI of the median (order statistics)'
ci_note = ''
names = "put_page unpin_pages noop"
floor = 3
xtics = '("2M" 2097152, "8M" 8388608)'
ytics = '("2" 2, "5" 5, "10" 10, "20" 20, "50" 50, "100" 100)'
ymin = 1.08563
ymax = 110.302
offscale = ""
