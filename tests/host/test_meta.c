/* meta.c and sysinfo.c: meta.json fields, and the parsers behind them. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "meta.h"
#include "sysinfo.h"
#include "tap.h"
#include "test_util.h"

static void test_meta_write_and_read(void)
{
	const char *path = scratch_path("meta.json");
	char *argv[] = { "run", "--out", "my \"dir\"", "--run-id", "a\\b" };
	char *line = command_line_join("pinbench", 5, argv);
	struct run_meta meta = {
		.run_id = "20250101-000000-6.12.0",
		.accel = "tcg",
		.module_version = "0.1.0",
		.abi_version = 1,
		.git_version = "abc1234-dirty",
		.command_line = line,
		.complete = true,
	};
	static const char *const keys[] = {
		"run_id", "date", "complete", "kernel", "kernel_version",
		"accel", "emulated", "cpu_model", "nr_cpus", "numa_nodes",
		"thp_enabled", "thp_defrag", "preempt", "page_size",
		"module_version", "abi_version", "git_version", "command_line",
	};
	char value[256], *json, why[256];
	bool complete = false;
	json_t *o;
	size_t i;

	CHECK_STR(line, "pinbench run --out my \"dir\" --run-id a\\b");
	CHECK(!meta_write(path, &meta));
	json = slurp(path);
	o = json ? json_object_parse(json, strlen(json), why, sizeof(why)) :
		   NULL;
	CHECK(o != NULL);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (!json_object_get(o, keys[i]))
			tap_fail(__FILE__, __LINE__, "no \"%s\" in meta.json",
				 keys[i]);
	CHECK_CONTAINS(json, "\"command_line\": \"pinbench run --out my \\\"dir\\\" --run-id a\\\\b\"");
	CHECK_CONTAINS(json, "\"emulated\": true");
	CHECK(!json_copy_string(o, "command_line", value, sizeof(value)));
	CHECK_STR(value, line);
	CHECK(!json_copy_string(o, "date", value, sizeof(value)));
	CHECK(strlen(value) == 20 && value[10] == 'T' && value[19] == 'Z');
	json_decref(o);
	free(json);

	CHECK(!meta_read_run_id(path, value, sizeof(value)));
	CHECK_STR(value, "20250101-000000-6.12.0");
	CHECK(!meta_read_complete(path, &complete));
	CHECK(complete);
	CHECK(!meta_set_complete(path, false));
	CHECK(!meta_read_complete(path, &complete));
	CHECK(!complete);
	CHECK(!meta_set_complete(path, true));
	CHECK(!meta_read_complete(path, &complete));
	CHECK(complete);
	/* only "complete" changed */
	CHECK(!meta_read_run_id(path, value, sizeof(value)));
	CHECK_STR(value, "20250101-000000-6.12.0");
	CHECK_INT(count_entries_containing(scratch_dir(), "meta.json.tmp"), 0);
	free(line);
}

static void test_preempt_guess(void)
{
	CHECK_STR(preempt_from_uname_version("#1 SMP PREEMPT_DYNAMIC Debian 6.1.140-1 (2025-05-22)"),
		  "PREEMPT_DYNAMIC");
	CHECK_STR(preempt_from_uname_version("#1 SMP PREEMPT_RT Debian 6.12.9-1"),
		  "PREEMPT_RT");
	/* RT kernels say both: RT wins */
	CHECK_STR(preempt_from_uname_version("#1 SMP PREEMPT_RT PREEMPT Fri"),
		  "PREEMPT_RT");
	CHECK_STR(preempt_from_uname_version("#1 SMP PREEMPT Fri Jan 1"),
		  "PREEMPT");
	CHECK_STR(preempt_from_uname_version("#1 SMP Debian 5.10.237-1"),
		  "none");
}

static void test_menu_choice(void)
{
	char out[32];

	CHECK(!menu_choice("always [madvise] never", '[', ']', out,
			   sizeof(out)));
	CHECK_STR(out, "madvise");
	CHECK(!menu_choice("[always] defer madvise never", '[', ']', out,
			   sizeof(out)));
	CHECK_STR(out, "always");
	CHECK(!menu_choice("none voluntary (full) lazy", '(', ')', out,
			   sizeof(out)));
	CHECK_STR(out, "full");
	CHECK(menu_choice("always madvise never", '[', ']', out, sizeof(out)));
	CHECK(menu_choice("always [madvise", '[', ']', out, sizeof(out)));
	CHECK(menu_choice("[averyveryverylongchoice]", '[', ']', out, 8));
}

static void test_cpuinfo(void)
{
	const char *vm =
		"processor\t: 0\nvendor_id\t: GenuineIntel\n"
		"model name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\n"
		"flags\t\t: fpu vme sse2 hypervisor lahf_lm\n\n"
		"processor\t: 1\nmodel name\t: other\n";
	const char *metal =
		"model name\t: AMD EPYC 7B13\n"
		"flags\t\t: fpu hypervisor_like sse2\n";
	char model[128];

	CHECK(cpuinfo_has_flag(vm, "hypervisor"));
	CHECK(!cpuinfo_has_flag(metal, "hypervisor"));
	CHECK(cpuinfo_has_flag(metal, "fpu"));
	CHECK(!cpuinfo_has_flag("", "fpu"));
	cpuinfo_model(vm, model, sizeof(model));
	CHECK_STR(model, "Intel(R) Xeon(R) CPU @ 2.20GHz");
	cpuinfo_model("processor : 0\n", model, sizeof(model));
	CHECK_STR(model, "unknown");
}

static void test_accel_default(void)
{
	char accel[64];
	char *old = getenv("PINBENCH_ACCEL");
	char *saved = old ? strdup(old) : NULL;

	setenv("PINBENCH_ACCEL", "tcg", 1);
	accel_default(accel, sizeof(accel));
	CHECK_STR(accel, "tcg");
	unsetenv("PINBENCH_ACCEL");
	accel_default(accel, sizeof(accel));
	CHECK(!strcmp(accel, "native") || !strcmp(accel, "vm"));
	if (saved)
		setenv("PINBENCH_ACCEL", saved, 1);
	free(saved);
}

static void test_meminfo(void)
{
	static const char meminfo[] =
		"MemTotal:       24572168 kB\n"
		"MemFree:        20000000 kB\n"
		"MemAvailable:   18464172 kB\n"
		"Buffers:          123 kB\n";
	uint64_t bytes = 0;

	CHECK_INT(meminfo_bytes(meminfo, "MemAvailable", &bytes), 0);
	CHECK(bytes == 18464172ULL * 1024);
	CHECK_INT(meminfo_bytes(meminfo, "MemTotal", &bytes), 0);
	CHECK(bytes == 24572168ULL * 1024);
	/* a key is the whole name before the colon */
	CHECK_INT(meminfo_bytes(meminfo, "Mem", &bytes), -1);
	CHECK_INT(meminfo_bytes(meminfo, "SwapFree", &bytes), -1);
	CHECK_INT(meminfo_bytes("MemAvailable: lots\n", "MemAvailable", &bytes), -1);
	CHECK_INT(meminfo_bytes("", "MemAvailable", &bytes), -1);
	CHECK_INT(mem_available_bytes(&bytes), 0);
	CHECK(bytes > 0);
}

TAP_SUITE(meta,
	{ "meta.json: every field, escaped command line, run_id and complete read back",
	  test_meta_write_and_read },
	{ "preempt model guessed from uname -v", test_preempt_guess },
	{ "[choice] of sysfs menus, (choice) of debugfs ones",
	  test_menu_choice },
	{ "cpuinfo: hypervisor flag as a whole word, model name",
	  test_cpuinfo },
	{ "accel: PINBENCH_ACCEL first, else native or vm", test_accel_default },
	{ "meminfo: a key's kB in bytes, whole key names only", test_meminfo },
);
