#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"
#include "compare.h"
#include "figures.h"
#include "meta.h"
#include "paths.h"
#include "pin_mode_groups.h"
#include "replicates.h"
#include "report.h"
#include "sample_view.h"
#include "report_calibration.h"
#include "report_cells.h"
#include "report_counters.h"
#include "report_insns.h"
#include "report_profiles.h"
#include "run_dir.h"
#include "sample_check.h"
#include "sizes.h"
#include "text_table.h"
#include "welch.h"

/* One table: a composition (kernel, accel, write) under one pin mode. */
struct report_section {
	const struct sample_row *key;
	struct pin_mode_group group;
};

struct report {
	const struct run_dir *rd;
	const struct report_options *opt;
	const char *baseline;		/* --baseline, or the catalogue's */
	const char *floor;		/* the catalogue's; "" for none */
	const struct sample_metric *metric;	/* of the cells and tests */
	struct replicates *reps;	/* per summary group */
	struct report_cell *cells;	/* per summary group */
	struct report_section *sections;
	size_t nsections;
	bool several_kernels;
	char unit[160];		/* of the tests vs the baseline */
};

/* ---- which tables ---- */

static bool same_section(const struct sample_row *a,
			 const struct sample_row *b)
{
	return !strcmp(a->kernel, b->kernel) && !strcmp(a->accel, b->accel) &&
	       !strcmp(a->composition, b->composition) && a->write == b->write;
}

static int add_section(struct report *r, const struct sample_row *key,
		       const struct pin_mode_group *group)
{
	struct report_section *bigger;

	bigger = realloc(r->sections,
			 (r->nsections + 1) * sizeof(*r->sections));
	if (!bigger)
		return -1;
	r->sections = bigger;
	r->sections[r->nsections++] = (struct report_section){
		.key = key, .group = *group,
	};
	return 0;
}

/* The pin methods of key's section, in the order they ran, each once. */
static size_t section_methods(const struct summary *sum,
			      const struct sample_row *key, const char **ran)
{
	size_t i, j, n = 0;

	for (i = 0; i < sum->count; i++) {
		const struct sample_row *row = sum->groups[i].first;

		if (!same_section(row, key))
			continue;
		for (j = 0; j < n && strcmp(ran[j], row->pin_method); j++)
			;
		if (j == n)
			ran[n++] = row->pin_method;
	}
	return n;
}

/* A table per pin mode group (pin_mode_groups.h) of each section. */
static int build_sections(struct report *r)
{
	const struct summary *sum = &r->rd->sum;
	const char **ran = malloc((sum->count + 1) * sizeof(*ran));
	struct pin_mode_group *groups = NULL;
	size_t i, j, m, ngroups, nran;
	int ret = -1;

	if (!ran)
		return -1;
	for (i = 0; i < sum->count; i++) {
		const struct sample_row *key = sum->groups[i].first;

		for (j = 0; j < i; j++)
			if (same_section(sum->groups[j].first, key))
				break;
		if (j < i)
			continue;	/* its tables exist */
		nran = section_methods(sum, key, ran);
		if (pin_mode_groups(&r->rd->catalog, ran, nran, &groups,
				    &ngroups))
			goto out;
		for (m = 0; m < ngroups; m++)
			if (add_section(r, key, &groups[m]))
				goto out;
		free(groups);
		groups = NULL;
	}
	ret = 0;
out:
	free(groups);
	free(ran);
	return ret;
}

/* ---- a table's rows and columns ---- */

static bool in_section(const struct report_section *s,
		       const struct summary_group *g)
{
	return same_section(g->first, s->key) &&
	       pin_mode_group_has(&s->group, g->first->pin_method);
}

static int compare_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

struct section_axes {
	uint64_t *sizes;
	size_t nsizes;
	const char **strategies;	/* baseline first, noop last */
	size_t nstrategies;
};

static bool has_string(const char **list, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(list[i], s))
			return true;
	return false;
}

static int section_axes(const struct report *r, const struct report_section *s,
			struct section_axes *ax)
{
	const struct summary *sum = &r->rd->sum;
	size_t i, j, n = 0;
	bool noop = false;

	memset(ax, 0, sizeof(*ax));
	ax->sizes = malloc((sum->count + 1) * sizeof(*ax->sizes));
	ax->strategies = malloc((sum->count + 1) * sizeof(*ax->strategies));
	if (!ax->sizes || !ax->strategies) {
		free(ax->sizes);
		free(ax->strategies);
		return -1;
	}
	for (i = 0; i < sum->count; i++) {
		const struct sample_row *row = sum->groups[i].first;

		if (!in_section(s, &sum->groups[i]))
			continue;
		for (j = 0; j < ax->nsizes; j++)
			if (ax->sizes[j] == row->size_bytes)
				break;
		if (j == ax->nsizes)
			ax->sizes[ax->nsizes++] = row->size_bytes;
		if (!strcmp(row->strategy, r->floor))
			noop = true;
		else if (!has_string(ax->strategies, n, row->strategy))
			ax->strategies[n++] = row->strategy;
	}
	qsort(ax->sizes, ax->nsizes, sizeof(*ax->sizes), compare_u64);
	/* the baseline first, the rest in the order they ran */
	for (i = 0; i < n; i++) {
		if (strcmp(ax->strategies[i], r->baseline))
			continue;
		memmove(&ax->strategies[1], &ax->strategies[0],
			i * sizeof(*ax->strategies));
		ax->strategies[0] = r->baseline;
		break;
	}
	if (noop)
		ax->strategies[n++] = r->floor;
	ax->nstrategies = n;
	return 0;
}

static void section_axes_free(struct section_axes *ax)
{
	free(ax->sizes);
	free(ax->strategies);
}

static const struct summary_group *find_cell(const struct report *r,
					     const struct report_section *s,
					     const char *strategy,
					     uint64_t size)
{
	const struct summary *sum = &r->rd->sum;
	size_t i;

	for (i = 0; i < sum->count; i++) {
		const struct summary_group *g = &sum->groups[i];

		if (in_section(s, g) && g->first->size_bytes == size &&
		    !strcmp(g->first->strategy, strategy))
			return g;
	}
	return NULL;
}

static const struct replicates *reps_of(const struct report *r,
					const struct summary_group *g)
{
	return &r->reps[g - r->rd->sum.groups];
}

static bool is_default_metric(const struct report *r)
{
	return !strcmp(r->metric->name, DEFAULT_METRIC);
}

static const struct report_cell *cell_of(const struct report *r,
					 const struct summary_group *g)
{
	return &r->cells[g - r->rd->sum.groups];
}

/* ---- cells ---- */

/* p of Welch's t-test of g against the baseline; NaN if none. */
static double p_vs_baseline(const struct report *r,
			    const struct summary_group *g,
			    const struct summary_group *base)
{
	const struct replicates *a, *b;
	struct welch_result w;

	if (!base || !cell_of(r, base)->n || !cell_of(r, g)->n)
		return NAN;
	a = reps_of(r, base);
	b = reps_of(r, g);
	welch_t_test(a->values, a->n, b->values, b->n, &w);
	return w.p;
}

/*
 * A median below its run's noop floor: a bug until explained. (The floor
 * itself has its own median as its floor.)
 */
static bool below_floor(const struct report_cell *c)
{
	return c->n && !isnan(c->floor) && c->median < c->floor;
}

/*
 * Explained: the release alone of a strategy with a prepare window walks
 * runs or folios, not the pages array the floor walks; its "+prepare"
 * row of the same config is at or above the floor.
 */
static bool below_floor_explained(const struct report *r,
				  const struct summary_group *g)
{
	const struct summary_group *prepared;
	char name[128];

	snprintf(name, sizeof(name), "%s" PREPARED_SUFFIX, g->first->strategy);
	prepared = summary_sibling(&r->rd->sum, g, name);
	return prepared && cell_of(r, prepared)->n &&
	       !below_floor(cell_of(r, prepared));
}

/* How many medians are below their floor, and how many unexplained. */
static size_t count_below_floor(const struct report *r, size_t *unexplained)
{
	const struct summary *sum = &r->rd->sum;
	size_t i, n = 0;

	*unexplained = 0;
	for (i = 0; i < sum->count; i++) {
		if (!below_floor(&r->cells[i]))
			continue;
		n++;
		*unexplained += !below_floor_explained(r, &sum->groups[i]);
	}
	return n;
}

/* The WARNING line of report.txt and report.md, or "" when none. */
static void below_floor_text(const struct report *r, char *buf, size_t len)
{
	size_t unexplained, n = count_below_floor(r, &unexplained);

	buf[0] = '\0';
	if (n)
		snprintf(buf, len,
			 "%zu median(s) below the noop floor of their config (marked <): %zu unexplained (a release cheaper than walking the array is a bug until explained), %zu the release alone of a strategy with a prepare window, which walks runs or folios, not the pages array (its +prepare row is above the floor)",
			 n, unexplained, n - unexplained);
}

/*
 * median, +-stddev, (%change of the median vs the baseline), marks:
 * '*' significant (Welch vs the baseline), '!' composition off request,
 * '<' below the noop floor.
 */
static void fill_cell(const struct report *r, struct text_table *t,
		      size_t row, size_t col, const struct summary_group *g,
		      const struct summary_group *base, bool compared)
{
	const struct report_cell *c, *b;
	char median[32], sd[32], marks[4] = "";
	double p;

	if (!g) {
		tt_set(t, row, col, 0, "-");
		return;
	}
	c = cell_of(r, g);
	b = base ? cell_of(r, base) : NULL;
	if (!g->stats.n) {
		tt_set_span(t, row, col, "n/a (%s)", g->status);
		return;
	}
	if (!c->n) {	/* measured, not counted (or interrupted) */
		tt_set_span(t, row, col, "n/a (no %s)", r->metric->name);
		return;
	}
	format_value(c->median, median, sizeof(median));
	tt_set(t, row, col, 0, "%s", median);
	if (!isnan(c->stddev)) {
		format_value(c->stddev, sd, sizeof(sd));
		tt_set(t, row, col, 1, "+-%s", sd);
	}
	if (compared && b && b->n && b->median != 0) {
		tt_set(t, row, col, 2, "(%+.1f%%)",
		       100 * (c->median - b->median) / b->median);
		p = p_vs_baseline(r, g, base);
		if (!isnan(p) && p < r->opt->alpha)
			strcat(marks, "*");
	}
	if (g->mix_ok == 0)
		strcat(marks, "!");
	if (below_floor(c))
		strcat(marks, "<");
	if (marks[0])
		tt_set(t, row, col, 3, "%s", marks);
}

static void row_label(const struct report *r, const char *strategy,
		      char *buf, size_t len)
{
	if (!strcmp(strategy, r->baseline))
		snprintf(buf, len, "%s (baseline)", strategy);
	else if (!strcmp(strategy, r->floor))
		snprintf(buf, len, "%s (floor)", strategy);
	else
		snprintf(buf, len, "%s", strategy);
}

static int section_table(const struct report *r,
			 const struct report_section *s, struct text_table *t)
{
	struct section_axes ax;
	char label[128], size[32];
	size_t i, j, row;

	if (section_axes(r, s, &ax))
		return -1;
	tt_init(t, 1 + ax.nsizes);
	tt_group(t, 0, "strategy", "l");
	for (j = 0; j < ax.nsizes; j++) {
		size_format(ax.sizes[j], size, sizeof(size));
		tt_group(t, 1 + j, size, "rrrl");
		tt_gap(t, 1 + j, 1);
	}
	for (i = 0; i < ax.nstrategies; i++) {
		const char *strategy = ax.strategies[i];
		bool compared = strcmp(strategy, r->baseline) &&
				strcmp(strategy, r->floor);

		row = tt_add_row(t);
		row_label(r, strategy, label, sizeof(label));
		tt_set(t, row, 0, 0, "%s", label);
		for (j = 0; j < ax.nsizes; j++)
			fill_cell(r, t, row, 1 + j,
				  find_cell(r, s, strategy, ax.sizes[j]),
				  find_cell(r, s, r->baseline,
					    ax.sizes[j]),
				  compared);
	}
	section_axes_free(&ax);
	return 0;
}

static void section_title(const struct report *r,
			  const struct report_section *s, char *buf,
			  size_t len)
{
	char kernel[320] = "", mode[128];

	if (r->several_kernels)
		snprintf(kernel, sizeof(kernel), "kernel %s (%s): ",
			 s->key->kernel, s->key->accel);
	pin_mode_group_text(&s->group, mode, sizeof(mode));
	snprintf(buf, len, "%s%s, %s pins, pin method %s", kernel,
		 s->key->composition, s->key->write ? "write" : "read-only",
		 mode);
}

/* ---- the header ---- */

/* N of "--warmup N" on the recorded command line, or -1. */
static long warmup_of(const char *command_line)
{
	const char *p = strstr(command_line, "--warmup");

	if (!p)
		return -1;
	p += strlen("--warmup");
	if (*p != ' ' && *p != '=')
		return -1;
	return strtol(p + 1, NULL, 10);
}

/* Iterations per config (per boot, when there are several), warmup. */
static void iterations_text(const struct report *r, char *buf, size_t len)
{
	const struct summary *sum = &r->rd->sum;
	size_t i, lo = 0, hi = 0, boots = 0;
	long warmup = warmup_of(r->rd->facts.command_line);
	int used;

	for (i = 0; i < sum->count; i++)
		if (sum->groups[i].boots > boots)
			boots = sum->groups[i].boots;
	for (i = 0; i < sum->count; i++) {
		const struct summary_group *g = &sum->groups[i];
		size_t n = g->stats.n;

		if (!n)
			continue;
		if (boots > 1)	/* per boot, rounded up */
			n = (n + g->boots - 1) / g->boots;
		if (!lo || n < lo)
			lo = n;
		if (n > hi)
			hi = n;
	}
	if (lo == hi)
		used = snprintf(buf, len, "%zu per config", lo);
	else
		used = snprintf(buf, len, "%zu to %zu per config", lo, hi);
	if (boots > 1 && used > 0 && (size_t)used < len)
		used += snprintf(buf + used, len - (size_t)used,
				 " in each of %zu boots", boots);
	if (warmup >= 0 && used > 0 && (size_t)used < len)
		snprintf(buf + used, len - (size_t)used,
			 ", after %ld warmup", warmup);
}

#define INCOMPLETE_TEXT \
	"INCOMPLETE: the run was cut short (meta.json \"complete\": false); " \
	"only the cases measured before it stopped are shown"

#define EMULATED_TEXT \
	"EMULATED (TCG): the kernel ran under QEMU without KVM; these are " \
	"relative costs of code paths, not hardware figures"

struct header_line {
	const char *name;
	char value[2400];
};

enum {
	H_KERNEL, H_DEBUG, H_ACCEL, H_CPU, H_THP, H_PREEMPT, H_DATE,
	H_PINBENCH,
	H_ITERATIONS, H_ORDER, H_SAMPLES, H_METRIC, H_DISTURBED, H_COMMAND,
	NR_HEADER_LINES,
};

/* "interleaved (seed 42), pinned to CPU 1"; what an older run says. */
static void order_text(const struct run_facts *f, char *buf, size_t len)
{
	char pinned[64];

	if (!strcmp(f->cpu_pinned, "unknown"))
		snprintf(pinned, sizeof(pinned), "CPU pinning unknown");
	else if (!strcmp(f->cpu_pinned, "none"))
		snprintf(pinned, sizeof(pinned), "not pinned to a CPU");
	else
		snprintf(pinned, sizeof(pinned), "pinned to CPU %s",
			 f->cpu_pinned);
	if (!strcmp(f->order, "interleaved"))
		snprintf(buf, len,
			 "interleaved, shuffled rounds (seed %s%s), each sample %s, %s",
			 f->seed, f->boots > 1 ? " of the first boot" : "",
			 f->turn_warmup ? "after a warm iteration" :
			 "its RUN's first iteration", pinned);
	else if (!strcmp(f->order, "unknown"))
		snprintf(buf, len, "grouped (before --order), %s", pinned);
	else
		snprintf(buf, len, "%s, %s", f->order, pinned);
}

static void header_lines(const struct report *r, struct header_line *h)
{
	const struct run_facts *f = &r->rd->facts;

	h[H_KERNEL].name = "kernel";
	if (strcmp(f->kernel_version, "unknown"))
		snprintf(h[H_KERNEL].value, sizeof(h[0].value), "%s %s",
			 f->kernel, f->kernel_version);
	else
		snprintf(h[H_KERNEL].value, sizeof(h[0].value), "%s",
			 f->kernel);
	h[H_DEBUG].name = "kernel debug";
	snprintf(h[H_DEBUG].value, sizeof(h[0].value), "%s%s",
		 f->kernel_debug,
		 strcmp(f->kernel_debug, "none") && strcmp(f->kernel_debug,
							   "unknown") ?
		 " -- checks run inside some timed windows (CONFIG_DEBUG_VM: sanity_check_pinned_pages() in some unpin calls)" :
		 "");
	h[H_ACCEL].name = "accel";
	snprintf(h[H_ACCEL].value, sizeof(h[0].value), "%s%s", f->accel,
		 f->emulated ? " -- EMULATED (TCG)" : "");
	h[H_CPU].name = "cpu";
	if (f->nr_cpus)
		snprintf(h[H_CPU].value, sizeof(h[0].value),
			 "%s, %ld CPUs, NUMA nodes %s", f->cpu_model,
			 f->nr_cpus, f->numa_nodes);
	else
		snprintf(h[H_CPU].value, sizeof(h[0].value), "%s",
			 f->cpu_model);
	h[H_THP].name = "THP";
	snprintf(h[H_THP].value, sizeof(h[0].value), "enabled %s, defrag %s",
		 f->thp_enabled, f->thp_defrag);
	h[H_PREEMPT].name = "preempt";
	snprintf(h[H_PREEMPT].value, sizeof(h[0].value), "%s", f->preempt);
	h[H_DATE].name = "date";
	snprintf(h[H_DATE].value, sizeof(h[0].value), "%s", f->date);
	h[H_PINBENCH].name = "pinbench";
	snprintf(h[H_PINBENCH].value, sizeof(h[0].value),
		 "git %s, module %s", f->git_version, f->module_version);
	h[H_ITERATIONS].name = "iterations";
	iterations_text(r, h[H_ITERATIONS].value, sizeof(h[0].value));
	h[H_ORDER].name = "order";
	order_text(f, h[H_ORDER].value, sizeof(h[0].value));
	h[H_SAMPLES].name = "samples";
	snprintf(h[H_SAMPLES].value, sizeof(h[0].value),
		 "%s (what the t-tests compare)", r->unit);
	/* ns/page's reports stay as they were: the legend names it */
	h[H_METRIC].name = is_default_metric(r) ? NULL : "metric";
	snprintf(h[H_METRIC].value, sizeof(h[0].value), "%s (%s)",
		 r->metric->name, r->metric->description);
	h[H_DISTURBED].name = "disturbed";
	snprintf(h[H_DISTURBED].value, sizeof(h[0].value),
		 "%zu of %zu samples (a context switch or CPU migration in a timed window): %s",
		 r->rd->view.disturbed, r->rd->view.measured,
		 r->rd->view.excluded ? "left out (--exclude-disturbed)" :
		 "kept (--exclude-disturbed leaves them out)");
	h[H_COMMAND].name = "command";
	snprintf(h[H_COMMAND].value, sizeof(h[0].value), "%s",
		 f->command_line);
}

#define NR_LEGEND_LINES 6

/* "Release cost in ns per page", or the metric compared, named */
static void legend_measure(const struct report *r, char *buf, size_t len)
{
	if (is_default_metric(r))
		snprintf(buf, len, "Release cost in ns per page");
	else
		snprintf(buf, len, "%c%s (metric %s)",
			 toupper((unsigned char)r->metric->description[0]),
			 r->metric->description + 1, r->metric->name);
}

static void legend_lines(const struct report *r,
			 char lines[NR_LEGEND_LINES][256])
{
	const char *base = r->baseline, *floor = r->floor;
	char measure[160];

	legend_measure(r, measure, sizeof(measure));

	/*
	 * a run without the baseline or the floor measured (absent, or
	 * only unsupported rows) says so, names no stand-in
	 */
	if (*base && samples_measured_strategy(&r->rd->table, base)) {
		snprintf(lines[0], 256,
			 "%s: median +-stddev (%%change of the median vs %s).",
			 measure, base);
		snprintf(lines[1], 256,
			 "* = differs from %s%s%s: Welch's t-test, two-sided, p < %g; samples: %s.",
			 base, is_default_metric(r) ? "" : " in ",
			 is_default_metric(r) ? "" : r->metric->name,
			 r->opt->alpha, r->unit);
	} else {
		snprintf(lines[0], 256,
			 "%s: median +-stddev (no %%change: the run has no baseline strategy%s%s).",
			 measure, *base ? ", " : "", base);
		snprintf(lines[1], 256,
			 "* = not marked: nothing to test against without the baseline.");
	}
	snprintf(lines[2], 256,
		 "! = measured composition off its request (mix_ok=0). n/a: not measured, and why.");
	if (*floor && samples_measured_strategy(&r->rd->table, floor)) {
		snprintf(lines[3], 256,
			 "%s (floor): the timed loop without a release, what the harness costs per page.",
			 floor);
		snprintf(lines[4], 256,
			 "< = median below the %s floor of its config: a harness or timing problem until explained.",
			 floor);
	} else {
		snprintf(lines[3], 256,
			 "No floor: the run has no floor strategy%s%s, so nothing is checked against the harness's own cost.",
			 *floor ? ", " : "", floor);
		snprintf(lines[4], 256, "< = not marked without the floor.");
	}
	snprintf(lines[5], 256,
		 "X" PREPARED_SUFFIX ": X's release plus its prepare window (pages array to folios or runs), what a caller holding pages pays; X alone: one holding folios or runs.");
}

/* ---- figures of DIR/plots ---- */

static int png_only(const struct dirent *e)
{
	size_t n = strlen(e->d_name);

	return n > 4 && !strcmp(e->d_name + n - 4, ".png");
}

/* The figures' PNG names, sorted; *n = 0 when there are none. */
static struct dirent **list_figures(const char *dir, int *n)
{
	struct dirent **names = NULL;
	char path[4096];

	*n = 0;
	if (path_join(path, sizeof(path), dir, "plots"))
		return NULL;
	*n = scandir(path, &names, png_only, alphasort);
	if (*n < 0)
		*n = 0;
	return names;
}

static void free_figures(struct dirent **names, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* ---- report.txt ---- */

static int write_report_txt(FILE *f, void *arg)
{
	struct report *r = arg;
	const struct run_facts *facts = &r->rd->facts;
	struct header_line h[NR_HEADER_LINES];
	char legend[NR_LEGEND_LINES][256], title[512], floor_text[512];
	struct dirent **figures;
	size_t i;
	int n, k;

	header_lines(r, h);
	legend_lines(r, legend);
	fprintf(f, "pinbench report: %s\n", facts->run_id);
	if (facts->emulated)
		fprintf(f, "WARNING: " EMULATED_TEXT "\n");
	if (facts->cut_short)
		fprintf(f, "WARNING: " INCOMPLETE_TEXT "\n");
	below_floor_text(r, floor_text, sizeof(floor_text));
	if (floor_text[0])
		fprintf(f, "WARNING: %s\n", floor_text);
	if (report_calibration_warnings(f, r->rd, false))
		return -1;
	fputc('\n', f);
	for (i = 0; i < NR_HEADER_LINES; i++)
		if (h[i].name)
			fprintf(f, "%s:%*s%s\n", h[i].name,
				(int)(11 - strlen(h[i].name)), "", h[i].value);
	fputc('\n', f);
	for (i = 0; i < NR_LEGEND_LINES; i++)
		fprintf(f, "%s\n", legend[i]);
	if (report_calibration_sections(f, r->rd, false))
		return -1;
	for (i = 0; i < r->nsections; i++) {
		struct text_table t;
		int ret;

		section_title(r, &r->sections[i], title, sizeof(title));
		fprintf(f, "\n%s%s\n", title,
			facts->emulated ? " [EMULATED]" : "");
		if (section_table(r, &r->sections[i], &t))
			return -1;
		ret = tt_print_text(f, &t, "  ");
		tt_free(&t);
		if (ret)
			return -1;
	}
	if (!r->nsections)
		fprintf(f, "\nno measurements in samples.csv\n");
	if (report_counters_section(f, &r->rd->sum, facts->emulated, false) ||
	    report_insns_section(f, &r->rd->sum, false) ||
	    report_profile_sections(f, r->rd->path, facts->emulated, false))
		return -1;
	figures = list_figures(r->rd->path, &n);
	if (n)
		fprintf(f, "\nfigures (plots/):\n");
	for (k = 0; k < n; k++)
		fprintf(f, "  plots/%s\n", figures[k]->d_name);
	free_figures(figures, n);
	return ferror(f) ? -1 : 0;
}

/* ---- report.md ---- */

static void markdown_escaped(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (strchr("*|`\\<", *s))
			fputc('\\', f);
		fputc(*s, f);
	}
}

static void write_md_figures(FILE *f, const struct report *r)
{
	struct dirent **figures;
	size_t kind;
	int n, k;

	figures = list_figures(r->rd->path, &n);
	if (n)
		fprintf(f, "\n## Figures\n");
	/* the figures are over the catalogue's baseline (pinbench figures) */
	for (kind = 0; kind < figure_kind_count(); kind++) {
		char prefix[64], caption[128];
		bool heading = false;

		snprintf(prefix, sizeof(prefix), "%s-", figure_kind_name(kind));
		figure_kind_caption(kind, r->rd->baseline ? r->rd->baseline :
				    "baseline", caption, sizeof(caption));
		for (k = 0; k < n; k++) {
			const char *name = figures[k]->d_name;
			size_t len = strlen(name);

			if (strncmp(name, prefix, strlen(prefix)))
				continue;
			if (!heading)
				fprintf(f, "\n### %s\n", caption);
			heading = true;
			fprintf(f, "\n![%s: %.*s](plots/%s)\n", caption,
				(int)(len - strlen(prefix) - 4),
				name + strlen(prefix), name);
			fprintf(f, "([SVG](plots/%.*s.svg))\n", (int)(len - 4),
				name);
		}
	}
	free_figures(figures, n);
}

static int write_report_md(FILE *f, void *arg)
{
	struct report *r = arg;
	const struct run_facts *facts = &r->rd->facts;
	struct header_line h[NR_HEADER_LINES];
	char legend[NR_LEGEND_LINES][256], title[512], floor_text[512];
	size_t i;

	header_lines(r, h);
	legend_lines(r, legend);
	fprintf(f, "# pinbench report: ");
	markdown_escaped(f, facts->run_id);
	fputs("\n\n", f);
	if (facts->emulated)
		fprintf(f, "> **WARNING: " EMULATED_TEXT "**\n\n");
	if (facts->cut_short)
		fprintf(f, "> **WARNING: " INCOMPLETE_TEXT "**\n\n");
	below_floor_text(r, floor_text, sizeof(floor_text));
	if (floor_text[0])
		fprintf(f, "> **WARNING: %s**\n\n", floor_text);
	if (report_calibration_warnings(f, r->rd, true))
		return -1;
	fputs("| | |\n|---|---|\n", f);
	for (i = 0; i < NR_HEADER_LINES; i++) {
		if (!h[i].name)
			continue;
		fprintf(f, "| %s | ", h[i].name);
		markdown_escaped(f, h[i].value);
		fputs(" |\n", f);
	}
	fputc('\n', f);
	for (i = 0; i < NR_LEGEND_LINES; i++) {
		markdown_escaped(f, legend[i]);
		fputs("  \n", f);
	}
	if (report_calibration_sections(f, r->rd, true))
		return -1;
	for (i = 0; i < r->nsections; i++) {
		struct text_table t;
		int ret;

		section_title(r, &r->sections[i], title, sizeof(title));
		fputs("\n## ", f);
		markdown_escaped(f, title);
		fputs(facts->emulated ? " (EMULATED)\n\n" : "\n\n", f);
		if (section_table(r, &r->sections[i], &t))
			return -1;
		ret = tt_print_markdown(f, &t);
		tt_free(&t);
		if (ret)
			return -1;
	}
	if (report_counters_section(f, &r->rd->sum, facts->emulated, true) ||
	    report_insns_section(f, &r->rd->sum, true) ||
	    report_profile_sections(f, r->rd->path, facts->emulated, true))
		return -1;
	write_md_figures(f, r);
	return ferror(f) ? -1 : 0;
}

/* ---- the whole ---- */

static bool several_kernels(const struct summary *sum)
{
	size_t i;

	for (i = 1; i < sum->count; i++)
		if (strcmp(sum->groups[i].first->kernel,
			   sum->groups[0].first->kernel) ||
		    strcmp(sum->groups[i].first->accel,
			   sum->groups[0].first->accel))
			return true;
	return false;
}

static int report_prepare(struct report *r)
{
	const struct summary *sum = &r->rd->sum;
	struct replicate_tally tally = { 0 };
	size_t i;

	r->reps = calloc(sum->count + 1, sizeof(*r->reps));
	r->cells = calloc(sum->count + 1, sizeof(*r->cells));
	if (!r->reps || !r->cells)
		return -1;
	for (i = 0; i < sum->count; i++) {
		const struct summary_group *g = &sum->groups[i];

		if (replicates_extract(&r->rd->table, g->rows, g->nr_rows,
				       r->metric, &r->reps[i]))
			return -1;
		if (g->stats.n && r->reps[i].n)
			replicate_tally_add(&tally, &r->reps[i]);
	}
	if (report_cells_compute(sum, r->reps, r->metric,
				 *r->floor ? r->floor : NULL, r->cells))
		return -1;
	replicate_tally_describe(&tally, r->unit, sizeof(r->unit));
	r->several_kernels = several_kernels(sum);
	return build_sections(r);
}

static void report_free(struct report *r)
{
	size_t i;

	for (i = 0; r->reps && i < r->rd->sum.count; i++)
		replicates_free(&r->reps[i]);
	free(r->reps);
	free(r->cells);
	free(r->sections);
}

int report_write(const char *dir, const struct report_options *opt,
		 char *err, size_t errlen)
{
	struct report r = {
		.opt = opt,
		.metric = opt->metric ? opt->metric :
			  sample_metric_find(DEFAULT_METRIC),
	};
	struct atomic_set set = { 0 };
	struct run_dir rd;
	char path[4096];
	int ret = -1;

	if (run_dir_load(dir, &rd, opt->exclude_disturbed, err, errlen))
		return -1;
	r.rd = &rd;
	if (meta_dir_check(dir, err, errlen))
		goto out;
	/*
	 * the catalogue's baseline may be absent (a run without it); a name
	 * given must be there
	 */
	r.baseline = opt->baseline ? opt->baseline :
		     rd.baseline ? rd.baseline : "";
	r.floor = rd.floor ? rd.floor : "";
	if (opt->baseline && !samples_have_strategy(&rd.table, opt->baseline)) {
		snprintf(err, errlen, "--baseline %s: no such strategy in %s",
			 opt->baseline, dir);
		goto out;
	}
	/* a table of n/a is no answer: say what the run lacks */
	if (sample_metric_missing(&rd.table, r.metric)) {
		sample_metric_absent_text(r.metric, dir, err, errlen);
		goto out;
	}
	if (report_prepare(&r)) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	/* both written before either is renamed: a failure keeps the old pair */
	if (path_join(path, sizeof(path), dir, "report.txt") ||
	    atomic_set_write(&set, path, write_report_txt, &r)) {
		snprintf(err, errlen, "writing %s: %s", path, strerror(errno));
		goto out;
	}
	if (path_join(path, sizeof(path), dir, "report.md") ||
	    atomic_set_write(&set, path, write_report_md, &r)) {
		snprintf(err, errlen, "writing %s: %s", path, strerror(errno));
		goto out;
	}
	if (atomic_set_commit(&set)) {
		snprintf(err, errlen, "writing %s: %s", set.failed,
			 strerror(errno));
		goto out;
	}
	ret = 0;
out:
	atomic_set_free(&set);
	report_free(&r);
	run_dir_free(&rd);
	return ret;
}
