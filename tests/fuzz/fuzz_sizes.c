/*
 * Sizes as --sizes and the config's sizes / sizes.<composition> take them:
 * size_list_parse, size_parse and number_parse on the input, and the
 * size_format -> size_parse round trip for every size read.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "sizes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_cstring(data, size), err[128], buf[32];
	uint64_t *sizes = NULL, one, value;
	size_t count = 0, i;

	if (size_list_parse(text, &sizes, &count, err, sizeof(err)) == 0) {
		FUZZ_ASSERT(count >= 1);
		for (i = 0; i < count; i++) {
			FUZZ_ASSERT(sizes[i] > 0);
			size_format(sizes[i], buf, sizeof(buf));
			FUZZ_ASSERT(size_parse(buf, &one, err,
					       sizeof(err)) == 0);
			FUZZ_ASSERT(one == sizes[i]);
		}
		free(sizes);
	} else {
		FUZZ_ASSERT(err[0]);
	}

	if (size_parse(text, &one, err, sizeof(err)) == 0) {
		FUZZ_ASSERT(one > 0);
		/* one size is a list of one */
		FUZZ_ASSERT(size_list_parse(text, &sizes, &count, err,
					    sizeof(err)) == 0);
		FUZZ_ASSERT(count == 1 && sizes[0] == one);
		free(sizes);
	}

	if (number_parse(text, UINT64_MAX, &value) == 0) {
		snprintf(buf, sizeof(buf), "%" PRIu64, value);
		/* leading zeros aside, the digits are the number */
		FUZZ_ASSERT(strlen(buf) <= strlen(text));
	}
	if (number_parse(text, UINT32_MAX, &value) == 0)
		FUZZ_ASSERT(value <= UINT32_MAX);

	size_format(size ? (uint64_t)data[0] << (size % 50) : 0, buf,
		    sizeof(buf));
	FUZZ_ASSERT(strlen(buf) < sizeof(buf));
	free(text);
	return 0;
}
