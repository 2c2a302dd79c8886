/*
 * What fio-summarize writes from the loaded jobs: fio.csv, the figure's
 * data fio-iops.dat and the report section fio-report.txt. Every word in
 * them comes from fio_result.c's tables or passed its name check.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "fio_run.h"
#include "text_table.h"

void fio_bs_label(unsigned long long bs, char *out, size_t outlen)
{
	if (bs % (1ULL << 20) == 0)
		snprintf(out, outlen, "%lluM", bs >> 20);
	else if (bs % 1024 == 0)
		snprintf(out, outlen, "%lluK", bs >> 10);
	else
		snprintf(out, outlen, "%llu", bs);
}

void fio_case_label(const struct fio_row *r, char *out, size_t outlen)
{
	char bs[32];

	fio_bs_label(r->bs, bs, sizeof(bs));
	snprintf(out, outlen, "%s/%s/%s", r->target, r->rw, bs);
}

void fio_variant_label(const struct fio_row *r, char *out, size_t outlen)
{
	snprintf(out, outlen, "%s%s/%s", r->engine,
		 r->fixedbufs ? "+fixedbufs" : "", r->buffer);
}

static const char *const csv_columns[] = {
	"kernel", "accel", "emulated", "name", "target", "engine",
	"fixedbufs", "buffer", "bs_bytes", "rw", "iops", "bw_bytes",
	"clat_p50_ns", "clat_p99_ns", "usr_cpu", "sys_cpu", NULL,
};

int fio_write_csv(FILE *f, void *ctx)
{
	const struct fio_run *run = ctx;
	const struct fio_job *j;
	size_t i;

	for (i = 0; csv_columns[i]; i++)
		fprintf(f, "%s%s", i ? "," : "", csv_columns[i]);
	fputs(run->shares ? ",pin_share,unpin_share\n" : "\n", f);
	for (i = 0; i < run->njobs; i++) {
		j = &run->jobs[i];
		csv_write_field(f, run->kernel);
		fputc(',', f);
		csv_write_field(f, run->accel);
		fprintf(f, ",%d,", run->emulated);
		csv_write_field(f, j->row.name);
		fprintf(f, ",%s,%s,%d,%s,%llu,%s,%.3f,%llu,%llu,%llu,%.2f,%.2f",
			j->row.target, j->row.engine, j->row.fixedbufs,
			j->row.buffer, (unsigned long long)j->row.bs,
			j->row.rw, j->row.iops,
			(unsigned long long)j->row.bw_bytes,
			(unsigned long long)j->row.clat_p50_ns,
			(unsigned long long)j->row.clat_p99_ns,
			j->row.usr_cpu, j->row.sys_cpu);
		if (run->shares) {
			fputc(',', f);
			csv_write_double(f, "%.4f", j->pin_share);
			fputc(',', f);
			csv_write_double(f, "%.4f", j->unpin_share);
		}
		fputc('\n', f);
	}
	return ferror(f) ? -1 : 0;
}

/* Index of label in labels[0..n), appended if new. */
static size_t label_slot(char (*labels)[64], size_t *n, const char *label)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (!strcmp(labels[i], label))
			return i;
	snprintf(labels[*n], sizeof(labels[0]), "%s", label);
	return (*n)++;
}

/* What a figure table shows of a job. */
typedef double (*fio_value_fn)(const struct fio_job *job);

static double job_iops(const struct fio_job *job)
{
	return job->row.iops;
}

/* pin + unpin, percent of the job's CPU samples */
static double job_pin_unpin_pct(const struct fio_job *job)
{
	return 100 * (job->pin_share + job->unpin_share);
}

/*
 * A header "case <variant>...", then a row per case, "-" where a variant
 * did not run it. The jobs are sorted by case then variant, so both come
 * out in table order; at most a variant per job, a case per job.
 */
static int write_variant_table(FILE *f, const struct fio_run *run,
			       const char *what, fio_value_fn value)
{
	char (*variants)[64], (*cases)[64], label[64];
	size_t nvariants = 0, ncases = 0, i, v, c, k;
	double *cell;
	int status = -1;

	variants = calloc(run->njobs, sizeof(*variants));
	cases = calloc(run->njobs, sizeof(*cases));
	cell = malloc(run->njobs * run->njobs * sizeof(*cell));
	if (!variants || !cases || !cell)
		goto out;
	/* variants in table order: engine, buffer, then fixedbufs, so that
	 * fixedbufs 0 and 1 of a buffer kind stand side by side */
	for (k = 0; k < 3 * 3 * 2; k++)
		for (i = 0; i < run->njobs; i++) {
			const struct fio_row *r = &run->jobs[i].row;

			if ((size_t)fio_word_index(fio_engines, r->engine) * 6 +
			    (size_t)fio_word_index(fio_buffers, r->buffer) * 2 +
			    (size_t)r->fixedbufs != k)
				continue;
			fio_variant_label(r, label, sizeof(label));
			label_slot(variants, &nvariants, label);
		}
	for (i = 0; i < run->njobs * run->njobs; i++)
		cell[i] = NAN;
	for (i = 0; i < run->njobs; i++) {
		fio_case_label(&run->jobs[i].row, label, sizeof(label));
		c = label_slot(cases, &ncases, label);
		fio_variant_label(&run->jobs[i].row, label, sizeof(label));
		v = label_slot(variants, &nvariants, label);
		cell[c * run->njobs + v] = value(&run->jobs[i]);
	}
	fprintf(f, "# %s of each fio job (pinbench fio-summarize), kernel %s, accel %s%s\n",
		what, run->kernel, run->accel,
		run->emulated ? ", EMULATED (TCG)" : "");
	fputs("case", f);
	for (v = 0; v < nvariants; v++)
		fprintf(f, " %s", variants[v]);
	fputc('\n', f);
	for (c = 0; c < ncases; c++) {
		fputs(cases[c], f);
		for (v = 0; v < nvariants; v++) {
			double x = cell[c * run->njobs + v];

			if (isnan(x))
				fputs(" -", f);
			else
				fprintf(f, " %.3f", x);
		}
		fputc('\n', f);
	}
	status = ferror(f) ? -1 : 0;
out:
	free(variants);
	free(cases);
	free(cell);
	return status;
}

int fio_write_iops_dat(FILE *f, void *ctx)
{
	return write_variant_table(f, ctx, "IOPS", job_iops);
}

int fio_write_shares_dat(FILE *f, void *ctx)
{
	const struct fio_run *run = ctx;

	if (!run->shares)	/* no profiles read: the figure draws IOPS alone */
		return fputs("# no pin/unpin shares (no share provider)\n", f) < 0 ? -1 : 0;
	return write_variant_table(f, ctx, "pin + unpin share (%)",
				   job_pin_unpin_pct);
}

static const struct {
	const char *title;
	const char *align;
} report_columns[] = {
	{ "job", "l" }, { "IOPS", "r" }, { "MiB/s", "r" },
	{ "clat p50 us", "r" }, { "p99 us", "r" }, { "usr%", "r" },
	{ "sys%", "r" }, { "pin share", "r" }, { "unpin share", "r" },
};

int fio_write_report(FILE *f, void *ctx)
{
	const struct fio_run *run = ctx;
	size_t ncols = sizeof(report_columns) / sizeof(report_columns[0]);
	struct text_table t;
	size_t i, row;
	int status;

	if (!run->shares)
		ncols -= 2;
	fprintf(f, "fio end-to-end: O_DIRECT IO through the kernel's own pin and unpin paths\n"
		"kernel %s, accel %s, %zu jobs (DIR/fio/<job>.json)\n",
		run->kernel, run->accel, run->njobs);
	if (run->emulated)
		fputs("EMULATED (TCG): every instruction is emulated; IOPS and latencies are\n"
		      "relative costs of code paths on this kernel, not hardware figures.\n", f);
	fputc('\n', f);
	tt_init(&t, ncols);
	for (i = 0; i < ncols; i++)
		tt_group(&t, i, report_columns[i].title, report_columns[i].align);
	for (i = 0; i < run->njobs; i++) {
		const struct fio_job *j = &run->jobs[i];

		row = tt_add_row(&t);
		tt_set(&t, row, 0, 0, "%s", j->row.name);
		tt_set(&t, row, 1, 0, "%.0f", j->row.iops);
		tt_set(&t, row, 2, 0, "%.1f", j->row.bw_bytes / 1048576.0);
		tt_set(&t, row, 3, 0, "%.1f", j->row.clat_p50_ns / 1000.0);
		tt_set(&t, row, 4, 0, "%.1f", j->row.clat_p99_ns / 1000.0);
		tt_set(&t, row, 5, 0, "%.1f", j->row.usr_cpu);
		tt_set(&t, row, 6, 0, "%.1f", j->row.sys_cpu);
		if (run->shares) {
			tt_set(&t, row, 7, 0, "%.1f%%", 100 * j->pin_share);
			tt_set(&t, row, 8, 0, "%.1f%%", 100 * j->unpin_share);
		}
	}
	status = tt_print_text(f, &t, "  ");
	tt_free(&t);
	fputc('\n', f);
	if (run->shares)
		fprintf(f, "pin/unpin share: of the job's CPU samples (perf record, all CPUs), those in\n"
			"  %s\n", run->shares->symbols);
	else
		fputs("pin/unpin share: not computed here; each job's profile is\n"
		      "  fio/<job>.perf.txt (perf report --no-children --sort symbol).\n", f);
	return status || ferror(f) ? -1 : 0;
}
