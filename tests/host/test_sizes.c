/* sizes.c: --sizes parsing and the size spelling used in file names. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sizes.h"
#include "tap.h"

static void test_good_sizes(void)
{
	static const struct {
		const char *text;
		uint64_t bytes;
	} good[] = {
		{ "4K", 4096 },
		{ "64K", 65536 },
		{ "2M", 2097152 },
		{ "256M", 268435456 },
		{ "1G", 1073741824 },
		{ "4G", 4294967296ULL },
		{ "2m", 2097152 },
		{ "4096", 4096 },
		/* the largest that fits: (2^34 - 1) GiB */
		{ "17179869183G", 18446744072635809792ULL },
	};
	char err[256];
	uint64_t bytes;
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		bytes = 0;
		if (size_parse(good[i].text, &bytes, err, sizeof(err)))
			tap_fail(__FILE__, __LINE__, "'%s' refused: %s",
				 good[i].text, err);
		else if (bytes != good[i].bytes)
			tap_fail(__FILE__, __LINE__, "'%s' = %llu, want %llu",
				 good[i].text, (unsigned long long)bytes,
				 (unsigned long long)good[i].bytes);
	}
}

static void test_bad_sizes(void)
{
	static const struct {
		const char *text;
		const char *says;
	} bad[] = {
		{ "", "bad size" },
		{ "K", "bad size" },
		{ "4X", "bad size" },
		{ "4KB", "bad size" },
		{ "4.5M", "bad size" },
		{ "-4K", "bad size" },
		{ " 4K", "bad size" },
		{ "+4K", "bad size" },
		{ "0", "more than 0" },
		{ "0K", "more than 0" },
		{ "99999999999G", "too large" },
		{ "17179869184G", "too large" },	/* exactly 2^64 */
		{ "18446744073709551616", "too large" },
		{ "99999999999999999999999K", "too large" },
	};
	char err[256];
	uint64_t bytes;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		if (!size_parse(bad[i].text, &bytes, err, sizeof(err)))
			tap_fail(__FILE__, __LINE__, "'%s' accepted as %llu",
				 bad[i].text, (unsigned long long)bytes);
		else if (!strstr(err, bad[i].says))
			tap_fail(__FILE__, __LINE__,
				 "'%s': message \"%s\" lacks \"%s\"",
				 bad[i].text, err, bad[i].says);
	}
}

static void test_size_lists(void)
{
	uint64_t *sizes = NULL;
	size_t count = 0;
	char err[256];

	CHECK(!size_list_parse("4K,64K,2M,256M,1G", &sizes, &count, err,
			       sizeof(err)));
	CHECK_INT(count, 5);
	if (count == 5) {
		CHECK_INT(sizes[0], 4096);
		CHECK_INT(sizes[2], 2 << 20);
		CHECK_INT(sizes[4], 1 << 30);
	}
	free(sizes);

	CHECK(size_list_parse("4K,,2M", &sizes, &count, err, sizeof(err)));
	CHECK_CONTAINS(err, "empty size");
	CHECK(size_list_parse("4K,", &sizes, &count, err, sizeof(err)));
	CHECK(size_list_parse("", &sizes, &count, err, sizeof(err)));
	CHECK(size_list_parse("4K,99999999999G", &sizes, &count, err,
			      sizeof(err)));
	CHECK_CONTAINS(err, "99999999999G");
}

static void test_size_format(void)
{
	char buf[32];

	size_format(4096, buf, sizeof(buf));
	CHECK_STR(buf, "4K");
	size_format(2 << 20, buf, sizeof(buf));
	CHECK_STR(buf, "2M");
	size_format(1ULL << 30, buf, sizeof(buf));
	CHECK_STR(buf, "1G");
	size_format(3072, buf, sizeof(buf));
	CHECK_STR(buf, "3K");
	size_format(1536, buf, sizeof(buf));
	CHECK_STR(buf, "1536");
	size_format(3ULL << 20 | 1 << 10, buf, sizeof(buf));
	CHECK_STR(buf, "3073K");
}

static void test_number_parse(void)
{
	uint64_t v;

	CHECK(!number_parse("10", 100, &v) && v == 10);
	CHECK(!number_parse("0", 100, &v) && v == 0);
	CHECK(number_parse("101", 100, &v));
	CHECK(number_parse("-1", UINT64_MAX, &v));
	CHECK(number_parse("1x", UINT64_MAX, &v));
	CHECK(number_parse("", UINT64_MAX, &v));
	CHECK(number_parse("4294967296", UINT32_MAX, &v));
	CHECK(number_parse("18446744073709551616", UINT64_MAX, &v));
}

TAP_SUITE(sizes,
	{ "good sizes with K, M, G suffixes", test_good_sizes },
	{ "bad sizes refused with a reason, overflow included",
	  test_bad_sizes },
	{ "size lists: 4K,64K,2M,256M,1G; empty items refused",
	  test_size_lists },
	{ "shortest exact spelling of a size", test_size_format },
	{ "plain numbers: range, sign, junk", test_number_parse },
);
