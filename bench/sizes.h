/* Byte sizes and counts from the command line: "4K", "2M", "1G", "10". */
#ifndef PINBENCH_SIZES_H
#define PINBENCH_SIZES_H

#include <stddef.h>
#include <stdint.h>

/* A decimal number with an optional K, M or G (binary) suffix, > 0. */
int size_parse(const char *text, uint64_t *bytes, char *err, size_t errlen);

/* "4K,64K,2M": a malloc'ed array in *sizes, to free(); a size twice once. */
int size_list_parse(const char *list, uint64_t **sizes, size_t *count,
		    char *err, size_t errlen);

/* The shortest exact spelling: 4096 -> "4K", 3000 -> "3000". */
void size_format(uint64_t bytes, char *buf, size_t len);

/* A plain decimal number in [0, max]: no sign, no spaces, no suffix. */
int number_parse(const char *text, uint64_t max, uint64_t *value);

#endif
