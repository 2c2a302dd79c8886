#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "sizes.h"
#include "window_counts.h"

const struct window_def window_defs[NR_WINDOWS] = {
	[WINDOW_PIN] = { "pin", "pin_insns", "pin_irqs" },
	[WINDOW_PREPARE] = { "prepare", "prepare_insns", "prepare_irqs" },
	[WINDOW_RELEASE] = { "release", "release_insns", "release_irqs" },
};

int window_index_of(const char *name)
{
	int i;

	for (i = 0; i < NR_WINDOWS; i++)
		if (!strcmp(window_defs[i].name, name))
			return i;
	return -1;
}

void window_counts_write(FILE *f, const struct window_counts *w)
{
	int i;

	fputc(',', f);
	if (w && w->has_id)
		fprintf(f, "%016" PRIx64, w->id);
	for (i = 0; i < NR_WINDOWS; i++) {
		if (w && w->counted[i])
			fprintf(f, ",%" PRIu64 ",%" PRIu64, w->insns[i],
				w->irqs[i]);
		else
			fputs(",,", f);
	}
}

int window_id_parse(const char *s, uint64_t *id)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	if (strlen(s) != 16)
		return -1;
	*id = 0;
	for (i = 0; i < 16; i++) {
		const char *d = memchr(digits, s[i], 16);

		if (!d)
			return -1;
		*id = *id << 4 | (uint64_t)(d - digits);
	}
	return *id ? 0 : -1;
}

int window_counts_parse(char **fields, struct window_counts *w,
			const char **bad)
{
	int i;

	memset(w, 0, sizeof(*w));
	if (*fields[0]) {
		if (window_id_parse(fields[0], &w->id)) {
			*bad = "window_id";
			return -1;
		}
		w->has_id = true;
	}
	for (i = 0; i < NR_WINDOWS; i++) {
		const char *insns = fields[1 + 2 * i], *irqs = fields[2 + 2 * i];

		if (!*insns && !*irqs)
			continue;
		/* counted windows belong to an id; both columns or neither */
		if (!w->has_id || number_parse(insns, UINT64_MAX, &w->insns[i])) {
			*bad = window_defs[i].insns_column;
			return -1;
		}
		if (number_parse(irqs, UINT64_MAX, &w->irqs[i])) {
			*bad = window_defs[i].irqs_column;
			return -1;
		}
		w->counted[i] = true;
	}
	return 0;
}

double window_insns_per_page(const struct window_counts *w,
			     enum window_index i, uint64_t pages)
{
	if (!w->counted[i] || w->irqs[i] || !pages)
		return NAN;
	return (double)w->insns[i] / (double)pages;
}
