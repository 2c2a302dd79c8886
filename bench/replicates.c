#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "messages.h"
#include "replicates.h"
#include "stats.h"

static double release_ns_per_page(const struct sample_row *row)
{
	return sample_ns_per_page(row);
}

static double pin_ns_per_page(const struct sample_row *row)
{
	return sample_pin_ns_per_page(row);
}

static double release_tsc_per_page(const struct sample_row *row)
{
	return (double)row->release_tsc / (double)row->pages;
}

static double release_ns(const struct sample_row *row)
{
	return (double)row->release_ns;
}

/* the emulator's counts: NaN (left out) unless counted undisturbed */
static double release_insns_per_page(const struct sample_row *row)
{
	return sample_insns_per_page(row, WINDOW_RELEASE);
}

static double pin_insns_per_page(const struct sample_row *row)
{
	return sample_insns_per_page(row, WINDOW_PIN);
}

static const struct sample_metric metrics[] = {
	{ "ns_per_page", "release ns per page", "ns/page",
	  release_ns_per_page, false },
	{ "pin_ns_per_page", "pin ns per page", "ns/page", pin_ns_per_page,
	  false },
	{ "tsc_per_page", "release TSC ticks per page, get_cycles()",
	  "ticks/page", release_tsc_per_page, false },
	{ "release_ns", "release ns per iteration, whole range", "ns",
	  release_ns, false },
	{ "insns_per_page",
	  "release instructions per page, emulator-counted, exact",
	  "instructions/page", release_insns_per_page, true },
	{ "pin_insns_per_page",
	  "pin instructions per page, emulator-counted, exact",
	  "instructions/page", pin_insns_per_page, true },
};

#define NR_METRICS (sizeof(metrics) / sizeof(metrics[0]))

const struct sample_metric *sample_metric_find(const char *name)
{
	size_t i;

	for (i = 0; i < NR_METRICS; i++)
		if (!strcmp(metrics[i].name, name))
			return &metrics[i];
	return NULL;
}

int sample_metric_option(const char *command, const char *name,
			 const struct sample_metric **metric)
{
	*metric = sample_metric_find(name);
	if (*metric)
		return 0;
	pb_error("%s: --metric '%s': one of %s", command, name,
		 sample_metric_names());
	return -1;
}

const char *sample_metric_names(void)
{
	static char names[256];
	size_t i;

	if (names[0])
		return names;
	for (i = 0; i < NR_METRICS; i++)
		snprintf(names + strlen(names), sizeof(names) - strlen(names),
			 "%s%s", i ? ", " : "", metrics[i].name);
	return names;
}

bool sample_metric_missing(const struct sample_table *table,
			   const struct sample_metric *metric)
{
	bool measured = false;
	size_t i;

	for (i = 0; i < table->count; i++) {
		if (!sample_is_measured(&table->rows[i]))
			continue;
		if (!isnan(metric->value(&table->rows[i])))
			return false;
		measured = true;
	}
	return measured;
}

void sample_metric_absent_text(const struct sample_metric *metric,
			       const char *dir, char *buf, size_t len)
{
	if (metric->insns)
		snprintf(buf, len,
			 "%s has no instruction counts (make bench COUNT=insns, or pinbench insns-join)",
			 dir);
	else
		snprintf(buf, len, "%s has no %s values", dir, metric->name);
}

/*
 * The boot a row was measured in: samples.csv's boot column (sweep
 * --boot; pinbench merge puts several boots in one directory). Files
 * without the column read as boot 0.
 */
static unsigned int boot_of(const struct sample_row *row)
{
	return row->boot;
}

int replicates_extract(const struct sample_table *table, const size_t *rows,
		       size_t nr_rows, const struct sample_metric *metric,
		       struct replicates *out)
{
	double *values = malloc((nr_rows ? nr_rows : 1) * sizeof(*values));
	unsigned int *boot = malloc((nr_rows ? nr_rows : 1) * sizeof(*boot));
	size_t i, n = 0;
	int ret = -1;

	if (!values || !boot)
		goto out;
	for (i = 0; i < nr_rows; i++) {
		const struct sample_row *row = &table->rows[rows[i]];

		if (!sample_is_measured(row))
			continue;
		values[n] = metric->value(row);
		/* not counted, or an interrupt in the window: not a value */
		if (isnan(values[n]))
			continue;
		boot[n] = boot_of(row);
		n++;
	}
	ret = replicates_from_values(values, boot, n, out);
out:
	free(values);
	free(boot);
	return ret;
}

int replicates_from_values(const double *values, const unsigned int *boot,
			   size_t n, struct replicates *out)
{
	double *scratch;
	bool *done;
	size_t i, j, m;

	memset(out, 0, sizeof(*out));
	out->values = malloc((n ? n : 1) * sizeof(*out->values));
	scratch = malloc((n ? n : 1) * sizeof(*scratch));
	done = calloc(n ? n : 1, sizeof(*done));
	if (!out->values || !scratch || !done) {
		free(scratch);
		free(done);
		replicates_free(out);
		return -1;
	}
	/* one median per boot, boots in order of first appearance */
	for (i = 0; i < n; i++) {
		if (done[i])
			continue;
		for (j = i, m = 0; j < n; j++) {
			if (boot[j] != boot[i])
				continue;
			scratch[m++] = values[j];
			done[j] = true;
		}
		out->values[out->boots++] = stats_median(scratch, m);
	}
	if (out->boots > 1) {
		out->unit = REPLICATE_BOOT_MEDIANS;
		out->n = out->boots;
	} else {
		out->unit = REPLICATE_ITERATIONS;
		memcpy(out->values, values, n * sizeof(*values));
		out->n = n;
	}
	free(scratch);
	free(done);
	return 0;
}

double replicates_median(const struct replicates *r)
{
	double *copy = malloc((r->n ? r->n : 1) * sizeof(*copy));
	double m;

	if (!copy)
		return NAN;
	/* stats_median sorts: the replicates keep their boot order */
	memcpy(copy, r->values, r->n * sizeof(*copy));
	m = stats_median(copy, r->n);
	free(copy);
	return m;
}

void replicates_free(struct replicates *r)
{
	free(r->values);
	memset(r, 0, sizeof(*r));
}

void replicate_tally_add(struct replicate_tally *tally,
			 const struct replicates *r)
{
	if (tally->any && (r->unit != tally->unit || r->boots != tally->boots))
		tally->mixed = true;
	tally->unit = r->unit;
	tally->boots = r->boots;
	tally->any = true;
}

void replicate_tally_describe(const struct replicate_tally *tally, char *buf,
			      size_t len)
{
	if (tally->mixed)
		snprintf(buf, len,
			 "per-boot medians where a config has several boots, else iterations of one boot");
	else if (tally->unit == REPLICATE_BOOT_MEDIANS)
		snprintf(buf, len, "per-boot medians of %zu boots",
			 tally->boots);
	else
		snprintf(buf, len, "iterations of one boot");
}
