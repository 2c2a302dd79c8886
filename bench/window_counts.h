/*
 * What the emulator counted in a sample's timed windows: the id the
 * module marked them with (pinbench_markers.h), and the instructions and
 * interrupt returns vm/pinbench-insns.so saw between the markers, joined
 * in by `pinbench insns-join` after the boot. samples.csv's last columns.
 */
#ifndef PINBENCH_WINDOW_COUNTS_H
#define PINBENCH_WINDOW_COUNTS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "pinbench_markers.h"

enum window_index { WINDOW_PIN, WINDOW_PREPARE, WINDOW_RELEASE, NR_WINDOWS };

struct window_def {
	const char *name;	/* the plugin log's kind: "pin" */
	const char *insns_column, *irqs_column;
};

extern const struct window_def window_defs[NR_WINDOWS];

#define WINDOWS_CSV_COLUMNS \
	",window_id,pin_insns,pin_irqs,prepare_insns,prepare_irqs," \
	"release_insns,release_irqs"
/* the columns from window_id on */
#define NR_WINDOWS_CSV_COLUMNS	(1 + 2 * NR_WINDOWS)

struct window_counts {
	bool has_id;		/* the module marked the windows */
	uint64_t id;
	bool counted[NR_WINDOWS];	/* the plugin logged that window */
	uint64_t insns[NR_WINDOWS];	/* strictly between its markers */
	uint64_t irqs[NR_WINDOWS];	/* interrupt returns in it */
};

/* 16 lowercase hex digits, not all 0 (no id): 0, else -1 */
int window_id_parse(const char *s, uint64_t *id);
/* the log's kind name -> index, or -1 */
int window_index_of(const char *name);

/* ",id,pin_insns,...": empty where nothing is known */
void window_counts_write(FILE *f, const struct window_counts *w);
/* fields: the NR_WINDOWS_CSV_COLUMNS columns; on error *bad names one */
int window_counts_parse(char **fields, struct window_counts *w,
			const char **bad);

/*
 * Instructions of window i over pages, NaN unless counted and no
 * interrupt landed in it: a handler's instructions are not the release's.
 */
double window_insns_per_page(const struct window_counts *w,
			     enum window_index i, uint64_t pages);

#endif
