#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "region.h"
#include "sizes.h"

static size_t page_size(void)
{
	return (size_t)sysconf(_SC_PAGESIZE);
}

int region_reserve(struct region *region, size_t len, size_t align,
		   char *err, size_t errlen)
{
	char size[32];
	void *p;

	if (!align)
		align = page_size();
	memset(region, 0, sizeof(*region));
	if (len > SIZE_MAX - align) {
		snprintf(err, errlen, "%zu bytes is too large to map", len);
		return -1;
	}
	p = mmap(NULL, len + align, PROT_NONE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED) {
		size_format(len, size, sizeof(size));
		snprintf(err, errlen, "reserving %s of address space: %s",
			 size, strerror(errno));
		return -1;
	}
	region->mapping = p;
	region->mapping_len = len + align;
	region->addr = (void *)(((uintptr_t)p + align - 1) & ~(uintptr_t)(align - 1));
	region->len = len;
	return 0;
}

int region_map(struct region *region, int flags, int fd, const char *what,
	       char *err, size_t errlen)
{
	void *p = mmap(region->addr, region->len, PROT_READ | PROT_WRITE,
		       flags | MAP_FIXED, fd, 0);
	char size[32];

	if (p != MAP_FAILED)
		return 0;
	size_format(region->len, size, sizeof(size));
	snprintf(err, errlen, "mmap %s %s: %s", what, size, strerror(errno));
	return -1;
}

int region_advise(const struct region *region, size_t off, size_t len,
		  int advice, const char *name, char *err, size_t errlen)
{
	if (!madvise((char *)region->addr + off, len, advice))
		return 0;
	snprintf(err, errlen, "madvise(%s): %s", name, strerror(errno));
	return -1;
}

void region_write_pages(const struct region *region)
{
	size_t page = page_size(), off;
	volatile char *p = region->addr;

	for (off = 0; off < region->len; off += page)
		p[off] = 1;
}

void region_read_pages(const struct region *region)
{
	size_t page = page_size(), off;
	const volatile char *p = region->addr;
	char sink = 0;

	for (off = 0; off < region->len; off += page)
		sink ^= p[off];
	(void)sink;
}

static int write_ones(int fd, size_t len)
{
	static char ones[1 << 20];
	size_t done = 0;
	ssize_t n;

	if (!ones[0])
		memset(ones, 1, sizeof(ones));
	while (done < len) {
		size_t chunk = len - done < sizeof(ones) ? len - done :
							   sizeof(ones);

		n = write(fd, ones, chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (!n)
				errno = ENOSPC;
			return -1;
		}
		done += (size_t)n;
	}
	return 0;
}

int region_fill_file(struct region *region, const char *dir,
		     const char *name, size_t len, int *fd, char *err,
		     size_t errlen)
{
	char size[32];
	int n;

	n = snprintf(NULL, 0, "%s/%s", dir, name);
	region->file = malloc((size_t)n + 1);
	if (!region->file) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	snprintf(region->file, (size_t)n + 1, "%s/%s", dir, name);
	/* a leftover of a killed run with our pid is ours to replace */
	*fd = open(region->file, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW |
		   O_CLOEXEC, 0600);
	if (*fd < 0 && errno == EEXIST && !unlink(region->file))
		*fd = open(region->file, O_RDWR | O_CREAT | O_EXCL |
			   O_NOFOLLOW | O_CLOEXEC, 0600);
	if (*fd < 0) {
		snprintf(err, errlen, "creating %s: %s", region->file,
			 strerror(errno));
		free(region->file);
		region->file = NULL;
		return -1;
	}
	if (write_ones(*fd, len) || fsync(*fd)) {
		size_format(len, size, sizeof(size));
		snprintf(err, errlen, "writing %s to %s: %s", size,
			 region->file, strerror(errno));
		close(*fd);
		*fd = -1;
		return -1;
	}
	return 0;
}

void region_release(struct region *region)
{
	if (region->mapping)
		munmap(region->mapping, region->mapping_len);
	if (region->file) {
		unlink(region->file);
		free(region->file);
	}
	memset(region, 0, sizeof(*region));
}
