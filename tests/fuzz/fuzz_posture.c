// SPDX-License-Identifier: GPL-2.0
/* --posture's list and the cgroup limit files posture reads (posture.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "posture.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = strndup((const char *)data, size), err[256];
	struct posture_config c;
	__s64 v, q, p;
	int i;

	if (!text)
		return 0;
	v = posture__limit_value(text);
	if (v < POSTURE_UNKNOWN)
		abort();
	posture__cpu_max(text, &q, &p);
	if (q < POSTURE_UNKNOWN || (p != POSTURE_UNKNOWN && p < 1))
		abort();
	if (posture__devices(text) != POSTURE_DEVICES_ALL && posture__devices(text) != POSTURE_DEVICES_LISTED)
		abort();
	posture__label_unconfined(text);
	posture_config__defaults(&c);
	if (posture_config__parse(&c, text, err, sizeof(err)) == 0)
		for (i = 0; i < POSTURE_CHECK_MAX; i++)
			if (c.severity[i] > 7)
				abort();
	free(text);
	return 0;
}
