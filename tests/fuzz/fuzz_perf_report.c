/*
 * The text of `perf report --stdio --no-children --sort symbol -g none`
 * as compare reads it from a run directory (perf_report_read), and what
 * is computed from it: every accepted symbol has a bounded printable name
 * and a share within 0..100, the shares add up to at most 100 (plus
 * perf's rounding), the path shares and pattern shares are within that
 * sum, and a file refused says why.
 */
#include <math.h>
#include <string.h>

#include "fuzz_util.h"
#include "perf_report.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_init_files("perf_report");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const all[] = { "*", NULL };
	static const char *const pin_like[] = { "gup_*", "*pin_user_pages*",
						"try_grab_folio*", NULL };
	const char *path = fuzz_write_file(0, data, size);
	struct perf_report r;
	double total = 0, pin, unpin;
	char err[512] = "";
	size_t i, j;

	if (perf_report_read(path, &r, err, sizeof(err))) {
		FUZZ_ASSERT(err[0]);
		FUZZ_ASSERT(!r.symbols && !r.n);
		return 0;
	}
	FUZZ_ASSERT(r.n >= 1);
	for (i = 0; i < r.n; i++) {
		const struct perf_symbol *s = &r.symbols[i];
		size_t len = strnlen(s->name, sizeof(s->name));

		FUZZ_ASSERT(len >= 1 && len < sizeof(s->name));
		for (j = 0; j < len; j++)
			FUZZ_ASSERT(s->name[j] >= 0x20 && s->name[j] <= 0x7e);
		FUZZ_ASSERT(isfinite(s->share) && s->share >= 0);
		/* a name listed twice is merged: each name once */
		FUZZ_ASSERT(perf_report_find(&r, s->name) == s);
		if (i)	/* largest share first */
			FUZZ_ASSERT(r.symbols[i - 1].share >= s->share);
		total += s->share;
	}
	FUZZ_ASSERT(total <= 100.0 + 0.005 * (double)size + 1e-6);
	FUZZ_ASSERT(fabs(perf_report_share(&r, all) - total) < 1e-6);
	FUZZ_ASSERT(perf_report_share(&r, pin_like) <= total + 1e-6);
	pin = perf_report_path_share(&r, PERF_PATH_PIN);
	unpin = perf_report_path_share(&r, PERF_PATH_UNPIN);
	FUZZ_ASSERT(pin >= 0 && unpin >= 0 && pin + unpin <= total + 1e-6);
	perf_report_free(&r);
	return 0;
}
