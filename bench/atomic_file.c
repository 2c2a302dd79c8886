#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic_file.h"

int atomic_write_file(const char *path, atomic_writer_fn write_content,
		      void *ctx)
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
	f = NULL;
	if (rename(tmp, path))
		goto fail;
	free(tmp);
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
