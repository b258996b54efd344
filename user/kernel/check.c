// SPDX-License-Identifier: GPL-2.0
/*
 * What --check prints of the trial loads (loader__check makes them): each
 * program's verdict, grouped by what it serves, and what vigil would run with.
 */
#include <stdio.h>
#include <string.h>
#include "check.h"
#include "programs.h"

static const char *const check_groups[] = { "container tracking (vigil needs all)",
					    "rootfs-write",
					    "setuid",
					    "mount",
					    "capability",
					    "optional, with a fallback" };

static bool in_check_group(const struct prog_spec *spec, unsigned int g)
{
	if (g == 0)
		return spec->cls == PROG_CORE;
	if (g == 5)
		return spec->cls == PROG_OPTIONAL;
	return spec->detections & (1u << (g - 1));
}

void check__print_trials(const struct loader_status *st)
{
	unsigned int g, i;

	printf("\ntrial loads, %s backend:\n", st->lsm ? "lsm" : "tracepoint");
	for (g = 0; g < sizeof(check_groups) / sizeof(check_groups[0]); g++) {
		printf("  %s\n", check_groups[g]);
		for (i = 0; i < prog_specs_len; i++) {
			if (!st->progs[i].wanted || !in_check_group(&prog_specs[i], g))
				continue;
			if (!st->progs[i].err)
				printf("    %-28s loads\n", prog_specs[i].name);
			else
				printf("    %-28s REFUSED (%s): %s\n", prog_specs[i].name, strerror(-st->progs[i].err),
				       prog_specs[i].refused);
		}
	}
}

void check__print_states(const struct loader_status *st)
{
	unsigned int d, i;

	printf("backend: %s\n", st->lsm ? "lsm" : "tracepoint");
	for (d = 0; d < DET_MAX; d++)
		printf("detection %s: %s\n", detection__name(d), loader__detection_state_name(st->detection[d]));
	for (i = 0; i < st->n_missing; i++)
		printf("unavailable: %s\n", st->missing[i]);
}

void check__print_verdict(int err)
{
	printf("vigil %s start here with these options (trial loads only: a refused attach shows at start)\n",
	       err ? "would NOT" : "would");
}
