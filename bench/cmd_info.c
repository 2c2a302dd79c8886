/* pinbench info: what the loaded module and this kernel support. */
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "device.h"
#include "exit_codes.h"
#include "json.h"
#include "messages.h"
#include "module_info.h"

static void info_usage(FILE *f)
{
	fprintf(f,
		"usage: pinbench info [--json]\n"
		"\n"
		"Open " PINBENCH_DEVICE " and print what the INFO ioctl reports: module\n"
		"version, kernel release, ABI version, page size, max_pinned_pages,\n"
		"the default chunk_pages, max_iterations, and the module's catalogue:\n"
		"every pin method and release strategy with whether this kernel\n"
		"supports it, whether it works on FOLL_PIN pins or FOLL_GET references,\n"
		"the kernel function it calls, and its roles (dirties, write_only,\n"
		"prepares, baseline, floor; for pin methods the pin modes they serve).\n"
		"\n"
		"options:\n"
		"  --json      the same as one JSON object on stdout\n"
		"  -h, --help  this text\n"
		"\n"
		"Needs pinbench.ko loaded and CAP_SYS_ADMIN (root).\n");
}

struct info_entry {
	const char *name;
	const char *call;
	bool supported;
	bool foll_pin;
	char roles[160];	/* "dirties,write_only,baseline", "fast"; "" */
};

/* The roles the supported and pins columns do not already say. */
static struct info_entry entry_of(const struct catalog_entry *c)
{
	struct info_entry e = {
		.name = c->name,
		.call = c->call,
		.supported = c->roles & PINBENCH_ROLE_SUPPORTED,
		.foll_pin = c->roles & PINBENCH_ROLE_FOLL_PIN,
	};

	info_role_names(c->roles & ~(uint64_t)(PINBENCH_ROLE_SUPPORTED |
					       PINBENCH_ROLE_FOLL_PIN),
			e.roles, sizeof(e.roles));
	return e;
}

static struct info_entry pin_method_entry(const struct module_info *info,
					  unsigned int i)
{
	return entry_of(&info->pin_methods[i]);
}

static struct info_entry strategy_entry(const struct module_info *info,
					unsigned int i)
{
	return entry_of(&info->strategies[i]);
}

static void print_table(const struct module_info *info, const char *title,
			unsigned int count,
			struct info_entry (*entry)(const struct module_info *,
						   unsigned int))
{
	unsigned int i;

	printf("\n%-20s  %-9s  %-8s  %-33s  %s\n", title, "supported",
	       "pins", "kernel call", "roles");
	for (i = 0; i < count; i++) {
		struct info_entry e = entry(info, i);

		printf("%-20s  %-9s  %-8s  %-33s  %s\n", e.name,
		       e.supported ? "yes" : "no",
		       foll_family_name(e.foll_pin), e.call[0] ? e.call : "-",
		       e.roles);
	}
}

static void print_text(const struct module_info *info)
{
	char debug[128];

	info_kernel_debug_names(info, debug, sizeof(debug));
	printf("module version    %s\n", info->abi.module_version);
	printf("kernel release    %s\n", info->abi.kernel_release);
	printf("ABI version       %u\n", info->abi.abi_version);
	printf("page size         %u\n", info->abi.page_size);
	printf("max_pinned_pages  %" PRIu64 "\n",
	       (uint64_t)info->abi.max_pinned_pages);
	printf("chunk_pages       %" PRIu64 " (default)\n",
	       (uint64_t)info->abi.chunk_pages);
	printf("max_iterations    %u\n", info->abi.max_iterations);
	printf("kernel debug      %s\n", debug);
	print_table(info, "pin method", info_nr_pin_methods(info),
		    pin_method_entry);
	print_table(info, "release strategy", info_nr_strategies(info),
		    strategy_entry);
}

/* [{"name": ..., "supported": ..., "pins": ..., "call": ..., "roles": ...}] */
static json_t *json_entries(const struct module_info *info,
			    unsigned int count,
			    struct info_entry (*entry)(const struct module_info *,
						       unsigned int))
{
	json_t *list = json_array();
	unsigned int i;

	for (i = 0; i < count; i++) {
		struct info_entry e = entry(info, i);

		if (json_array_append_new(list,
					  json_pack("{s:o, s:b, s:s, s:o, s:s}",
						    "name", json_text(e.name),
						    "supported", e.supported,
						    "pins", foll_family_name(e.foll_pin),
						    "call", json_text(e.call),
						    "roles", e.roles))) {
			json_decref(list);
			return NULL;
		}
	}
	return list;
}

/* A module parameter above INT64_MAX (jansson's integers): a real. */
static json_t *u64_json(uint64_t v)
{
	return v <= INT64_MAX ? json_integer((json_int_t)v) : json_real((double)v);
}

/* One line a method and a strategy: tests/guest/truth.sh reads it by line. */
static int print_json(const struct module_info *info)
{
	char debug[128];
	json_t *o;
	int ret;

	info_kernel_debug_names(info, debug, sizeof(debug));
	o = json_pack("{s:o, s:o, s:I, s:I, s:o, s:o, s:I, s:s, s:o, s:o}",
		      "module_version", json_text(info->abi.module_version),
		      "kernel_release", json_text(info->abi.kernel_release),
		      "abi_version", (json_int_t)info->abi.abi_version,
		      "page_size", (json_int_t)info->abi.page_size,
		      "max_pinned_pages", u64_json(info->abi.max_pinned_pages),
		      "chunk_pages", u64_json(info->abi.chunk_pages),
		      "max_iterations", (json_int_t)info->abi.max_iterations,
		      "kernel_debug", debug,
		      "pin_methods",
		      json_entries(info, info_nr_pin_methods(info),
				   pin_method_entry),
		      "strategies",
		      json_entries(info, info_nr_strategies(info),
				   strategy_entry));
	ret = o ? json_write_lines(stdout, o, true) : -1;
	json_decref(o);
	if (ret)
		pb_error("info: writing JSON: out of memory or output error");
	return ret;
}

int cmd_info(int argc, char **argv)
{
	static const struct option options[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct pinbench_device dev;
	bool json = false;
	int opt;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (opt) {
		case 'j':
			json = true;
			break;
		case 'h':
			info_usage(stdout);
			return EXIT_OK;
		default:
			return cli_bad_option("info", opt, argv);
		}
	}
	if (optind < argc) {
		pb_error("info: unexpected argument '%s' (try pinbench info --help)",
			 argv[optind]);
		return EXIT_USAGE;
	}
	if (device_open(&dev))
		return EXIT_RUNTIME;
	if (json && print_json(&dev.info)) {
		device_close(&dev);
		return EXIT_RUNTIME;
	}
	if (!json)
		print_text(&dev.info);
	device_close(&dev);
	return fflush(stdout) ? EXIT_RUNTIME : EXIT_OK;
}
