#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "json.h"

/*
 * text with every byte of 0x80 and up as '?': pinbench before jansson
 * wrote such bytes (a Latin-1 --out in command_line) as they came, and
 * its result directories must still read; NULL without memory.
 */
static char *ascii_copy(const char *text, size_t len)
{
	char *copy = malloc(len ? len : 1);
	size_t i;

	if (!copy)
		return NULL;
	for (i = 0; i < len; i++)
		copy[i] = (unsigned char)text[i] >= 0x80 ? '?' : text[i];
	return copy;
}

json_t *json_object_parse(const char *text, size_t len, char *why,
			  size_t whylen)
{
	json_error_t error;
	json_t *object = json_loadb(text, len, JSON_REJECT_DUPLICATES, &error);

	if (!object && json_error_code(&error) == json_error_invalid_utf8) {
		char *ascii = ascii_copy(text, len);

		if (ascii) {
			object = json_loadb(ascii, len, JSON_REJECT_DUPLICATES,
					    &error);
			free(ascii);
		}
	}
	if (!object) {
		snprintf(why, whylen, "line %d: %s", error.line, error.text);
		return NULL;
	}
	if (!json_is_object(object)) {
		json_decref(object);
		snprintf(why, whylen, "not an object");
		return NULL;
	}
	return object;
}

json_t *json_object_load(const char *path)
{
	size_t len;
	char *text = read_whole_file(path, &len), why[256];
	json_t *object;

	if (!text)
		return NULL;
	object = json_object_parse(text, len, why, sizeof(why));
	free(text);
	if (!object)
		errno = 0;
	return object;
}

int json_copy_string(const json_t *object, const char *key, char *out,
		     size_t outlen)
{
	const json_t *value = json_object_get(object, key);

	if (!json_is_string(value) || json_string_length(value) >= outlen)
		return -1;
	memcpy(out, json_string_value(value), json_string_length(value) + 1);
	return 0;
}

json_t *json_text(const char *s)
{
	json_t *string;
	char *ascii, *p;

	if (!s)
		s = "";
	string = json_string(s);
	if (string)
		return string;
	/* not UTF-8 (a command line, a CPU name): jansson writes only that */
	ascii = strdup(s);
	if (!ascii)
		return NULL;
	for (p = ascii; *p; p++)
		if ((unsigned char)*p >= 0x80)
			*p = '?';
	string = json_string(ascii);
	free(ascii);
	return string;
}

/*
 * One value on its line: ", " and ": " between items. 15 digits print a
 * real that was rounded to a few decimals as that decimal (2.1, not
 * 2.1000000000000001).
 */
static int write_value(FILE *f, const json_t *value)
{
	return json_dumpf(value, f, JSON_ENCODE_ANY | JSON_REAL_PRECISION(15));
}

int json_write_lines(FILE *f, const json_t *object, bool spread_arrays)
{
	const char *key;
	json_t *value, *name;
	size_t left = json_object_size(object), i;
	int ret = 0;

	fputs("{\n", f);
	json_object_foreach((json_t *)object, key, value) {
		name = json_string(key);
		fputs("  ", f);
		ret |= name ? write_value(f, name) : -1;
		json_decref(name);
		fputs(": ", f);
		if (spread_arrays && json_is_array(value)) {
			fputs("[\n", f);
			for (i = 0; i < json_array_size(value); i++) {
				fputs("    ", f);
				ret |= write_value(f, json_array_get(value, i));
				fputs(i + 1 < json_array_size(value) ? ",\n" :
								       "\n",
				      f);
			}
			fputs("  ]", f);
		} else {
			ret |= write_value(f, value);
		}
		fputs(--left ? ",\n" : "\n", f);
	}
	fputs("}\n", f);
	return ret || ferror(f) ? -1 : 0;
}
