/* SPDX-License-Identifier: GPL-2.0 */
/* HOST:PORT and [IPv6]:PORT, as --syslog and --metrics take them (pure). */
#ifndef VIGIL_HOSTPORT_H
#define VIGIL_HOSTPORT_H

#include <stdbool.h>

struct hostport {
	char host[256]; /* without brackets; "" when allowed and absent */
	char port[6];	/* 1-65535, digits only */
};

/* 0, or -1 if s is not HOST:PORT; an empty host only when empty_host_ok (":9090"). */
int hostport__parse(const char *s, struct hostport *hp, bool empty_host_ok);

#endif /* VIGIL_HOSTPORT_H */
