#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sizes.h"

static const struct size_suffix {
	char letter;
	unsigned int shift;
} size_suffixes[] = {
	{ 'G', 30 },
	{ 'M', 20 },
	{ 'K', 10 },
};

#define NR_SIZE_SUFFIXES (sizeof(size_suffixes) / sizeof(size_suffixes[0]))

int number_parse(const char *text, uint64_t max, uint64_t *value)
{
	unsigned long long parsed;
	char *end;

	/* strtoull would accept " -1" and wrap it around */
	if (!isdigit((unsigned char)text[0]))
		return -1;
	errno = 0;
	parsed = strtoull(text, &end, 10);
	if (errno || *end || parsed > max)
		return -1;
	*value = parsed;
	return 0;
}

int size_parse(const char *text, uint64_t *bytes, char *err, size_t errlen)
{
	unsigned long long number;
	unsigned int shift = 0;
	const char *suffix;
	char *end;
	size_t i;

	if (!isdigit((unsigned char)text[0]))
		goto bad_syntax;
	errno = 0;
	number = strtoull(text, &end, 10);
	suffix = end;
	if (*suffix) {
		for (i = 0; i < NR_SIZE_SUFFIXES; i++)
			if (toupper((unsigned char)*suffix) ==
			    size_suffixes[i].letter)
				break;
		if (i == NR_SIZE_SUFFIXES || suffix[1])
			goto bad_syntax;
		shift = size_suffixes[i].shift;
	}
	if (errno == ERANGE || number > (UINT64_MAX >> shift)) {
		snprintf(err, errlen, "size '%s' is too large", text);
		return -1;
	}
	if (!number) {
		snprintf(err, errlen, "size '%s' must be more than 0", text);
		return -1;
	}
	*bytes = (uint64_t)number << shift;
	return 0;

bad_syntax:
	snprintf(err, errlen,
		 "bad size '%s': expected a number with an optional K, M or G suffix (e.g. 4K, 2M, 1G)",
		 text);
	return -1;
}

int size_list_parse(const char *list, uint64_t **sizes, size_t *count,
		    char *err, size_t errlen)
{
	char *copy = strdup(list), *item, *rest;
	uint64_t *out = NULL;
	size_t n = 0, items = 1, i;
	const char *c;

	if (!copy)
		goto no_memory;
	for (c = list; *c; c++)
		items += *c == ',';
	out = calloc(items, sizeof(*out));
	if (!out)
		goto no_memory;
	rest = copy;
	/* strsep, not strtok: "4K,,2M" must be an error, not two sizes */
	while ((item = strsep(&rest, ",")) != NULL) {
		if (!*item) {
			snprintf(err, errlen, "empty size in list '%s'", list);
			goto fail;
		}
		if (size_parse(item, &out[n], err, errlen))
			goto fail;
		/* 8K,8K (or 8K,8192) once: measured twice it would count twice */
		for (i = 0; i < n && out[i] != out[n]; i++)
			;
		n += i == n;
	}
	free(copy);
	*sizes = out;
	*count = n;
	return 0;

no_memory:
	snprintf(err, errlen, "out of memory");
fail:
	free(copy);
	free(out);
	return -1;
}

void size_format(uint64_t bytes, char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < NR_SIZE_SUFFIXES; i++) {
		uint64_t unit = UINT64_C(1) << size_suffixes[i].shift;

		if (bytes && bytes % unit == 0) {
			snprintf(buf, len, "%" PRIu64 "%c", bytes / unit,
				 size_suffixes[i].letter);
			return;
		}
	}
	snprintf(buf, len, "%" PRIu64, bytes);
}
