/* The pin/unpin shares of fio.csv from each job's perf report text. */
#ifndef PINBENCH_FIO_SHARES_H
#define PINBENCH_FIO_SHARES_H

#include "fio_summary.h"

const struct fio_share_provider *fio_perf_shares(void);

#endif
