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
		"the default chunk_pages, max_iterations, and every pin method and\n"
		"release strategy with whether this kernel supports it and whether it\n"
		"works on FOLL_PIN pins or FOLL_GET references.\n"
		"\n"
		"options:\n"
		"  --json      the same as one JSON object on stdout\n"
		"  -h, --help  this text\n"
		"\n"
		"Needs pinbench.ko loaded and CAP_SYS_ADMIN (root).\n");
}

struct info_entry {
	const char *name;
	bool supported;
	bool foll_pin;
	char roles[64];		/* "dirties,write-only,prepare"; "" */
};

/* A strategy's roles from INFO, comma separated. */
static void strategy_roles(const struct pinbench_info *info, unsigned int i,
			   char *buf, size_t len)
{
	snprintf(buf, len, "%s%s%s",
		 info_strategy_dirties(info, i) ? "dirties," : "",
		 info_strategy_write_only(info, i) ? "write-only," : "",
		 info_strategy_prepares(info, i) ? "prepare," : "");
	if (*buf)
		buf[strlen(buf) - 1] = '\0';
}

static struct info_entry pin_method_entry(const struct pinbench_info *info,
					  unsigned int i)
{
	return (struct info_entry){
		.name = info_pin_method_name(info, i),
		.supported = info_pin_method_supported(info, i),
		.foll_pin = info_pin_method_foll_pin(info, i),
	};
}

static struct info_entry strategy_entry(const struct pinbench_info *info,
					unsigned int i)
{
	struct info_entry e = {
		.name = info_strategy_name(info, i),
		.supported = info_strategy_supported(info, i),
		.foll_pin = info_strategy_foll_pin(info, i),
	};

	strategy_roles(info, i, e.roles, sizeof(e.roles));
	return e;
}

static void print_table(const struct pinbench_info *info, const char *title,
			unsigned int count,
			struct info_entry (*entry)(const struct pinbench_info *,
						   unsigned int))
{
	unsigned int i;

	printf("\n%-20s  %-9s  %-8s  %s\n", title, "supported", "pins",
	       "roles");
	for (i = 0; i < count; i++) {
		struct info_entry e = entry(info, i);

		printf("%-20s  %-9s  %-8s  %s\n", e.name,
		       e.supported ? "yes" : "no",
		       foll_family_name(e.foll_pin), e.roles);
	}
}

static void print_text(const struct pinbench_info *info)
{
	char debug[128];

	info_kernel_debug_names(info, debug, sizeof(debug));
	printf("module version    %s\n", info->module_version);
	printf("kernel release    %s\n", info->kernel_release);
	printf("ABI version       %u\n", info->abi_version);
	printf("page size         %u\n", info->page_size);
	printf("max_pinned_pages  %" PRIu64 "\n",
	       (uint64_t)info->max_pinned_pages);
	printf("chunk_pages       %" PRIu64 " (default)\n",
	       (uint64_t)info->chunk_pages);
	printf("max_iterations    %u\n", info->max_iterations);
	printf("kernel debug      %s\n", debug);
	print_table(info, "pin method", info_nr_pin_methods(info),
		    pin_method_entry);
	print_table(info, "release strategy", info_nr_strategies(info),
		    strategy_entry);
}

static void print_json_array(const struct pinbench_info *info,
			     const char *key, unsigned int count,
			     struct info_entry (*entry)(const struct pinbench_info *,
							unsigned int),
			     const char *after)
{
	unsigned int i;

	printf("  \"%s\": [\n", key);
	for (i = 0; i < count; i++) {
		struct info_entry e = entry(info, i);

		printf("    {\"name\": ");
		json_write_string(stdout, e.name);
		printf(", \"supported\": %s, \"pins\": \"%s\", \"roles\": \"%s\"}%s\n",
		       e.supported ? "true" : "false",
		       foll_family_name(e.foll_pin), e.roles,
		       i + 1 < count ? "," : "");
	}
	printf("  ]%s\n", after);
}

static void print_json(const struct pinbench_info *info)
{
	char debug[128];

	printf("{\n  \"module_version\": ");
	json_write_string(stdout, info->module_version);
	printf(",\n  \"kernel_release\": ");
	json_write_string(stdout, info->kernel_release);
	printf(",\n  \"abi_version\": %u,\n", info->abi_version);
	printf("  \"page_size\": %u,\n", info->page_size);
	printf("  \"max_pinned_pages\": %" PRIu64 ",\n",
	       (uint64_t)info->max_pinned_pages);
	printf("  \"chunk_pages\": %" PRIu64 ",\n",
	       (uint64_t)info->chunk_pages);
	printf("  \"max_iterations\": %u,\n", info->max_iterations);
	info_kernel_debug_names(info, debug, sizeof(debug));
	printf("  \"kernel_debug\": \"%s\",\n", debug);
	print_json_array(info, "pin_methods", info_nr_pin_methods(info),
			 pin_method_entry, ",");
	print_json_array(info, "strategies", info_nr_strategies(info),
			 strategy_entry, "");
	printf("}\n");
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
	if (json)
		print_json(&dev.info);
	else
		print_text(&dev.info);
	device_close(&dev);
	return fflush(stdout) ? EXIT_RUNTIME : EXIT_OK;
}
