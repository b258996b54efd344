/* SPDX-License-Identifier: GPL-2.0 */
/* Command line (pure). */
#ifndef VIGIL_CLI_H
#define VIGIL_CLI_H

#include <stdbool.h>
#include "metadata.h"
#include <stddef.h>

enum backend { BACKEND_AUTO, BACKEND_LSM, BACKEND_TRACEPOINT };

#define CLI_MAX_SINKS 8	/* --syslog and --http together */

enum cli_action { CLI_RUN, CLI_CHECK, CLI_HELP, CLI_VERSION, CLI_UNPIN };

struct vigil_opts {
	enum cli_action action;
	const char *output;	/* a file, "-" for stdout; NULL: stdout unless other sinks are named */
	const char *syslog[CLI_MAX_SINKS];	/* --syslog targets */
	unsigned int nsyslog;
	const char *http[CLI_MAX_SINKS];	/* --http URLs */
	unsigned int nhttp;
	unsigned int queue_mb;	/* each queued sink's buffer */
	const char *metrics;	/* --metrics ADDR:PORT; NULL: no server */
	enum backend backend;
	bool enforce;
	bool require_all;	/* --require all: a refused program or missing feature is fatal */
	bool pin;		/* keep enforcement pinned in bpffs past this process */
	bool watch_ia32;	/* tracepoint backend: 32-bit syscalls too (raw sys_exit, every syscall pays) */
	bool verbose;
	bool no_metadata;	/* alerts carry container.id and runtime only */
	struct metadata_sources meta;	/* runtime sockets and state */
	const char *host_name;		/* host.name; NULL: gethostname() */
	unsigned int cap_window_s;
	unsigned int ring_buffer_mb;
};

#define CAP_WINDOW_DEFAULT_S 60
#define CAP_WINDOW_MAX_S 86400
#define RING_BUFFER_DEFAULT_MB 16
#define QUEUE_DEFAULT_MB 16
#define QUEUE_MAX_MB 1024
#define RING_BUFFER_MAX_MB 1024

/* 0 on success; otherwise one line in err and the caller exits 2. */
int cli__parse(int argc, char **argv, struct vigil_opts *o, char *err, size_t errlen);
const char *cli__backend_name(enum backend b);
extern const char cli_usage[];

#endif /* VIGIL_CLI_H */
