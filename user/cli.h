/* SPDX-License-Identifier: GPL-2.0 */
/* Command line (pure). */
#ifndef VIGIL_CLI_H
#define VIGIL_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include "hostport.h"
#include "loader_config.h"
#include "metadata.h"
#include "output_config.h"
#include "posture.h"

enum cli_action { CLI_RUN, CLI_CHECK, CLI_CHECK_POLICY, CLI_HELP, CLI_VERSION, CLI_UNPIN };

/* Each module's own config, filled here once; main.c hands each its part. */
struct vigil_opts {
	enum cli_action action;
	struct loader_config loader;
	struct output_config out;
	const char *metrics;	       /* --metrics ADDR:PORT as given; NULL: no server */
	struct hostport metrics_addr;  /* ... parsed */
	bool no_metadata;	       /* alerts carry container.id and runtime only */
	struct metadata_sources meta;  /* runtime sockets and state */
	const char *host_name;	       /* host.name; NULL: gethostname() */
	const char *policy_file;       /* --policy, or --check-policy's file */
	struct posture_config posture; /* --posture */
	int seccomp;		       /* --seccomp: enum confine_mode, CONFINE_ON (0) unless told */
	int landlock;		       /* --landlock: enum landlock_mode, LANDLOCK_ON (0) unless told */
};

#define CAP_WINDOW_DEFAULT_S   60
#define CAP_WINDOW_MAX_S       86400
#define RING_BUFFER_DEFAULT_MB 16
#define QUEUE_DEFAULT_MB       16
#define QUEUE_MAX_MB	       1024
#define RING_BUFFER_MAX_MB     1024

/* 0 on success; otherwise one line in err and the caller exits 2. */
int cli__parse(int argc, char **argv, struct vigil_opts *o, char *err, size_t errlen);
const char *cli__backend_name(enum backend b);
extern const char cli_usage[];

#endif /* VIGIL_CLI_H */
