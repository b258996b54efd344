// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hostport.h"

int hostport__parse(const char *s, struct hostport *hp, bool empty_host_ok)
{
	const char *colon, *host = s;
	unsigned long port;
	size_t hlen;
	char *end;

	if (*s == '[') {
		const char *close = strchr(s, ']');

		if (!close || close[1] != ':')
			return -1;
		host = s + 1;
		hlen = close - host;
		colon = close + 1;
	} else {
		colon = strrchr(s, ':');
		if (!colon)
			return -1;
		hlen = colon - s;
		/* an IPv6 address needs its brackets: "::1:514" is ambiguous */
		if (memchr(s, ':', hlen))
			return -1;
	}
	if ((!hlen && (!empty_host_ok || *s == '[')) || hlen >= sizeof(hp->host))
		return -1;
	if (colon[1] < '0' || colon[1] > '9')
		return -1;
	port = strtoul(colon + 1, &end, 10);
	if (*end || port == 0 || port > 65535)
		return -1;
	memcpy(hp->host, host, hlen);
	hp->host[hlen] = 0;
	snprintf(hp->port, sizeof(hp->port), "%lu", port);
	return 0;
}
