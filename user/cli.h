/* SPDX-License-Identifier: GPL-2.0 */
/* Command line (pure). */
#ifndef VIGIL_CLI_H
#define VIGIL_CLI_H

#include <stdbool.h>
#include <stddef.h>

enum backend { BACKEND_AUTO, BACKEND_LSM, BACKEND_TRACEPOINT };

enum cli_action { CLI_RUN, CLI_CHECK, CLI_HELP, CLI_VERSION, CLI_UNPIN };

struct vigil_opts {
	enum cli_action action;
	const char *output;	/* NULL: stdout */
	enum backend backend;
	bool enforce;
	bool pin;		/* keep enforcement pinned in bpffs past this process */
	bool verbose;
	bool no_metadata;	/* alerts carry container.id and runtime only */
	const char *docker_socket;	/* NULL: the default */
	unsigned int cap_window_s;
	unsigned int ring_buffer_mb;
};

#define CAP_WINDOW_DEFAULT_S 60
#define CAP_WINDOW_MAX_S 86400
#define RING_BUFFER_DEFAULT_MB 16
#define RING_BUFFER_MAX_MB 1024

/* 0 on success; otherwise one line in err and the caller exits 2. */
int cli__parse(int argc, char **argv, struct vigil_opts *o, char *err, size_t errlen);
const char *cli__backend_name(enum backend b);
extern const char cli_usage[];

#endif /* VIGIL_CLI_H */
