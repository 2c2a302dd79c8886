/* Paths of a run directory. */
#ifndef PINBENCH_PATHS_H
#define PINBENCH_PATHS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* mkdir -p; 0, or -1 with errno set. */
int mkdir_parents(const char *path, mode_t mode);

/* dir/name into buf; -1 (ENAMETOOLONG) if it does not fit. */
int path_join(char *buf, size_t len, const char *dir, const char *name);

/*
 * "profile-<composition>-<size>-<strategy>.txt" (size as size_format
 * spells it): the name pinbench profile writes and compare looks for.
 * 0, or -1 (ENAMETOOLONG).
 */
int profile_file_name(char *buf, size_t len, const char *composition,
		      uint64_t size, const char *strategy);

#endif
