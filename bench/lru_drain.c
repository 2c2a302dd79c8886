#include <stddef.h>
#include <sys/mman.h>
#include <unistd.h>

#include "lru_drain.h"

#ifndef MADV_COLD
#define MADV_COLD 20
#endif

void lru_drain_this_cpu(void)
{
	size_t len = (size_t)sysconf(_SC_PAGESIZE);
	char *page = mmap(NULL, len, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (page == MAP_FAILED)
		return;
	page[0] = 1;
	(void)madvise(page, len, MADV_COLD);
	munmap(page, len);
}
