#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csv.h"

void csv_write_field(FILE *f, const char *s)
{
	const char *p;

	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (p = s; *p; p++) {
		if (*p == '"')
			fputc('"', f);
		fputc(*p, f);
	}
	fputc('"', f);
}

void csv_write_double(FILE *f, const char *fmt, double value)
{
	if (!isnan(value))
		fprintf(f, fmt, value);
}

void csv_reader_init(struct csv_reader *r, char *text, size_t len)
{
	r->pos = text;
	r->end = text + len;
	r->line = 0;
}

static int at_record_end(const struct csv_reader *r, const char *p)
{
	return p == r->end || *p == '\n' || (*p == '\r' && p + 1 < r->end &&
					     p[1] == '\n');
}

static char *skip_record_end(const struct csv_reader *r, char *p)
{
	if (p == r->end)
		return p;
	return p + (*p == '\r' ? 2 : 1);
}

/* Counts the newlines in [from, to): lines a quoted field spans. */
static unsigned long newlines_in(const char *from, const char *to)
{
	unsigned long n = 0;

	for (; from < to; from++)
		n += *from == '\n';
	return n;
}

int csv_next_record(struct csv_reader *r, char **fields, size_t max_fields,
		    size_t *nfields)
{
	char *p = r->pos, *start;
	size_t n = 0;

	while (p < r->end && at_record_end(r, p)) {	/* empty lines */
		r->line++;
		p = skip_record_end(r, p);
	}
	if (p >= r->end)
		return 0;
	r->line++;
	start = p;

	for (;;) {
		char *field = p, *w = p;

		if (n == max_fields)
			return -1;
		if (p < r->end && *p == '"') {
			/* quoted: "" is a quote; unescape in place, w <= p */
			for (p++;; p++) {
				if (p >= r->end || !*p)
					return -1;
				if (*p == '"') {
					if (p + 1 < r->end && p[1] == '"') {
						*w++ = '"';
						p++;
						continue;
					}
					p++;
					break;
				}
				*w++ = *p;
			}
			if (!at_record_end(r, p) && *p != ',')
				return -1;
		} else {
			while (!at_record_end(r, p) && *p != ',') {
				if (*p == '"' || !*p)	/* NUL: not text */
					return -1;
				p++;
			}
			w = p;
		}
		fields[n++] = field;
		if (at_record_end(r, p)) {
			char *next = skip_record_end(r, p);

			*w = '\0';
			r->line += newlines_in(start, p);
			r->pos = next;
			*nfields = n;
			return 1;
		}
		*w = '\0';	/* overwrites the ',' or lies before it */
		p++;
	}
}

char *read_whole_file(const char *path, size_t *len)
{
	/* O_NONBLOCK: opening a FIFO must not wait for a writer */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	size_t cap = 65536, used = 0;
	char *buf = NULL, *bigger;
	struct stat st;
	ssize_t n;
	int saved;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st))
		goto fail;
	if (!S_ISREG(st.st_mode)) {	/* a FIFO, /dev/zero, a directory */
		errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		goto fail;
	}
	/* not read first: /proc files say 0, hence the bound below too */
	if ((unsigned long long)st.st_size > READ_WHOLE_FILE_MAX) {
		errno = EFBIG;
		goto fail;
	}
	for (;;) {
		if (used == cap) {
			if (cap > READ_WHOLE_FILE_MAX) {
				errno = EFBIG;
				goto fail;
			}
			cap *= 2;
		}
		bigger = realloc(buf, cap + 1);
		if (!bigger)
			goto fail;
		buf = bigger;
		n = read(fd, buf + used, cap - used);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto fail;
		if (!n)
			break;
		used += (size_t)n;
	}
	if (used > READ_WHOLE_FILE_MAX) {
		errno = EFBIG;
		goto fail;
	}
	close(fd);
	buf[used] = '\0';
	if (len)
		*len = used;
	return buf;

fail:
	saved = errno ? errno : EIO;
	free(buf);
	close(fd);
	errno = saved;
	return NULL;
}

const char *read_error_text(int err)
{
	if (err == EINVAL)
		return "not a regular file (a FIFO, device or socket): refused";
	if (err == EFBIG)
		return "larger than 1 GiB: refused";
	return strerror(err);
}
