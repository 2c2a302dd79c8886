/* json.c: jansson as pinbench uses it, and the layout it writes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "tap.h"
#include "test_util.h"

/* object as json_write_lines() writes it, malloc'ed */
static char *lines_of(const json_t *object, bool spread_arrays)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		return NULL;
	CHECK_INT(json_write_lines(f, object, spread_arrays), 0);
	fclose(f);
	return text;
}

/* {"s": s} written, malloc'ed */
static char *written(const char *s)
{
	json_t *o = json_object();
	char *text;

	json_object_set_new(o, "s", json_text(s));
	text = lines_of(o, false);
	json_decref(o);
	return text;
}

#define CHECK_WRITTEN(s, want) \
	do { \
		char *text_ = written(s); \
		CHECK_STR(text_, "{\n  \"s\": " want "\n}\n"); \
		free(text_); \
	} while (0)

static void test_escaping(void)
{
	CHECK_WRITTEN("plain text", "\"plain text\"");
	CHECK_WRITTEN("say \"hi\"", "\"say \\\"hi\\\"\"");
	CHECK_WRITTEN("C:\\dir\\", "\"C:\\\\dir\\\\\"");
	CHECK_WRITTEN("a\nb\tc\rd\be\ff", "\"a\\nb\\tc\\rd\\be\\ff\"");
	CHECK_WRITTEN("\x01\x1f", "\"\\u0001\\u001F\"");
	CHECK_WRITTEN("caf\xc3\xa9", "\"caf\xc3\xa9\"");	/* UTF-8 as is */
	CHECK_WRITTEN("", "\"\"");
	CHECK_WRITTEN(NULL, "\"\"");
	/* not UTF-8 (Latin-1 in a command line): still written, as '?' */
	CHECK_WRITTEN("caf\xe9 \xc3\xa9", "\"caf? ??\"");
}

static void test_escape_round_trip(void)
{
	const char *nasty = "pinbench run --out \"my dir\" \\ x\n\x02 caf\xc3\xa9";
	char *text, back[256], why[256];
	json_t *o = json_pack("{s:s, s:o, s:i}", "other", "run_id", "run_id",
			      json_text(nasty), "n", 3), *read;

	text = lines_of(o, false);
	json_decref(o);
	read = json_object_parse(text, strlen(text), why, sizeof(why));
	CHECK(read != NULL);
	CHECK(!json_copy_string(read, "run_id", back, sizeof(back)));
	CHECK_STR(back, nasty);
	CHECK(json_copy_string(read, "absent", back, sizeof(back)));
	CHECK(json_copy_string(read, "n", back, sizeof(back)));	/* no string */
	/* too long for the buffer: refused, not cut */
	CHECK(json_copy_string(read, "run_id", back, 5));
	CHECK(json_copy_string(NULL, "run_id", back, sizeof(back)));
	json_decref(read);
	free(text);
}

/* text[0..len) refused by json_object_parse, why containing want */
static void check_refused_len(const char *text, size_t len, const char *want)
{
	char why[256] = "";
	json_t *o = json_object_parse(text, len, why, sizeof(why));

	CHECK(o == NULL);
	json_decref(o);
	CHECK_CONTAINS(why, want);
}

static void check_refused(const char *text, const char *want)
{
	check_refused_len(text, strlen(text), want);
}

static void test_malformed_refused(void)
{
	static const char nul[] = "{\"complete\": true}\0junk";

	check_refused("{\n  \"run_id\": \"x\",\n", "line 3:");	/* cut */
	check_refused("{\n  \"page_size\": 65536,\n}\n", "line 3:");
	check_refused("{\"complete\": true, \"complete\": false}", "duplicate");
	check_refused("{\"run_id\": \"a\\u0000b\"}", "line 1:");
	check_refused("garbage\n", "line 1:");
	check_refused("", "line 1:");
	check_refused("[1, 2]", "not an object");
	check_refused("\"run_id\"", "line 1:");	/* no object */
	/* a NUL byte (a file cut and padded): not the text before it */
	check_refused_len(nul, sizeof(nul) - 1, "line 1:");
}

/* Written by pinbench before jansson: raw Latin-1 bytes, read as '?'. */
static void test_old_latin1_read(void)
{
	const char *text = "{\n  \"command_line\": \"pinbench run --out caf\xe9\"\n}\n";
	char why[256] = "", back[64];
	json_t *o = json_object_parse(text, strlen(text), why, sizeof(why));

	CHECK(o != NULL);
	CHECK(!json_copy_string(o, "command_line", back, sizeof(back)));
	CHECK_STR(back, "pinbench run --out caf?");
	json_decref(o);
}

static void test_layout(void)
{
	json_t *o = json_pack("{s:b, s:[i, i], s:{s:f, s:n}, s:[{s:s}, {s:s}], s:[]}",
			      "complete", 1, "boot_ids", 1, 2,
			      "calibration", "start_ns", 2.1, "end_ns",
			      "list", "name", "a", "name", "b", "empty");
	char *text = lines_of(o, false);

	CHECK_STR(text, "{\n"
		  "  \"complete\": true,\n"
		  "  \"boot_ids\": [1, 2],\n"
		  "  \"calibration\": {\"start_ns\": 2.1, \"end_ns\": null},\n"
		  "  \"list\": [{\"name\": \"a\"}, {\"name\": \"b\"}],\n"
		  "  \"empty\": []\n"
		  "}\n");
	free(text);
	/* info --json: one method or strategy a line (truth.sh reads it so) */
	text = lines_of(o, true);
	CHECK_STR(text, "{\n"
		  "  \"complete\": true,\n"
		  "  \"boot_ids\": [\n    1,\n    2\n  ],\n"
		  "  \"calibration\": {\"start_ns\": 2.1, \"end_ns\": null},\n"
		  "  \"list\": [\n    {\"name\": \"a\"},\n    {\"name\": \"b\"}\n  ],\n"
		  "  \"empty\": [\n  ]\n"
		  "}\n");
	free(text);
	json_decref(o);
	o = json_object();
	text = lines_of(o, false);
	CHECK_STR(text, "{\n}\n");
	free(text);
	json_decref(o);
}

TAP_SUITE(json,
	{ "escaping of quotes, backslashes and control characters; no UTF-8 as '?'",
	  test_escaping },
	{ "an escaped string reads back the same; absent, no string or too long refused",
	  test_escape_round_trip },
	{ "malformed JSON refused with its line: cut, trailing comma, duplicate key, NUL, no object",
	  test_malformed_refused },
	{ "one key a line; values on it, or an array's elements one a line",
	  test_layout },
	{ "a meta.json of an older pinbench with raw Latin-1 bytes still reads ('?')",
	  test_old_latin1_read },
);
