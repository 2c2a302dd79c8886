#include <string.h>

#include "gp_text.h"

bool gp_char_ok(char c)
{
	return c && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		     (c >= '0' && c <= '9') || strchr(" ._,:;=+()%/<>*!#-", c));
}

void gp_text(char *buf, size_t len, const char *text)
{
	size_t n = 0;

	if (!len)
		return;
	for (; *text && n + 1 < len; text++)
		if (gp_char_ok(*text))
			buf[n++] = *text;
	buf[n] = '\0';
}

void gp_var_string(FILE *f, const char *name, char quote, const char *text)
{
	fprintf(f, "%s = %c", name, quote);
	for (; *text; text++) {
		if (*text == '\n' && quote == '"')
			fputs("\\n", f);
		else if (gp_char_ok(*text))
			fputc(*text, f);
	}
	fprintf(f, "%c\n", quote);
}
