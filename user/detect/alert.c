// SPDX-License-Identifier: GPL-2.0
/* The ECS fields every alert carries. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "alert.h"
#include "pathbuf.h"

enum outcome alert__outcome(const struct vigil_record *r)
{
	if (!(r->flags & VIGIL_F_OUTCOME_KNOWN))
		return OUTCOME_UNKNOWN;
	return r->ret < 0 ? OUTCOME_FAILURE : OUTCOME_SUCCESS;
}

static void timestamp(struct json *j, const struct vigil_record *r, const struct alert_view *v)
{
	struct alert_clock *c = v->clock;
	__s64 ns = (__s64)r->ts_ns + v->boot_to_realtime_ns;
	time_t secs = ns / 1000000000;
	long frac = ns % 1000000000;
	struct tm tm;
	int i;

	if (secs != c->secs) {
		gmtime_r(&secs, &tm);
		c->prefix = strftime(c->buf, sizeof(c->buf), "%Y-%m-%dT%H:%M:%S.", &tm);
		c->secs = secs;
	}
	for (i = 8; i >= 0; i--, frac /= 10)
		c->buf[c->prefix + i] = '0' + frac % 10;
	c->buf[c->prefix + 9] = 'Z';
	c->buf[c->prefix + 10] = '\0';
	json__str(j, "@timestamp", c->buf);
}

static void process(struct json *j, const struct vigil_record *r)
{
	char exe[PATHBUF_MAX];
	size_t n = 0, i, start, count = 0;
	const char *args;

	json__begin_object(j, "process");
	json__u64(j, "pid", r->pid);
	json__strn(j, "name", r->comm, strnlen(r->comm, sizeof(r->comm)));
	if (record__path(r, VIGIL_S_EXE, exe, sizeof(exe)) >= 0)
		json__str(j, "executable", exe);
	json__begin_array(j, "args");
	args = record__str(r, VIGIL_S_ARGS, &n);
	/* argv is NUL-separated; a cut last argument is kept as far as it goes */
	for (i = 0, start = 0; args && i < n; i++) {
		if (args[i] == '\0') {
			json__strn(j, NULL, args + start, i - start);
			start = i + 1;
			count++;
		}
	}
	if (args && start < n) {
		json__strn(j, NULL, args + start, n - start);
		count++;
	}
	json__end_array(j);
	json__u64(j, "args_count", count);
	json__begin_object(j, "user");
	{
		char id[16];

		snprintf(id, sizeof(id), "%u", r->uid);
		json__str(j, "id", id);
	}
	json__end_object(j);
	json__begin_object(j, "parent");
	json__u64(j, "pid", r->ppid);
	json__end_object(j);
	json__end_object(j);
}

void alert__begin(struct json *j, const struct vigil_record *r, const struct alert_view *v, const char *category,
		  const char *const *types)
{
	json__reset(j);
	timestamp(j, r, v);
	json__begin_object(j, "event");
	json__str(j, "kind", "alert");
	json__str(j, "module", "vigil");
	json__str(j, "action", record__action(r->kind));
	json__str(j, "outcome", outcome__name(v->outcome));
	json__begin_array(j, "category");
	json__str(j, NULL, category);
	json__end_array(j);
	json__begin_array(j, "type");
	for (; *types; types++)
		json__str(j, NULL, *types);
	if (r->flags & VIGIL_F_DENIED)
		json__str(j, NULL, "denied");
	json__end_array(j);
	json__end_object(j);

	json__begin_object(j, "container");
	json__str(j, "id", v->container->id);
	json__str(j, "runtime", v->container->runtime);
	if (v->meta)
		container_meta__container_fields(j, v->meta);
	json__end_object(j);
	if (v->meta)
		container_meta__orchestrator(j, v->meta);
	process(j, r);
	json__begin_object(j, "host");
	json__str(j, "name", v->host_name);
	json__end_object(j);
}

void alert__begin_vigil(struct json *j, const struct vigil_record *r, const char *operation)
{
	const char *name = record__syscall_name(r);

	json__begin_object(j, "vigil");
	if (operation)
		json__str(j, "operation", operation);
	if (name)
		json__str(j, "syscall", name);
	json__u64(j, "syscall_nr", r->syscall_nr);
	if (r->flags & VIGIL_F_IA32) /* int 0x80 or sysenter: syscall_nr is an i386 number */
		json__bool(j, "ia32", true);
	/* an io_uring request: no syscall of its own, seen as submitted */
	if (r->flags & VIGIL_F_IO_URING)
		json__u64(j, "io_uring_opcode", r->file.uring_opcode);
	if ((r->flags & VIGIL_F_OUTCOME_KNOWN) && r->kind != VIGIL_EV_CAPABILITY)
		json__i64(j, "return", r->ret);
	json__u64(j, "cgroup_id", r->cgroup_id);
	json__u64(j, "tid", r->tid);
	json__bool(j, "truncated", r->flags & VIGIL_F_TRUNCATED);
}
