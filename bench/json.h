/* Just enough JSON for meta.json and `info --json`: strings out, one back. */
#ifndef PINBENCH_JSON_H
#define PINBENCH_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Writes s as a quoted JSON string: ", \ and control characters escaped. */
void json_write_string(FILE *f, const char *s);

/*
 * Readers for the flat objects pinbench writes itself (meta.json), not a
 * general JSON parser: keys are matched as strings anywhere in the text.
 */
const char *json_find_value(const char *json, const char *key);

/*
 * Where the value at p ends: past a string, an object or an array (nested
 * ones and strings in them skipped), else at , } ] or a line end.
 */
const char *json_value_end(const char *p);

/* "key": "value", unescaped into out; -1 if absent or too long. */
int json_find_string(const char *json, const char *key, char *out,
		     size_t outlen);

/* "key": true|false */
int json_find_bool(const char *json, const char *key, bool *value);

#endif
