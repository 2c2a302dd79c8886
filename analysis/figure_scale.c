#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"
#include "figure_scale.h"
#include "gp_text.h"
#include "paths.h"
#include "scale_options.h"

#define MAX_FIELDS	32
#define MAX_SERIES	64

/* One measured row of scale-summary.csv, the columns figures read. */
struct srow {
	const char *mode, *comp, *strategy;
	unsigned int threads;
	double pages_per_s, efficiency, ns_per_page;
};

struct scale_data {
	char *text;
	struct srow *rows;
	size_t n;
	bool emulated;
};

static const char *const wanted[] = {
	"mode", "composition", "strategy", "threads", "pages_per_s",
	"efficiency", "ns_per_page", "status", "accel",
};
#define NR_WANTED (sizeof(wanted) / sizeof(wanted[0]))

static double num(const char *s)
{
	return *s ? strtod(s, NULL) : NAN;
}

static int load(const char *path, struct scale_data *d, char *err,
		size_t errlen)
{
	char *fields[MAX_FIELDS];
	int at[NR_WANTED];
	struct csv_reader r;
	size_t len, nf, i, k, cap;
	int got;

	memset(d, 0, sizeof(*d));
	d->text = read_whole_file(path, &len);
	if (!d->text) {
		snprintf(err, errlen, "%s: %s", path, read_error_text(errno));
		return -1;
	}
	csv_reader_init(&r, d->text, len);
	if (csv_next_record(&r, fields, MAX_FIELDS, &nf) != 1)
		goto bad;
	for (k = 0; k < NR_WANTED; k++) {
		at[k] = -1;
		for (i = 0; i < nf; i++)
			if (!strcmp(fields[i], wanted[k]))
				at[k] = (int)i;
		if (at[k] < 0)
			goto bad;
	}
	/* a record is at least its separators and a newline: enough rows */
	cap = len / 2 + 1;
	d->rows = calloc(cap, sizeof(*d->rows));
	if (!d->rows)
		goto bad;
	while ((got = csv_next_record(&r, fields, MAX_FIELDS, &nf)) == 1) {
		struct srow *row = &d->rows[d->n];

		if (nf <= (size_t)at[NR_WANTED - 1] || d->n >= cap)
			goto bad;
		if (!strcmp(fields[at[8]], "tcg"))
			d->emulated = true;
		if (strcmp(fields[at[7]], "measured"))
			continue;
		row->mode = fields[at[0]];
		row->comp = fields[at[1]];
		row->strategy = fields[at[2]];
		row->threads = (unsigned int)strtoul(fields[at[3]], NULL, 10);
		row->pages_per_s = num(fields[at[4]]);
		row->efficiency = num(fields[at[5]]);
		row->ns_per_page = num(fields[at[6]]);
		d->n++;
	}
	if (got == 0)
		return 0;
bad:
	snprintf(err, errlen, "%s: not a scale-summary.csv of this pinbench",
		 path);
	free(d->rows);
	free(d->text);
	return -1;
}

static int append(struct figure_set *set, const char *kind, const char *name,
		  char *dat, size_t dat_len, char *vars, size_t vars_len)
{
	struct figure *figs = realloc(set->figs, (set->count + 1) *
				      sizeof(*figs));

	if (!figs)
		return -1;
	set->figs = figs;
	figs[set->count] = (struct figure){ .kind = kind, .dat = dat,
		.dat_len = dat_len, .vars = vars, .vars_len = vars_len };
	snprintf(figs[set->count].name, sizeof(figs[0].name), "%s", name);
	set->count++;
	return 0;
}

/* "composition/strategy" series of mode, in order of appearance */
static size_t series_of(const struct scale_data *d, const char *mode,
			const struct srow **first)
{
	size_t i, j, n = 0;

	for (i = 0; i < d->n; i++) {
		if (mode && strcmp(d->rows[i].mode, mode))
			continue;
		for (j = 0; j < n; j++)
			if (!strcmp(first[j]->comp, d->rows[i].comp) &&
			    !strcmp(first[j]->strategy, d->rows[i].strategy))
				break;
		if (j == n && n < MAX_SERIES)
			first[n++] = &d->rows[i];
	}
	return n;
}

static const struct srow *find(const struct scale_data *d, const char *mode,
			       const struct srow *s, unsigned int threads)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (!strcmp(d->rows[i].mode, mode) &&
		    !strcmp(d->rows[i].comp, s->comp) &&
		    !strcmp(d->rows[i].strategy, s->strategy) &&
		    d->rows[i].threads == threads)
			return &d->rows[i];
	return NULL;
}

/*
 * "composition/strategy" as one word of a data file: gnuplot's text
 * only, no blank (a column is one word), no '#' (a comment there), never
 * empty (the columns would shift).
 */
static void series_label(char *label, size_t len, const struct srow *row)
{
	char text[128];
	char *p;

	snprintf(text, sizeof(text), "%s/%s", row->comp, row->strategy);
	gp_text(label, len, text);
	for (p = label; *p; p++)
		if (*p == ' ' || *p == '#')
			*p = '_';
	if (!*label)
		snprintf(label, len, "?");
}

static void header(FILE *f, const char *first, const struct srow **series,
		   size_t n)
{
	char label[128];
	size_t j;

	fprintf(f, "%s", first);
	for (j = 0; j < n; j++) {
		series_label(label, sizeof(label), series[j]);
		fprintf(f, " %s", label);
	}
	fputc('\n', f);
}

static void vars_common(FILE *f, const struct scale_data *d,
			const char *title, size_t nseries)
{
	gp_var_string(f, "title_text", '"', title);
	fprintf(f, "emulated = %d\nnseries = %zu\n", d->emulated, nseries);
}

/* throughput or efficiency vs threads, one mode */
static int per_mode(const struct scale_data *d, const char *mode,
		    bool efficiency, struct figure_set *set)
{
	const struct srow *series[MAX_SERIES];
	size_t n = series_of(d, mode, series), j, i, dat_len, vars_len;
	unsigned int threads[SCALE_MAX_THREADS], nt = 0, t;
	char *dat, *vars, name[128], title[256];
	FILE *fd, *fv;

	if (!n)
		return 0;
	for (i = 0; i < d->n; i++) {
		if (strcmp(d->rows[i].mode, mode))
			continue;
		for (t = 0; t < nt && threads[t] != d->rows[i].threads; t++)
			;
		if (t == nt && nt < SCALE_MAX_THREADS)
			threads[nt++] = d->rows[i].threads;
	}
	fd = open_memstream(&dat, &dat_len);
	fv = open_memstream(&vars, &vars_len);
	if (!fd || !fv)
		return -1;
	header(fd, "threads", series, n);
	for (t = 0; t < nt; t++) {
		fprintf(fd, "%u", threads[t]);
		for (j = 0; j < n; j++) {
			const struct srow *r = find(d, mode, series[j],
						    threads[t]);
			double v = !r ? NAN : efficiency ? r->efficiency :
				   r->pages_per_s;

			if (isnan(v))
				fprintf(fd, " -");
			else
				fprintf(fd, " %.6g", v);
		}
		fputc('\n', fd);
	}
	snprintf(title, sizeof(title), "pinbench scale, %s: %s vs threads",
		 mode, efficiency ? "efficiency (speedup / threads)" :
		 "pages released per second (all threads)");
	vars_common(fv, d, title, n);
	fprintf(fv, "ylabel_text = '%s'\n", efficiency ?
		"efficiency (speedup / threads)" : "pages/s, summed over threads");
	fclose(fd);
	fclose(fv);
	snprintf(name, sizeof(name), "scale_%s-%s", efficiency ?
		 "efficiency" : "throughput", mode);
	if (append(set, efficiency ? "scale_efficiency" : "scale_throughput",
		   name, dat, dat_len, vars, vars_len)) {
		free(dat);
		free(vars);
		return -1;
	}
	return 0;
}

/* 1-thread ns/page: private vs cross-node vs remote-release */
static int local_remote(const struct scale_data *d, struct figure_set *set)
{
	static const char *const modes[] = {
		"private", "cross-node", "remote-release",
	};
	const struct srow *series[MAX_SERIES];
	size_t n = series_of(d, NULL, series), j, m, dat_len, vars_len;
	char *dat, *vars, label[128];
	size_t values = 0;
	FILE *fd, *fv;

	for (j = 0; j < n; j++)
		for (m = 0; m < 3; m++)
			values += find(d, modes[m], series[j], 1) != NULL;
	if (!values)	/* none of these modes ran: no figure */
		return 0;
	fd = open_memstream(&dat, &dat_len);
	fv = open_memstream(&vars, &vars_len);
	if (!fd || !fv)
		return -1;
	fprintf(fd, "case local_(private) remote_memory_(cross-node) remote_release\n");
	for (j = 0; j < n; j++) {
		series_label(label, sizeof(label), series[j]);
		fprintf(fd, "%s", label);
		for (m = 0; m < 3; m++) {
			const struct srow *r = find(d, modes[m], series[j], 1);

			if (r && !isnan(r->ns_per_page))
				fprintf(fd, " %.6g", r->ns_per_page);
			else
				fprintf(fd, " -");
		}
		fputc('\n', fd);
	}
	vars_common(fv, d, "pinbench scale: release ns/page, 1 thread: local, remote memory, remote release",
		    n);
	fclose(fd);
	fclose(fv);
	if (append(set, "scale_local_remote", "scale_local_remote", dat,
		   dat_len, vars, vars_len)) {
		free(dat);
		free(vars);
		return -1;
	}
	return 0;
}

int figure_scale_add(const char *dir, struct figure_set *set, char *err,
		     size_t errlen)
{
	struct scale_data d;
	char path[4096];
	int m, ret = 0;

	if (path_join(path, sizeof(path), dir, "scale-summary.csv") ||
	    access(path, F_OK))
		return 0;
	if (load(path, &d, err, errlen))
		return -1;
	for (m = 0; m < NR_SCALE_MODES && !ret; m++)
		ret = per_mode(&d, scale_mode_names[m], false, set) ||
		      per_mode(&d, scale_mode_names[m], true, set);
	if (!ret)
		ret = local_remote(&d, set);
	if (ret)
		snprintf(err, errlen, "scale figures: out of memory");
	free(d.rows);
	free(d.text);
	return ret ? -1 : 0;
}
