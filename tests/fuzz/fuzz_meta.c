/*
 * meta.json as report and merge read it (meta_load: jansson, then the
 * "run_id" and "complete" checks), plus a round trip: an accepted file
 * written back the way pinbench writes it (meta_object_write, one key a
 * line) must load again, rewrite to the same text, and keep "complete"
 * across meta_set_complete. Its "catalogue" (catalog_json.c) too.
 */
#include <stdlib.h>
#include <string.h>

#include "catalog_json.h"
#include "csv.h"
#include "fuzz_util.h"
#include "meta.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_init_files("meta");
	return 0;
}

static void round_trip(const json_t *meta)
{
	char err[512], run_id[256], *first, *second;
	bool complete;
	json_t *back;

	FUZZ_ASSERT(meta_object_write(fuzz_paths[1], meta) == 0);
	first = read_whole_file(fuzz_paths[1], NULL);
	back = meta_load(fuzz_paths[1], err, sizeof(err));
	if (!back) {
		fprintf(fuzz_real_stderr, "round trip: %s\n", err);
		abort();
	}
	FUZZ_ASSERT(json_object_size(back) == json_object_size(meta));
	FUZZ_ASSERT(json_equal(json_object_get(back, "run_id"),
			       json_object_get(meta, "run_id")));
	/* reals print to 15 digits: the second writing is the first's */
	FUZZ_ASSERT(meta_object_write(fuzz_paths[1], back) == 0);
	second = read_whole_file(fuzz_paths[1], NULL);
	FUZZ_ASSERT(first && second && !strcmp(first, second));

	complete = json_is_true(json_object_get(meta, "complete"));
	FUZZ_ASSERT(meta_set_complete(fuzz_paths[1], !complete) == 0);
	FUZZ_ASSERT(meta_read_complete(fuzz_paths[1], &complete) == 0);
	FUZZ_ASSERT(complete == !json_is_true(json_object_get(meta, "complete")));
	if (json_string_length(json_object_get(meta, "run_id")) <
	    sizeof(run_id)) {
		FUZZ_ASSERT(!meta_read_run_id(fuzz_paths[1], run_id,
					      sizeof(run_id)));
		FUZZ_ASSERT(!strcmp(run_id, json_string_value(
					json_object_get(meta, "run_id"))));
	}
	json_decref(back);
	free(first);
	free(second);
}

/*
 * The catalogue a report reads: refused with a reason, or every name
 * plain and bounded, and written back it reads the same.
 */
static void catalogue(const json_t *meta)
{
	struct module_info mi, again;
	char err[512] = "";
	json_t *back;
	unsigned int i;

	if (catalog_from_meta(meta, &mi, err, sizeof(err))) {
		FUZZ_ASSERT(!strncmp(err, "meta.json catalogue", 19));
		return;
	}
	FUZZ_ASSERT(mi.nr_strategies <= CATALOG_MAX &&
		    mi.nr_pin_methods <= CATALOG_MAX);
	for (i = 0; i < mi.nr_strategies; i++)
		FUZZ_ASSERT(mi.strategies[i].name[0] &&
			    strlen(mi.strategies[i].name) < PINBENCH_NAME_LEN);
	back = json_object();
	json_object_set_new(back, "catalogue", catalog_json(&mi));
	FUZZ_ASSERT(!catalog_from_meta(back, &again, err, sizeof(err)));
	FUZZ_ASSERT(again.nr_strategies == mi.nr_strategies);
	for (i = 0; i < mi.nr_strategies; i++)
		FUZZ_ASSERT(again.strategies[i].roles ==
			    mi.strategies[i].roles);
	json_decref(back);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write_file(0, data, size);
	char err[512] = "";
	json_t *meta = meta_load(path, err, sizeof(err));

	if (!meta) {
		/* refused, saying which file */
		FUZZ_ASSERT(!strncmp(err, path, strlen(path)));
		return 0;
	}
	round_trip(meta);
	catalogue(meta);
	json_decref(meta);
	return 0;
}
