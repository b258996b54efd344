// SPDX-License-Identifier: GPL-2.0
/* The command line, and the addresses inside it: NUL-separated arguments. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "hostport.h"
#include "sink_syslog.h"

#define ARGS_MAX 32

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1), *argv[ARGS_MAX + 2] = { "vigil" }, err[256];
	struct syslog_target t;
	struct vigil_opts o;
	struct hostport hp;
	int argc = 1;
	size_t i;

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	argv[argc++] = copy;
	for (i = 0; i < size && argc <= ARGS_MAX; i++)
		if (!copy[i])
			argv[argc++] = copy + i + 1;
	argv[argc] = NULL;
	if (cli__parse(argc, argv, &o, err, sizeof(err)) != 0 && !memchr(err, '\0', sizeof(err)))
		abort(); /* an error is one terminated line */
	syslog_target__parse(copy, &t, err, sizeof(err));
	hostport__parse(copy, &hp, true);
	free(copy);
	return 0;
}
