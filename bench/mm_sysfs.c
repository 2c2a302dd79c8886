#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mm_sysfs.h"
#include "sizes.h"
#include "sysinfo.h"

int mm_sysfs_path(char *buf, size_t len, const char *fmt, ...)
{
	const char *root = getenv(SYSFS_ROOT_ENV);
	va_list ap;
	int n, m;

	if (!root || !*root)
		root = "/sys";
	n = snprintf(buf, len, "%s/", root);
	if (n < 0 || (size_t)n >= len)
		return -1;
	va_start(ap, fmt);
	m = vsnprintf(buf + n, len - (size_t)n, fmt, ap);
	va_end(ap);
	return m < 0 || (size_t)m >= len - (size_t)n ? -1 : 0;
}

int mm_sysfs_read_choice(const char *path, char *out, size_t len)
{
	char line[256];
	size_t n;

	if (read_first_line(path, line, sizeof(line)))
		return -1;
	if (strchr(line, '['))
		return menu_choice(line, '[', ']', out, len);
	n = strcspn(line, " \t");
	if (!n || n >= len)
		return -1;
	memcpy(out, line, n);
	out[n] = '\0';
	return 0;
}

int mm_sysfs_read_u64(const char *path, uint64_t *value)
{
	char line[64];

	if (read_first_line(path, line, sizeof(line)))
		return -1;
	return number_parse(line, UINT64_MAX, value);
}

static int sysfs_write(const char *path, const char *value)
{
	char text[MM_VALUE_MAX + 1];
	int fd, n, saved;
	ssize_t done;

	n = snprintf(text, sizeof(text), "%s\n", value);
	/* O_TRUNC: a no-op on sysfs, needed by a fake tree's plain files */
	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0)
		return -1;
	done = write(fd, text, (size_t)n);
	saved = errno;
	if (close(fd) && done == n)
		return -1;
	if (done != n) {
		errno = done < 0 ? saved : EIO;
		return -1;
	}
	return 0;
}

int mm_settings_want(struct mm_settings *s, const char *path,
		     const char *value, char *err, size_t errlen)
{
	struct mm_setting *item;
	char now[MM_VALUE_MAX];

	if (mm_sysfs_read_choice(path, now, sizeof(now))) {
		snprintf(err, errlen, "cannot read %s: %s", path,
			 strerror(errno ? errno : EINVAL));
		return -1;
	}
	if (!strcmp(now, value))
		return 0;
	if (s->count == MM_MAX_SETTINGS || strlen(path) >= MM_PATH_MAX ||
	    strlen(value) >= MM_VALUE_MAX) {
		snprintf(err, errlen, "too many sysfs settings to change");
		return -1;
	}
	item = &s->items[s->count++];
	memset(item, 0, sizeof(*item));
	strcpy(item->path, path);
	strcpy(item->value, value);
	strcpy(item->old, now);
	return 0;
}

int mm_settings_check_writable(const struct mm_settings *s, char *why,
			       size_t len)
{
	size_t i;

	for (i = 0; i < s->count; i++) {
		if (!access(s->items[i].path, W_OK))
			continue;
		snprintf(why, len,
			 "needs to set %s to %s while the range faults in (it is %s): run as root",
			 s->items[i].path, s->items[i].value, s->items[i].old);
		return -1;
	}
	return 0;
}

int mm_settings_apply(struct mm_settings *s, char *err, size_t errlen)
{
	size_t i;
	char ignored[16];

	for (i = 0; i < s->count; i++) {
		struct mm_setting *item = &s->items[i];

		if (sysfs_write(item->path, item->value)) {
			snprintf(err, errlen, "setting %s to %s: %s",
				 item->path, item->value, strerror(errno));
			mm_settings_restore(s, ignored, sizeof(ignored));
			return -1;
		}
		item->applied = true;
	}
	return 0;
}

int mm_settings_restore(struct mm_settings *s, char *err, size_t errlen)
{
	int ret = 0;
	size_t i;

	for (i = s->count; i-- > 0;) {
		struct mm_setting *item = &s->items[i];

		if (!item->applied)
			continue;
		if (sysfs_write(item->path, item->old) && !ret) {
			snprintf(err, errlen,
				 "putting %s back to %s: %s (set it by hand)",
				 item->path, item->old, strerror(errno));
			ret = -1;
		}
		item->applied = false;
	}
	return ret;
}

void mm_settings_describe(const struct mm_settings *s, char *buf, size_t len)
{
	size_t i, used = 0;

	if (!len)
		return;
	buf[0] = '\0';
	for (i = 0; i < s->count && used < len; i++) {
		const char *path = s->items[i].path, *short_name;
		const char *dir = strstr(path, MM_THP_DIR "/");
		int n;

		short_name = dir ? dir + strlen(MM_THP_DIR "/") : path;
		n = snprintf(buf + used, len - used, "%s%s=%s", i ? " " : "",
			     short_name, s->items[i].value);
		if (n > 0)
			used += (size_t)n;
	}
}

int thp_global_mode(char *out, size_t len)
{
	char path[MM_PATH_MAX];

	if (mm_sysfs_path(path, sizeof(path), MM_THP_DIR "/enabled"))
		return -1;
	return mm_sysfs_read_choice(path, out, len);
}

int thp_size_path(char *buf, size_t len, uint64_t size, const char *file)
{
	return mm_sysfs_path(buf, len, MM_THP_DIR "/hugepages-%" PRIu64
			     "kB/%s", size >> 10, file);
}

static bool madvise_gets_it(const char *mode)
{
	return !strcmp(mode, "always") || !strcmp(mode, "madvise");
}

int thp_anon_size_enabled(uint64_t size)
{
	char path[MM_PATH_MAX], mode[MM_VALUE_MAX], global[MM_VALUE_MAX];
	bool has_global = !thp_global_mode(global, sizeof(global));

	if (!thp_size_path(path, sizeof(path), size, "enabled") &&
	    !mm_sysfs_read_choice(path, mode, sizeof(mode))) {
		if (!strcmp(mode, "inherit"))
			return has_global && madvise_gets_it(global);
		return madvise_gets_it(mode);
	}
	/* before 6.8: the global knob is the PMD size's */
	if (size == (UINT64_C(2) << 20) && has_global)
		return madvise_gets_it(global);
	return -1;
}

static int compare_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

size_t thp_anon_sizes(uint64_t *sizes, size_t max)
{
	char dir_path[MM_PATH_MAX], file[MM_PATH_MAX];
	struct dirent *e;
	size_t n = 0;
	DIR *dir;

	if (mm_sysfs_path(dir_path, sizeof(dir_path), MM_THP_DIR))
		return 0;
	dir = opendir(dir_path);
	if (!dir)
		return 0;
	while ((e = readdir(dir)) != NULL && n < max) {
		unsigned long long kb;
		char tail[8];

		if (sscanf(e->d_name, "hugepages-%llukB%7s", &kb, tail) != 1 ||
		    !kb)
			continue;
		if (thp_size_path(file, sizeof(file), (uint64_t)kb << 10,
				  "enabled") || access(file, F_OK))
			continue;
		sizes[n++] = (uint64_t)kb << 10;
	}
	closedir(dir);
	qsort(sizes, n, sizeof(*sizes), compare_u64);
	return n;
}

void hugetlb_pool_read(uint64_t page_size, struct hugetlb_pool *pool)
{
	char path[MM_PATH_MAX];

	memset(pool, 0, sizeof(*pool));
	if (mm_sysfs_path(path, sizeof(path), MM_HUGETLB_DIR
			  "/hugepages-%" PRIu64 "kB/free_hugepages",
			  page_size >> 10) ||
	    mm_sysfs_read_u64(path, &pool->free))
		return;
	pool->present = true;
	if (mm_sysfs_path(path, sizeof(path), MM_HUGETLB_DIR
			  "/hugepages-%" PRIu64 "kB/resv_hugepages",
			  page_size >> 10) ||
	    mm_sysfs_read_u64(path, &pool->resv))
		pool->resv = 0;
	if (mm_sysfs_path(path, sizeof(path), MM_HUGETLB_DIR
			  "/hugepages-%" PRIu64 "kB/nr_hugepages",
			  page_size >> 10) ||
	    mm_sysfs_read_u64(path, &pool->total))
		pool->total = pool->free;
	pool->usable = pool->free > pool->resv ? pool->free - pool->resv : 0;
}
