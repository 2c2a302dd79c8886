plotdir = '/work/wt-fio/plots'
datafile = '/work/wt-fio/results/20261130-213147-fio-6.12/fio-iops.dat'
outbase = '/work/wt-fio/results/20261130-213147-fio-6.12/plots/fio-iops'
title_text = "fio O_DIRECT IOPS per job: fixedbufs 0 vs 1, 4K vs huge buffers\nkernel 6.12.117+deb12-amd64, accel tcg"
emulated = 1
nvariants = 12
