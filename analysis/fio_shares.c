/*
 * fio.csv's pin_share and unpin_share: a job's perf report text
 * (DIR/fio/<job>.perf.txt) read by perf_report.c, each symbol put on a path
 * by perf_paths.c's table. Shares are of every CPU sample perf took (-a:
 * the other CPU's idle loop included), as fractions.
 */
#include <stdio.h>
#include <string.h>

#include "fio_shares.h"
#include "perf_report.h"

static int job_shares(const char *perf_txt, double *pin, double *unpin,
		      char *err, size_t errlen)
{
	struct perf_report r;

	if (perf_report_read(perf_txt, &r, err, errlen))
		return -1;
	*pin = perf_report_path_share(&r, PERF_PATH_PIN) / 100;
	*unpin = perf_report_path_share(&r, PERF_PATH_UNPIN) / 100;
	perf_report_free(&r);
	return 0;
}

/* "gup_* (pin), unpin_user_page* (unpin), ...": the table, once */
static const char *symbol_list(void)
{
	static char list[2048];
	size_t i, used = 0;

	if (list[0])
		return list;
	for (i = 0; i < nr_perf_path_symbols && used < sizeof(list); i++)
		used += (size_t)snprintf(list + used, sizeof(list) - used,
					 "%s%s (%s)", i ? ", " : "",
					 perf_path_symbols[i].pattern,
					 perf_path_name(perf_path_symbols[i].path));
	return list;
}

const struct fio_share_provider *fio_perf_shares(void)
{
	static struct fio_share_provider provider = { .shares = job_shares };

	provider.symbols = symbol_list();
	return &provider;
}
