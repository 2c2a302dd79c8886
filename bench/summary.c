#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"
#include "catalog_json.h"
#include "csv.h"
#include "paths.h"
#include "sizes.h"
#include "sample_view.h"
#include "summary.h"

/* The config a noop floor is shared by: everything but the strategy. */
static int compare_config(const struct sample_row *a,
			  const struct sample_row *b)
{
	int c;

	if ((c = strcmp(a->kernel, b->kernel)) ||
	    (c = strcmp(a->accel, b->accel)) ||
	    (c = strcmp(a->composition, b->composition)))
		return c;
	if (a->size_bytes != b->size_bytes)
		return a->size_bytes < b->size_bytes ? -1 : 1;
	return (int)a->write - (int)b->write;
}

static int compare_group_key(const struct sample_row *a,
			     const struct sample_row *b)
{
	int c;

	if ((c = compare_config(a, b)) ||
	    (c = strcmp(a->pin_method, b->pin_method)))
		return c;
	return strcmp(a->strategy, b->strategy);
}

/* Key, then file order: each group's rows stay in the order written. */
static int compare_row_indexes(const void *pa, const void *pb, void *arg)
{
	const struct sample_row *rows = arg;
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	int c = compare_group_key(&rows[a], &rows[b]);

	if (c)
		return c;
	return a < b ? -1 : a > b;
}

static int compare_groups_by_first_row(const void *pa, const void *pb)
{
	const struct summary_group *a = pa, *b = pb;

	return a->rows[0] < b->rows[0] ? -1 : a->rows[0] > b->rows[0];
}

/*
 * The calibrated columns from each boot's median (scaled[k], boot
 * boots[k]): scaled in place by run median / the boot's calibration.
 */
static void calibrate_boots(double *scaled, const unsigned int *boots,
			    size_t k, const struct run_calibration *calib,
			    struct summary_group *g)
{
	struct ns_stats s;
	double ns;
	size_t i;

	g->calib_median = g->between_boot_cv_calibrated = NAN;
	if (!calib || !k || isnan(calib->median_ns))
		return;
	for (i = 0; i < k; i++) {
		ns = run_calibration_of_boot(calib, boots[i]);
		if (isnan(ns) || ns <= 0)
			return;	/* a boot without one: no calibrated figure */
		scaled[i] *= calib->median_ns / ns;
	}
	stats_compute(scaled, k, &s);
	g->calib_median = s.median;
	g->between_boot_cv_calibrated = s.cv;
}

/*
 * The spread between and within boots of values[i] (measured in boot
 * boot[i]), and with >= 2 boots the confidence intervals of the mean and
 * of the median of the per-boot medians in place of the iterations' ones.
 */
static int boot_spread(const double *values, const unsigned int *boot,
		       size_t n, const struct run_calibration *calib,
		       struct summary_group *g)
{
	double *scratch = malloc((n ? n : 1) * sizeof(*scratch));
	double *boot_median = malloc((n ? n : 1) * sizeof(*boot_median));
	unsigned int *boot_id = malloc((n ? n : 1) * sizeof(*boot_id));
	bool *done = calloc(n ? n : 1, sizeof(*done));
	struct replicates r;
	struct ns_stats medians;
	size_t i, j, m, k = 0, cvs = 0;
	double cv_sum = 0;

	g->boots = 0;
	g->within_boot_cv = g->between_boot_cv = NAN;
	g->ci_unit = REPLICATE_ITERATIONS;
	if (!scratch || !boot_median || !boot_id || !done ||
	    replicates_from_values(values, boot, n, &r)) {
		free(scratch);
		free(boot_median);
		free(boot_id);
		free(done);
		return -1;
	}
	g->boots = n ? r.boots : 0;
	for (i = 0; i < n; i++) {
		if (done[i])
			continue;
		for (j = i, m = 0; j < n; j++) {
			if (boot[j] != boot[i])
				continue;
			scratch[m++] = values[j];
			done[j] = true;
		}
		stats_compute(scratch, m, &medians);	/* this boot's */
		boot_id[k] = boot[i];
		boot_median[k++] = medians.median;
		if (!isnan(medians.cv)) {
			cv_sum += medians.cv;
			cvs++;
		}
	}
	if (cvs)
		g->within_boot_cv = cv_sum / (double)cvs;
	calibrate_boots(boot_median, boot_id, k, calib, g);
	if (r.unit == REPLICATE_BOOT_MEDIANS) {
		memcpy(scratch, r.values, r.n * sizeof(*scratch));
		stats_compute(scratch, r.n, &medians);
		g->between_boot_cv = medians.cv;
		g->stats = medians;	/* its CIs and center; the rest redone */
		g->ci_unit = REPLICATE_BOOT_MEDIANS;
	}
	replicates_free(&r);
	free(scratch);
	free(boot_median);
	free(boot_id);
	free(done);
	return 0;
}

static int summarize_group(const struct sample_table *table,
			   const struct run_calibration *calib,
			   struct summary_group *g)
{
	double *values = malloc(g->nr_rows * sizeof(*values));
	double *pin_values = malloc(g->nr_rows * sizeof(*pin_values));
	unsigned int *boot = malloc(g->nr_rows * sizeof(*boot));
	size_t i, n = 0;
	int ret;

	if (!values || !pin_values || !boot) {
		free(values);
		free(pin_values);
		free(boot);
		return -1;
	}
	g->first = &table->rows[g->rows[0]];
	g->status = g->first->status;
	g->mix_ok = -1;
	for (i = 0; i < g->nr_rows; i++) {
		const struct sample_row *row = &table->rows[g->rows[i]];

		if (!sample_is_measured(row))
			continue;
		if (!n)
			g->first = row;	/* its pages and run_id are real */
		values[n] = sample_ns_per_page(row);
		pin_values[n] = sample_pin_ns_per_page(row);
		boot[n] = row->boot;
		n++;
		if (g->mix_ok < 0 || !row->mix_ok)
			g->mix_ok = row->mix_ok;
		g->disturbed += row->disturbed > 0;
	}
	if (n)
		g->status = SAMPLE_STATUS_OK;
	g->pin_median = stats_median(pin_values, n);
	g->noop_median = NAN;
	/* stats_compute sorts values: the boots' spread first */
	ret = boot_spread(values, boot, n, calib, g);
	if (!ret) {
		struct ns_stats ci = g->stats;	/* boot_spread's CIs, if any */

		stats_compute(values, n, &g->stats);
		if (g->ci_unit != REPLICATE_BOOT_MEDIANS)
			ci = g->stats;
		g->stats.ci95_lo = ci.ci95_lo;
		g->stats.ci95_hi = ci.ci95_hi;
		g->ci_center = ci.mean;
		g->stats.median_ci_lo = ci.median_ci_lo;
		g->stats.median_ci_hi = ci.median_ci_hi;
		g->stats.median_ci_level = ci.median_ci_level;
		g->median_ci_center = ci.median;
	}
	free(values);
	free(pin_values);
	free(boot);
	return ret ? ret : summary_group_counts(table, g);
}

const struct summary_group *summary_sibling(const struct summary *sum,
					   const struct summary_group *g,
					   const char *strategy)
{
	size_t i;

	for (i = 0; i < sum->count; i++) {
		const struct summary_group *p = &sum->groups[i];

		if (!strcmp(p->first->strategy, strategy) &&
		    !compare_config(p->first, g->first) &&
		    !strcmp(p->first->pin_method, g->first->pin_method))
			return p;
	}
	return NULL;
}

/*
 * The harness floor of a group: the noop of the same config, of the same
 * pin method when it ran with one, else the first noop group.
 */
const struct summary_group *summary_floor(const struct summary *sum,
					 const struct summary_group *g,
					 const char *floor)
{
	const struct summary_group *found = NULL;
	size_t j;

	for (j = 0; floor && j < sum->count; j++) {
		const struct summary_group *noop = &sum->groups[j];

		if (strcmp(noop->first->strategy, floor) || !noop->stats.n ||
		    compare_config(noop->first, g->first))
			continue;
		if (!found)
			found = noop;
		if (!strcmp(noop->first->pin_method, g->first->pin_method))
			return noop;
	}
	return found;
}

static void attach_noop_floors(struct summary *sum, const char *floor)
{
	size_t i;

	for (i = 0; i < sum->count; i++) {
		const struct summary_group *noop;

		noop = summary_floor(sum, &sum->groups[i], floor);
		if (noop)
			sum->groups[i].noop_median = noop->stats.median;
	}
}

int summary_compute(const struct sample_table *table,
		    const struct run_calibration *calib, const char *floor,
		    struct summary *sum)
{
	size_t *order, i, start;

	memset(sum, 0, sizeof(*sum));
	if (!table->count)
		return 0;
	order = malloc(table->count * sizeof(*order));
	sum->groups = calloc(table->count, sizeof(*sum->groups));
	if (!order || !sum->groups) {
		free(order);
		free(sum->groups);
		sum->groups = NULL;
		return -1;
	}
	sum->row_order = order;
	for (i = 0; i < table->count; i++)
		order[i] = i;
	qsort_r(order, table->count, sizeof(*order), compare_row_indexes,
		table->rows);

	for (start = 0, i = 1; i <= table->count; i++) {
		if (i < table->count &&
		    !compare_group_key(&table->rows[order[start]],
				       &table->rows[order[i]]))
			continue;
		sum->groups[sum->count].rows = &order[start];
		sum->groups[sum->count].nr_rows = i - start;
		sum->count++;
		start = i;
	}
	qsort(sum->groups, sum->count, sizeof(*sum->groups),
	      compare_groups_by_first_row);
	for (i = 0; i < sum->count; i++) {
		if (summarize_group(table, calib, &sum->groups[i])) {
			summary_free(sum);
			return -1;
		}
	}
	attach_noop_floors(sum, floor);
	return 0;
}

void summary_free(struct summary *sum)
{
	free(sum->groups);
	free(sum->row_order);
	memset(sum, 0, sizeof(*sum));
}

static void write_summary_row(FILE *f, const struct summary_group *g)
{
	const struct sample_row *r = g->first;
	const struct ns_stats *s = &g->stats;

	samples_csv_write_config(f, r);
	csv_write_field(f, g->status);
	fprintf(f, ",%zu", s->n);
	/* NaN (no samples, or no spread with one) is written as empty */
	fputc(',', f);
	csv_write_double(f, "%.3f", s->min);
	fputc(',', f);
	csv_write_double(f, "%.3f", s->median);
	fputc(',', f);
	csv_write_double(f, "%.3f", s->mean);
	fputc(',', f);
	csv_write_double(f, "%.3f", s->stddev);
	fputc(',', f);
	csv_write_double(f, "%.4f", s->cv);
	fputc(',', f);
	csv_write_double(f, "%.3f", s->p90);
	fputc(',', f);
	csv_write_double(f, "%.3f", s->p99);
	fputc(',', f);
	csv_write_double(f, "%.3f", s->max);
	fputc(',', f);
	csv_write_double(f, "%.3f", s->ci95_lo);
	fputc(',', f);
	csv_write_double(f, "%.3f", s->ci95_hi);
	fputc(',', f);
	csv_write_double(f, "%.3f", g->pin_median);
	fputc(',', f);
	csv_write_double(f, "%.3f", g->noop_median);
	fputc(',', f);
	if (g->mix_ok >= 0)
		fprintf(f, "%d", g->mix_ok);
	fprintf(f, ",%zu,", g->boots);
	csv_write_double(f, "%.4f", g->within_boot_cv);
	fputc(',', f);
	csv_write_double(f, "%.4f", g->between_boot_cv);
	fputc(',', f);
	if (s->n)
		fputs(g->ci_unit == REPLICATE_BOOT_MEDIANS ? "boots" :
		      "iterations", f);
	fputc(',', f);
	csv_write_double(f, "%.3f", s->n ? g->ci_center : NAN);
	fputc(',', f);
	csv_write_double(f, "%.3f", s->median_ci_lo);
	fputc(',', f);
	csv_write_double(f, "%.3f", s->median_ci_hi);
	fputc(',', f);
	csv_write_double(f, "%.4f", s->median_ci_level);
	fputc(',', f);
	csv_write_double(f, "%.3f", s->n ? g->median_ci_center : NAN);
	fputc(',', f);
	csv_write_double(f, "%.3f", s->n ? g->calib_median : NAN);
	fputc(',', f);
	csv_write_double(f, "%.4f", s->n ? g->between_boot_cv_calibrated :
			 NAN);
	fputc(',', f);
	if (s->n)
		fprintf(f, "%zu", g->disturbed);
	fputc(',', f);
	csv_write_field(f, g->first->pin_mode ? g->first->pin_mode : "");
	summary_counts_write(f, &g->counts);
	summary_insns_write(f, &g->insns);
	fputc('\n', f);
}

static int write_summary_csv(FILE *f, void *arg)
{
	const struct summary *sum = arg;
	size_t i;

	fputs(SUMMARY_CSV_HEADER "\n", f);
	for (i = 0; i < sum->count; i++)
		write_summary_row(f, &sum->groups[i]);
	return ferror(f) ? -1 : 0;
}

int summary_csv_write(const char *path, const struct summary *sum)
{
	return atomic_write_file(path, write_summary_csv, (void *)sum);
}

/* File names are built from CSV fields: keep them to a safe alphabet. */
static void append_name_part(char *buf, size_t len, const char *part)
{
	size_t used = strlen(buf);

	if (used && used + 1 < len)
		buf[used++] = '_';
	for (; *part && used + 1 < len; part++)
		buf[used++] = isalnum((unsigned char)*part) ||
			      strchr("._-+:", *part) ? *part : '-';
	buf[used] = '\0';
}

static bool one_kernel_and_accel(const struct summary *sum)
{
	size_t i;

	for (i = 1; i < sum->count; i++)
		if (strcmp(sum->groups[i].first->kernel,
			   sum->groups[0].first->kernel) ||
		    strcmp(sum->groups[i].first->accel,
			   sum->groups[0].first->accel))
			return false;
	return true;
}

struct ministat_ctx {
	const struct sample_table *table;
	const struct summary_group *group;
};

static int write_ministat_values(FILE *f, void *arg)
{
	const struct ministat_ctx *ctx = arg;
	size_t i;

	for (i = 0; i < ctx->group->nr_rows; i++) {
		const struct sample_row *row =
			&ctx->table->rows[ctx->group->rows[i]];

		if (sample_is_measured(row))
			fprintf(f, "%.3f\n", sample_ns_per_page(row));
	}
	return ferror(f) ? -1 : 0;
}

/*
 * <composition>_<size>_<pin_method>_<strategy>.txt, plus "_ro" for
 * read-only pins and "_<kernel>_<accel>" when a directory holds several,
 * so that two configs never share a file.
 */
static void ministat_file_name(const struct summary_group *g,
			       bool name_kernel, char *buf, size_t len)
{
	const struct sample_row *r = g->first;
	char size[32];

	size_format(r->size_bytes, size, sizeof(size));
	buf[0] = '\0';
	append_name_part(buf, len, r->composition);
	append_name_part(buf, len, size);
	append_name_part(buf, len, r->pin_method);
	append_name_part(buf, len, r->strategy);
	if (!r->write)
		append_name_part(buf, len, "ro");
	if (name_kernel) {
		append_name_part(buf, len, r->kernel);
		append_name_part(buf, len, r->accel);
	}
	strncat(buf, ".txt", len - strlen(buf) - 1);
}

int ministat_write_dir(struct atomic_set *set, const char *dir,
		       const struct sample_table *table,
		       const struct summary *sum)
{
	bool name_kernel = !one_kernel_and_accel(sum);
	char name[512], path[4096];
	size_t i;

	if (mkdir_parents(dir, 0755))
		return -1;
	for (i = 0; i < sum->count; i++) {
		struct ministat_ctx ctx = {
			.table = table, .group = &sum->groups[i],
		};

		if (!sum->groups[i].stats.n)
			continue;
		ministat_file_name(&sum->groups[i], name_kernel, name,
				   sizeof(name));
		if (path_join(path, sizeof(path), dir, name) ||
		    atomic_set_write(set, path, write_ministat_values, &ctx))
			return -1;
	}
	return 0;
}

int summarize_dir(const char *dir, bool exclude_disturbed, char *err,
		  size_t errlen)
{
	struct view_counts counts;
	struct run_calibration calib = { 0 };
	struct atomic_set set = { 0 };
	struct module_info catalog;
	struct sample_table table;
	struct summary sum;
	char path[4096];
	int ret = -1;

	if (path_join(path, sizeof(path), dir, "samples.csv")) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	if (samples_csv_read(path, &table, err, errlen))
		return -1;
	if (sample_view_apply(&table, exclude_disturbed, &counts)) {
		snprintf(err, errlen, "summarizing %s: out of memory", path);
		goto out_table;
	}
	if (catalog_load_dir(dir, &catalog, err, errlen))
		goto out_table;
	if (run_calibration_load(dir, &calib) ||
	    summary_compute(&table, &calib,
			    info_strategy_with(&catalog, PINBENCH_ROLE_FLOOR),
			    &sum)) {
		snprintf(err, errlen, "summarizing %s: out of memory", path);
		goto out_table;
	}
	/* all written before any is renamed: a failure keeps the old set */
	if (path_join(path, sizeof(path), dir, "summary.csv") ||
	    atomic_set_write(&set, path, write_summary_csv, &sum)) {
		snprintf(err, errlen, "writing %s: %s", path, strerror(errno));
		goto out_summary;
	}
	if (path_join(path, sizeof(path), dir, "ministat") ||
	    ministat_write_dir(&set, path, &table, &sum)) {
		snprintf(err, errlen, "writing %s/: %s", path, strerror(errno));
		goto out_summary;
	}
	if (atomic_set_commit(&set)) {
		snprintf(err, errlen, "writing %s: %s", set.failed,
			 strerror(errno));
		goto out_summary;
	}
	ret = 0;
out_summary:
	atomic_set_free(&set);
	summary_free(&sum);
out_table:
	run_calibration_free(&calib);
	sample_table_free(&table);
	return ret;
}
