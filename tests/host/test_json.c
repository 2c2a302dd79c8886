/* json.c: escaping on the way out, the few reads meta.json needs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "tap.h"

static char *escaped(const char *s)
{
	static char buf[512];
	FILE *f;

	memset(buf, 0, sizeof(buf));
	f = fmemopen(buf, sizeof(buf), "w");

	json_write_string(f, s);
	fclose(f);
	return buf;
}

static void test_escaping(void)
{
	CHECK_STR(escaped("plain text"), "\"plain text\"");
	CHECK_STR(escaped("say \"hi\""), "\"say \\\"hi\\\"\"");
	CHECK_STR(escaped("C:\\dir\\"), "\"C:\\\\dir\\\\\"");
	CHECK_STR(escaped("a\nb\tc\rd\be\ff"),
		  "\"a\\nb\\tc\\rd\\be\\ff\"");
	CHECK_STR(escaped("\x01\x1f"), "\"\\u0001\\u001f\"");
	CHECK_STR(escaped("caf\xc3\xa9"), "\"caf\xc3\xa9\"");	/* UTF-8 as is */
	CHECK_STR(escaped(""), "\"\"");
}

static void test_escape_round_trip(void)
{
	const char *nasty = "pinbench run --out \"my dir\" \\ x\n\x02";
	char json[1024], back[256];

	snprintf(json, sizeof(json), "{\n  \"other\": \"run_id\",\n  \"run_id\": %s\n}\n",
		 escaped(nasty));
	CHECK(!json_find_string(json, "run_id", back, sizeof(back)));
	CHECK_STR(back, nasty);
	CHECK(json_find_string(json, "absent", back, sizeof(back)));
	/* too long for the buffer: refused, not cut */
	CHECK(json_find_string(json, "run_id", back, 5));
}

static void test_find_bool_and_value(void)
{
	const char *json = "{\"a\": \"complete\", \"complete\": false, \"n\": 3}";
	bool b = true;

	CHECK(!json_find_bool(json, "complete", &b));
	CHECK(!b);
	CHECK(!json_find_bool("{\"complete\":true}", "complete", &b));
	CHECK(b);
	CHECK(json_find_bool(json, "n", &b));
	CHECK_STR(json_find_value(json, "n"), "3}");
}

TAP_SUITE(json,
	{ "escaping of quotes, backslashes and control characters",
	  test_escaping },
	{ "an escaped string reads back the same", test_escape_round_trip },
	{ "booleans and raw values by key", test_find_bool_and_value },
);
