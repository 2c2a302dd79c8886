/*
 * The little pinbench adds to jansson: meta.json and `info --json` are
 * written one key a line (scripts/plots.sh and tests/guest/truth.sh read
 * them with sed and awk), and result directories are untrusted input.
 */
#ifndef PINBENCH_JSON_H
#define PINBENCH_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

/*
 * text[0..len) as a JSON object, duplicate keys and NUL bytes refused;
 * NULL with why ("line 2: ...", "not an object") otherwise.
 */
json_t *json_object_parse(const char *text, size_t len, char *why,
			  size_t whylen);

/*
 * The object in the file at path; NULL with errno from the read, or 0
 * when the file holds no JSON object.
 */
json_t *json_object_load(const char *path);

/*
 * 0 and object's "key" in out when it is a string that fits; -1 when it
 * is absent, no string or too long (refused, not cut).
 */
int json_copy_string(const json_t *object, const char *key, char *out,
		     size_t outlen);

/*
 * A JSON string of s (NULL: ""). jansson writes only UTF-8: in an s that
 * is not, every byte of 0x80 and up becomes '?'.
 */
json_t *json_text(const char *s);

/*
 * object written as pinbench lays it out: "{", then "  \"key\": value"
 * a line, then "}". A value is on its line ({"a": 1, "b": [2, 3]}), but
 * with spread_arrays an array's elements are one a line.
 */
int json_write_lines(FILE *f, const json_t *object, bool spread_arrays);

#endif
