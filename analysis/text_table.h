/*
 * Plain-text (mmtests style) and markdown tables. A table is a row of
 * column groups ("2M": median, ±stddev, %change, mark); each cell has a
 * part per column of its group, aligned across rows, or one text that
 * spans the whole group ("n/a (unsupported)").
 */
#ifndef PINBENCH_TEXT_TABLE_H
#define PINBENCH_TEXT_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "messages.h"

#define TT_MAX_PARTS 4

struct tt_group {
	char *title;			/* over the group; may be NULL */
	size_t nparts;
	size_t gap;			/* blanks between parts (1) */
	char align[TT_MAX_PARTS];	/* 'l' or 'r' */
	char *part_title[TT_MAX_PARTS];	/* 2nd header row, or NULL */
};

struct tt_cell {
	char *part[TT_MAX_PARTS];	/* NULL: empty */
	bool span;			/* part[0] fills the group */
};

struct text_table {
	struct tt_group *groups;
	size_t ngroups;
	struct tt_cell *cells;		/* row-major, ngroups per row */
	size_t nrows, cap;
	bool failed;			/* out of memory: print fails */
};

void tt_init(struct text_table *t, size_t ngroups);
void tt_free(struct text_table *t);

/* align: one 'l' or 'r' per part, e.g. "rrrl"; nparts = strlen(align). */
void tt_group(struct text_table *t, size_t g, const char *title,
	      const char *align);
void tt_gap(struct text_table *t, size_t g, size_t gap);
void tt_part_title(struct text_table *t, size_t g, size_t part,
		   const char *title);

/* A new empty row; returns its index. */
size_t tt_add_row(struct text_table *t);
void tt_set(struct text_table *t, size_t row, size_t g, size_t part,
	    const char *fmt, ...) PB_PRINTF(5, 6);
void tt_set_span(struct text_table *t, size_t row, size_t g,
		 const char *fmt, ...) PB_PRINTF(4, 5);

/* Each line starts with indent; 0, or -1 when the table is incomplete. */
int tt_print_text(FILE *f, const struct text_table *t, const char *indent);

/* The parts of a group joined by spaces; * | \ ` escaped. */
int tt_print_markdown(FILE *f, const struct text_table *t);

#endif
