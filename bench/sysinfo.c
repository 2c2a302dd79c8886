#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "csv.h"
#include "sysinfo.h"

#define PREEMPT_DEBUGFS_PATH "/sys/kernel/debug/sched/preempt"

int read_first_line(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	int ret = -1;

	if (!f)
		return -1;
	if (fgets(buf, (int)len, f)) {
		buf[strcspn(buf, "\n")] = '\0';
		ret = 0;
	}
	fclose(f);
	return ret;
}

int menu_choice(const char *menu, char open, char close, char *out,
		size_t len)
{
	const char *start = strchr(menu, open), *end;

	if (!start)
		return -1;
	start++;
	end = strchr(start, close);
	if (!end || end == start || (size_t)(end - start) >= len)
		return -1;
	memcpy(out, start, (size_t)(end - start));
	out[end - start] = '\0';
	return 0;
}

int sysfs_choice(const char *path, char *out, size_t len)
{
	char line[256];

	if (read_first_line(path, line, sizeof(line)))
		return -1;
	return menu_choice(line, '[', ']', out, len);
}

/* Does text contain word, bounded by spaces or the ends? */
static bool has_word(const char *text, const char *word)
{
	size_t n = strlen(word);
	const char *p;

	for (p = strstr(text, word); p; p = strstr(p + 1, word)) {
		bool starts = p == text || p[-1] == ' ';
		bool ends = p[n] == '\0' || p[n] == ' ' || p[n] == '\n';

		if (starts && ends)
			return true;
	}
	return false;
}

const char *preempt_from_uname_version(const char *version)
{
	/* most specific first: an RT kernel's version also says PREEMPT */
	if (has_word(version, "PREEMPT_RT"))
		return "PREEMPT_RT";
	if (has_word(version, "PREEMPT_DYNAMIC"))
		return "PREEMPT_DYNAMIC";
	if (has_word(version, "PREEMPT"))
		return "PREEMPT";
	return "none";
}

void preempt_model(char *out, size_t len, const char **source)
{
	struct utsname uts;
	char line[256];

	/* "none voluntary (full) lazy": the running model, if debugfs is up */
	if (!read_first_line(PREEMPT_DEBUGFS_PATH, line, sizeof(line)) &&
	    !menu_choice(line, '(', ')', out, len)) {
		*source = "debugfs";
		return;
	}
	*source = "uname";
	snprintf(out, len, "%s", uname(&uts) ? "unknown" :
		 preempt_from_uname_version(uts.version));
}

static const char *next_line(const char *line)
{
	const char *newline = strchr(line, '\n');

	return newline ? newline + 1 : NULL;
}

/* The value of the first "key<tabs>: value" line of a cpuinfo text. */
static const char *cpuinfo_field(const char *cpuinfo, const char *key,
				 size_t *vlen)
{
	size_t klen = strlen(key);
	const char *line;

	for (line = cpuinfo; line; line = next_line(line)) {
		const char *p = line + klen;

		if (strncmp(line, key, klen))
			continue;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != ':')
			continue;
		p++;
		while (*p == ' ')
			p++;
		*vlen = strcspn(p, "\n");
		return p;
	}
	return NULL;
}

bool cpuinfo_has_flag(const char *cpuinfo, const char *flag)
{
	size_t vlen;
	const char *flags = cpuinfo_field(cpuinfo, "flags", &vlen);
	char *copy;
	bool found;

	if (!flags)
		return false;
	copy = strndup(flags, vlen);
	if (!copy)
		return false;
	found = has_word(copy, flag);
	free(copy);
	return found;
}

void cpuinfo_model(const char *cpuinfo, char *out, size_t len)
{
	size_t vlen;
	const char *model = cpuinfo_field(cpuinfo, "model name", &vlen);

	if (!model)
		snprintf(out, len, "unknown");
	else
		snprintf(out, len, "%.*s", (int)vlen, model);
}

void accel_default(char *out, size_t len)
{
	const char *env = getenv("PINBENCH_ACCEL");
	char *cpuinfo;

	if (env && *env) {
		snprintf(out, len, "%s", env);
		return;
	}
	cpuinfo = read_whole_file("/proc/cpuinfo", NULL);
	snprintf(out, len, "%s",
		 cpuinfo && cpuinfo_has_flag(cpuinfo, "hypervisor") ?
		 "vm" : "native");
	free(cpuinfo);
}

int meminfo_bytes(const char *meminfo, const char *key, uint64_t *bytes)
{
	size_t key_len = strlen(key);
	const char *line;
	unsigned long long kb;

	for (line = meminfo; line && *line; line = strchr(line, '\n'),
	     line = line ? line + 1 : NULL) {
		if (strncmp(line, key, key_len) || line[key_len] != ':')
			continue;
		if (sscanf(line + key_len + 1, "%llu kB", &kb) != 1 ||
		    kb > UINT64_MAX / 1024)
			return -1;
		*bytes = (uint64_t)kb * 1024;
		return 0;
	}
	return -1;
}

int mem_available_bytes(uint64_t *bytes)
{
	char buf[8192];
	size_t n;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return -1;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	return meminfo_bytes(buf, "MemAvailable", bytes);
}
