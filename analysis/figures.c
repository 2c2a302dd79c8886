/*
 * The figures' driver: which kernel, which pin mode groups, which
 * compositions; each figure kind's data and variables into memory, and
 * only when every figure is built, the files (atomic_file.h).
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "atomic_file.h"
#include "figure.h"
#include "gp_text.h"
#include "messages.h"
#include "paths.h"
#include "sample_check.h"
#include "sample_view.h"

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
	{ "compositions", false, figure_compositions,
	  "Compositions side by side" },
};

#define NR_FIGURE_KINDS (sizeof(figure_kinds) / sizeof(figure_kinds[0]))

/* What every figure of the run says. */
struct figure_common {
	char subtitle[1024];
	const char *center_text;
	const char *ci_note;
	bool emulated;
};

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

/* ---- shared with the kinds (figure.h) ---- */

bool figure_row(const struct figure_run *run, const struct summary_group *g)
{
	return !strcmp(g->first->kernel, run->kernel) &&
	       !strcmp(g->status, SAMPLE_STATUS_OK) && g->stats.n &&
	       (!run->group || pin_mode_group_has(run->group,
						  g->first->pin_method));
}

double figure_value(double v)
{
	char text[64];

	if (isnan(v))
		return v;
	snprintf(text, sizeof(text), "%.3f", v);
	return strtod(text, NULL);
}

bool figure_multi_write(const struct summary *sum, const char *comp)
{
	const struct sample_row *seen = NULL;
	size_t i;

	for (i = 0; i < sum->count; i++) {
		const struct sample_row *row = sum->groups[i].first;

		if (strcmp(row->composition, comp))
			continue;
		if (seen && seen->write != row->write)
			return true;
		seen = row;
	}
	return false;
}

void figure_strategy_label(const struct figure_run *run,
			   const struct summary_group *g, char *buf,
			   size_t len)
{
	snprintf(buf, len, "%s%s", g->first->strategy,
		 figure_multi_write(&run->rd->sum, g->first->composition) &&
		 !g->first->write ? "/ro" : "");
}

/* ---- what is drawn ---- */

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
static int check_names(const struct run_dir *rd, char *err, size_t errlen)
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
static const char *pick_kernel(const struct run_dir *rd)
{
	const struct summary *sum = &rd->sum;
	size_t i;

	for (i = 0; i < sum->count; i++)
		if (!strcmp(sum->groups[i].first->kernel, rd->facts.kernel))
			return rd->facts.kernel;
	return sum->count ? sum->groups[0].first->kernel : NULL;
}

static void warn_other_kernels(const struct summary *sum, const char *kernel)
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
static void common_text(const struct figure_run *run, struct figure_common *c)
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
static void measured_text(const struct figure_run *run, const char *comp,
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

/* A name in file names: compositions' ':' ("mixed-thp:25") becomes '-'. */
static void file_part(char *buf, size_t len, const char *s)
{
	size_t n = 0;

	for (; *s && n + 1 < len; s++)
		buf[n++] = strchr(":", *s) ? '-' : *s;
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
		free(fig.dat);
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
		measured_text(run, subject, measured, sizeof(measured));
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
	char suffix[80] = "";
	size_t i, k;

	run->mode_text[0] = '\0';
	if (several) {
		snprintf(suffix, sizeof(suffix), "-%s", pin_mode_group_name(g));
		if (g->mode && g->methods[0] && g->methods[1])
			snprintf(run->mode_text, sizeof(run->mode_text),
				 ", pin method %s (%s / %s)", g->mode,
				 g->methods[0], g->methods[1]);
		else
			snprintf(run->mode_text, sizeof(run->mode_text),
				 ", pin method %s", pin_mode_group_name(g));
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
	if (check_names(rd, err, errlen))
		goto out;
	run.kernel = pick_kernel(rd);
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
	warn_other_kernels(&rd->sum, run.kernel);
	common_text(&run, &common);
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

/* ---- writing ---- */

struct blob {
	const char *text;
	size_t len;
};

static int write_blob(FILE *f, void *arg)
{
	const struct blob *b = arg;

	return fwrite(b->text, 1, b->len, f) == b->len ? 0 : -1;
}

static int write_manifest(FILE *f, void *arg)
{
	const struct figure_set *set = arg;
	size_t i;

	for (i = 0; i < set->count; i++)
		fprintf(f, "%s %s\n", set->figs[i].kind, set->figs[i].name);
	return ferror(f) ? -1 : 0;
}

static int write_set(const char *data, const struct figure_set *set,
		     struct atomic_set *files, const char **failed)
{
	char path[4096], name[300];
	size_t i;

	for (i = 0; i < set->count; i++) {
		const struct figure *fig = &set->figs[i];
		struct blob dat = { fig->dat, fig->dat_len };
		struct blob vars = { fig->vars, fig->vars_len };

		snprintf(name, sizeof(name), "%s.dat", fig->name);
		*failed = fig->name;
		if (path_join(path, sizeof(path), data, name) ||
		    atomic_set_write(files, path, write_blob, &dat))
			return -1;
		snprintf(name, sizeof(name), "%s.vars.gp", fig->name);
		if (path_join(path, sizeof(path), data, name) ||
		    atomic_set_write(files, path, write_blob, &vars))
			return -1;
	}
	*failed = "manifest";
	if (path_join(path, sizeof(path), data, "manifest") ||
	    atomic_set_write(files, path, write_manifest, (void *)set))
		return -1;
	return 0;
}

int figures_write(const char *dir, const struct figures_options *opt,
		  char *err, size_t errlen)
{
	struct atomic_set files = { 0 };
	struct figure_set set;
	struct run_dir rd;
	const char *failed = "";
	char data[4096];
	int ret = -1;

	if (run_dir_load(dir, &rd, opt->exclude_disturbed, err, errlen))
		return -1;
	if (figures_build(&rd, opt, &set, err, errlen))
		goto out_rd;
	if (path_join(data, sizeof(data), dir, "plots/data") ||
	    mkdir_parents(data, 0755)) {
		snprintf(err, errlen, "%s/plots/data: %s", dir, strerror(errno));
		goto out;
	}
	if (write_set(data, &set, &files, &failed)) {
		snprintf(err, errlen, "writing %s/%s: %s", data, failed,
			 strerror(errno));
		goto out;
	}
	if (atomic_set_commit(&files)) {
		snprintf(err, errlen, "writing %s: %s", files.failed,
			 strerror(errno));
		goto out;
	}
	ret = 0;
out:
	atomic_set_free(&files);
	figure_set_free(&set);
out_rd:
	run_dir_free(&rd);
	return ret;
}
