// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "kallsyms.h"
#include "ia32.h"
#include "loader.h"
#include "drift.h"
#include "posture.h"
#include "selection.h"
#include "check.h"
#include "pin.h"
#include "programs.h"
#include "task_snapshot.h"
#include "log.h"
#include "syscall_table.h"
#include "cap_dedup.h" /* types the skeleton names */
#include "vigil.skel.h"

#define BPF_LOG_STATS 4 /* the kernel's log level for its totals only (include/linux/bpf_verifier.h) */

#define WAKEUP_BYTES_MAX (256 << 10)

static void note(const char **list, unsigned int *n, const char *s)
{
	if (*n < LOADER_MAX_LIST)
		list[(*n)++] = s;
}

/* The BPF side holds no syscall numbers: it reads this table. */
static int fill_syscall_table(struct vigil_bpf *skel)
{
	int fd = bpf_map__fd(skel->maps.syscall_table);
	unsigned int i;
	__u32 key;

	const struct vigil_syscall_desc *desc;
	const char *name;
	long nr;
	int got;

	for (i = 0; i < syscall_table_len; i++) {
		key = syscall_table[i].nr;
		if (bpf_map_update_elem(fd, &key, &syscall_table[i].desc, BPF_ANY))
			return log_errno(-errno, "syscall table entry %s", syscall_table[i].name);
	}
	fd = bpf_map__fd(skel->maps.syscall_table_ia32);
	for (i = 0; (got = syscall_table_ia32__get(i, &nr, &name, &desc)) != 0; i++) {
		key = nr;
		if (got < 0 || bpf_map_update_elem(fd, &key, desc, BPF_ANY))
			return log_errno(got < 0 ? -EINVAL : -errno, "i386 syscall table entry %u", i);
	}
	return 0;
}

/* See called_from_vm_accounting() in bpf/capability.bpf.c. */
static void set_vm_probe_ranges(struct loader *ld)
{
	static const char *const funcs[VIGIL_VM_PROBE_FUNCS] = {
		"security_vm_enough_memory_mm",
		"cap_vm_enough_memory",
	};
	struct kallsyms_range r[VIGIL_VM_PROBE_FUNCS];
	static char buf[1 << 16]; /* the kernel fills what it is given: a few reads, not thousands */
	unsigned int i, found = 0;
	FILE *f;

	f = fopen("/proc/kallsyms", "re");
	if (f) {
		setvbuf(f, buf, _IOFBF, sizeof(buf));
		kallsyms__ranges(f, funcs, VIGIL_VM_PROBE_FUNCS, r);
		fclose(f);
		for (i = 0; i < VIGIL_VM_PROBE_FUNCS; i++)
			if (r[i].start) {
				ld->vm_probe_ips[found].start = r[i].start;
				ld->vm_probe_ips[found].end = r[i].end;
				found++;
			}
	}
	if (!found)
		note(ld->status.missing, &ld->status.n_missing,
		     "capability: overcommit accounting not found in /proc/kallsyms, its CAP_SYS_ADMIN probes are "
		     "reported");
}

/* What asked for enforcement, in messages. */
static const char *enforce_name(const struct loader_config *o)
{
	if (!o->enforce && o->drift == VIGIL_MODE_ENFORCE)
		return "--drift enforce";
	if (!o->enforce && o->drift_policy_enforce)
		return "a --policy rule that enforces drift";
	return o->policy ? "a --policy rule that enforces" : "--enforce";
}

static bool drift_enforced(const struct loader_config *o)
{
	return o->drift == VIGIL_MODE_ENFORCE || o->drift_policy_enforce;
}

/* --backend lsm / --enforce where BPF LSM cannot load: say why, never fall back to monitoring. */
static int lsm_unavailable(const struct loader_config *o, const struct kernel_features *f)
{
	return log_err(-EOPNOTSUPP,
		       "%s unavailable: the kernel refuses BPF LSM programs (trial load of "
		       "lsm/file_open: %s; 'bpf' %s in %s/lsm). BPF LSM needs CONFIG_BPF_LSM=y and 'bpf' in "
		       "lsm= on the kernel command line",
		       o->enforce || drift_enforced(o) ? enforce_name(o) : "--backend lsm", strerror(-f->lsm_error),
		       f->lsm_listed ? "is listed" : "is not listed", SECURITYFS);
}

static bool use_lsm(const struct loader_config *o, const struct kernel_features *f)
{
	return o->enforce || drift_enforced(o) || o->backend == BACKEND_LSM ||
	       (o->backend == BACKEND_AUTO && f->lsm_loadable);
}

static bool lsm_hook_in_kernel(const struct btf *vmlinux, const char *sec)
{
	char func[128];

	snprintf(func, sizeof(func), "bpf_lsm_%s", sec + strlen("lsm/"));
	return btf__find_by_name_kind(vmlinux, func, BTF_KIND_FUNC) >= 0;
}

/*
 * Which programs this backend and kernel call for. LSM programs load only
 * with the LSM backend, and only for hooks this kernel has (bpf_lsm_<hook>
 * in its BTF); --enforce needs every rootfs one: a write path left open is
 * not enforcement. The capability source: the cap_capable tracepoint sees
 * every check, lsm/capable only granted ones (its fallback).
 */
static int select_programs(struct vigil_bpf *skel, bool lsm, const struct loader_config *o,
			   const struct kernel_features *f, struct loader *ld)
{
	struct btf *vmlinux = lsm ? btf__load_vmlinux_btf() : NULL;
	struct bpf_program *prog;
	int err = 0;

	if (lsm && !vmlinux)
		return log_errno(-errno, "load kernel BTF");
	bpf_object__for_each_program(prog, skel->obj)
	{
		const char *name = bpf_program__name(prog);
		int i = programs__index(name);
		struct prog_needs needs;
		enum selection sel;
		bool want;

		if (i < 0) {
			err = log_err(-EINVAL, "BPF program %s has no class in user/kernel/programs.c", name);
			break;
		}
		needs.is_lsm = bpf_program__type(prog) == BPF_PROG_TYPE_LSM;
		needs.hook_in_kernel =
			lsm && needs.is_lsm && lsm_hook_in_kernel(vmlinux, bpf_program__section_name(prog));
		sel = selection__want(&prog_specs[i], &needs, lsm, o->watch_ia32, f);
		want = sel == SEL_LOAD;
		if (sel == SEL_HOOK_ABSENT) {
			note(ld->status.missing, &ld->status.n_missing, prog_specs[i].name); /* not in this kernel */
			ld->status.progs[i].absent = true;
			if (o->enforce || (drift_enforced(o) && (prog_specs[i].detections & (1u << DET_DRIFT))))
				err = log_err(-EOPNOTSUPP, "%s unavailable: this kernel has no LSM hook %s",
					      enforce_name(o), bpf_program__section_name(prog));
		}
		ld->status.progs[i].wanted = want;
		if (!strcmp(name, "vigil_lsm_capable"))
			ld->lsm_capable_hook = lsm && lsm_hook_in_kernel(vmlinux, bpf_program__section_name(prog));
	}
	btf__free(vmlinux);
	if (!f->cap_capable_tp)
		note(ld->status.missing, &ld->status.n_missing,
		     lsm ? "capability: no cap_capable tracepoint; lsm/capable reports "
			   "granted checks only"
			 : "capability: no cap_capable tracepoint in this kernel");
	return err;
}

bool loader__program_runs(const struct loader *ld, const char *name)
{
	int i = programs__index(name);

	return i >= 0 && ld->status.progs[i].wanted && !ld->status.progs[i].err;
}

/*
 * A refused cap_capable tracepoint program: lsm/capable reports granted
 * checks instead. True when that changes what is to be loaded.
 */
static bool capability_fallback(struct loader *ld)
{
	int tp = programs__index("vigil_cap_capable"), lsm_cap = programs__index("vigil_lsm_capable");

	if (!ld->status.lsm || !ld->status.progs[tp].wanted || !ld->status.progs[tp].err || !ld->lsm_capable_hook ||
	    ld->status.progs[lsm_cap].wanted)
		return false;
	ld->status.progs[lsm_cap].wanted = true;
	return true;
}

/*
 * Names the programs compare with a comm (union vigil_comm, bpf/lib/task.bpf.h):
 * NUL-padded to VIGIL_COMM_LEN like the kernel's comm, at most max of them
 * from a NULL-terminated list; len (may be NULL) gets each one's length.
 */
static void comm_names(volatile __u64 (*dst)[2], volatile __u8 *len, int max, const char *const *names)
{
	for (int i = 0; i < max && names[i]; i++) {
		strncpy((char *)dst[i], names[i], VIGIL_COMM_LEN - 1);
		if (len)
			len[i] = strlen(names[i]);
	}
}

/*
 * Opens the object configured for this run. only >= 0: a trial load of that
 * one program (small ring buffer, nothing adopted), to learn whether the
 * kernel refuses it.
 */
static struct vigil_bpf *open_configured(const struct loader_config *o, struct loader *ld, int only)
{
	__u32 ring = only >= 0 ? 4096 : o->ring_buffer_mb << 20;
	struct bpf_program *prog;
	bool verifier_stats = o->verbose && getenv("VIGIL_VERIFIER_STATS");
	struct vigil_bpf *skel;
	int err;

	skel = vigil_bpf__open();
	if (!skel) {
		log_errno(-errno, "open BPF object");
		return NULL;
	}
	/*
	 * Folding stays on even with no reader of window ends: every check an
	 * alert would let one container flood the ring buffer (agent-start says
	 * the tails are lost, vigil.degraded).
	 */
	skel->rodata->cap_window_ns = (__u64)o->cap_window_s * 1000000000ull;
	/* a policy decides per container which are enforced (bpf/lib/policy.bpf.h): the LSM backend can deny */
	skel->rodata->enforce = o->enforce || (o->policy && ld->status.lsm);
	skel->rodata->drift_mode = o->drift ? o->drift : VIGIL_MODE_MONITOR;
	skel->rodata->drift_volumes = o->drift_volumes;
	/* wake the consumer once a batch waits, well before the buffer fills */
	skel->rodata->wakeup_bytes = (__u64)ring / 4;
	skel->rodata->reserve_from_bytes = (__u64)ring - ring / 4;
	if (skel->rodata->wakeup_bytes > WAKEUP_BYTES_MAX)
		skel->rodata->wakeup_bytes = WAKEUP_BYTES_MAX;
	memcpy((void *)skel->rodata->vm_probe_ips, ld->vm_probe_ips, sizeof(ld->vm_probe_ips));
	/* drift's lengths: a name also matches its versions (python3.11) */
	comm_names(skel->rodata->drift_interpreters, skel->rodata->drift_interpreter_len, VIGIL_INTERPRETERS,
		   drift_interpreter_names);
	if (o->ssh_server)
		comm_names(skel->rodata->ssh_server_names, NULL, VIGIL_SSH_NAMES, posture_ssh_server_names);
	err = bpf_map__set_max_entries(skel->maps.events, ring);
	if (err) {
		log_errno(err, "ring buffer size");
		goto fail;
	}
	bpf_object__for_each_program(prog, skel->obj)
	{
		int i = programs__index(bpf_program__name(prog));

		bpf_program__set_autoload(prog,
					  only >= 0 ? i == only : loader__program_runs(ld, bpf_program__name(prog)));
		/*
		 * bench/startup.sh: the verifier's own account of each program
		 * (time, instructions processed, states), which libbpf prints
		 * with -v. Stats only: a full log of a large program could fill
		 * libbpf's buffer and fail the load.
		 */
		if (verifier_stats)
			bpf_program__set_log_level(prog, BPF_LOG_STATS);
	}
	if (only < 0 && o->pin) {
		err = pin__adopt_maps(skel, &ld->status.adopted);
		if (err)
			goto fail;
	}
	return skel;
fail:
	vigil_bpf__destroy(skel);
	return NULL;
}

/* A trial load of program i alone: 0, or the kernel's negative errno. */
static int trial_load(const struct loader_config *o, struct loader *ld, int i)
{
	struct vigil_bpf *skel = open_configured(o, ld, i);
	int err;

	if (!skel)
		return -ENOMEM;
	err = vigil_bpf__load(skel);
	vigil_bpf__destroy(skel);
	return err;
}

static void refuse(struct loader *ld, int i, int err, const char *stage)
{
	ld->status.progs[i].err = err;
	ld->status.progs[i].stage = stage;
	log_err(0, "the kernel refuses %s (%s at %s): %s", prog_specs[i].name, strerror(-err), stage,
		prog_specs[i].refused);
}

/*
 * The whole object failed to load: find which programs the kernel refuses
 * by loading each alone. Returns how many were refused.
 */
static int isolate_refusals(const struct loader_config *o, struct loader *ld)
{
	unsigned int i;
	int err, found = 0;

	for (i = 0; i < prog_specs_len; i++) {
		if (!ld->status.progs[i].wanted || ld->status.progs[i].err)
			continue;
		err = trial_load(o, ld, i);
		if (err) {
			refuse(ld, i, err, "load");
			found++;
		}
	}
	return found;
}

/*
 * What a refusal costs, by class: a core program, or under --enforce one
 * that blocks, and vigil does not run.
 */
static int refusals_allowed(const struct loader_config *o, const struct loader *ld)
{
	unsigned int i;
	int err = 0;

	for (i = 0; i < prog_specs_len; i++) {
		const struct prog_spec *spec = &prog_specs[i];
		const struct prog_state *st = &ld->status.progs[i];

		if (!st->wanted || !st->err)
			continue;
		if (spec->cls == PROG_CORE)
			err = log_err(-EPERM,
				      "vigil cannot run here: the kernel refuses %s (%s at %s), which container "
				      "tracking needs",
				      spec->name, strerror(-st->err), st->stage);
		else if (spec->blocks && o->enforce)
			err = log_err(-EPERM,
				      "%s unavailable: the kernel refuses %s (%s at %s), a root "
				      "filesystem write path would stay open",
				      enforce_name(o), spec->name, strerror(-st->err), st->stage);
		else if (drift_enforced(o) && spec->backend == ON_LSM && (spec->detections & (1u << DET_DRIFT)))
			err = log_err(-EPERM,
				      "%s unavailable: the kernel refuses %s (%s at %s), a way to "
				      "run a dropped program would stay open",
				      o->drift == VIGIL_MODE_ENFORCE ? "--drift enforce"
								     : "a --policy rule that enforces drift",
				      spec->name, strerror(-st->err), st->stage);
	}
	return err;
}

#define LOAD_ROUNDS_BY_NAME 2 /* then each program alone: a host refusing many */

/*
 * libbpf's own lines about a refused program (with advice about ulimit -l)
 * would read as a failure: vigil says itself what was refused and what it
 * costs (-v shows libbpf's lines too). They also name the program that
 * failed, which spares a trial load of every program.
 */
static libbpf_print_fn_t libbpf_forward; /* main's printer, with -v */
static libbpf_print_fn_t libbpf_restore;
static char libbpf_failed[64]; /* the last "prog 'X': failed to load" */

static int libbpf_watch(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	char line[256], *p;
	va_list copy;
	int n = 0;

	/* the format first: only this line's arguments are formatted (others carry verifier logs) */
	if (strstr(fmt, "failed to load")) {
		va_copy(copy, ap);
		vsnprintf(line, sizeof(line), fmt, copy);
		va_end(copy);
		p = strstr(line, "prog '");
		if (p && strstr(p, "': failed to load"))
			sscanf(p, "prog '%63[^']'", libbpf_failed);
	}
	if (libbpf_forward)
		n = libbpf_forward(level, fmt, ap);
	return n;
}

static void libbpf_watch_start(const struct loader_config *o)
{
	libbpf_restore = libbpf_set_print(libbpf_watch);
	libbpf_forward = o->verbose ? libbpf_restore : NULL;
	libbpf_failed[0] = '\0';
}

static void libbpf_watch_stop(void)
{
	libbpf_set_print(libbpf_restore);
}

/*
 * The object failed to load: the program libbpf named, else (a failure
 * libbpf did not pin on one program, or a host refusing many) each wanted
 * program loaded alone.
 * Returns how many were found refused.
 */
static int find_refused(const struct loader_config *o, struct loader *ld, int err, bool by_name)
{
	int i = by_name && libbpf_failed[0] ? programs__index(libbpf_failed) : -1;

	libbpf_failed[0] = '\0';
	if (i >= 0 && ld->status.progs[i].wanted && !ld->status.progs[i].err) {
		refuse(ld, i, err, "load");
		return 1;
	}
	return isolate_refusals(o, ld);
}

/* Loads what the kernel allows: a refused program is isolated, classed and left out. */
static struct vigil_bpf *load_allowed(const struct loader_config *o, struct loader *ld, int *errp)
{
	struct vigil_bpf *skel = NULL;
	int round, err = -EINVAL;

	libbpf_watch_start(o);
	/* each failed round leaves out at least one more program, so this ends */
	for (round = 0; round <= (int)prog_specs_len; round++) {
		skel = open_configured(o, ld, -1);
		if (!skel) {
			err = -ENOMEM;
			break;
		}
		err = vigil_bpf__load(skel);
		if (!err)
			break;
		vigil_bpf__destroy(skel);
		skel = NULL;
		if (!find_refused(o, ld, err, round < LOAD_ROUNDS_BY_NAME)) {
			log_errno(err, "load BPF programs (run with -v for the verifier log)");
			break;
		}
		err = refusals_allowed(o, ld);
		if (err)
			break;
		capability_fallback(ld);
	}
	libbpf_watch_stop();
	if (!skel && !err)
		err = log_err(-E2BIG, "load BPF programs: no loadable set found");
	*errp = err;
	return skel;
}

/*
 * The syscall program on syscalls/sys_exit_<name> of each watched syscall:
 * unwatched syscalls never run it. A syscall this kernel lacks has no
 * tracepoint (fchmodat2 before 6.6) and is listed as unavailable.
 */
static int attach_syscall_exits(struct vigil_bpf *skel, struct loader *ld)
{
	unsigned int i;

	ld->syscall_links = calloc(syscall_table_len, sizeof(*ld->syscall_links));
	if (!ld->syscall_links)
		return log_errno(-ENOMEM, "syscall links");
	for (i = 0; i < syscall_table_len; i++) {
		const char *event = syscall_table[i].tracepoint;

		ld->syscall_links[i] = bpf_program__attach_tracepoint(skel->progs.vigil_sys_exit, "syscalls", event);
		if (ld->syscall_links[i])
			continue;
		if (errno != ENOENT)
			return -errno;
		note(ld->status.missing, &ld->status.n_missing, event);
	}
	return 0;
}

/* drift-script's tracepoint half: the exits of the opens an interpreter reads its script with. */
static const char *const script_open_exits[SCRIPT_OPEN_EXITS] = { "sys_exit_open", "sys_exit_openat",
								  "sys_exit_openat2" };

static int attach_script_opens(struct vigil_bpf *skel, struct loader *ld)
{
	for (int i = 0; i < SCRIPT_OPEN_EXITS; i++) {
		ld->script_open_links[i] = bpf_program__attach_tracepoint(skel->progs.vigil_drift_script_open,
									  "syscalls", script_open_exits[i]);
		if (!ld->script_open_links[i] && errno != ENOENT) { /* ENOENT: no such syscall here */
			int err = -errno;

			while (i--) {
				bpf_link__destroy(ld->script_open_links[i]);
				ld->script_open_links[i] = NULL;
			}
			return err;
		}
	}
	return 0;
}

static void detach_syscall_exits(struct loader *ld)
{
	unsigned int i;

	for (i = 0; ld->syscall_links && i < syscall_table_len; i++)
		bpf_link__destroy(ld->syscall_links[i]);
	free(ld->syscall_links);
	ld->syscall_links = NULL;
	for (i = 0; i < SCRIPT_OPEN_EXITS; i++) {
		bpf_link__destroy(ld->script_open_links[i]);
		ld->script_open_links[i] = NULL;
	}
}

static struct bpf_link *attach_dedup_tails(struct vigil_bpf *skel)
{
	union bpf_iter_link_info info = { .map.map_fd = bpf_map__fd(skel->maps.cap_dedup) };
	LIBBPF_OPTS(bpf_iter_attach_opts, opts, .link_info = &info, .link_info_len = sizeof(info));

	return bpf_program__attach_iter(skel->progs.vigil_dedup_tails, &opts);
}

/* Programs run by BPF_PROG_TEST_RUN only: loaded, never attached. */
static bool run_by_test_run(const struct bpf_program *prog)
{
	/* SEC("raw_tp") names no tracepoint: run, never attached (raw_tp/sys_exit is attached) */
	return bpf_program__type(prog) == BPF_PROG_TYPE_RAW_TRACEPOINT && !strchr(bpf_program__section_name(prog), '/');
}

/*
 * Their "attach": one run, as vigil will run them (a kernel may refuse
 * BPF_PROG_TEST_RUN itself). vigil_dedup_take runs dry: a tail it took now
 * would be lost.
 */
static int test_run_trial(struct vigil_bpf *skel, struct bpf_program *prog)
{
	LIBBPF_OPTS(bpf_test_run_opts, opts);
	int err;

	skel->bss->tails_dry_run = 1;
	err = bpf_prog_test_run_opts(bpf_program__fd(prog), &opts) ? -errno : 0;
	skel->bss->tails_dry_run = 0;
	return err;
}

/* Attaches each loaded program on its own: a refused attach is classed like a refused load. */
static int attach_allowed(struct vigil_bpf *skel, struct loader *ld)
{
	const struct bpf_object_skeleton *s = skel->skeleton;
	int i, k, err;

	for (k = 0; k < s->prog_cnt; k++) {
		struct bpf_program *prog = *s->progs[k].prog;
		struct bpf_link **link = s->progs[k].link;

		i = programs__index(bpf_program__name(prog));
		if (i < 0 || !loader__program_runs(ld, bpf_program__name(prog)))
			continue;
		if (run_by_test_run(prog)) {
			err = test_run_trial(skel, prog);
		} else if (prog == skel->progs.vigil_sys_exit) {
			err = attach_syscall_exits(skel, ld);
			if (err)
				detach_syscall_exits(ld);
		} else if (prog == skel->progs.vigil_drift_script_open) {
			err = attach_script_opens(skel, ld);
		} else {
			*link = prog == skel->progs.vigil_dedup_tails ? attach_dedup_tails(skel)
								      : bpf_program__attach(prog);
			err = *link ? 0 : -errno;
		}
		if (err)
			refuse(ld, i, err, "attach");
	}
	return 0;
}

static void degraded(struct loader *ld, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void degraded(struct loader *ld, const char *fmt, ...)
{
	va_list ap;

	if (ld->status.n_degraded >= LOADER_MAX_LIST)
		return;
	va_start(ap, fmt);
	vsnprintf(ld->degraded_buf[ld->status.n_degraded], sizeof(ld->degraded_buf[0]), fmt, ap);
	va_end(ap);
	ld->status.degraded[ld->status.n_degraded] = ld->degraded_buf[ld->status.n_degraded];
	ld->status.n_degraded++;
}

/*
 * What the refusals left: each detection active (every program it wants
 * runs), degraded (some refused) or unavailable (none runs), and which
 * fallbacks serve the optional features.
 */
static void settle_features(struct loader *ld)
{
	unsigned int i, d, wanted[DET_MAX] = { 0 }, running[DET_MAX] = { 0 }, main_running[DET_MAX] = { 0 };

	for (i = 0; i < prog_specs_len; i++) {
		const struct prog_state *st = &ld->status.progs[i];

		if (st->absent) { /* its detection is degraded: what the hook sees is lost */
			for (d = 0; d < DET_MAX; d++)
				wanted[d] += !!(prog_specs[i].detections & (1u << d));
			continue;
		}
		if (!st->wanted)
			continue;
		if (st->err)
			degraded(ld, "%s refused (%s at %s): %s", prog_specs[i].name, strerror(-st->err), st->stage,
				 prog_specs[i].refused);
		for (d = 0; d < DET_MAX; d++) {
			if (!(prog_specs[i].detections & (1u << d)))
				continue;
			wanted[d]++;
			running[d] += !st->err;
			main_running[d] += !st->err && !prog_specs[i].supplement;
		}
	}
	ld->snapshot_by_iter = loader__program_runs(ld, "vigil_snapshot_tasks");
	ld->status.watch_ia32 = loader__program_runs(ld, "vigil_sys_exit_ia32");
	ld->tails = loader__program_runs(ld, "vigil_dedup_tails")  ? TAILS_ITER
		    : loader__program_runs(ld, "vigil_dedup_take") ? TAILS_TEST_RUN
								   : TAILS_NONE;
	for (d = 0; d < DET_MAX; d++) {
		ld->status.detection[d] = !wanted[d] || !main_running[d] ? DETECTION_UNAVAILABLE
					  : running[d] == wanted[d]	 ? DETECTION_ACTIVE
					  : running[d]			 ? DETECTION_DEGRADED
									 : DETECTION_UNAVAILABLE;
		/*
		 * Without the task iterator, containers that run at start have no
		 * root superblock (rootfs-write falls back to the task's root) and
		 * their threads no credential snapshot (setuid).
		 */
		if (!ld->snapshot_by_iter && (d == DET_ROOTFS_WRITE || d == DET_SETUID) &&
		    ld->status.detection[d] == DETECTION_ACTIVE)
			ld->status.detection[d] = DETECTION_DEGRADED;
		if (ld->status.detection[d] != DETECTION_UNAVAILABLE)
			note(ld->status.detections, &ld->status.n_detections, detection__name(d));
		else
			note(ld->status.missing, &ld->status.n_missing, detection__name(d));
	}
}

static void list_programs(struct vigil_bpf *skel, struct loader *ld)
{
	struct bpf_program *prog;

	bpf_object__for_each_program(prog, skel->obj)
	{
		if (!loader__program_runs(ld, bpf_program__name(prog)))
			continue;
		if (prog == skel->progs.vigil_sys_exit)
			note(ld->status.programs, &ld->status.n_programs, "tracepoint/syscalls/sys_exit_*");
		else if (prog == skel->progs.vigil_drift_script_open)
			note(ld->status.programs, &ld->status.n_programs, "tracepoint/syscalls/sys_exit_open*");
		else if (run_by_test_run(prog))
			note(ld->status.programs, &ld->status.n_programs, bpf_program__name(prog));
		else
			note(ld->status.programs, &ld->status.n_programs, bpf_program__section_name(prog));
	}
}

/* --require all: any refusal or missing piece is a failure to start. */
static int require_all(const struct loader_config *o, const struct loader *ld)
{
	unsigned int i;

	if (!o->require_all || (!ld->status.n_degraded && !ld->status.n_missing))
		return 0;
	for (i = 0; i < ld->status.n_degraded; i++)
		log_err(0, "--require all: %s", ld->status.degraded[i]);
	for (i = 0; i < ld->status.n_missing; i++)
		log_err(0, "--require all: unavailable here: %s", ld->status.missing[i]);
	return -EOPNOTSUPP;
}

/* Drift compares inode ctimes (CLOCK_REALTIME) with the kernel's boot clock: the offset between them. */
static void set_realtime_offset(struct vigil_bpf *skel)
{
	struct timespec real, boot;

	clock_gettime(CLOCK_REALTIME, &real);
	clock_gettime(CLOCK_BOOTTIME, &boot);
	skel->bss->realtime_offset_ns = (real.tv_sec - boot.tv_sec) * 1000000000ll + (real.tv_nsec - boot.tv_nsec);
}

int loader__start(struct loader *ld, const struct loader_config *o, const struct kernel_features *f)
{
	bool lsm = use_lsm(o, f);
	struct vigil_bpf *skel;
	int err;

	memset(ld, 0, sizeof(*ld));
	ld->status.lsm = lsm;
	if (lsm && !f->lsm_loadable)
		return lsm_unavailable(o, f);
	if (!f->btf)
		return log_err(-ENOENT,
			       "kernel BTF missing (/sys/kernel/btf/vmlinux): vigil needs CONFIG_DEBUG_INFO_BTF=y");
	if (!lsm && !f->syscall_tps)
		return log_err(-ENOENT, "the tracepoint backend needs the per-syscall tracepoints syscalls:sys_exit_* "
					"(CONFIG_FTRACE_SYSCALLS=y, tracefs at " TRACEFS ")");

	skel = vigil_bpf__open(); /* only to read its program list */
	if (!skel)
		return log_errno(-errno, "open BPF object");
	err = select_programs(skel, lsm, o, f, ld);
	vigil_bpf__destroy(skel);
	ld->status.ia32_syscalls = f->ia32_syscalls;
	ld->status.x32_syscalls = f->x32_syscalls;
	if (err)
		return err;
	set_vm_probe_ranges(ld);
	for (;;) {
		skel = load_allowed(o, ld, &err);
		if (!skel)
			return err;
		err = fill_syscall_table(skel);
		if (!err)
			err = attach_allowed(skel, ld);
		if (!err)
			err = refusals_allowed(o, ld);
		/* a program refused at attach whose fallback is not loaded yet: once more with it */
		if (err || !capability_fallback(ld))
			break;
		detach_syscall_exits(ld);
		vigil_bpf__destroy(skel);
	}
	if (!err && o->pin)
		err = pin__links_and_maps(skel, ld->status.adopted);
	if (err)
		goto fail;

	ld->skel = skel;
	set_realtime_offset(skel);
	ld->status.backend = lsm ? "lsm" : "tracepoint";
	ld->status.enforce = o->enforce;
	ld->status.drift = o->drift ? o->drift : VIGIL_MODE_MONITOR;
	ld->status.drift_volumes = o->drift_volumes;
	ld->status.pinned = o->pin;
	settle_features(ld);
	list_programs(skel, ld);
	err = require_all(o, ld);
	if (!err && !ld->status.n_detections)
		err = log_err(-EOPNOTSUPP, "no detection can run here: the kernel refuses every program they need");
	if (err) {
		ld->skel = NULL;
		goto fail;
	}
	return 0;
fail:
	detach_syscall_exits(ld);
	vigil_bpf__destroy(skel);
	return err;
}

void loader__stop(struct loader *ld)
{
	detach_syscall_exits(ld);
	vigil_bpf__destroy(ld->skel);
	ld->skel = NULL;
}

unsigned int loader__refused(const struct loader *ld)
{
	unsigned int i, n = 0;

	for (i = 0; i < prog_specs_len; i++)
		n += ld->status.progs[i].wanted && ld->status.progs[i].err;
	return n;
}

const char *loader__detection_state_name(enum detection_state s)
{
	return s == DETECTION_ACTIVE ? "active" : s == DETECTION_DEGRADED ? "degraded" : "unavailable";
}

/*
 * --check: a real trial load of every program vigil would load here, each
 * on its own, grouped by what it serves; then what vigil would run with.
 */
int loader__check(const struct loader_config *o, const struct kernel_features *f)
{
	struct loader ld = { 0 };
	struct vigil_bpf *skel;
	unsigned int i;
	int err;

	libbpf_watch_start(o);
	ld.status.lsm = use_lsm(o, f);
	if (ld.status.lsm && !f->lsm_loadable) {
		err = lsm_unavailable(o, f);
		goto out;
	}
	skel = vigil_bpf__open();
	if (!skel) {
		err = log_errno(-errno, "open BPF object");
		goto out;
	}
	err = select_programs(skel, ld.status.lsm, o, f, &ld);
	vigil_bpf__destroy(skel);
	set_vm_probe_ranges(&ld);
	for (i = 0; i < prog_specs_len; i++)
		if (ld.status.progs[i].wanted && (ld.status.progs[i].err = trial_load(o, &ld, i)))
			ld.status.progs[i].stage = "load";
	capability_fallback(&ld);
	for (i = 0; i < prog_specs_len; i++)
		if (ld.status.progs[i].wanted && !ld.status.progs[i].stage &&
		    (ld.status.progs[i].err = trial_load(o, &ld, i)))
			ld.status.progs[i].stage = "load";
	check__print_trials(&ld.status);
	if (!err)
		err = refusals_allowed(o, &ld);
	if (!err && !ld.status.lsm && !f->syscall_tps)
		err = log_err(-ENOENT, "the tracepoint backend needs the per-syscall tracepoints syscalls:sys_exit_*");
	settle_features(&ld);
	if (!err && !ld.status.n_detections)
		err = log_err(-EOPNOTSUPP, "no detection can run here");
	check__print_states(&ld.status);
	if (!err)
		err = require_all(o, &ld);
	check__print_verdict(err);
out:
	libbpf_watch_stop();
	return err ? 1 : 0;
}

const struct loader_status *loader__status(const struct loader *ld)
{
	return &ld->status;
}

volatile __u32 *loader__consumer_asleep(struct loader *ld)
{
	return &ld->skel->bss->consumer_asleep;
}

void loader__maps(const struct loader *ld, struct loader_maps *m)
{
	m->events = bpf_map__fd(ld->skel->maps.events);
	m->events_size = bpf_map__max_entries(ld->skel->maps.events);
	m->lost = bpf_map__fd(ld->skel->maps.lost);
	m->lost_by_cgroup = bpf_map__fd(ld->skel->maps.lost_by_cgroup);
	m->containers = bpf_map__fd(ld->skel->maps.containers);
	m->container_policy = bpf_map__fd(ld->skel->maps.container_policy);
	m->policy_config = bpf_map__fd(ld->skel->maps.policy_config);
	m->allow_paths = bpf_map__fd(ld->skel->maps.allow_paths);
	m->allowed_writes = bpf_map__fd(ld->skel->maps.allowed_writes);
	m->drift_written = bpf_map__fd(ld->skel->maps.drift_written);
	m->drift_counts = bpf_map__fd(ld->skel->maps.drift_counts);
	m->drift_interpreter_inodes = bpf_map__fd(ld->skel->maps.drift_interpreter_inodes);
}

bool loader__can_enforce(const struct loader *ld, bool drift)
{
	unsigned int i;

	if (!ld->status.lsm || !ld->skel->rodata->enforce)
		return false;
	for (i = 0; i < prog_specs_len; i++) {
		const struct prog_state *st = &ld->status.progs[i];

		if (prog_specs[i].blocks && st->wanted && st->err)
			return false; /* a rootfs write path would stay open */
		if (drift && prog_specs[i].backend == ON_LSM && (prog_specs[i].detections & (1u << DET_DRIFT)) &&
		    (st->err || st->absent))
			return false; /* a way to run a dropped program would stay open */
	}
	return true;
}

void loader__set_path_resolution(struct loader *ld, bool on)
{
	ld->status.path_resolution = on;
}
