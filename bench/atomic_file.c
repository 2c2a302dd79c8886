#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_file.h"
#include "paths.h"

/* tmp: a fresh malloc'ed "<path>.tmp.<pid>" holding the content, synced. */
static int write_temp(const char *path, atomic_writer_fn write_content,
		      void *ctx, char **tmp_out)
{
	size_t tmplen = strlen(path) + 32;
	char *tmp = malloc(tmplen);
	FILE *f = NULL;
	int fd, saved;

	if (!tmp)
		return -1;
	snprintf(tmp, tmplen, "%s.tmp.%ld", path, (long)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0)
		goto fail_nofile;
	f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		goto fail;
	}
	errno = 0;	/* a writer may fail without setting it: EIO then */
	if (write_content(f, ctx))
		goto fail;
	if (fflush(f) || ferror(f) || fsync(fileno(f)))
		goto fail;
	if (fclose(f)) {
		f = NULL;
		goto fail;
	}
	*tmp_out = tmp;
	return 0;

fail:
	saved = errno ? errno : EIO;
	if (f)
		fclose(f);
	unlink(tmp);
	errno = saved;
fail_nofile:
	saved = errno;
	free(tmp);
	errno = saved;
	return -1;
}

int atomic_write_file(const char *path, atomic_writer_fn write_content,
		      void *ctx)
{
	struct atomic_set set = { 0 };
	int ret;

	ret = atomic_set_write(&set, path, write_content, ctx) ||
	      atomic_set_commit(&set) ? -1 : 0;
	atomic_set_free(&set);
	return ret;
}

int atomic_set_write(struct atomic_set *set, const char *path,
		     atomic_writer_fn write_content, void *ctx)
{
	char **tmp = realloc(set->tmp, (set->count + 1) * sizeof(*tmp));
	char **final;

	if (!tmp)
		return -1;
	set->tmp = tmp;
	final = realloc(set->path, (set->count + 1) * sizeof(*final));
	if (!final)
		return -1;
	set->path = final;
	final[set->count] = strdup(path);
	if (!final[set->count])
		return -1;
	if (write_temp(path, write_content, ctx, &tmp[set->count])) {
		int saved = errno;

		free(final[set->count]);
		errno = saved;
		return -1;
	}
	set->count++;
	return 0;
}

int atomic_set_commit(struct atomic_set *set)
{
	struct stat st;
	size_t i;

	/* what would make a rename fail half way, before the first */
	for (i = 0; i < set->count; i++)
		if (!lstat(set->path[i], &st) && !S_ISREG(st.st_mode)) {
			set->failed = set->path[i];
			errno = S_ISDIR(st.st_mode) ? EISDIR : EEXIST;
			return -1;
		}
	for (i = 0; i < set->count; i++) {
		if (rename(set->tmp[i], set->path[i])) {
			set->failed = set->path[i];
			return -1;	/* the rest stay temp: free removes them */
		}
		free(set->tmp[i]);
		set->tmp[i] = NULL;
	}
	return 0;
}

void atomic_set_free(struct atomic_set *set)
{
	int saved = errno;
	size_t i;

	for (i = 0; i < set->count; i++) {
		if (set->tmp[i])
			unlink(set->tmp[i]);
		free(set->tmp[i]);
		free(set->path[i]);
	}
	free(set->tmp);
	free(set->path);
	memset(set, 0, sizeof(*set));
	errno = saved;
}

struct append_ctx {
	const char *path;
	atomic_writer_fn write_header;
	atomic_writer_fn write_rows;
	void *ctx;
};

static int copy_file_to(FILE *out, FILE *in)
{
	char buf[65536];
	size_t n;

	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			return -1;
	return ferror(in) ? -1 : 0;
}

static int write_old_then_rows(FILE *f, void *arg)
{
	struct append_ctx *a = arg;
	FILE *old = fopen(a->path, "r");
	int ret;

	if (old) {
		ret = copy_file_to(f, old);
		fclose(old);
	} else if (errno == ENOENT) {
		ret = a->write_header(f, a->ctx);
	} else {
		return -1;
	}
	if (ret)
		return -1;
	return a->write_rows(f, a->ctx);
}

int atomic_append_file(const char *path, atomic_writer_fn write_header,
		       atomic_writer_fn write_rows, void *ctx)
{
	struct append_ctx a = {
		.path = path,
		.write_header = write_header,
		.write_rows = write_rows,
		.ctx = ctx,
	};

	return atomic_write_file(path, write_old_then_rows, &a);
}

int atomic_dir_write(const char *dir, const struct atomic_dir_file *files,
		     size_t n, bool (*skip)(const struct atomic_dir_file *,
					    void *ctx),
		     void *ctx, char *err, size_t errlen)
{
	struct atomic_set set = { 0 };
	char path[4096];
	int ret = -1;
	size_t i;

	for (i = 0; i < n; i++) {
		if (skip && skip(&files[i], ctx))
			continue;
		if (path_join(path, sizeof(path), dir, files[i].name) ||
		    atomic_set_write(&set, path, files[i].write, ctx)) {
			snprintf(err, errlen, "writing %s/%s: %s", dir,
				 files[i].name, strerror(errno));
			goto out;
		}
	}
	if (atomic_set_commit(&set)) {
		snprintf(err, errlen, "writing %s: %s", set.failed,
			 strerror(errno));
		goto out;
	}
	ret = 0;
out:
	atomic_set_free(&set);
	return ret;
}
