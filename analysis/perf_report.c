/*
 * Reads what `perf report --stdio --no-children --sort symbol -g none`
 * prints:
 *
 *   # Samples: 1K of event 'cpu-clock'
 *   # Overhead  Symbol                 IPC   [IPC Coverage]
 *   # ........  .....................  ....................
 *       35.71%  [k] pb_put_page        -      -
 *        0.05%  [.] main               -      -
 *
 * (perf 5.x and later add the IPC columns to --sort symbol: the symbol's
 * column then ends where the dots under "IPC" start.)
 * Comments (#) and blank lines aside, every line must be a symbol line
 * after the column header: anything else means another sort order, a
 * callchain, a second event or a damaged file, and is an error naming the
 * line, never a guess.
 */
#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "perf_report.h"

/* Bounds of an untrusted file: perf's own lines are far shorter. */
#define LINE_MAX_BYTES	4096
#define MAX_LINES	1000000
#define MAX_SYMBOLS	100000
#define MAX_FILE_BYTES	(64 << 20)

/* perf prints two decimals: each share may be 0.005 off, their sum too */
#define ROUNDING_PER_SYMBOL 0.005

struct parse {
	const char *path;
	unsigned long line;
	bool header_seen;
	bool ipc;		/* "IPC [IPC Coverage]" after Symbol */
	size_t ipc_column;	/* where its dots start; 0: not seen yet */
	unsigned int events;	/* "# Samples:" lines */
	struct perf_symbol *symbols;
	size_t n, cap;
	char *err;
	size_t errlen;
};

static int fail(struct parse *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int fail(struct parse *p, const char *fmt, ...)
{
	char text[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (p->line)
		snprintf(p->err, p->errlen, "%s:%lu: %s", p->path, p->line,
			 text);
	else
		snprintf(p->err, p->errlen, "%s: %s", p->path, text);
	return -1;
}

static char *skip_blanks(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* Nothing but blanks and the line's end left. */
static bool at_end(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	return !*s;
}

static bool word_is(char **s, const char *word)
{
	size_t n = strlen(word);

	*s = skip_blanks(*s);
	if (strncmp(*s, word, n) || ((*s)[n] && !isspace((unsigned char)(*s)[n])))
		return false;
	*s += n;
	return true;
}

/* "# ........  ......  ....": the third run of dots starts the IPC column. */
static int dots_line(struct parse *p, const char *text)
{
	const char *s = text;
	int runs = 0;

	for (; *s; s++)
		if (*s == '.' && s[-1] == ' ' && ++runs == 3)
			break;
	if (runs != 3)
		return fail(p, "the dots under the column header do not show 3 columns");
	p->ipc_column = (size_t)(s - text);
	return 0;
}

/* "# Overhead  Symbol": the columns of --no-children --sort symbol. */
static int comment_line(struct parse *p, const char *line, char *text)
{
	char *s = text + 1;

	if (word_is(&s, "Samples:")) {
		if (++p->events > 1)
			return fail(p, "a second event: profile one event per report");
		return 0;
	}
	s = text + 1;
	if (word_is(&s, "Children"))
		return fail(p, "columns Children/Self: made without --no-children");
	s = text + 1;
	if (p->header_seen && p->ipc && !p->ipc_column && *skip_blanks(s) == '.')
		return dots_line(p, line);
	if (!word_is(&s, "Overhead"))
		return 0;
	if (p->header_seen)
		return fail(p, "a second column header");
	if (!word_is(&s, "Symbol"))
		return fail(p, "columns are not \"Overhead  Symbol\": made without --sort symbol?");
	if (word_is(&s, "IPC") && word_is(&s, "[IPC") &&
	    word_is(&s, "Coverage]"))
		p->ipc = true;
	if (!at_end(s))
		return fail(p, "columns are not \"Overhead  Symbol\": made without --sort symbol?");
	p->header_seen = true;
	return 0;
}

/* "35.71" before '%': a plain decimal in 0..100 (no sign, exponent, nan). */
static int parse_share(struct parse *p, char **s, double *share)
{
	char *start = *s, *end;
	size_t digits = 0;

	while (isdigit((unsigned char)**s)) {
		(*s)++;
		digits++;
	}
	if (**s == '.')
		for ((*s)++; isdigit((unsigned char)**s); (*s)++)
			digits++;
	if (!digits || **s != '%' || *s - start > 12)
		return fail(p, "not a symbol line: want \"<percent>%%  [k] <symbol>\"");
	errno = 0;
	*share = strtod(start, &end);
	if (errno || end != *s || *share > 100.0)
		return fail(p, "share %.*s%% is not within 0..100",
			    (int)(*s - start), start);
	(*s)++;
	return 0;
}

/* Printable ASCII, no leading blank, shorter than perf_symbol.name. */
static int check_name(struct parse *p, const char *name, size_t len)
{
	size_t i;

	if (!len)
		return fail(p, "a share without a symbol name");
	if (len >= sizeof(((struct perf_symbol *)0)->name))
		return fail(p, "symbol name of %zu bytes, at most %zu", len,
			    sizeof(((struct perf_symbol *)0)->name) - 1);
	for (i = 0; i < len; i++)
		if (name[i] < 0x20 || name[i] > 0x7e)
			return fail(p, "symbol name with byte 0x%02x",
				    (unsigned char)name[i]);
	return 0;
}

static int add_symbol(struct parse *p, const char *name, size_t len,
		      double share)
{
	if (p->n == MAX_SYMBOLS)
		return fail(p, "more than %d symbols", MAX_SYMBOLS);
	if (p->n == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 64;
		struct perf_symbol *bigger = realloc(p->symbols,
						     cap * sizeof(*bigger));

		if (!bigger)
			return fail(p, "out of memory");
		p->symbols = bigger;
		p->cap = cap;
	}
	memcpy(p->symbols[p->n].name, name, len);
	p->symbols[p->n].name[len] = '\0';
	p->symbols[p->n].share = share;
	p->n++;
	return 0;
}

/* "    35.71%  [k] put_page": the map is [k] kernel, [.] user, [g]/[u]
 * guest kernel/user, [H] hypervisor. */
static int symbol_line(struct parse *p, char *text)
{
	char *s = skip_blanks(text), *name;
	double share = 0;
	size_t len;

	if (parse_share(p, &s, &share))
		return -1;
	if (!p->header_seen)
		return fail(p, "a symbol line before the \"# Overhead  Symbol\" header");
	s = skip_blanks(s);
	if (s[0] != '[' || !s[1] || !strchr("k.guH", s[1]) || s[2] != ']' ||
	    s[3] != ' ')
		return fail(p, "no [k] / [.] map before the symbol name");
	name = skip_blanks(s + 4);
	if (p->ipc) {
		/* the name ends where the IPC column starts */
		if (!p->ipc_column || strlen(text) <= p->ipc_column ||
		    text + p->ipc_column < name ||
		    text[p->ipc_column - 1] != ' ')
			return fail(p, "the symbol does not end where the IPC column starts");
		text[p->ipc_column] = '\0';
	}
	len = strlen(name);
	while (len && isspace((unsigned char)name[len - 1]))
		len--;
	if (check_name(p, name, len))
		return -1;
	return add_symbol(p, name, len, share);
}

static int parse_line(struct parse *p, char *text)
{
	char *s = skip_blanks(text);

	if (at_end(s))
		return 0;
	if (*s == '#')
		return comment_line(p, text, s);
	return symbol_line(p, text);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct perf_symbol *)a)->name,
		      ((const struct perf_symbol *)b)->name);
}

/* Largest share first; equal shares by name, so the order is stable. */
static int by_share(const void *a, const void *b)
{
	const struct perf_symbol *x = a, *y = b;

	if (x->share != y->share)
		return x->share < y->share ? 1 : -1;
	return strcmp(x->name, y->name);
}

/* A name listed twice (two maps) becomes one entry; then by share. */
static void merge_and_sort(struct parse *p)
{
	size_t i, kept = 0;

	if (!p->n)	/* qsort(NULL, 0): undefined */
		return;
	qsort(p->symbols, p->n, sizeof(*p->symbols), by_name);
	for (i = 0; i < p->n; i++) {
		if (kept && !strcmp(p->symbols[kept - 1].name,
				    p->symbols[i].name))
			p->symbols[kept - 1].share += p->symbols[i].share;
		else
			p->symbols[kept++] = p->symbols[i];
	}
	p->n = kept;
	qsort(p->symbols, p->n, sizeof(*p->symbols), by_share);
}

static int check_total(struct parse *p, size_t listed)
{
	double total = 0;
	size_t i;

	p->line = 0;
	if (!p->header_seen)
		return fail(p, "no \"# Overhead  Symbol\" header: not the text of perf report --stdio --no-children --sort symbol");
	if (!p->n)
		return fail(p, "no symbol lines (no samples?)");
	for (i = 0; i < p->n; i++)
		total += p->symbols[i].share;
	if (total > 100.0 + ROUNDING_PER_SYMBOL * (double)listed + 1e-9)
		return fail(p, "the shares add up to %.2f%%, more than 100%%",
			    total);
	return 0;
}

static int read_lines(struct parse *p, FILE *f)
{
	size_t cap = 0;
	char *buf = NULL;
	ssize_t len;
	int ret = 0;

	while (!ret && (len = getline(&buf, &cap, f)) >= 0) {
		p->line++;
		if (p->line > MAX_LINES)
			ret = fail(p, "more than %d lines", MAX_LINES);
		else if (len > LINE_MAX_BYTES)
			ret = fail(p, "line longer than %d bytes",
				   LINE_MAX_BYTES);
		else if (memchr(buf, '\0', (size_t)len))
			ret = fail(p, "a NUL byte");
		else
			ret = parse_line(p, buf);
	}
	if (!ret && ferror(f))
		ret = fail(p, "reading: %s", strerror(errno));
	free(buf);
	return ret;
}

/* An untrusted file is read whole only when it is of a report's size. */
static int check_size(struct parse *p, FILE *f)
{
	struct stat st;

	if (fstat(fileno(f), &st))
		return fail(p, "%s", strerror(errno));
	if (!S_ISREG(st.st_mode))
		return fail(p, "not a regular file");
	if (st.st_size > MAX_FILE_BYTES)
		return fail(p, "%lld bytes, more than a report's %d",
			    (long long)st.st_size, MAX_FILE_BYTES);
	return 0;
}

int perf_report_read(const char *path, struct perf_report *out, char *err,
		     size_t errlen)
{
	struct parse p = { .path = path, .err = err, .errlen = errlen };
	FILE *f = fopen(path, "r");
	size_t listed;
	int ret;

	out->symbols = NULL;
	out->n = 0;
	if (!f)
		return fail(&p, "%s", strerror(errno));
	ret = check_size(&p, f) ? -1 : read_lines(&p, f);
	fclose(f);
	listed = p.n;
	if (!ret) {
		merge_and_sort(&p);
		ret = check_total(&p, listed);
	}
	if (ret) {
		free(p.symbols);
		return -1;
	}
	out->symbols = p.symbols;
	out->n = p.n;
	return 0;
}

void perf_report_free(struct perf_report *r)
{
	free(r->symbols);
	r->symbols = NULL;
	r->n = 0;
}

double perf_report_share(const struct perf_report *r,
			 const char *const *patterns)
{
	double total = 0;
	size_t i, j;

	for (i = 0; i < r->n; i++)
		for (j = 0; patterns[j]; j++)
			if (!fnmatch(patterns[j], r->symbols[i].name, 0)) {
				total += r->symbols[i].share;
				break;
			}
	return total;
}

const struct perf_symbol *perf_report_find(const struct perf_report *r,
					   const char *name)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (!strcmp(r->symbols[i].name, name))
			return &r->symbols[i];
	return NULL;
}
