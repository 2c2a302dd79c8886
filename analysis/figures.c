/*
 * The figures' driver: the table of figure kinds; which pin mode groups
 * and compositions; each figure's data and variables built in memory
 * (figures_write.c writes them once all are built).
 */
#include <stdlib.h>
#include <string.h>

#include "figure.h"
#include "gp_text.h"
#include "samples_csv.h"

/*
 * A kind per composition, or one per pin mode (of --strategy); its
 * caption in report.md (%s: the baseline).
 */
static const struct figure_kind {
	const char *kind;
	bool per_composition;
	figure_fn fn;
	const char *caption;
} figure_kinds[] = {
	{ "release_vs_size", true, figure_release_vs_size,
	  "Release cost per page vs range size" },
	{ "speedup", true, figure_speedup, "Speedup over the %s loop" },
	{ "pin_vs_release", true, figure_pin_vs_release,
	  "Pin vs release cost per page" },
	{ "counters", true, figure_counters,
	  "Counters of the release window per page" },
	{ "insns", true, figure_insns,
	  "Release instructions per page vs range size (emulated, exact)" },
	{ "compositions", false, figure_compositions,
	  "Compositions side by side" },
};

#define NR_FIGURE_KINDS (sizeof(figure_kinds) / sizeof(figure_kinds[0]))

size_t figure_kind_count(void)
{
	return NR_FIGURE_KINDS;
}

const char *figure_kind_name(size_t i)
{
	return figure_kinds[i].kind;
}

void figure_kind_caption(size_t i, const char *baseline, char *buf,
			 size_t len)
{
	snprintf(buf, len, figure_kinds[i].caption, baseline);
}

/* ---- building ---- */

static int add_figure(struct figure_set *set, const struct figure *fig)
{
	struct figure *more = realloc(set->figs,
				      (set->count + 1) * sizeof(*more));

	if (!more)
		return -1;
	set->figs = more;
	more[set->count++] = *fig;
	return 0;
}

/*
 * A name in file names and the manifest: a safe alphabet, the rest '-'
 * (compositions' ':', "mixed-thp:25").
 */
static void file_part(char *buf, size_t len, const char *s)
{
	size_t n = 0;

	for (; *s && n + 1 < len; s++)
		buf[n++] = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
			   (*s >= '0' && *s <= '9') || strchr("._+-", *s) ?
			   *s : '-';
	buf[n] = '\0';
}

/* One figure of kind k: 0 (drawn or left out, said), -1 memory. */
static int draw(const struct figure_run *run, const struct figure_common *c,
		const struct figure_kind *k, const char *subject,
		const char *suffix, struct figure_set *set)
{
	struct figure fig = { 0 };
	struct figure_draft d = { 0 };
	char *own = NULL, part[160], title[2400], measured[512];
	size_t own_len = 0;
	int ret;

	fig.kind = k->kind;
	d.dat = open_memstream(&fig.dat, &fig.dat_len);
	d.vars = open_memstream(&own, &own_len);
	if (!d.dat || !d.vars) {
		if (d.dat)
			fclose(d.dat);
		if (d.vars)
			fclose(d.vars);
		free(fig.dat);
		free(own);
		return -1;
	}
	ret = k->fn(run, subject, &d);
	fclose(d.dat);
	fclose(d.vars);
	if (ret <= 0)
		goto out;
	file_part(part, sizeof(part), subject);
	snprintf(fig.name, sizeof(fig.name), "%s-%s%s", k->kind, part,
		 suffix);
	measured[0] = '\0';
	if (d.measured_line)
		figure_measured_text(run, subject, measured, sizeof(measured));
	snprintf(title, sizeof(title), "%s\n%s%s%s", d.title, c->subtitle,
		 *measured ? "\n" : "", measured);
	d.vars = open_memstream(&fig.vars, &fig.vars_len);
	if (!d.vars) {
		ret = -1;
		goto out;
	}
	gp_var_string(d.vars, "title_text", '"', title);
	fprintf(d.vars, "emulated = %d\n", c->emulated);
	gp_var_string(d.vars, "center_text", '\'', c->center_text);
	gp_var_string(d.vars, "ci_note", '\'', c->ci_note);
	fwrite(own, 1, own_len, d.vars);
	fclose(d.vars);
	ret = add_figure(set, &fig);
	if (!ret)
		fig.dat = fig.vars = NULL;	/* the set's now */
out:
	free(fig.dat);
	free(fig.vars);
	free(own);
	return ret < 0 ? -1 : 0;
}

/* The compositions measured on the kernel, in the order they ran. */
static size_t compositions(const struct figure_run *run, const char **comps)
{
	const struct summary *sum = &run->rd->sum;
	size_t i, j, n = 0;

	for (i = 0; i < sum->count; i++) {
		const char *comp = sum->groups[i].first->composition;

		if (!figure_row(run, &sum->groups[i]))
			continue;
		for (j = 0; j < n && strcmp(comps[j], comp); j++)
			;
		if (j == n)
			comps[n++] = comp;
	}
	return n;
}

/* The pin methods that ran on the kernel, in order, each once. */
static size_t methods_ran(const struct figure_run *run, const char **ran)
{
	const struct summary *sum = &run->rd->sum;
	size_t i, j, n = 0;

	for (i = 0; i < sum->count; i++) {
		const struct sample_row *row = sum->groups[i].first;

		if (strcmp(row->kernel, run->kernel) ||
		    strcmp(sum->groups[i].status, SAMPLE_STATUS_OK))
			continue;
		for (j = 0; j < n && strcmp(ran[j], row->pin_method); j++)
			;
		if (j == n)
			ran[n++] = row->pin_method;
	}
	return n;
}

static bool has_rows(const struct figure_run *run, const char *comp)
{
	const struct summary *sum = &run->rd->sum;
	size_t i;

	for (i = 0; i < sum->count; i++)
		if (figure_row(run, &sum->groups[i]) &&
		    !strcmp(sum->groups[i].first->composition, comp))
			return true;
	return false;
}

/* The figures of one pin mode group, in drawing order. */
static int draw_group(struct figure_run *run, const struct figure_common *c,
		      const char **comps, size_t ncomps, bool several,
		      struct figure_set *set)
{
	const struct pin_mode_group *g = run->group;
	char suffix[80] = "", text[128];
	size_t i, k;

	run->mode_text[0] = '\0';
	if (several) {
		snprintf(suffix, sizeof(suffix), "-%s", pin_mode_group_name(g));
		pin_mode_group_text(g, text, sizeof(text));
		snprintf(run->mode_text, sizeof(run->mode_text),
			 ", pin method %s", text);
	}
	for (i = 0; i < ncomps; i++) {
		if (!has_rows(run, comps[i]))
			continue;
		for (k = 0; k < NR_FIGURE_KINDS; k++)
			if (figure_kinds[k].per_composition &&
			    draw(run, c, &figure_kinds[k], comps[i], suffix,
				 set))
				return -1;
	}
	for (k = 0; k < NR_FIGURE_KINDS; k++)
		if (!figure_kinds[k].per_composition &&
		    draw(run, c, &figure_kinds[k], run->opt->strategy, suffix,
			 set))
			return -1;
	return 0;
}

int figures_build(const struct run_dir *rd, const struct figures_options *opt,
		  struct figure_set *set, char *err, size_t errlen)
{
	struct figure_run run = {
		.rd = rd, .opt = opt,
		.floor = rd->floor ? rd->floor : "",
		.baseline = rd->baseline ? rd->baseline : "",
	};
	const char **comps = calloc(rd->sum.count + 1, sizeof(*comps));
	const char **ran = calloc(rd->sum.count + 1, sizeof(*ran));
	struct pin_mode_group *groups = NULL;
	struct figure_common common;
	size_t ncomps, nran, ngroups = 0, m;
	int ret = -1;

	memset(set, 0, sizeof(*set));
	if (!comps || !ran) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	if (figure_check_names(rd, err, errlen))
		goto out;
	run.kernel = figure_pick_kernel(rd);
	if (!run.kernel) {
		snprintf(err, errlen, "%s/samples.csv has no rows", rd->path);
		goto out;
	}
	ncomps = compositions(&run, comps);
	if (!ncomps) {
		snprintf(err, errlen, "no measured rows for kernel %s in %s/samples.csv",
			 run.kernel, rd->path);
		goto out;
	}
	figure_warn_other_kernels(&rd->sum, run.kernel);
	figure_common_text(&run, &common);
	nran = methods_ran(&run, ran);
	if (pin_mode_groups(&rd->catalog, ran, nran, &groups, &ngroups)) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	for (m = 0; m < ngroups; m++) {
		run.group = &groups[m];
		if (draw_group(&run, &common, comps, ncomps, ngroups > 1,
			       set)) {
			snprintf(err, errlen, "out of memory");
			goto out;
		}
	}
	ret = 0;
out:
	if (ret)
		figure_set_free(set);
	free(groups);
	free(comps);
	free(ran);
	return ret;
}

void figure_set_free(struct figure_set *set)
{
	size_t i;

	for (i = 0; i < set->count; i++) {
		free(set->figs[i].dat);
		free(set->figs[i].vars);
	}
	free(set->figs);
	memset(set, 0, sizeof(*set));
}
