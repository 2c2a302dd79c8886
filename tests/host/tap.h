/*
 * A minimal TAP producer: a suite is a table of named test functions; a
 * test fails when any CHECK in it fails. Only TAP goes to stdout:
 * "1..N", "ok N - name", "not ok N - name", then "# ..." diagnostics.
 */
#ifndef PINBENCH_TAP_H
#define PINBENCH_TAP_H

#include <stdbool.h>
#include <stddef.h>

struct tap_test {
	const char *name;
	void (*run)(void);
};

struct tap_suite {
	const char *name;
	const struct tap_test *tests;
	size_t count;
};

#define TAP_SUITE(suite, ...) \
	static const struct tap_test suite##_tests[] = { __VA_ARGS__ }; \
	const struct tap_suite suite##_suite = { \
		#suite, suite##_tests, \
		sizeof(suite##_tests) / sizeof(suite##_tests[0]) }

/* Records a failure of the running test with a diagnostic line. */
void tap_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A "# ..." line after the test's result line, failed or not. */
void tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * The running test cannot run here (a tool is missing): its result line
 * becomes "ok N - name # SKIP reason" (a part that cannot run: the same,
 * and the test goes on; the reasons are joined). Return after a whole skip.
 */
void tap_skip(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Runs every suite in order; returns the number of failed tests. */
int tap_run(const struct tap_suite *const *suites, size_t nr_suites);

#define CHECK(cond) \
	do { \
		if (!(cond)) \
			tap_fail(__FILE__, __LINE__, "%s", #cond); \
	} while (0)

#define CHECK_INT(got, want) \
	do { \
		long long got_ = (long long)(got), want_ = (long long)(want); \
		if (got_ != want_) \
			tap_fail(__FILE__, __LINE__, "%s = %lld, want %lld", \
				 #got, got_, want_); \
	} while (0)

#define CHECK_NEAR(got, want, eps) \
	do { \
		double got_ = (got), want_ = (want); \
		if (!(got_ - want_ <= (eps) && want_ - got_ <= (eps))) \
			tap_fail(__FILE__, __LINE__, \
				 "%s = %.10g, want %.10g +- %g", #got, got_, \
				 want_, (double)(eps)); \
	} while (0)

#define CHECK_STR(got, want) \
	do { \
		const char *got_ = (got), *want_ = (want); \
		if (!got_ || strcmp(got_, want_)) \
			tap_fail(__FILE__, __LINE__, "%s = \"%s\", want \"%s\"", \
				 #got, got_ ? got_ : "(null)", want_); \
	} while (0)

#define CHECK_CONTAINS(text, part) \
	do { \
		const char *text_ = (text), *part_ = (part); \
		if (!text_ || !strstr(text_, part_)) \
			tap_fail(__FILE__, __LINE__, \
				 "%s does not contain \"%s\": \"%s\"", #text, \
				 part_, text_ ? text_ : "(null)"); \
	} while (0)

#endif
