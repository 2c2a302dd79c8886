#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "atomic_file.h"
#include "catalog_json.h"
#include "csv.h"
#include "json.h"
#include "meta.h"
#include "paths.h"
#include "sysinfo.h"

struct meta_facts {
	char date[32];
	struct utsname uts;
	char cpu_model[256];
	long nr_cpus;
	char numa_nodes[64];
	char thp_enabled[32];
	char thp_defrag[32];
	char preempt[32];
	const char *preempt_source;
	long page_size;
};

static void gather_facts(struct meta_facts *facts)
{
	time_t now = time(NULL);
	struct tm tm;
	char *cpuinfo;

	memset(facts, 0, sizeof(*facts));
	strftime(facts->date, sizeof(facts->date), "%Y-%m-%dT%H:%M:%SZ",
		 gmtime_r(&now, &tm));
	if (uname(&facts->uts))
		strcpy(facts->uts.release, "unknown");
	cpuinfo = read_whole_file("/proc/cpuinfo", NULL);
	cpuinfo_model(cpuinfo ? cpuinfo : "", facts->cpu_model,
		      sizeof(facts->cpu_model));
	free(cpuinfo);
	facts->nr_cpus = sysconf(_SC_NPROCESSORS_ONLN);
	if (read_first_line("/sys/devices/system/node/online",
			    facts->numa_nodes, sizeof(facts->numa_nodes)))
		strcpy(facts->numa_nodes, "unknown");	/* !CONFIG_NUMA */
	if (sysfs_choice(THP_ENABLED_PATH, facts->thp_enabled,
			 sizeof(facts->thp_enabled)))
		strcpy(facts->thp_enabled, "unavailable");
	if (sysfs_choice(THP_DEFRAG_PATH, facts->thp_defrag,
			 sizeof(facts->thp_defrag)))
		strcpy(facts->thp_defrag, "unavailable");
	preempt_model(facts->preempt, sizeof(facts->preempt),
		      &facts->preempt_source);
	facts->page_size = sysconf(_SC_PAGESIZE);
}

/* The fields in the order meta.json has always had them. */
static json_t *meta_object(const struct run_meta *m,
			   const struct meta_facts *facts)
{
	json_t *o = json_object();
	int bad = !o;

	bad |= json_object_set_new(o, "run_id", json_text(m->run_id));
	bad |= json_object_set_new(o, "date", json_text(facts->date));
	bad |= json_object_set_new(o, "complete", json_boolean(m->complete));
	bad |= json_object_set_new(o, "kernel", json_text(facts->uts.release));
	bad |= json_object_set_new(o, "kernel_version",
				   json_text(facts->uts.version));
	bad |= json_object_set_new(o, "accel", json_text(m->accel));
	bad |= json_object_set_new(o, "emulated",
				   json_boolean(!strcmp(m->accel, "tcg")));
	bad |= json_object_set_new(o, "cpu_model", json_text(facts->cpu_model));
	bad |= json_object_set_new(o, "nr_cpus", json_integer(facts->nr_cpus));
	bad |= json_object_set_new(o, "numa_nodes",
				   json_text(facts->numa_nodes));
	bad |= json_object_set_new(o, "thp_enabled",
				   json_text(facts->thp_enabled));
	bad |= json_object_set_new(o, "thp_defrag",
				   json_text(facts->thp_defrag));
	bad |= json_object_set_new(o, "preempt", json_text(facts->preempt));
	bad |= json_object_set_new(o, "preempt_source",
				   json_text(facts->preempt_source));
	bad |= json_object_set_new(o, "page_size",
				   json_integer(facts->page_size));
	bad |= json_object_set_new(o, "module_version",
				   json_text(m->module_version));
	bad |= json_object_set_new(o, "abi_version",
				   json_integer(m->abi_version));
	bad |= json_object_set_new(o, "kernel_debug",
				   json_text(m->kernel_debug ? m->kernel_debug :
							       "unknown"));
	bad |= json_object_set_new(o, "ref_check", json_boolean(m->ref_check));
	bad |= json_object_set_new(o, "git_version", json_text(m->git_version));
	bad |= json_object_set_new(o, "order",
				   json_text(m->order ? m->order : "grouped"));
	/* run_options caps --seed at INT64_MAX: a JSON integer here */
	bad |= json_object_set_new(o, "seed", json_integer((json_int_t)m->seed));
	bad |= json_object_set_new(o, "turn_warmup",
				   json_integer(m->turn_warmup));
	bad |= json_object_set_new(o, "cpu_pinned",
				   m->cpu_pinned >= 0 ?
				   json_integer(m->cpu_pinned) : json_null());
	bad |= json_object_set_new(o, "boot", json_integer(m->boot));
	bad |= json_object_set_new(o, "command_line",
				   json_text(m->command_line));
	if (m->catalog)
		bad |= json_object_set_new(o, "catalogue",
					   catalog_json(m->catalog));
	if (bad) {
		json_decref(o);
		errno = ENOMEM;
		return NULL;
	}
	return o;
}

static int write_object(FILE *f, void *arg)
{
	return json_write_lines(f, arg, false);
}

int meta_object_write(const char *path, const json_t *meta)
{
	return atomic_write_file(path, write_object, (void *)meta);
}

int meta_write(const char *path, const struct run_meta *meta)
{
	struct meta_facts facts;
	json_t *o;
	int ret;

	gather_facts(&facts);
	o = meta_object(meta, &facts);
	if (!o)
		return -1;
	ret = meta_object_write(path, o);
	json_decref(o);
	return ret;
}

int meta_read_run_id(const char *path, char *run_id, size_t len)
{
	json_t *o = json_object_load(path);
	int ret = json_copy_string(o, "run_id", run_id, len);

	json_decref(o);
	return ret;
}

int meta_read_complete(const char *path, bool *complete)
{
	json_t *o = json_object_load(path);
	const json_t *value = json_object_get(o, "complete");
	int ret = -1;

	if (json_is_boolean(value)) {
		*complete = json_is_true(value);
		ret = 0;
	}
	json_decref(o);
	return ret;
}

int meta_set_complete(const char *path, bool complete)
{
	json_t *o = json_object_load(path);
	int ret = -1;

	if (!o) {
		if (!errno)	/* read, but no JSON object */
			errno = EINVAL;
		return -1;
	}
	if (!json_is_boolean(json_object_get(o, "complete")))
		errno = EINVAL;
	else if (!json_object_set_new(o, "complete", json_boolean(complete)))
		ret = meta_object_write(path, o);
	json_decref(o);
	return ret;
}

int meta_set_field(const char *path, const char *key, json_t *value)
{
	json_t *o;
	int ret = -1;

	if (!value) {	/* its maker ran out of memory */
		errno = ENOMEM;
		return -1;
	}
	o = json_object_load(path);
	if (!o) {
		json_decref(value);
		if (!errno)
			errno = EINVAL;
		return -1;
	}
	if (!json_object_set_new(o, key, value))
		ret = meta_object_write(path, o);
	json_decref(o);
	return ret;
}

char *command_line_join(const char *program, int argc, char **argv)
{
	size_t len = strlen(program) + 1;
	char *line;
	int i;

	for (i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	line = malloc(len);
	if (!line)
		return NULL;
	strcpy(line, program);
	for (i = 0; i < argc; i++) {
		strcat(line, " ");
		strcat(line, argv[i]);
	}
	return line;
}

json_t *meta_load(const char *path, char *err, size_t errlen)
{
	size_t len;
	char *text = read_whole_file(path, &len), why[256];
	json_t *o;

	if (!text) {
		snprintf(err, errlen, "%s: %s", path, read_error_text(errno));
		return NULL;
	}
	o = json_object_parse(text, len, why, sizeof(why));
	free(text);
	if (o && (!json_is_string(json_object_get(o, "run_id")) ||
		  !json_is_boolean(json_object_get(o, "complete")))) {
		json_decref(o);
		o = NULL;
		snprintf(why, sizeof(why),
			 "an object with \"run_id\" and \"complete\": true or false");
	}
	if (!o)
		snprintf(err, errlen,
			 "%s: not a pinbench meta.json (%s); restore it from the run",
			 path, why);
	return o;
}

int meta_dir_check(const char *dir, char *err, size_t errlen)
{
	char path[4096];
	json_t *o;

	if (path_join(path, sizeof(path), dir, "meta.json")) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	o = meta_load(path, err, errlen);
	if (!o)
		return -1;
	json_decref(o);
	return 0;
}
