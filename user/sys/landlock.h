/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Landlock on vigil itself once started: nothing on the host is written,
 * created, removed or renamed but the --output file's directory (logrotate
 * renames the file and vigil creates the next one on SIGHUP), so a
 * compromised parser cannot write a root-owned file as uid 0 (/etc/shadow,
 * a cron file, a binary). Reads stay open: vigil reads /proc, cgroupfs and
 * runtime state everywhere.
 */
#ifndef VIGIL_LANDLOCK_H
#define VIGIL_LANDLOCK_H

#include <stdbool.h>

enum landlock_mode {
	LANDLOCK_ON, /* default */
	LANDLOCK_OFF,
};

/* "on", "off"; -1 for anything else. */
int landlock__mode_parse(const char *s);
/*
 * Restricts the calling thread and every thread or process it starts after
 * (no_new_privs must be set): call before the first thread. output: the
 * --output path (NULL or "-": none). 0; -EOPNOTSUPP when the kernel has no
 * Landlock (said in one line: vigil runs on); another negative errno with
 * one line said.
 */
int landlock__confine(enum landlock_mode mode, const char *output);
/*
 * agent-start's vigil.landlock: "on", "partial" (a kernel before 6.2:
 * Landlock ABI < 3 cannot deny truncation), "off" or "unavailable".
 */
const char *landlock__state_name(enum landlock_mode mode, int err);

#endif /* VIGIL_LANDLOCK_H */
