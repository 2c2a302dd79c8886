plotdir = '/work/main/plots'
datafile = '/tmp/fiorun/fio-iops.dat'
sharesfile = '/tmp/fiorun/fio-shares.dat'
outbase = '/tmp/fiorun/plots/fio-iops'
title_text = "fio O_DIRECT per job: IOPS and the pin/unpin share, fixedbufs 0 vs 1, 4K vs huge buffers\nkernel 6.12.117+deb12-amd64, accel tcg"
emulated = 1
nvariants = 12
