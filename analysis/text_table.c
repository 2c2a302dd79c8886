#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "text_table.h"

void tt_init(struct text_table *t, size_t ngroups)
{
	memset(t, 0, sizeof(*t));
	t->ngroups = ngroups;
	t->groups = calloc(ngroups, sizeof(*t->groups));
	t->failed = !t->groups;
}

void tt_free(struct text_table *t)
{
	size_t i, k;

	for (i = 0; i < t->nrows * t->ngroups; i++)
		for (k = 0; k < TT_MAX_PARTS; k++)
			free(t->cells[i].part[k]);
	for (i = 0; t->groups && i < t->ngroups; i++) {
		free(t->groups[i].title);
		for (k = 0; k < TT_MAX_PARTS; k++)
			free(t->groups[i].part_title[k]);
	}
	free(t->cells);
	free(t->groups);
	memset(t, 0, sizeof(*t));
}

static char *dup_or_fail(struct text_table *t, const char *s)
{
	char *copy;

	if (!s)
		return NULL;
	copy = strdup(s);
	if (!copy)
		t->failed = true;
	return copy;
}

void tt_group(struct text_table *t, size_t g, const char *title,
	      const char *align)
{
	struct tt_group *group;
	size_t k;

	if (t->failed || g >= t->ngroups)
		return;
	group = &t->groups[g];
	free(group->title);
	group->title = dup_or_fail(t, title);
	group->gap = 1;
	group->nparts = strlen(align);
	if (group->nparts > TT_MAX_PARTS)
		group->nparts = TT_MAX_PARTS;
	if (!group->nparts)
		group->nparts = 1;
	for (k = 0; k < group->nparts; k++)
		group->align[k] = align[k] == 'r' ? 'r' : 'l';
}

void tt_gap(struct text_table *t, size_t g, size_t gap)
{
	if (!t->failed && g < t->ngroups)
		t->groups[g].gap = gap;
}

void tt_part_title(struct text_table *t, size_t g, size_t part,
		   const char *title)
{
	if (t->failed || g >= t->ngroups || part >= TT_MAX_PARTS)
		return;
	free(t->groups[g].part_title[part]);
	t->groups[g].part_title[part] = dup_or_fail(t, title);
}

size_t tt_add_row(struct text_table *t)
{
	struct tt_cell *bigger;
	size_t cap;

	if (t->failed)
		return 0;
	if (t->nrows == t->cap) {
		cap = t->cap ? 2 * t->cap : 16;
		bigger = realloc(t->cells, cap * t->ngroups * sizeof(*bigger));
		if (!bigger) {
			t->failed = true;
			return 0;
		}
		t->cells = bigger;
		t->cap = cap;
	}
	memset(&t->cells[t->nrows * t->ngroups], 0,
	       t->ngroups * sizeof(*t->cells));
	return t->nrows++;
}

static struct tt_cell *cell_at(struct text_table *t, size_t row, size_t g)
{
	if (t->failed || row >= t->nrows || g >= t->ngroups)
		return NULL;
	return &t->cells[row * t->ngroups + g];
}

static void set_part(struct text_table *t, struct tt_cell *c, size_t part,
		     const char *fmt, va_list ap)
{
	char *text;

	if (vasprintf(&text, fmt, ap) < 0) {
		t->failed = true;
		return;
	}
	free(c->part[part]);
	c->part[part] = text;
}

void tt_set(struct text_table *t, size_t row, size_t g, size_t part,
	    const char *fmt, ...)
{
	struct tt_cell *c = cell_at(t, row, g);
	va_list ap;

	if (!c || part >= TT_MAX_PARTS)
		return;
	va_start(ap, fmt);
	set_part(t, c, part, fmt, ap);
	va_end(ap);
}

void tt_set_span(struct text_table *t, size_t row, size_t g,
		 const char *fmt, ...)
{
	struct tt_cell *c = cell_at(t, row, g);
	va_list ap;

	if (!c)
		return;
	va_start(ap, fmt);
	set_part(t, c, 0, fmt, ap);
	va_end(ap);
	c->span = true;
}

/* Columns on screen: UTF-8 continuation bytes take none. */
static size_t text_width(const char *s)
{
	size_t n = 0;

	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static void put_padded(FILE *f, const char *s, size_t width, char align)
{
	size_t w = text_width(s), pad = width > w ? width - w : 0;

	if (align == 'r')
		fprintf(f, "%*s", (int)pad, "");
	fputs(s ? s : "", f);
	if (align != 'r')
		fprintf(f, "%*s", (int)pad, "");
}

static size_t group_width(const struct tt_group *g, const size_t *widths)
{
	size_t k, w = 0;

	for (k = 0; k < g->nparts; k++)
		w += widths[k] + (k ? g->gap : 0);
	return w;
}

static size_t max_size(size_t a, size_t b)
{
	return a > b ? a : b;
}

/* widths[g][k]: of parts, then widened so spans and titles fit. */
static void compute_widths(const struct text_table *t,
			   size_t (*widths)[TT_MAX_PARTS])
{
	size_t g, k, r;

	for (g = 0; g < t->ngroups; g++) {
		const struct tt_group *group = &t->groups[g];

		for (k = 0; k < group->nparts; k++)
			widths[g][k] = text_width(group->part_title[k]);
		for (r = 0; r < t->nrows; r++) {
			const struct tt_cell *c = &t->cells[r * t->ngroups + g];

			if (c->span)
				continue;
			for (k = 0; k < group->nparts; k++)
				widths[g][k] = max_size(widths[g][k],
							text_width(c->part[k]));
		}
		for (r = 0; r <= t->nrows; r++) {
			const char *span;
			size_t have;

			if (r < t->nrows) {
				const struct tt_cell *c =
					&t->cells[r * t->ngroups + g];

				span = c->span ? c->part[0] : NULL;
			} else {
				span = group->title;
			}
			have = group_width(group, widths[g]);
			if (text_width(span) > have)
				widths[g][group->nparts - 1] +=
					text_width(span) - have;
		}
	}
}

static bool group_has_part_titles(const struct tt_group *group)
{
	size_t k;

	for (k = 0; k < group->nparts; k++)
		if (group->part_title[k])
			return true;
	return false;
}

static bool has_part_titles(const struct text_table *t)
{
	size_t g;

	for (g = 0; g < t->ngroups; g++)
		if (group_has_part_titles(&t->groups[g]))
			return true;
	return false;
}

static void put_parts(FILE *f, char *const *parts, const struct tt_group *group,
		      const size_t *widths)
{
	size_t k;

	for (k = 0; k < group->nparts; k++) {
		if (k)
			fprintf(f, "%*s", (int)group->gap, "");
		put_padded(f, parts[k], widths[k], group->align[k]);
	}
}

/*
 * Header row 0 (only when some group has part titles): the titles of
 * those groups. Row 1: their part titles, the other groups' titles.
 */
static void put_header(FILE *f, const struct tt_group *group,
		       const size_t *widths, int row)
{
	bool parts = group_has_part_titles(group);
	size_t gw = group_width(group, widths);

	if (row == 1 && parts) {
		put_parts(f, group->part_title, group, widths);
		return;
	}
	put_padded(f, row == 0 && !parts ? NULL : group->title, gw,
		   group->nparts > 1 ? 'r' : group->align[0]);
}

static void put_cell(FILE *f, const struct tt_cell *c,
		     const struct tt_group *group, const size_t *widths)
{
	if (c->span)
		put_padded(f, c->part[0], group_width(group, widths), 'l');
	else
		put_parts(f, c->part, group, widths);
}

/* Trailing blanks are cut: a line ends where its text ends. */
static int put_line(FILE *f, const struct text_table *t,
		    size_t (*widths)[TT_MAX_PARTS], const char *indent,
		    int header_row, const struct tt_cell *row)
{
	size_t g, len;
	char *line;
	FILE *mem = open_memstream(&line, &len);

	if (!mem)
		return -1;
	fputs(indent, mem);
	for (g = 0; g < t->ngroups; g++) {
		if (g)
			fputs("  ", mem);
		if (row)
			put_cell(mem, &row[g], &t->groups[g], widths[g]);
		else
			put_header(mem, &t->groups[g], widths[g], header_row);
	}
	if (fclose(mem))
		return -1;
	while (len && line[len - 1] == ' ')
		len--;
	fwrite(line, 1, len, f);
	fputc('\n', f);
	free(line);
	return 0;
}

int tt_print_text(FILE *f, const struct text_table *t, const char *indent)
{
	size_t (*widths)[TT_MAX_PARTS];
	int ret = 0;
	size_t r;

	if (t->failed)
		return -1;
	widths = calloc(t->ngroups, sizeof(*widths));
	if (!widths)
		return -1;
	compute_widths(t, widths);
	if (has_part_titles(t))
		ret |= put_line(f, t, widths, indent, 0, NULL);
	ret |= put_line(f, t, widths, indent, 1, NULL);
	for (r = 0; r < t->nrows; r++)
		ret |= put_line(f, t, widths, indent, 0,
				&t->cells[r * t->ngroups]);
	free(widths);
	return ret || ferror(f) ? -1 : 0;
}

static void put_markdown_text(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		if (strchr("*|\\`", *s))
			fputc('\\', f);
		fputc(*s, f);
	}
}

static void put_markdown_cell(FILE *f, const struct tt_group *group,
			      const struct tt_cell *c)
{
	bool first = true;
	size_t k;

	fputc(' ', f);
	for (k = 0; k < (c->span ? 1 : group->nparts); k++) {
		if (!c->part[k] || !*c->part[k])
			continue;
		if (!first)
			fputc(' ', f);
		put_markdown_text(f, c->part[k]);
		first = false;
	}
	fputs(" |", f);
}

int tt_print_markdown(FILE *f, const struct text_table *t)
{
	size_t g, r;

	if (t->failed)
		return -1;
	fputc('|', f);
	for (g = 0; g < t->ngroups; g++) {
		fputc(' ', f);
		put_markdown_text(f, t->groups[g].title);
		fputs(" |", f);
	}
	fputs("\n|", f);
	for (g = 0; g < t->ngroups; g++)
		fputs(t->groups[g].nparts > 1 ||
		      t->groups[g].align[0] == 'r' ? "---:|" : "---|", f);
	fputc('\n', f);
	for (r = 0; r < t->nrows; r++) {
		fputc('|', f);
		for (g = 0; g < t->ngroups; g++)
			put_markdown_cell(f, &t->groups[g],
					  &t->cells[r * t->ngroups + g]);
		fputc('\n', f);
	}
	return ferror(f) ? -1 : 0;
}
