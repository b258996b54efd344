// SPDX-License-Identifier: GPL-2.0
/*
 * drift alerts (bpf/drift.bpf.h decides): file.* is the program or library
 * that ran, or was refused; process.* the process that ran it (on the
 * tracepoint backend, the exec is over: the new program; on the LSM
 * backend, the caller); vigil.drift the reason and the writer vigil saw.
 */
#include <string.h>
#include "alert.h"
#include "drift.h"
#include "ecs.h"
#include "sink.h" /* SEVERITY_ */

/* The interpreters whose script argument is judged (drift-script), by the comm their exec gives. */
const char *const drift_interpreter_names[] = { "sh",	"bash", "dash", "ash",	  "zsh", "ksh", "mksh",	 "python",
						"perl", "ruby", "node", "nodejs", "php", "lua", "tclsh", NULL };

const char *drift__reason_name(__u32 reason)
{
	static const char *const names[VIGIL_DRIFT_REASON_MAX] = {
		[VIGIL_DRIFT_WRITTEN] = "written-after-start",
		[VIGIL_DRIFT_MEMFD] = "memfd",
		[VIGIL_DRIFT_DELETED] = "deleted",
		[VIGIL_DRIFT_VOLUME] = "volume",
		[VIGIL_DRIFT_TMPFS] = "tmpfs",
		[VIGIL_DRIFT_UNTRACKED] = "untracked",
	};

	return reason < VIGIL_DRIFT_REASON_MAX ? names[reason] : NULL;
}

/* The container wrote more files than vigil tracks: said once, later ones are not judged as written. */
static void tracking_full(struct json *j, const struct vigil_record *r, const struct alert_view *v)
{
	static const char *const types[] = { "info", NULL };

	alert__begin(j, r, v, "process", types);
	alert__begin_vigil(j, r, v, "track");
	json__begin_object(j, "drift");
	json__bool(j, "tracking_full", true);
	json__u64(j, "tracked_max", VIGIL_DRIFT_PER_CONTAINER);
	json__end_object(j);
	json__end_object(j);
}

static void writer(struct json *j, const struct vigil_record *r, const struct alert_view *v)
{
	if (!r->drift.writer_pid)
		return;
	json__begin_object(j, "writer");
	json__u64(j, "pid", r->drift.writer_pid);
	ecs__entity_id(j, v->stream, r->drift.writer_pid, r->drift.writer_start_ns);
	json__strn(j, "name", r->drift.writer_comm, strnlen(r->drift.writer_comm, sizeof(r->drift.writer_comm)));
	json__end_object(j);
}

/* An interpreter read a script from a drift location: a lower-severity finding of its own, never a denial. */
static void script_head(struct json *j, const struct vigil_record *r, const struct alert_view *v)
{
	static const char *const types[] = { "access", NULL };
	static const struct alert_rule rule = {
		"container-drift-script",
		"An interpreter in a container read a script its image did not ship (written after the container "
		"started, in memory, deleted, or on a writable volume or tmpfs)",
		NULL,
	};
	struct alert_head h = {
		.kind = "alert",
		.dataset = "vigil.alerts",
		.action = "drift-script",
		.severity = SEVERITY_NOTICE,
		.outcome = true,
		.category = "file",
		.types = types,
		.rule = &rule,
	};

	alert__open(j, r, v, &h);
}

void drift__format(struct json *j, const struct vigil_record *r, const struct alert_view *v)
{
	static const char *const types[] = { "start", NULL };
	bool mapped = r->op == VIGIL_OP_MMAP;
	const char *reason = drift__reason_name(r->drift.reason);
	char path[PATHBUF_MAX];
	const char *name;
	size_t n;

	if (r->op == VIGIL_OP_DRIFT_FULL) {
		tracking_full(j, r, v);
		return;
	}
	if (r->op == VIGIL_OP_SCRIPT)
		script_head(j, r, v);
	else /* ECS: a library's load is "library", a program's start "process" */
		alert__begin(j, r, v, mapped ? "library" : "process", types);
	json__begin_object(j, "file");
	if (r->drift.reason == VIGIL_DRIFT_MEMFD && (name = record__str(r, VIGIL_S_STR0, &n)))
		json__strn(j, "name", name, strnlen(name, n)); /* "memfd:NAME": it has no path */
	else if (record__path(r, VIGIL_S_OBJECT, path, sizeof(path)) >= 0) {
		json__str(j, "path", path);
		alert__file_name_and_directory(j, path);
	}
	alert__file_inode(j, r->drift.ino, r->drift.dev);
	json__end_object(j);
	alert__begin_vigil(j, r, v, r->op == VIGIL_OP_SCRIPT ? "script" : mapped ? "mmap" : "exec");
	json__begin_object(j, "drift");
	json__str(j, "reason", reason ? reason : "unknown");
	writer(j, r, v);
	json__end_object(j);
	json__end_object(j);
}
