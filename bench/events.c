#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "events.h"

#define PB_EVENT_DEF(id, perf_name, col, perf_type, perf_config, hw) \
	[EV_##id] = { .name = perf_name, .column = #col, .type = perf_type, \
		      .config = perf_config, .hardware = hw },
const struct event_def event_defs[NR_EVENTS] = { PB_EVENTS(PB_EVENT_DEF) };
#undef PB_EVENT_DEF

bool events_have_pmu(void)
{
	/* a core PMU registers one of these; TCG and most VMs have none */
	static const char *const pmus[] = {
		"/sys/bus/event_source/devices/cpu",
		"/sys/bus/event_source/devices/cpu_core",
		"/sys/bus/event_source/devices/armv8_pmuv3_0",
	};
	size_t i;

	for (i = 0; i < sizeof(pmus) / sizeof(pmus[0]); i++)
		if (!access(pmus[i], F_OK))
			return true;
	return false;
}

void events_names(char *buf, size_t len)
{
	size_t i, used = 0;

	buf[0] = '\0';
	for (i = 0; i < NR_EVENTS && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s",
					 i ? ", " : "", event_defs[i].name);
}

static int event_find(const char *name)
{
	size_t i;

	for (i = 0; i < NR_EVENTS; i++)
		if (!strcmp(event_defs[i].name, name))
			return (int)i;
	return -1;
}

/* Where a PMU exists, what a release costs in the CPU; else time alone. */
static void events_default(bool hardware, bool *want)
{
	size_t i;

	for (i = 0; i < NR_EVENTS; i++)
		want[i] = hardware ? event_defs[i].hardware : false;
	want[EV_TASK_CLOCK] = true;
	want[EV_CONTEXT_SWITCHES] = true;
	if (!hardware) {
		want[EV_CPU_MIGRATIONS] = true;
		want[EV_PAGE_FAULTS] = true;
	}
}

int events_parse(const char *list, struct event_set *set, char *err,
		 size_t errlen)
{
	bool want[NR_EVENTS] = { false };
	char *copy = strdup(list), *rest = copy, *name, names[512];
	size_t i;
	int found;

	set->n = 0;
	if (!copy) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	while ((name = strsep(&rest, ",")) != NULL) {
		if (!strcmp(name, "none"))
			continue;
		if (!strcmp(name, "default")) {
			events_default(events_have_pmu(), want);
			continue;
		}
		found = event_find(name);
		if (found < 0) {
			events_names(names, sizeof(names));
			snprintf(err, errlen,
				 "unknown event '%s': use default, none or any of %s",
				 name, names);
			free(copy);
			return -1;
		}
		want[found] = true;
	}
	free(copy);
	for (i = 0; i < NR_EVENTS; i++)
		if (want[i])
			set->ids[set->n++] = (enum event_id)i;
	return 0;
}
