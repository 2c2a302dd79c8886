/*
 * What the figures say besides their data: which kernel, the names
 * checked before any reaches gnuplot, the subtitle every figure carries,
 * and what a composition really pinned.
 */
#include <stdlib.h>
#include <string.h>

#include "figure.h"
#include "messages.h"
#include "sample_check.h"
#include "sample_view.h"

/* hist ("o0=1;o9=2") reaches a title: what pinbench writes, or refused. */
static bool hist_ok(const char *s)
{
	for (; *s; s++)
		if (!strchr("=;._-", *s) &&
		    !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9')))
			return false;
	return true;
}

/*
 * Everything that may reach a figure's text is what pinbench writes:
 * samples.csv's names were checked when read (sample_check.h), the
 * catalogue's too (catalog_json.h); meta.json's facts and hist here.
 */
int figure_check_names(const struct run_dir *rd, char *err, size_t errlen)
{
	static const struct {
		const char *key;
		size_t offset;
	} facts[] = {
		{ "kernel", offsetof(struct run_facts, kernel) },
		{ "accel", offsetof(struct run_facts, accel) },
		{ "run_id", offsetof(struct run_facts, run_id) },
	};
	size_t i;

	for (i = 0; i < sizeof(facts) / sizeof(facts[0]); i++) {
		const char *v = (const char *)&rd->facts + facts[i].offset;

		if (*v && !sample_name_ok(facts[i].key, v)) {
			snprintf(err, errlen,
				 "%s/meta.json: %s is not a name pinbench writes; refusing the file",
				 rd->path, facts[i].key);
			return -1;
		}
	}
	for (i = 0; i < rd->table.count; i++)
		if (!hist_ok(rd->table.rows[i].hist ? rd->table.rows[i].hist :
			     "")) {
			snprintf(err, errlen,
				 "%s/samples.csv: bad hist (a row of %s): not what pinbench writes; refusing the file",
				 rd->path, rd->table.rows[i].composition);
			return -1;
		}
	return 0;
}

/* meta.json's kernel when a row has it, else the first row's. */
const char *figure_pick_kernel(const struct run_dir *rd)
{
	const struct summary *sum = &rd->sum;
	size_t i;

	for (i = 0; i < sum->count; i++)
		if (!strcmp(sum->groups[i].first->kernel, rd->facts.kernel))
			return rd->facts.kernel;
	return sum->count ? sum->groups[0].first->kernel : NULL;
}

void figure_warn_other_kernels(const struct summary *sum, const char *kernel)
{
	char others[1024] = "";
	size_t i, j, used = 0;

	for (i = 0; i < sum->count; i++) {
		const char *k = sum->groups[i].first->kernel;

		for (j = 0; j < i && strcmp(sum->groups[j].first->kernel, k);
		     j++)
			;
		if (j < i || !strcmp(k, kernel) || used >= sizeof(others))
			continue;
		used += (size_t)snprintf(others + used, sizeof(others) - used,
					 "%s%s", used ? ", " : "", k);
	}
	if (*others)
		pb_warning("figures: samples.csv also holds kernel(s) %s; plotting %s only",
			   others, kernel);
}

/*
 * "kernel K, accel A, run R[, INCOMPLETE (cut short)][, D of N samples
 * disturbed]"; what the points and bars are.
 */
void figure_common_text(const struct figure_run *run, struct figure_common *c)
{
	const struct run_dir *rd = run->rd;
	const struct summary *sum = &rd->sum;
	size_t i, used, disturbed = 0, n = 0;
	bool boots = false, few = false;

	c->emulated = !strcmp(rd->facts.accel, "tcg");
	for (i = 0; i < sum->count; i++) {
		const struct summary_group *g = &sum->groups[i];

		if (strcmp(g->first->kernel, run->kernel))
			continue;
		c->emulated |= g->first->emulated;
		boots |= g->stats.n && g->ci_unit == REPLICATE_BOOT_MEDIANS;
		few |= g->stats.n &&
		       figure_value(g->stats.median_ci_level) < MEDIAN_CI_LEVEL;
		/* a +prepare row repeats its strategy's samples */
		if (figure_row(run, g) &&
		    !strategy_is_prepared(g->first->strategy)) {
			disturbed += g->disturbed;
			n += g->stats.n;
		}
	}
	used = (size_t)snprintf(c->subtitle, sizeof(c->subtitle),
				"kernel %s, accel %s", run->kernel,
				*rd->facts.accel ? rd->facts.accel : "unknown");
	if (*rd->facts.run_id && strcmp(rd->facts.run_id, "unknown"))
		used += (size_t)snprintf(c->subtitle + used,
					 sizeof(c->subtitle) - used,
					 ", run %s", rd->facts.run_id);
	/* a run cut short (SIGINT, guest timeout) says so on every figure */
	if (rd->facts.cut_short && used < sizeof(c->subtitle))
		used += (size_t)snprintf(c->subtitle + used,
					 sizeof(c->subtitle) - used,
					 ", INCOMPLETE (cut short)");
	if (n && used < sizeof(c->subtitle))
		snprintf(c->subtitle + used, sizeof(c->subtitle) - used,
			 ", %zu of %zu samples disturbed", disturbed, n);
	c->center_text = boots ?
		"median of boot medians, bars = 95% CI (order statistics)" :
		"median, bars = 95% CI of the median (order statistics)";
	c->ci_note = few ?
		"bars: min-max where a point has under 6 samples (too few for 95%; summary.csv median_ci_level)" :
		"";
}

/*
 * What the module really pinned for comp (the hist of its largest size)
 * and whether every config matched the request: a figure says what was
 * pinned, not only what was asked for.
 */
void figure_measured_text(const struct figure_run *run, const char *comp,
			  char *buf, size_t len)
{
	const struct sample_table *t = &run->rd->table;
	const struct summary *sum = &run->rd->sum;
	const char *hist = "";
	uint64_t best = 0;
	size_t i, off = 0;

	for (i = 0; i < t->count; i++) {
		const struct sample_row *row = &t->rows[i];

		if (!strcmp(row->kernel, run->kernel) &&
		    !strcmp(row->composition, comp) &&
		    !strcmp(row->status, SAMPLE_STATUS_OK) &&
		    !strategy_is_prepared(row->strategy) &&
		    row->size_bytes >= best) {
			best = row->size_bytes;
			hist = row->hist ? row->hist : "";
		}
	}
	for (i = 0; i < sum->count; i++)
		off += figure_row(run, &sum->groups[i]) &&
		       !strcmp(sum->groups[i].first->composition, comp) &&
		       sum->groups[i].mix_ok == 0;
	if (off)
		snprintf(buf, len,
			 "measured %s; %zu configs OFF their requested mix",
			 hist, off);
	else
		snprintf(buf, len, "measured %s (as requested)", hist);
}
