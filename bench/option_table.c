#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "exit_codes.h"
#include "option_table.h"
#include "sizes.h"

/* getopt_long's val of a long option without a letter: past any char */
#define OPT_VAL_BASE 256
#define HELP_COLUMN 24
#define HELP_WIDTH 78

void opt_say(const struct opt_parser *p, struct opt_origin from,
	     const char *fmt, ...)
{
	char text[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (from.file)
		pb_error("%s: %s:%u: %s", p->command, from.file, from.line,
			 text);
	else
		pb_error("%s: %s", p->command, text);
}

static bool is_option(const struct opt_desc *d)
{
	return d->type != OPT_T_GROUP;
}

static bool takes_arg(const struct opt_desc *d)
{
	return d->type != OPT_T_SWITCH && d->type != OPT_T_HELP;
}

static bool for_command(const struct opt_parser *p, const struct opt_desc *d)
{
	return !d->only || !strcmp(d->only, p->command) ||
	       (p->also && !strcmp(d->only, p->also));
}

static void *field(const struct opt_parser *p, size_t offset)
{
	return (char *)p->target + offset;
}

/* ---- values ------------------------------------------------------------ */

static int set_switch(const struct opt_parser *p, const struct opt_use *use,
		      bool *value)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };
	size_t i;

	if (!use->arg) {	/* the command line: --read-only */
		*value = true;
		return 0;
	}
	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (!strcasecmp(use->arg, yes[i]) ||
		    !strcasecmp(use->arg, no[i])) {
			*value = !strcasecmp(use->arg, yes[i]);
			return 0;
		}
	}
	opt_say(p, use->from, "%s wants yes or no, not '%s'", use->spelled,
		use->arg);
	return -1;
}

static int set_u32(const struct opt_parser *p, const struct opt_use *use,
		   uint32_t *value)
{
	uint64_t v;

	if (number_parse(use->arg, UINT32_MAX, &v) || v < use->desc->min) {
		opt_say(p, use->from, "%s wants a whole number >= %u, not '%s'",
			use->spelled, use->desc->min, use->arg);
		return -1;
	}
	*value = (uint32_t)v;
	return 0;
}

static int set_double(const struct opt_parser *p, const struct opt_use *use,
		      double *value)
{
	const char *text = use->arg;
	char *end;
	double v;

	errno = 0;
	v = strtod(text, &end);
	if (!*text || *end || errno || !isfinite(v) || v < use->desc->dmin) {
		opt_say(p, use->from, "%s wants %s >= %g, not '%s'",
			use->spelled, use->desc->wants, use->desc->dmin, text);
		return -1;
	}
	*value = v;
	return 0;
}

static int set_string(const struct opt_parser *p, const struct opt_use *use)
{
	const struct opt_desc *d = use->desc;

	if ((d->flags & OPTF_NONEMPTY) && !*use->arg) {
		opt_say(p, use->from, "%s wants %s", use->spelled, d->wants);
		return -1;
	}
	*(const char **)field(p, d->offset) = use->arg;
	if (d->flags & OPTF_LINE)
		*(unsigned int *)field(p, d->line_offset) = use->from.line;
	return 0;
}

/* "a, b or c": the names a choice option takes. */
static void choice_names(const struct opt_desc *d, char *buf, size_t len)
{
	size_t i, used = 0;

	buf[0] = '\0';
	for (i = 0; i < d->nr_choices && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s",
					 !i ? "" : i + 1 < d->nr_choices ?
					 ", " : " or ", d->choices[i]);
}

static int set_choice(const struct opt_parser *p, const struct opt_use *use,
		      int *value)
{
	const struct opt_desc *d = use->desc;
	char names[256];
	size_t i;

	for (i = 0; i < d->nr_choices; i++) {
		if (!strcmp(use->arg, d->choices[i])) {
			*value = (int)i;
			return 0;
		}
	}
	choice_names(d, names, sizeof(names));
	opt_say(p, use->from, "%s wants %s, not '%s'", use->spelled, names,
		use->arg);
	return -1;
}

static int apply_value(struct opt_parser *p, const struct opt_use *use)
{
	const struct opt_desc *d = use->desc;

	switch (d->type) {
	case OPT_T_SWITCH:
		return set_switch(p, use, field(p, d->offset));
	case OPT_T_U32:
		return set_u32(p, use, field(p, d->offset));
	case OPT_T_DOUBLE:
		return set_double(p, use, field(p, d->offset));
	case OPT_T_STRING:
		return set_string(p, use);
	case OPT_T_CHOICE:
		return set_choice(p, use, field(p, d->offset));
	case OPT_T_CALLBACK:
		return d->set(p, use);
	case OPT_T_GROUP:
	case OPT_T_HELP:
		break;
	}
	return -1;
}

int opt_apply(struct opt_parser *p, const struct opt_use *use)
{
	struct opt_use spelled = *use;
	char dashed[80];

	if (!use->spelled) {
		snprintf(dashed, sizeof(dashed), "--%s", use->desc->name);
		spelled.spelled = dashed;
	}
	return apply_value(p, &spelled);
}

/* ---- config file keys -------------------------------------------------- */

static const struct opt_desc *desc_named(const struct opt_parser *p,
					 const char *key)
{
	char name[64];
	size_t i;

	if (strlen(key) >= sizeof(name))
		return NULL;
	for (i = 0; key[i]; i++)	/* pin_method reads as pin-method */
		name[i] = key[i] == '_' ? '-' : key[i];
	name[i] = '\0';
	for (i = 0; i < p->nr; i++)
		if (is_option(&p->table[i]) && for_command(p, &p->table[i]) &&
		    !strcmp(p->table[i].name, name))
			return &p->table[i];
	return NULL;
}

int opt_apply_key(struct opt_parser *p, const char *key, const char *value,
		  struct opt_origin from)
{
	const struct opt_desc *d = desc_named(p, key);
	struct opt_use use = { d, key, value, from };

	if (!d || d->type == OPT_T_HELP || (d->flags & OPTF_NO_CONFIG))
		return OPT_UNKNOWN_KEY;
	if (takes_arg(d) && !*value) {
		opt_say(p, from, "%s wants a value", key);
		return -1;
	}
	return opt_apply(p, &use);
}

/* ---- the command line -------------------------------------------------- */

static int getopt_val(const struct opt_parser *p, size_t i)
{
	return p->table[i].short_name ? p->table[i].short_name :
					OPT_VAL_BASE + (int)i;
}

static const struct opt_desc *desc_of_val(const struct opt_parser *p, int val)
{
	size_t i;

	for (i = 0; i < p->nr; i++)
		if (is_option(&p->table[i]) && getopt_val(p, i) == val)
			return &p->table[i];
	return NULL;
}

static void add_long_option(const struct opt_parser *p, size_t i,
			    struct option *longs, size_t *n, char **shorts)
{
	const struct opt_desc *d = &p->table[i];

	longs[*n].name = d->name;
	longs[*n].has_arg = takes_arg(d) ? required_argument : no_argument;
	longs[(*n)++].val = getopt_val(p, i);
	if (d->short_name) {
		*(*shorts)++ = d->short_name;
		if (takes_arg(d))
			*(*shorts)++ = ':';
	}
}

/*
 * The getopt_long tables of p: its command's options first (an option
 * with a row per command matches its own), then the others, so that
 * they are refused by name.
 */
static struct option *long_options(const struct opt_parser *p, char *shorts)
{
	struct option *longs = calloc(p->nr + 1, sizeof(*longs));
	size_t i, n = 0;
	int pass;

	*shorts++ = ':';	/* a missing value: ':', not a message */
	for (pass = 0; longs && pass < 2; pass++)
		for (i = 0; i < p->nr; i++)
			if (is_option(&p->table[i]) &&
			    for_command(p, &p->table[i]) == !pass)
				add_long_option(p, i, longs, &n, &shorts);
	*shorts = '\0';
	return longs;
}

/* One option getopt_long returned: staged, applied now, or the end. */
static int collect_one(struct opt_parser *p, const struct opt_desc *d,
		       int *exit_status)
{
	struct opt_use use = { d, NULL, optarg, OPT_FROM_COMMAND_LINE };

	if (!for_command(p, d)) {
		pb_error("%s: --%s is an option of pinbench %s", p->command,
			 d->name, d->only);
		return -1;
	}
	if (d->type == OPT_T_HELP) {
		p->usage(stdout, p);
		*exit_status = EXIT_OK;
		return -1;
	}
	if (d->flags & OPTF_EARLY)
		return opt_apply(p, &use);
	p->staged[p->nr_staged++] = use;
	return 0;
}

static int collect_all(struct opt_parser *p, int argc, char **argv,
		       const struct option *longs, const char *shorts,
		       int *exit_status)
{
	int val;

	opterr = 0;
	while ((val = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
		const struct opt_desc *d = desc_of_val(p, val);

		if (!d) {	/* '?' or ':' */
			cli_bad_option(p->command, val, argv);
			return -1;
		}
		if (collect_one(p, d, exit_status))
			return -1;
	}
	if (optind < argc) {
		pb_error("%s: unexpected argument '%s' (try pinbench %s --help)",
			 p->command, argv[optind], p->command);
		return -1;
	}
	return 0;
}

int opt_collect(struct opt_parser *p, int argc, char **argv,
		int *exit_status)
{
	char *shorts = malloc(2 * p->nr + 2);
	struct option *longs = shorts ? long_options(p, shorts) : NULL;
	int ret = -1;

	*exit_status = EXIT_USAGE;
	p->staged = calloc((size_t)argc + 1, sizeof(*p->staged));
	p->nr_staged = 0;
	if (!longs || !p->staged)
		pb_error("out of memory");
	else
		ret = collect_all(p, argc, argv, longs, shorts, exit_status);
	free(longs);
	free(shorts);
	return ret;
}

int opt_apply_staged(struct opt_parser *p)
{
	size_t i;

	for (i = 0; i < p->nr_staged; i++)
		if (opt_apply(p, &p->staged[i]))
			return -1;
	return 0;
}

void opt_parser_free(struct opt_parser *p)
{
	free(p->staged);
	p->staged = NULL;
	p->nr_staged = 0;
}

/* ---- --help ------------------------------------------------------------ */

void opt_print_folded(FILE *f, const char *text, int indent, int width)
{
	int col = indent;

	while (*text) {
		size_t word = strcspn(text, " ");

		if (col > indent && col + 1 + (int)word > width) {
			fprintf(f, "\n%*s", indent, "");
			col = indent;
		} else if (col > indent) {
			fputc(' ', f);
			col++;
		}
		fprintf(f, "%.*s", (int)word, text);
		col += (int)word;
		text += word;
		while (*text == ' ')
			text++;
	}
	fputc('\n', f);
}

void opt_help_item(FILE *f, int name_width, const char *name,
		   const char *help)
{
	int indent = HELP_COLUMN + 2;

	fprintf(f, "%*s%-*s  ", indent, "", name_width, name);
	opt_print_folded(f, help, indent + name_width + 2, HELP_WIDTH);
}

static void help_choices(FILE *f, const struct opt_desc *d)
{
	int width = 0;
	size_t i;

	if (!d->choice_help)
		return;
	for (i = 0; i < d->nr_choices; i++)
		if ((int)strlen(d->choices[i]) > width)
			width = (int)strlen(d->choices[i]);
	for (i = 0; i < d->nr_choices; i++)
		opt_help_item(f, width, d->choices[i], d->choice_help[i]);
}

/* "  -h, --name ARG", then the help from HELP_COLUMN on. */
static void help_option(FILE *f, const struct opt_parser *p,
			const struct opt_desc *d)
{
	int n = fprintf(f, "  ");

	if (d->short_name)
		n += fprintf(f, "-%c, ", d->short_name);
	n += fprintf(f, "--%s", d->name);
	if (d->argname)
		n += fprintf(f, " %s", d->argname);
	if (n >= HELP_COLUMN)
		fprintf(f, "\n%*s", HELP_COLUMN, "");
	else
		fprintf(f, "%*s", HELP_COLUMN - n, "");
	opt_print_folded(f, d->help, HELP_COLUMN, HELP_WIDTH);
	help_choices(f, d);
	if (d->help_more)
		d->help_more(f, p);
}

void opt_usage(FILE *f, const struct opt_parser *p)
{
	size_t i;

	for (i = 0; i < p->nr; i++) {
		const struct opt_desc *d = &p->table[i];

		if (!for_command(p, d))
			continue;
		if (d->type == OPT_T_GROUP)
			fprintf(f, "%s%s:\n", i ? "\n" : "", d->help);
		else
			help_option(f, p, d);
	}
}
