// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/utsname.h>
#include "ecs.h"

void stream_id__init(struct stream_id *s, const char *host_name)
{
	struct timespec now;
	struct utsname u;
	char boot[64] = "";
	FILE *f;

	memset(s, 0, sizeof(*s));
	s->host_name = host_name;
	if (!uname(&u))
		snprintf(s->kernel, sizeof(s->kernel), "%s", u.release);
	f = fopen("/proc/sys/kernel/random/boot_id", "re");
	if (f) {
		if (!fgets(boot, sizeof(boot), f))
			boot[0] = '\0';
		fclose(f);
	}
	snprintf(s->boot_id, sizeof(s->boot_id), "%.8s", boot[0] ? boot : "00000000");
	clock_gettime(CLOCK_REALTIME, &now);
	snprintf(s->instance, sizeof(s->instance), "%016llx",
		 (unsigned long long)now.tv_sec * 1000000000ull + (unsigned long long)now.tv_nsec);
}

void ecs__envelope(struct json *j, const struct stream_id *s)
{
	json__begin_object(j, "ecs");
	json__str(j, "version", ECS_VERSION);
	json__end_object(j);
	json__begin_object(j, "agent");
	json__str(j, "type", "vigil");
	json__str(j, "version", VIGIL_VERSION);
	json__str(j, "ephemeral_id", s->instance);
	json__end_object(j);
	json__begin_object(j, "host");
	json__str(j, "name", s->host_name);
	json__begin_object(j, "os");
	json__str(j, "type", "linux");
	json__str(j, "kernel", s->kernel);
	json__end_object(j);
	json__end_object(j);
}

void ecs__event_id(struct json *j, const struct stream_id *s, __u64 seq)
{
	char id[48];

	snprintf(id, sizeof(id), "%s-%llu", s->instance, (unsigned long long)seq);
	json__str(j, "id", id);
}

void ecs__entity_id(struct json *j, const struct stream_id *s, __u32 pid, __u64 start_ns)
{
	char id[64];

	snprintf(id, sizeof(id), "%s-%u-%llu", s->boot_id, pid, (unsigned long long)start_ns);
	json__str(j, "entity_id", id);
}
