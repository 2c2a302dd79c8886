/*
 * The report's profile part: for each profile-*.txt in the run directory
 * (pinbench profile, made in the guest), its top symbols with their share
 * of the samples and the pin / unpin path each belongs to (perf_paths.c),
 * read here with perf_report.h: where the release time goes.
 */
#ifndef PINBENCH_REPORT_PROFILES_H
#define PINBENCH_REPORT_PROFILES_H

#include <stdbool.h>
#include <stdio.h>

/* symbols listed per profile; the file keeps them all */
#define REPORT_PROFILE_TOP 12

/*
 * The sections, text or markdown; nothing for a directory without
 * profiles. A profile that does not parse is named with why, not fatal.
 * 0, or -1 when writing failed.
 */
int report_profile_sections(FILE *f, const char *dir, bool emulated,
			    bool markdown);

#endif
