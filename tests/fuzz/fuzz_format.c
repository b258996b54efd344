// SPDX-License-Identifier: GPL-2.0
/*
 * Records come from vigil's own BPF programs, but their strings are what
 * container processes passed (paths, argv, mount options): any bytes through
 * decode and every formatter must give one well-formed line or none.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include "capability.h"
#include "mount.h"
#include "record.h"
#include "rootfs_write.h"
#include "setuid.h"

typedef void (*formatter)(struct json *, const struct vigil_record *, const struct alert_view *);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const formatter formatters[] = { rootfs_write__format, setuid__format, mount__format,
						capability__format };
	static const struct container_ref ref = { .id = "abc", .runtime = "docker" };
	static struct alert_clock clock = { .secs = -1 };
	static struct vigil_record rec;
	static struct alert_view v;
	static struct stream_id stream = { .host_name = "h", .kernel = "k", .boot_id = "b", .instance = "i" };
	const struct vigil_record *r;
	struct json j = { 0 };
	struct json_object *parsed;
	size_t i;

	if (size > sizeof(rec))
		return 0;
	memset(&rec, 0, sizeof(rec));
	memcpy(&rec, data, size);
	r = record__decode(&rec, size);
	if (!r)
		return 0;
	memset(&v, 0, sizeof(v));
	v.container = &ref;
	v.stream = &stream;
	v.clock = &clock;
	v.outcome = OUTCOME_UNKNOWN;
	v.path_unresolved = size & 1;
	record__syscall_path(r, 0, v.path, sizeof(v.path));
	v.has_target = record__syscall_path(r, 1, v.target, sizeof(v.target)) >= 0;
	for (i = 0; i < sizeof(formatters) / sizeof(formatters[0]); i++) {
		formatters[i](&j, r, &v);
		if (!json__end_line(&j))
			abort();
		parsed = json_tokener_parse(j.buf);
		if (!parsed)
			abort(); /* not JSON */
		json_object_put(parsed);
	}
	json__free(&j);
	return 0;
}
