/* SPDX-License-Identifier: GPL-2.0 */
/* Where alert lines go (filled once by cli.c; output.h). */
#ifndef VIGIL_OUTPUT_CONFIG_H
#define VIGIL_OUTPUT_CONFIG_H

#include "sink_syslog.h"

#define OUTPUT_MAX_SINKS 8 /* --syslog and --http together */

struct output_config {
	const char *output;		      /* a file, "-" for stdout; NULL: stdout unless other sinks are named */
	const char *syslog[OUTPUT_MAX_SINKS]; /* --syslog targets as given (the sinks' names) */
	struct syslog_target syslog_target[OUTPUT_MAX_SINKS]; /* ... parsed */
	unsigned int nsyslog;
	const char *http[OUTPUT_MAX_SINKS]; /* --http URLs */
	unsigned int nhttp;
	unsigned int queue_mb; /* each queued sink's buffer */
};

#endif /* VIGIL_OUTPUT_CONFIG_H */
