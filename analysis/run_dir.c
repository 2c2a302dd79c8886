#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog_json.h"
#include "csv.h"
#include "paths.h"
#include "run_dir.h"

static void fact_string(const json_t *meta, const char *key, char *out,
			size_t len)
{
	if (json_copy_string(meta, key, out, len))
		snprintf(out, len, "unknown");
}

/* An integer or null as written ("12", "null"); "unknown" otherwise. */
static void fact_raw(const json_t *meta, const char *key, char *out,
		     size_t len)
{
	const json_t *value = json_object_get(meta, key);

	if (json_is_integer(value))
		snprintf(out, len, "%" JSON_INTEGER_FORMAT,
			 json_integer_value(value));
	else
		snprintf(out, len, json_is_null(value) ? "null" : "unknown");
}

/* An integer; 0 when absent or not one. */
static long fact_number(const json_t *meta, const char *key)
{
	return (long)json_integer_value(json_object_get(meta, key));
}

void run_facts_read(const json_t *meta, bool have_meta,
		    const struct sample_table *table, struct run_facts *facts)
{
	const struct sample_row *first = table->count ? &table->rows[0] : NULL;
	const json_t *complete = json_object_get(meta, "complete");
	size_t i;

	memset(facts, 0, sizeof(*facts));
	facts->have_meta = have_meta;
	fact_string(meta, "run_id", facts->run_id, sizeof(facts->run_id));
	fact_string(meta, "kernel", facts->kernel, sizeof(facts->kernel));
	fact_string(meta, "kernel_version", facts->kernel_version,
		    sizeof(facts->kernel_version));
	fact_string(meta, "accel", facts->accel, sizeof(facts->accel));
	fact_string(meta, "cpu_model", facts->cpu_model,
		    sizeof(facts->cpu_model));
	facts->nr_cpus = fact_number(meta, "nr_cpus");
	fact_string(meta, "numa_nodes", facts->numa_nodes,
		    sizeof(facts->numa_nodes));
	fact_string(meta, "thp_enabled", facts->thp_enabled,
		    sizeof(facts->thp_enabled));
	fact_string(meta, "thp_defrag", facts->thp_defrag,
		    sizeof(facts->thp_defrag));
	fact_string(meta, "preempt", facts->preempt, sizeof(facts->preempt));
	fact_string(meta, "date", facts->date, sizeof(facts->date));
	fact_string(meta, "git_version", facts->git_version,
		    sizeof(facts->git_version));
	fact_string(meta, "module_version", facts->module_version,
		    sizeof(facts->module_version));
	fact_string(meta, "kernel_debug", facts->kernel_debug,
		    sizeof(facts->kernel_debug));
	fact_string(meta, "command_line", facts->command_line,
		    sizeof(facts->command_line));
	fact_string(meta, "order", facts->order, sizeof(facts->order));
	fact_raw(meta, "seed", facts->seed, sizeof(facts->seed));
	fact_raw(meta, "cpu_pinned", facts->cpu_pinned,
		 sizeof(facts->cpu_pinned));
	if (!strcmp(facts->cpu_pinned, "null"))
		snprintf(facts->cpu_pinned, sizeof(facts->cpu_pinned), "none");
	facts->boots = fact_number(meta, "boots");
	facts->turn_warmup = fact_number(meta, "turn_warmup");
	facts->complete = json_is_true(complete);
	/* a meta.json that is there but no JSON says nothing is whole */
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
	char path[4096], *text = NULL, why[256];
	size_t len;
	json_t *meta = NULL;
	bool have_text;

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
	if (!path_join(path, sizeof(path), dir, "meta.json"))
		text = read_whole_file(path, &len);
	if (text)
		meta = json_object_parse(text, len, why, sizeof(why));
	run_facts_read(meta, text != NULL, &rd->table, &rd->facts);
	have_text = text != NULL;
	free(text);
	/* only a missing meta.json means a run from before ABI 3 */
	if (have_text && !meta)
		snprintf(why, sizeof(why),
			 "meta.json: not a pinbench meta.json (no JSON object: its catalogue, which strategy is the floor and the baseline, cannot be read)");
	if ((have_text && !meta) ||
	    catalog_from_meta(meta, &rd->catalog, why, sizeof(why))) {
		snprintf(err, errlen, "%s: %s", dir, why);
		json_decref(meta);
		sample_table_free(&rd->table);
		return -1;
	}
	rd->floor = info_strategy_with(&rd->catalog, PINBENCH_ROLE_FLOOR);
	rd->baseline = info_strategy_with(&rd->catalog, PINBENCH_ROLE_BASELINE);
	if (run_calibration_read(meta, &rd->calib) ||
	    summary_compute(&rd->table, &rd->calib, rd->floor, &rd->sum)) {
		snprintf(err, errlen, "summarizing %s: out of memory", dir);
		json_decref(meta);
		run_calibration_free(&rd->calib);
		sample_table_free(&rd->table);
		return -1;
	}
	json_decref(meta);
	return 0;
}

void run_dir_free(struct run_dir *rd)
{
	summary_free(&rd->sum);
	run_calibration_free(&rd->calib);
	sample_table_free(&rd->table);
	memset(rd, 0, sizeof(*rd));
}
