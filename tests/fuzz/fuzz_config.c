/*
 * pinbench sweep --config FILE: the line splitter (config_file_read) and
 * then the whole option parser on top of it (run_options_parse with
 * "sweep --config FILE"), which checks keys, values, compositions and
 * sizes.<composition> lines.
 */
#include <ctype.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "run_config.h"
#include "run_options.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* no /proc/cpuinfo read per input; a config "accel" still wins */
	setenv("PINBENCH_ACCEL", "native", 1);
	/* the file composition looks for a directory: keep it fixed */
	unsetenv("PINBENCH_EXT4_DIR");
	fuzz_init_files("config");
	return 0;
}

static void check_entries(const struct config_file *cf)
{
	unsigned int last = 0;
	size_t i;

	for (i = 0; i < cf->count; i++) {
		const struct config_entry *e = &cf->entries[i];
		size_t klen = strlen(e->key), vlen = strlen(e->value);

		FUZZ_ASSERT(e->line > last);
		last = e->line;
		FUZZ_ASSERT(klen > 0);
		FUZZ_ASSERT(!strchr(e->key, '='));
		FUZZ_ASSERT(!strchr(e->key, '\n'));
		FUZZ_ASSERT(!strchr(e->value, '\n'));
		FUZZ_ASSERT(!isspace((unsigned char)e->key[0]));
		FUZZ_ASSERT(!isspace((unsigned char)e->key[klen - 1]));
		FUZZ_ASSERT(!vlen || !isspace((unsigned char)e->value[0]));
		FUZZ_ASSERT(!vlen ||
			    !isspace((unsigned char)e->value[vlen - 1]));
		/* keys and values point into the text */
		FUZZ_ASSERT(e->key >= cf->text && e->value >= cf->text);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write_file(0, data, size);
	char err[512], *argv[] = { "sweep", "--config", (char *)path, NULL };
	struct config_file cf;
	struct run_options opts;
	int status;

	if (config_file_read(path, &cf, err, sizeof(err)) == 0) {
		check_entries(&cf);
		config_file_free(&cf);
	} else {
		FUZZ_ASSERT(err[0]);
		FUZZ_ASSERT(!cf.text && !cf.entries && !cf.count);
	}

	optind = 1;
	fuzz_quiet(1);
	if (run_options_parse(3, argv, &opts, &status) == 0) {
		size_t i, n;

		FUZZ_ASSERT(opts.nr_compositions > 0);
		for (i = 0; i < opts.nr_compositions; i++) {
			const uint64_t *sizes = run_options_sizes(&opts, i, &n);

			FUZZ_ASSERT(n > 0);
			FUZZ_ASSERT(sizes[0] > 0 && sizes[n - 1] > 0);
		}
	}
	run_options_free(&opts);
	fuzz_quiet(0);
	return 0;
}
