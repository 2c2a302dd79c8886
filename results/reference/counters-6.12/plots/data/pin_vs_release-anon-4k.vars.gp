title_text = "anon-4k: pin vs release cost per page\nkernel 6.12.117+deb12-amd64, accel tcg, run 20261130-220620-6.12.117+deb12-amd64, 0 of 54 samples disturbed\nmeasured o0=2048;anon=2048;folios=2048 (as requested)"
emulated = 1
center_text = 'median, bars = 95% CI of the median (order statistics)'
ci_note = ''
size_text = "8M"
