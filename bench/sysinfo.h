/* Facts about the machine for meta.json and defaults: /proc, /sys, uname. */
#ifndef PINBENCH_SYSINFO_H
#define PINBENCH_SYSINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define THP_ENABLED_PATH "/sys/kernel/mm/transparent_hugepage/enabled"
#define THP_DEFRAG_PATH  "/sys/kernel/mm/transparent_hugepage/defrag"

/* The first line of a small file, without its newline; -1 if unreadable. */
int read_first_line(const char *path, char *buf, size_t len);

/* The marked choice of a sysfs/debugfs menu: "a [b] c" -> "b". */
int menu_choice(const char *menu, char open, char close, char *out,
		size_t len);

/* The [choice] of a sysfs file like THP_ENABLED_PATH; -1 if unreadable. */
int sysfs_choice(const char *path, char *out, size_t len);

/* Preemption model from `uname -v`: PREEMPT_RT, PREEMPT_DYNAMIC, ... */
const char *preempt_from_uname_version(const char *version);

/* The preempt model: debugfs's choice if readable, else the uname guess. */
void preempt_model(char *out, size_t len, const char **source);

/* Does the first "flags" line of a /proc/cpuinfo text list flag? */
bool cpuinfo_has_flag(const char *cpuinfo, const char *flag);

/* The first "model name" of a /proc/cpuinfo text, or "unknown". */
void cpuinfo_model(const char *cpuinfo, char *out, size_t len);

/* "MemAvailable:   123 kB" of a /proc/meminfo text in bytes; -1 if absent. */
int meminfo_bytes(const char *meminfo, const char *key, uint64_t *bytes);

/* /proc/meminfo's MemAvailable in bytes; -1 if unreadable. */
int mem_available_bytes(uint64_t *bytes);

/* $PINBENCH_ACCEL, else "native" on bare metal, else "vm". */
void accel_default(char *out, size_t len);

#endif
