#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "tap.h"

/* Diagnostics of the running test, printed after its result line. */
static char diagnostics[8192];
static size_t diagnostics_used;
static bool current_failed;
static char skip_reason[256];	/* non-empty: the running test skipped */

static void add_diagnostic(const char *prefix, const char *fmt, va_list ap)
{
	size_t room = sizeof(diagnostics) - diagnostics_used;
	size_t start = diagnostics_used;
	int n;

	if (room < 2)
		return;
	n = snprintf(diagnostics + diagnostics_used, room, "# %s", prefix);
	if (n > 0 && (size_t)n < room) {
		diagnostics_used += (size_t)n;
		room -= (size_t)n;
		n = vsnprintf(diagnostics + diagnostics_used, room, fmt, ap);
		if (n > 0)
			diagnostics_used += (size_t)n < room ? (size_t)n :
							       room - 1;
	}
	/* one diagnostic per line, even if the text had newlines */
	for (char *p = diagnostics + start;
	     p < diagnostics + diagnostics_used; p++)
		if (*p == '\n')
			*p = ' ';
	if (diagnostics_used + 1 < sizeof(diagnostics))
		diagnostics[diagnostics_used++] = '\n';
	diagnostics[diagnostics_used] = '\0';
}

void tap_fail(const char *file, int line, const char *fmt, ...)
{
	char prefix[256];
	va_list ap;

	current_failed = true;
	snprintf(prefix, sizeof(prefix), "%s:%d: ", file, line);
	va_start(ap, fmt);
	add_diagnostic(prefix, fmt, ap);
	va_end(ap);
}

void tap_diag(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_diagnostic("", fmt, ap);
	va_end(ap);
}

/* Several parts of one test may skip: their reasons are joined with "; ". */
void tap_skip(const char *fmt, ...)
{
	size_t used = strlen(skip_reason);
	va_list ap;

	if (used && used + 2 < sizeof(skip_reason)) {
		strcpy(skip_reason + used, "; ");
		used += 2;
	}
	va_start(ap, fmt);
	vsnprintf(skip_reason + used, sizeof(skip_reason) - used, fmt, ap);
	va_end(ap);
	if (!skip_reason[0])
		strcpy(skip_reason, "skipped");
}

int tap_run(const struct tap_suite *const *suites, size_t nr_suites)
{
	size_t s, t, total = 0, number = 0;
	int failed = 0;

	for (s = 0; s < nr_suites; s++)
		total += suites[s]->count;
	printf("1..%zu\n", total);
	for (s = 0; s < nr_suites; s++) {
		for (t = 0; t < suites[s]->count; t++) {
			const struct tap_test *test = &suites[s]->tests[t];

			diagnostics_used = 0;
			diagnostics[0] = '\0';
			current_failed = false;
			skip_reason[0] = '\0';
			fflush(stdout);
			test->run();
			printf("%sok %zu - %s: %s", current_failed ? "not " : "",
			       ++number, suites[s]->name, test->name);
			if (skip_reason[0] && !current_failed)
				printf(" # SKIP %s", skip_reason);
			putchar('\n');
			fputs(diagnostics, stdout);
			fflush(stdout);
			failed += current_failed;
		}
	}
	return failed;
}
