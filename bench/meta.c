#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "atomic_file.h"
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

static void write_string_field(FILE *f, const char *key, const char *value,
			       const char *sep)
{
	fprintf(f, "  \"%s\": ", key);
	json_write_string(f, value ? value : "");
	fputs(sep, f);
}

struct meta_write_ctx {
	const struct run_meta *meta;
	const struct meta_facts *facts;
};

static int write_meta_json(FILE *f, void *arg)
{
	const struct meta_write_ctx *ctx = arg;
	const struct run_meta *m = ctx->meta;
	const struct meta_facts *facts = ctx->facts;
	bool emulated = !strcmp(m->accel, "tcg");

	fputs("{\n", f);
	write_string_field(f, "run_id", m->run_id, ",\n");
	write_string_field(f, "date", facts->date, ",\n");
	fprintf(f, "  \"complete\": %s,\n", m->complete ? "true" : "false");
	write_string_field(f, "kernel", facts->uts.release, ",\n");
	write_string_field(f, "kernel_version", facts->uts.version, ",\n");
	write_string_field(f, "accel", m->accel, ",\n");
	fprintf(f, "  \"emulated\": %s,\n", emulated ? "true" : "false");
	write_string_field(f, "cpu_model", facts->cpu_model, ",\n");
	fprintf(f, "  \"nr_cpus\": %ld,\n", facts->nr_cpus);
	write_string_field(f, "numa_nodes", facts->numa_nodes, ",\n");
	write_string_field(f, "thp_enabled", facts->thp_enabled, ",\n");
	write_string_field(f, "thp_defrag", facts->thp_defrag, ",\n");
	write_string_field(f, "preempt", facts->preempt, ",\n");
	write_string_field(f, "preempt_source", facts->preempt_source, ",\n");
	fprintf(f, "  \"page_size\": %ld,\n", facts->page_size);
	write_string_field(f, "module_version", m->module_version, ",\n");
	fprintf(f, "  \"abi_version\": %u,\n", m->abi_version);
	write_string_field(f, "kernel_debug",
			   m->kernel_debug ? m->kernel_debug : "unknown",
			   ",\n");
	fprintf(f, "  \"ref_check\": %s,\n", m->ref_check ? "true" : "false");
	write_string_field(f, "git_version", m->git_version, ",\n");
	write_string_field(f, "order", m->order ? m->order : "grouped", ",\n");
	fprintf(f, "  \"seed\": %llu,\n", m->seed);
	fprintf(f, "  \"turn_warmup\": %u,\n", m->turn_warmup);
	if (m->cpu_pinned >= 0)
		fprintf(f, "  \"cpu_pinned\": %d,\n", m->cpu_pinned);
	else
		fputs("  \"cpu_pinned\": null,\n", f);
	fprintf(f, "  \"boot\": %u,\n", m->boot);
	write_string_field(f, "command_line", m->command_line, "\n");
	fputs("}\n", f);
	return ferror(f) ? -1 : 0;
}

int meta_write(const char *path, const struct run_meta *meta)
{
	struct meta_facts facts;
	struct meta_write_ctx ctx = { .meta = meta, .facts = &facts };

	gather_facts(&facts);
	return atomic_write_file(path, write_meta_json, &ctx);
}

int meta_read_run_id(const char *path, char *run_id, size_t len)
{
	char *json = read_whole_file(path, NULL);
	int ret;

	if (!json)
		return -1;
	ret = json_find_string(json, "run_id", run_id, len);
	free(json);
	return ret;
}

int meta_read_complete(const char *path, bool *complete)
{
	char *json = read_whole_file(path, NULL);
	int ret;

	if (!json)
		return -1;
	ret = json_find_bool(json, "complete", complete);
	free(json);
	return ret;
}

struct splice_ctx {
	const char *before;	/* up to the old value */
	size_t before_len;
	const char *value;
	const char *after;	/* from just past the old value */
};

static int write_spliced(FILE *f, void *arg)
{
	const struct splice_ctx *s = arg;

	fwrite(s->before, 1, s->before_len, f);
	fputs(s->value, f);
	fputs(s->after, f);
	return ferror(f) ? -1 : 0;
}

int meta_set_complete(const char *path, bool complete)
{
	char *json = read_whole_file(path, NULL);
	struct splice_ctx splice;
	const char *value;
	bool old;
	int ret;

	if (!json)
		return -1;
	value = json_find_value(json, "complete");
	if (!value || json_find_bool(json, "complete", &old)) {
		free(json);
		errno = EINVAL;
		return -1;
	}
	splice.before = json;
	splice.before_len = (size_t)(value - json);
	splice.value = complete ? "true" : "false";
	splice.after = value + (old ? 4 : 5);
	ret = atomic_write_file(path, write_spliced, &splice);
	free(json);
	return ret;
}

char *meta_text_set(const char *json, const char *key, const char *raw)
{
	const char *value = json_find_value(json, key), *end, *close;
	size_t len;
	char *out;

	if (value) {
		end = json_value_end(value);
		len = (size_t)(value - json) + strlen(raw) + strlen(end) + 1;
		out = malloc(len);
		if (out)
			snprintf(out, len, "%.*s%s%s", (int)(value - json), json,
				 raw, end);
		return out;
	}
	/* a new last field: after the last value, before the closing } */
	close = strrchr(json, '}');
	if (!close)
		return NULL;
	for (end = close; end > json && strchr(" \t\r\n", end[-1]); end--)
		;
	len = strlen(json) + strlen(key) + strlen(raw) + 16;
	out = malloc(len);
	if (out)
		snprintf(out, len, "%.*s%s\n  \"%s\": %s\n%s",
			 (int)(end - json), json, end[-1] == '{' ? "" : ",",
			 key, raw, close);
	return out;
}

int meta_set_field(const char *path, const char *key, const char *raw)
{
	char *json = read_whole_file(path, NULL), *next;
	struct splice_ctx whole = { .before = "", .value = "", .after = "" };
	int ret;

	if (!json)
		return -1;
	next = meta_text_set(json, key, raw);
	free(json);
	if (!next) {
		errno = EINVAL;
		return -1;
	}
	whole.value = next;
	ret = atomic_write_file(path, write_spliced, &whole);
	free(next);
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

int meta_text_check(const char *json, const char *path, char *err,
		    size_t errlen)
{
	const char *end, *run_id;
	bool complete;

	if (!json) {
		snprintf(err, errlen, "%s: %s", path, read_error_text(errno));
		return -1;
	}
	json += strspn(json, " \t\r\n");
	end = json + strlen(json);
	while (end > json && strchr(" \t\r\n", end[-1]))
		end--;
	if (*json != '{' || end == json || end[-1] != '}' ||
	    json_find_bool(json, "complete", &complete) ||
	    !(run_id = json_find_value(json, "run_id")) || *run_id != '"') {
		snprintf(err, errlen,
			 "%s: not a pinbench meta.json (an object with \"run_id\" and \"complete\": true or false); restore it from the run",
			 path);
		return -1;
	}
	return 0;
}

int meta_dir_check(const char *dir, char *err, size_t errlen)
{
	char path[4096], *json;
	int ret;

	if (path_join(path, sizeof(path), dir, "meta.json")) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	json = read_whole_file(path, NULL);
	ret = meta_text_check(json, path, err, errlen);
	free(json);
	return ret;
}
