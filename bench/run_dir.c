#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "json.h"
#include "paths.h"
#include "run_dir.h"

static void fact_string(const char *json, const char *key, char *out,
			size_t len)
{
	if (!json || json_find_string(json, key, out, len))
		snprintf(out, len, "unknown");
}

/* A number or null as written ("12", "null"); "unknown" if absent. */
static void fact_raw(const char *json, const char *key, char *out, size_t len)
{
	const char *value = json ? json_find_value(json, key) : NULL;
	size_t n = 0;

	while (value && n + 1 < len && (isalnum((unsigned char)value[n]) ||
					value[n] == '-'))
		n++;
	if (!n) {
		snprintf(out, len, "unknown");
		return;
	}
	memcpy(out, value, n);
	out[n] = '\0';
}

static long fact_number(const char *json, const char *key)
{
	const char *value = json ? json_find_value(json, key) : NULL;

	return value ? strtol(value, NULL, 10) : 0;
}

void run_facts_read(const char *meta_json, const struct sample_table *table,
		    struct run_facts *facts)
{
	const struct sample_row *first = table->count ? &table->rows[0] : NULL;
	size_t i;

	memset(facts, 0, sizeof(*facts));
	facts->have_meta = meta_json != NULL;
	fact_string(meta_json, "run_id", facts->run_id, sizeof(facts->run_id));
	fact_string(meta_json, "kernel", facts->kernel, sizeof(facts->kernel));
	fact_string(meta_json, "kernel_version", facts->kernel_version,
		    sizeof(facts->kernel_version));
	fact_string(meta_json, "accel", facts->accel, sizeof(facts->accel));
	fact_string(meta_json, "cpu_model", facts->cpu_model,
		    sizeof(facts->cpu_model));
	facts->nr_cpus = fact_number(meta_json, "nr_cpus");
	fact_string(meta_json, "numa_nodes", facts->numa_nodes,
		    sizeof(facts->numa_nodes));
	fact_string(meta_json, "thp_enabled", facts->thp_enabled,
		    sizeof(facts->thp_enabled));
	fact_string(meta_json, "thp_defrag", facts->thp_defrag,
		    sizeof(facts->thp_defrag));
	fact_string(meta_json, "preempt", facts->preempt,
		    sizeof(facts->preempt));
	fact_string(meta_json, "date", facts->date, sizeof(facts->date));
	fact_string(meta_json, "git_version", facts->git_version,
		    sizeof(facts->git_version));
	fact_string(meta_json, "module_version", facts->module_version,
		    sizeof(facts->module_version));
	fact_string(meta_json, "kernel_debug", facts->kernel_debug,
		    sizeof(facts->kernel_debug));
	fact_string(meta_json, "command_line", facts->command_line,
		    sizeof(facts->command_line));
	fact_string(meta_json, "order", facts->order, sizeof(facts->order));
	fact_raw(meta_json, "seed", facts->seed, sizeof(facts->seed));
	fact_raw(meta_json, "cpu_pinned", facts->cpu_pinned,
		 sizeof(facts->cpu_pinned));
	if (!strcmp(facts->cpu_pinned, "null"))
		snprintf(facts->cpu_pinned, sizeof(facts->cpu_pinned), "none");
	facts->boots = fact_number(meta_json, "boots");
	facts->turn_warmup = fact_number(meta_json, "turn_warmup");
	if (!meta_json || json_find_bool(meta_json, "complete",
					 &facts->complete))
		facts->complete = false;
	facts->cut_short = facts->have_meta && !facts->complete;

	/* without meta.json, what the rows say */
	if (first && !strcmp(facts->run_id, "unknown"))
		snprintf(facts->run_id, sizeof(facts->run_id), "%s",
			 first->run_id);
	if (first && !strcmp(facts->kernel, "unknown"))
		snprintf(facts->kernel, sizeof(facts->kernel), "%s",
			 first->kernel);
	if (first && !strcmp(facts->accel, "unknown"))
		snprintf(facts->accel, sizeof(facts->accel), "%s",
			 first->accel);
	facts->emulated = !strcmp(facts->accel, "tcg");
	for (i = 0; i < table->count; i++)
		facts->emulated |= table->rows[i].emulated ||
				   !strcmp(table->rows[i].accel, "tcg");
}

int run_dir_load(const char *dir, struct run_dir *rd, bool exclude_disturbed,
		 char *err, size_t errlen)
{
	char path[4096];
	char *meta;

	memset(rd, 0, sizeof(*rd));
	rd->path = dir;
	if (path_join(path, sizeof(path), dir, "samples.csv")) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	if (samples_csv_read(path, &rd->table, err, errlen))
		return -1;
	if (sample_view_apply(&rd->table, exclude_disturbed, &rd->view)) {
		snprintf(err, errlen, "summarizing %s: out of memory", path);
		sample_table_free(&rd->table);
		return -1;
	}
	meta = NULL;
	if (!path_join(path, sizeof(path), dir, "meta.json"))
		meta = read_whole_file(path, NULL);
	run_facts_read(meta, &rd->table, &rd->facts);
	if (run_calibration_read(meta, &rd->calib) ||
	    summary_compute(&rd->table, &rd->calib, &rd->sum)) {
		snprintf(err, errlen, "summarizing %s: out of memory", dir);
		free(meta);
		run_calibration_free(&rd->calib);
		sample_table_free(&rd->table);
		return -1;
	}
	free(meta);
	return 0;
}

void run_dir_free(struct run_dir *rd)
{
	summary_free(&rd->sum);
	run_calibration_free(&rd->calib);
	sample_table_free(&rd->table);
	memset(rd, 0, sizeof(*rd));
}
