#include <stdlib.h>
#include <string.h>

#include "json.h"

void json_write_string(FILE *f, const char *s)
{
	const unsigned char *p;

	fputc('"', f);
	for (p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		case '\b':
			fputs("\\b", f);
			break;
		case '\f':
			fputs("\\f", f);
			break;
		default:
			if (*p < 0x20)
				fprintf(f, "\\u%04x", *p);
			else
				fputc(*p, f);	/* UTF-8 passes through */
		}
	}
	fputc('"', f);
}

static const char *skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

static int unescape_char(const char **pp, char *c)
{
	const char *p = *pp;
	static const char from[] = "\"\\/bfnrt";
	static const char to[] = "\"\\/\b\f\n\r\t";
	const char *hit;
	char hex[5];

	if (*p == 'u') {
		unsigned long code;

		if (strlen(p + 1) < 4)
			return -1;
		memcpy(hex, p + 1, 4);
		hex[4] = '\0';
		code = strtoul(hex, NULL, 16);
		/* meta.json only ever escapes control characters this way */
		*c = code < 0x80 ? (char)code : '?';
		*pp = p + 5;
		return 0;
	}
	hit = *p ? strchr(from, *p) : NULL;
	if (!hit)
		return -1;
	*c = to[hit - from];
	*pp = p + 1;
	return 0;
}

const char *json_value_end(const char *p)
{
	const char *start = p;
	int depth = 0;

	if (*p != '"' && *p != '{' && *p != '[') {	/* number, true, null */
		while (*p && *p != ',' && *p != '}' && *p != ']' && *p != '\n')
			p++;
		while (p > start && strchr(" \t\r", p[-1]))
			p--;
		return p;
	}
	do {
		if (*p == '"') {
			for (p++; *p && *p != '"';
			     p += (*p == '\\' && p[1]) ? 2 : 1)
				;
			if (*p)
				p++;
			continue;
		}
		if (*p == '{' || *p == '[')
			depth++;
		else if (*p == '}' || *p == ']')
			depth--;
		p++;
	} while (*p && depth > 0);
	return p;
}

/* The value of "key": in a flat object, after the colon; NULL if absent. */
const char *json_find_value(const char *json, const char *key)
{
	size_t keylen = strlen(key);
	const char *p = json, *q;

	while ((p = strchr(p, '"')) != NULL) {
		p++;
		if (!strncmp(p, key, keylen) && p[keylen] == '"') {
			q = skip_space(p + keylen + 1);
			if (*q == ':')
				return skip_space(q + 1);
		}
		/* skip this string (a key or a value), escapes included */
		while (*p && *p != '"')
			p += (*p == '\\' && p[1]) ? 2 : 1;
		if (!*p)
			return NULL;
		p++;
	}
	return NULL;
}

int json_find_string(const char *json, const char *key, char *out,
		     size_t outlen)
{
	const char *q = json_find_value(json, key);
	size_t n = 0;

	if (!q || *q != '"' || !outlen)
		return -1;
	for (q++; *q && *q != '"'; n++) {
		char c = *q++;

		if (c == '\\' && unescape_char(&q, &c))
			return -1;
		if (n + 1 >= outlen)
			return -1;
		out[n] = c;
	}
	if (*q != '"')
		return -1;
	out[n] = '\0';
	return 0;
}

int json_find_bool(const char *json, const char *key, bool *value)
{
	const char *q = json_find_value(json, key);

	if (q && !strncmp(q, "true", 4))
		*value = true;
	else if (q && !strncmp(q, "false", 5))
		*value = false;
	else
		return -1;
	return 0;
}
