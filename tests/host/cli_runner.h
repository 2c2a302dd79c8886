/* Running build/pinbench-{real,fake,measure} from host tests. */
#ifndef PINBENCH_CLI_RUNNER_H
#define PINBENCH_CLI_RUNNER_H

#include "tap.h"

/* build/, or build-asan/ for make asan */
#ifndef PINBENCH_BUILD_DIR
#define PINBENCH_BUILD_DIR "build"
#endif
#define REAL_PINBENCH PINBENCH_BUILD_DIR "/pinbench-real"
#define FAKE_PINBENCH PINBENCH_BUILD_DIR "/pinbench-fake"
#define MEASURE_PINBENCH PINBENCH_BUILD_DIR "/pinbench-measure"

/* scripts/plots.sh, and its environment: this build's pinbench figures */
#define PLOTS_SH "../../scripts/plots.sh"
#define PLOTS_ENV "PINBENCH=" REAL_PINBENCH

struct outcome {
	int status;		/* exit status, or 128 + signal */
	char *out, *err;
};

void outcome_free(struct outcome *o);

/*
 * Runs binary with argv (NULL-terminated, after the binary), with env
 * ("NAME=VALUE;NAME=VALUE" or NULL) added; signal sig after signal_ms.
 */
struct outcome run_cli_signalled(const char *binary, const char *env,
				 int sig, long signal_ms, ...);

#define run_cli(binary, env, ...) \
	run_cli_signalled(binary, env, 0, 0, __VA_ARGS__, NULL)

#define CHECK_STATUS(o, want) \
	do { \
		if ((o).status != (want)) \
			tap_fail(__FILE__, __LINE__, \
				 "exit %d, want %d; stderr: %s", (o).status, \
				 (want), (o).err ? (o).err : ""); \
	} while (0)

/* binary ARGS... must exit with status and say part on stderr. */
#define CHECK_CLI(status, part, binary, ...) \
	do { \
		struct outcome o_ = run_cli(binary, NULL, __VA_ARGS__); \
		CHECK_STATUS(o_, status); \
		CHECK_CONTAINS(o_.err, part); \
		outcome_free(&o_); \
	} while (0)

int count_lines(const char *text);
int count_matches(const char *text, const char *part);

/* dir/name in a static buffer */
char *dir_file(const char *dir, const char *name);

/*
 * build/pinbench-real SUBCOMMAND DIR, which must exit 0, then DIR/FILE
 * read whole (free it; NULL if absent).
 */
char *pinbench_then_read(const char *subcommand, const char *dir,
			 const char *file);

#endif
