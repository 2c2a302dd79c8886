#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "samples_csv.h"
#include "synthetic_run.h"

static void write_config(FILE *f, const struct synthetic_run *run,
			 const struct synthetic_config *c,
			 const unsigned int *boot)
{
	struct sample_row row = {
		.run_id = run->run_id,
		.kernel = run->kernel,
		.accel = run->accel,
		.emulated = !strcmp(run->accel, "tcg"),
		.composition = c->composition,
		.size_bytes = c->size_bytes,
		.pages = c->size_bytes / 4096,
		.pin_method = c->pin_method,
		.strategy = c->strategy,
		.write = c->write,
		.status = c->ns_per_page ? SAMPLE_STATUS_OK :
					   SAMPLE_STATUS_UNSUPPORTED,
		.req_huge_pct = 0,
		.huge_pct = c->mix_off ? 50 : 0,
		.mix_ok = !c->mix_off,
		.hist = "o0=1",
		.req_mix = "o0=100;anon=100",
		.note = "",
	};
	size_t i;

	if (!c->ns_per_page) {
		samples_csv_write_row(f, &row);
		return;
	}
	for (i = 0; i < c->n; i++) {
		row.iteration = (uint32_t)i;
		row.boot = boot ? boot[i] : 0;
		/* exact: ns/page = release_ns / pages */
		row.release_ns = (uint64_t)llround(c->ns_per_page[i] *
						   (double)row.pages);
		row.release_tsc = 3 * row.release_ns;
		row.pin_ns = 100 * row.pages;
		row.pin_tsc = 300 * row.pages;
		samples_csv_write_row(f, &row);
	}
}

int synthetic_run_write(const char *dir, const struct synthetic_run *run)
{
	return synthetic_run_write_boots(dir, run, NULL);
}

int synthetic_run_write_boots(const char *dir, const struct synthetic_run *run,
			      const unsigned int *const *boots)
{
	char path[1024];
	size_t i;
	FILE *f;

	mkdir(dir, 0755);
	snprintf(path, sizeof(path), "%s/samples.csv", dir);
	f = fopen(path, "w");
	if (!f)
		return -1;
	samples_csv_write_header(f);
	for (i = 0; i < run->nconfigs; i++)
		write_config(f, run, &run->configs[i],
			     boots ? boots[i] : NULL);
	if (fclose(f))
		return -1;

	snprintf(path, sizeof(path), "%s/meta.json", dir);
	f = fopen(path, "w");
	if (!f)
		return -1;
	fprintf(f,
		"{\n"
		"  \"run_id\": \"%s\",\n"
		"  \"date\": \"2026-11-25T12:00:00Z\",\n"
		"  \"complete\": %s,\n"
		"  \"kernel\": \"%s\",\n"
		"  \"kernel_version\": \"#1 SMP PREEMPT_DYNAMIC synthetic\",\n"
		"  \"accel\": \"%s\",\n"
		"  \"emulated\": %s,\n"
		"  \"cpu_model\": \"Synthetic CPU 9000\",\n"
		"  \"nr_cpus\": 4,\n"
		"  \"numa_nodes\": \"0-1\",\n"
		"  \"thp_enabled\": \"madvise\",\n"
		"  \"thp_defrag\": \"defer\",\n"
		"  \"preempt\": \"PREEMPT_DYNAMIC\",\n"
		"  \"preempt_source\": \"uname\",\n"
		"  \"page_size\": 4096,\n"
		"  \"module_version\": \"0.1.0\",\n"
		"  \"abi_version\": 1,\n"
		"  \"git_version\": \"abc1234\",\n"
		"  \"command_line\": \"pinbench run --iterations 10 --warmup 3 --out x\"\n"
		"}\n",
		run->run_id, run->cut_short ? "false" : "true", run->kernel,
		run->accel, strcmp(run->accel, "tcg") ? "false" : "true");
	return fclose(f) ? -1 : 0;
}
