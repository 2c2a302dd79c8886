/*
 * The figures written as one set into DIR/plots/data/ (atomic_file.h):
 * every .dat and .vars.gp and the manifest, or none of them.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "atomic_file.h"
#include "figure_scale.h"
#include "figures.h"
#include "paths.h"

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
	struct figure_set set = { 0 };
	struct run_dir rd;
	const char *failed = "";
	char data[4096], samples[4096], scale[4096];
	bool run_figures;
	int ret = -1;

	/* a directory of pinbench scale alone has only its own figures */
	run_figures = path_join(samples, sizeof(samples), dir, "samples.csv") ||
		      path_join(scale, sizeof(scale), dir,
				"scale-summary.csv") ||
		      !access(samples, F_OK) || access(scale, F_OK);
	memset(&rd, 0, sizeof(rd));
	if (run_figures &&
	    run_dir_load(dir, &rd, opt->exclude_disturbed, err, errlen))
		return -1;
	if (run_figures && figures_build(&rd, opt, &set, err, errlen))
		goto out_rd;
	if (figure_scale_add(dir, &set, err, errlen))
		goto out;
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
	if (run_figures)
		run_dir_free(&rd);
	return ret;
}
