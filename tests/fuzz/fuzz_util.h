/*
 * Shared by the harnesses: the parsers under test read a path, so each
 * input goes to a per-process temp file first. Parser messages on stderr
 * go to /dev/null while the parser runs (sanitizer reports write to fd 2
 * directly and still show).
 */
#ifndef PINBENCH_FUZZ_UTIL_H
#define PINBENCH_FUZZ_UTIL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char fuzz_paths[2][256] __attribute__((unused));
static FILE *fuzz_devnull __attribute__((unused));
static FILE *fuzz_real_stderr __attribute__((unused));

static inline void fuzz_cleanup(void)
{
	size_t i;

	for (i = 0; i < 2; i++)
		if (fuzz_paths[i][0])
			unlink(fuzz_paths[i]);
}

/* Creates the temp files; slot 0 is the input, slot 1 for round trips. */
static inline void fuzz_init_files(const char *name)
{
	const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" :
			  (getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	size_t i;

	for (i = 0; i < 2; i++) {
		int fd;

		snprintf(fuzz_paths[i], sizeof(fuzz_paths[i]),
			 "%s/pinbench-fuzz-%s-%zu-XXXXXX", dir, name, i);
		fd = mkstemp(fuzz_paths[i]);
		if (fd < 0) {
			perror(fuzz_paths[i]);
			abort();
		}
		close(fd);
	}
	atexit(fuzz_cleanup);
	fuzz_devnull = fopen("/dev/null", "w");
	fuzz_real_stderr = stderr;
	if (!fuzz_devnull)
		abort();
}

/* Writes data to the temp file of the slot; returns its path. */
static inline const char *fuzz_write_file(size_t slot, const uint8_t *data,
				   size_t size)
{
	FILE *f = fopen(fuzz_paths[slot], "wb");

	if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f)) {
		perror(fuzz_paths[slot]);
		abort();
	}
	return fuzz_paths[slot];
}

static inline void fuzz_quiet(int on)
{
	fflush(stderr);
	stderr = on ? fuzz_devnull : fuzz_real_stderr;
}

/* The input as a malloc'ed C string of exactly size + 1 bytes. */
static inline char *fuzz_cstring(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#define FUZZ_ASSERT(cond) \
	do { \
		if (!(cond)) { \
			fprintf(fuzz_real_stderr ? fuzz_real_stderr : stderr, "%s:%d: FUZZ_ASSERT(%s)\n", \
				__FILE__, __LINE__, #cond); \
			abort(); \
		} \
	} while (0)

#endif
