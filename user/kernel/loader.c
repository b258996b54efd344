// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "kallsyms.h"
#include "ia32.h"
#include "loader.h"
#include "pin.h"
#include "programs.h"
#include "task_snapshot.h"
#include "log.h"
#include "syscall_table.h"
#include "cap_dedup.h" /* types the skeleton names */
#include "vigil.skel.h"

#define SECURITYFS	 "/sys/kernel/security"
#define TRACEFS		 "/sys/kernel/tracing"
#define DEBUGFS_TRACING	 "/sys/kernel/debug/tracing" /* where libbpf looks first */
#define WAKEUP_BYTES_MAX (256 << 10)

static void read_lsm_list(struct kernel_features *f)
{
	FILE *lsm = fopen(SECURITYFS "/lsm", "re");

	if (!lsm) {
		/* securityfs is not always mounted (containers, minimal hosts) */
		mount("securityfs", SECURITYFS, "securityfs", 0, NULL);
		lsm = fopen(SECURITYFS "/lsm", "re");
	}
	if (!lsm)
		return;
	if (fgets(f->lsm_list, sizeof(f->lsm_list), lsm)) {
		char list[sizeof(f->lsm_list) + 2], *tok, *save;

		f->lsm_list[strcspn(f->lsm_list, "\n")] = '\0';
		snprintf(list, sizeof(list), ",%s,", f->lsm_list);
		for (tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
			if (!strcmp(tok, "bpf"))
				f->lsm_listed = true;
	}
	fclose(lsm);
}

/*
 * Listing "bpf" is not enough: these machines list it and still refuse BPF
 * LSM programs (EPERM). Load and attach a program that allows everything.
 */
static int try_bpf_lsm(const struct btf *vmlinux)
{
	struct bpf_insn allow[] = {
		{ .code = 0xb7, .dst_reg = 0, .imm = 0 }, /* r0 = 0 */
		{ .code = 0x95 },			  /* exit */
	};
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .expected_attach_type = BPF_LSM_MAC);
	int id, prog, link, err;

	id = btf__find_by_name_kind(vmlinux, "bpf_lsm_file_open", BTF_KIND_FUNC);
	if (id < 0)
		return -ENOENT;
	opts.attach_btf_id = id;
	prog = bpf_prog_load(BPF_PROG_TYPE_LSM, "vigil_probe", "GPL", allow, 2, &opts);
	if (prog < 0)
		return -errno;
	link = bpf_link_create(prog, 0, BPF_LSM_MAC, NULL);
	err = link < 0 ? -errno : 0;
	if (link >= 0)
		close(link);
	close(prog);
	return err;
}

/*
 * libbpf reads a tracepoint's id from tracefs (under debugfs when that
 * exists). Mount tracefs where neither is there, as on minimal hosts.
 */
static bool present(const char *path)
{
	/* with the effective credentials: a non-root vigil reads tracefs by CAP_DAC_READ_SEARCH */
	return !faccessat(AT_FDCWD, path, F_OK, AT_EACCESS);
}

static bool syscall_tracepoints_present(void)
{
	if (present(DEBUGFS_TRACING "/events/syscalls") || present(TRACEFS "/events/syscalls"))
		return true;
	mount("tracefs", TRACEFS, "tracefs", 0, NULL);
	return present(TRACEFS "/events/syscalls");
}

void features__probe(struct kernel_features *f)
{
	struct btf *vmlinux;
	struct stat st;

	memset(f, 0, sizeof(*f));
	f->btf = stat("/sys/kernel/btf/vmlinux", &st) == 0;
	read_lsm_list(f);
	f->syscall_tps = syscall_tracepoints_present();
	f->ia32_syscalls = ia32__syscalls_work();
	f->x32_syscalls = ia32__x32_syscalls_work();
	vmlinux = btf__load_vmlinux_btf();
	if (!vmlinux) {
		f->lsm_error = -ENOENT;
		return;
	}
	f->cap_capable_tp = btf__find_by_name_kind(vmlinux, "btf_trace_cap_capable", BTF_KIND_TYPEDEF) >= 0;
	f->io_uring_tp = btf__find_by_name_kind(vmlinux, "btf_trace_io_uring_submit_req", BTF_KIND_TYPEDEF) >= 0;
	f->io_uring_sqe_tp = btf__find_by_name_kind(vmlinux, "btf_trace_io_uring_submit_sqe", BTF_KIND_TYPEDEF) >= 0;
	f->lsm_error = try_bpf_lsm(vmlinux);
	f->lsm_loadable = f->lsm_error == 0;
	btf__free(vmlinux);
}

int features__report(const struct kernel_features *f)
{
	printf("kernel BTF (/sys/kernel/btf/vmlinux): %s\n",
	       f->btf ? "yes" : "NO (CO-RE needs CONFIG_DEBUG_INFO_BTF=y)");
	printf("BPF LSM listed in %s/lsm: %s (%s)\n", SECURITYFS, f->lsm_listed ? "yes" : "no",
	       f->lsm_list[0] ? f->lsm_list : "unreadable");
	if (f->lsm_loadable)
		printf("BPF LSM program loadable: yes\n");
	else
		printf("BPF LSM program loadable: no (%s)\n", strerror(-f->lsm_error));
	printf("tracepoints syscalls:sys_exit_* (tracepoint backend): %s\n",
	       f->syscall_tps ? "yes" : "NO (needs CONFIG_FTRACE_SYSCALLS=y and tracefs)");
	printf("tracepoints cgroup:*, sched:*: yes (tp_btf)\n");
	printf("tracepoint capability:cap_capable: %s\n",
	       f->cap_capable_tp ? "yes" : "no (capability detection unavailable on this kernel)");
	printf("tracepoint io_uring:io_uring_submit_req (6.4+) or io_uring_submit_sqe: %s\n",
	       f->io_uring_tp || f->io_uring_sqe_tp ? "yes" : "no (a kernel without io_uring: nothing to watch there)");
	printf("32-bit syscalls (int 0x80): %s\n",
	       f->ia32_syscalls ? "taken (the tracepoint backend sees them with --watch-ia32)"
				: "refused by this kernel (nothing to watch)");
	printf("x32 syscalls: %s\n",
	       f->x32_syscalls ? "taken (the tracepoint backend does not see them)" : "refused by this kernel");
	printf("--enforce: %s\n", f->lsm_loadable ? "available" : "unavailable: needs BPF LSM");
	return f->btf ? 0 : 1;
}

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
	unsigned int i, found = 0;
	uint64_t start, end;
	FILE *f;

	for (i = 0; i < VIGIL_VM_PROBE_FUNCS; i++) {
		f = fopen("/proc/kallsyms", "re");
		if (f && kallsyms__range(f, funcs[i], &start, &end)) {
			ld->vm_probe_ips[found].start = start;
			ld->vm_probe_ips[found].end = end;
			found++;
		}
		if (f)
			fclose(f);
	}
	if (!found)
		note(ld->missing, &ld->n_missing,
		     "capability: overcommit accounting not found in /proc/kallsyms, its CAP_SYS_ADMIN probes are "
		     "reported");
}

/* Reads exactly len bytes unless the end comes first. */
static bool read_full(int fd, void *buf, size_t len)
{
	size_t got = 0;
	ssize_t n;

	while (got < len) {
		n = read(fd, (char *)buf + got, len - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		got += n;
	}
	return true;
}

/* --backend lsm / --enforce where BPF LSM cannot load: say why, never fall back to monitoring. */
static int lsm_unavailable(const struct loader_config *o, const struct kernel_features *f)
{
	return log_err(-EOPNOTSUPP,
		       "%s unavailable: the kernel refuses BPF LSM programs (trial load of "
		       "lsm/file_open: %s; 'bpf' %s in %s/lsm). BPF LSM needs CONFIG_BPF_LSM=y and 'bpf' in "
		       "lsm= on the kernel command line",
		       o->enforce ? "--enforce" : "--backend lsm", strerror(-f->lsm_error),
		       f->lsm_listed ? "is listed" : "is not listed", SECURITYFS);
}

static bool use_lsm(const struct loader_config *o, const struct kernel_features *f)
{
	return o->enforce || o->backend == BACKEND_LSM || (o->backend == BACKEND_AUTO && f->lsm_loadable);
}

/*
 * Hooks whose absence leaves no gap: before 6.2, ftruncate calls
 * path_truncate, and POSIX ACLs are set and removed through the xattr hooks.
 */
static bool hook_covered_elsewhere(const char *name)
{
	return !strcmp(name, "vigil_lsm_file_truncate") || !strcmp(name, "vigil_lsm_inode_set_acl") ||
	       !strcmp(name, "vigil_lsm_inode_remove_acl");
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
		bool want;

		if (i < 0) {
			err = log_err(-EINVAL, "BPF program %s has no class in user/kernel/programs.c", name);
			break;
		}
		want = prog_specs[i].backend == ON_BOTH || (prog_specs[i].backend == ON_LSM) == lsm;
		if (!strcmp(name, "vigil_cap_capable"))
			want = f->cap_capable_tp;
		else if (!strcmp(name, "vigil_lsm_capable"))
			want = lsm && !f->cap_capable_tp;
		else if (!strcmp(name, "vigil_sys_exit_ia32"))
			want = want && o->watch_ia32 && f->ia32_syscalls; /* opt-in: every syscall runs it */
		else if (!strcmp(name, "vigil_io_uring_submit"))
			want = want && f->io_uring_tp; /* no tracepoint: no io_uring to submit to */
		else if (!strcmp(name, "vigil_io_uring_submit_sqe"))
			want = want && !f->io_uring_tp && f->io_uring_sqe_tp;
		else if (want && bpf_program__type(prog) == BPF_PROG_TYPE_LSM &&
			 !lsm_hook_in_kernel(vmlinux, bpf_program__section_name(prog))) {
			want = false;
			if (!hook_covered_elsewhere(name)) {
				note(ld->missing, &ld->n_missing, prog_specs[i].name); /* not in this kernel */
				ld->progs[i].absent = true;
				if (o->enforce)
					err = log_err(-EOPNOTSUPP,
						      "--enforce unavailable: this kernel has no LSM hook %s",
						      bpf_program__section_name(prog));
			}
		}
		ld->progs[i].wanted = want;
		if (!strcmp(name, "vigil_lsm_capable"))
			ld->lsm_capable_hook = lsm && lsm_hook_in_kernel(vmlinux, bpf_program__section_name(prog));
	}
	btf__free(vmlinux);
	if (!f->cap_capable_tp)
		note(ld->missing, &ld->n_missing,
		     lsm ? "capability: no cap_capable tracepoint; lsm/capable reports "
			   "granted checks only"
			 : "capability: no cap_capable tracepoint in this kernel");
	return err;
}

static bool prog_on(const struct loader *ld, const char *name)
{
	int i = programs__index(name);

	return i >= 0 && ld->progs[i].wanted && !ld->progs[i].err;
}

/*
 * A refused cap_capable tracepoint program: lsm/capable reports granted
 * checks instead. True when that changes what is to be loaded.
 */
static bool capability_fallback(struct loader *ld)
{
	int tp = programs__index("vigil_cap_capable"), lsm_cap = programs__index("vigil_lsm_capable");

	if (!ld->lsm || !ld->progs[tp].wanted || !ld->progs[tp].err || !ld->lsm_capable_hook ||
	    ld->progs[lsm_cap].wanted)
		return false;
	ld->progs[lsm_cap].wanted = true;
	return true;
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
	skel->rodata->enforce = o->enforce;
	/* wake the consumer once a batch waits, well before the buffer fills */
	skel->rodata->wakeup_bytes = (__u64)ring / 4;
	skel->rodata->reserve_from_bytes = (__u64)ring - ring / 4;
	if (skel->rodata->wakeup_bytes > WAKEUP_BYTES_MAX)
		skel->rodata->wakeup_bytes = WAKEUP_BYTES_MAX;
	memcpy((void *)skel->rodata->vm_probe_ips, ld->vm_probe_ips, sizeof(ld->vm_probe_ips));
	err = bpf_map__set_max_entries(skel->maps.events, ring);
	if (err) {
		log_errno(err, "ring buffer size");
		goto fail;
	}
	bpf_object__for_each_program(prog, skel->obj)
	{
		int i = programs__index(bpf_program__name(prog));

		bpf_program__set_autoload(prog, only >= 0 ? i == only : prog_on(ld, bpf_program__name(prog)));
	}
	if (only < 0 && o->pin) {
		err = pin__adopt_maps(skel, &ld->adopted);
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
	ld->progs[i].err = err;
	ld->progs[i].stage = stage;
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
		if (!ld->progs[i].wanted || ld->progs[i].err)
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
		const struct prog_state *st = &ld->progs[i];

		if (!st->wanted || !st->err)
			continue;
		if (spec->cls == PROG_CORE)
			err = log_err(-EPERM,
				      "vigil cannot run here: the kernel refuses %s (%s at %s), which container "
				      "tracking needs",
				      spec->name, strerror(-st->err), st->stage);
		else if (spec->blocks && o->enforce)
			err = log_err(-EPERM,
				      "--enforce unavailable: the kernel refuses %s (%s at %s), a root "
				      "filesystem write path would stay open",
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
	if (i >= 0 && ld->progs[i].wanted && !ld->progs[i].err) {
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
		note(ld->missing, &ld->n_missing, event);
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
		if (i < 0 || !prog_on(ld, bpf_program__name(prog)))
			continue;
		if (run_by_test_run(prog)) {
			err = test_run_trial(skel, prog);
		} else if (prog == skel->progs.vigil_sys_exit) {
			err = attach_syscall_exits(skel, ld);
			if (err)
				detach_syscall_exits(ld);
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

	if (ld->n_degraded >= LOADER_MAX_LIST)
		return;
	va_start(ap, fmt);
	vsnprintf(ld->degraded_buf[ld->n_degraded], sizeof(ld->degraded_buf[0]), fmt, ap);
	va_end(ap);
	ld->degraded[ld->n_degraded] = ld->degraded_buf[ld->n_degraded];
	ld->n_degraded++;
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
		const struct prog_state *st = &ld->progs[i];

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
	ld->snapshot_by_iter = prog_on(ld, "vigil_snapshot_tasks");
	ld->watch_ia32 = prog_on(ld, "vigil_sys_exit_ia32");
	ld->tails = prog_on(ld, "vigil_dedup_tails")  ? TAILS_ITER
		    : prog_on(ld, "vigil_dedup_take") ? TAILS_TEST_RUN
						      : TAILS_NONE;
	for (d = 0; d < DET_MAX; d++) {
		ld->detection[d] = !wanted[d] || !main_running[d] ? DETECTION_UNAVAILABLE
				   : running[d] == wanted[d]	  ? DETECTION_ACTIVE
				   : running[d]			  ? DETECTION_DEGRADED
								  : DETECTION_UNAVAILABLE;
		/*
		 * Without the task iterator, containers that run at start have no
		 * root superblock (rootfs-write falls back to the task's root) and
		 * their threads no credential snapshot (setuid).
		 */
		if (!ld->snapshot_by_iter && (d == DET_ROOTFS_WRITE || d == DET_SETUID) &&
		    ld->detection[d] == DETECTION_ACTIVE)
			ld->detection[d] = DETECTION_DEGRADED;
		if (ld->detection[d] != DETECTION_UNAVAILABLE)
			note(ld->detections, &ld->n_detections, detection__name(d));
		else
			note(ld->missing, &ld->n_missing, detection__name(d));
	}
}

static void list_programs(struct vigil_bpf *skel, struct loader *ld)
{
	struct bpf_program *prog;

	bpf_object__for_each_program(prog, skel->obj)
	{
		if (!prog_on(ld, bpf_program__name(prog)))
			continue;
		if (prog == skel->progs.vigil_sys_exit)
			note(ld->programs, &ld->n_programs, "tracepoint/syscalls/sys_exit_*");
		else if (run_by_test_run(prog))
			note(ld->programs, &ld->n_programs, bpf_program__name(prog));
		else
			note(ld->programs, &ld->n_programs, bpf_program__section_name(prog));
	}
}

/* --require all: any refusal or missing piece is a failure to start. */
static int require_all(const struct loader_config *o, const struct loader *ld)
{
	unsigned int i;

	if (!o->require_all || (!ld->n_degraded && !ld->n_missing))
		return 0;
	for (i = 0; i < ld->n_degraded; i++)
		log_err(0, "--require all: %s", ld->degraded[i]);
	for (i = 0; i < ld->n_missing; i++)
		log_err(0, "--require all: unavailable here: %s", ld->missing[i]);
	return -EOPNOTSUPP;
}

int loader__start(struct loader *ld, const struct loader_config *o, const struct kernel_features *f)
{
	bool lsm = use_lsm(o, f);
	struct vigil_bpf *skel;
	int err;

	memset(ld, 0, sizeof(*ld));
	ld->lsm = lsm;
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
	ld->ia32_syscalls = f->ia32_syscalls;
	ld->x32_syscalls = f->x32_syscalls;
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
		err = pin__links_and_maps(skel, ld->adopted);
	if (err)
		goto fail;

	ld->skel = skel;
	ld->backend = lsm ? "lsm" : "tracepoint";
	ld->enforce = o->enforce;
	ld->pinned = o->pin;
	settle_features(ld);
	list_programs(skel, ld);
	err = require_all(o, ld);
	if (!err && !ld->n_detections)
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

__u64 loader__agent_cgroup_id(struct loader *ld)
{
	return ld->skel->bss->agent_cgroup_id;
}

__u64 loader__set_agent_cgroup(struct loader *ld, const char *cgroup2_root)
{
	if (!ld->skel->bss->agent_cgroup_id)
		ld->skel->bss->agent_cgroup_id = task_snapshot__self_cgroup(cgroup2_root);
	return ld->skel->bss->agent_cgroup_id;
}

/* A run of an iterator program: it runs as the returned fd is read. */
static int iter_open(struct bpf_link *link, const char *what)
{
	int fd = bpf_iter_create(bpf_link__fd(link));

	return fd < 0 ? log_errno(-errno, "%s", what) : fd;
}

static int test_run(struct bpf_program *prog, const char *what)
{
	LIBBPF_OPTS(bpf_test_run_opts, opts);

	if (bpf_prog_test_run_opts(bpf_program__fd(prog), &opts))
		return log_errno(-errno, "%s", what);
	return 0;
}

static int iter_drain(struct bpf_link *link, const char *what)
{
	char buf[64];
	int fd, n;

	fd = iter_open(link, what);
	if (fd < 0)
		return fd;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		;
	if (n < 0)
		n = log_errno(-errno, "%s", what);
	close(fd);
	return n;
}

/*
 * First call (cgroup2_root NULL): vigil's own cgroup. Second, after the
 * container scan: credential snapshots of the container tasks that run.
 * By the task iterator where the kernel allows it, else vigil_whoami and /proc.
 */
int loader__snapshot_tasks(struct loader *ld, const char *cgroup2_root)
{
	struct vigil_bpf *skel = ld->skel;
	int n;

	if (ld->snapshot_by_iter)
		return iter_drain(skel->links.vigil_snapshot_tasks, "task iterator");
	if (!cgroup2_root) {
		if (prog_on(ld, "vigil_whoami"))
			return test_run(skel->progs.vigil_whoami, "vigil_whoami");
		return 0; /* loader__set_agent_cgroup(), from /proc, once the cgroup2 mount is known */
	}
	n = task_snapshot__proc(bpf_map__fd(skel->maps.cred_snapshots), bpf_map__fd(skel->maps.containers),
				cgroup2_root);
	return n < 0 ? n : 0;
}

int loader__dedup_tails(struct loader *ld, __u64 cgroup_id, bool all, loader_tail_fn fn, void *ctx)
{
	struct vigil_bpf *skel = ld->skel;
	struct vigil_dedup_tail t;
	__u32 i, n;
	int fd, err;

	skel->bss->tails_cgroup_id = cgroup_id;
	skel->bss->tails_all = all;
	switch (ld->tails) {
	case TAILS_ITER:
		fd = iter_open(skel->links.vigil_dedup_tails, "cap_dedup iterator");
		if (fd < 0)
			return fd;
		while (read_full(fd, &t, sizeof(t)))
			fn(ctx, &t);
		close(fd);
		return 0;
	case TAILS_TEST_RUN:
		/* a full batch may leave more: run again until one comes back short */
		do {
			err = test_run(skel->progs.vigil_dedup_take, "vigil_dedup_take");
			if (err)
				return err;
			n = skel->bss->tail_batch_len;
			for (i = 0; i < n && i < VIGIL_TAIL_BATCH; i++) {
				t = skel->bss->tail_batch[i];
				fn(ctx, &t);
			}
		} while (n >= VIGIL_TAIL_BATCH);
		return 0;
	default: return 0; /* no reader: said in agent-start (vigil.degraded) */
	}
}

int loader__iter_link_fd(const struct loader *ld)
{
	if (ld->snapshot_by_iter)
		return bpf_link__fd(ld->skel->links.vigil_snapshot_tasks);
	if (ld->tails == TAILS_ITER)
		return bpf_link__fd(ld->skel->links.vigil_dedup_tails);
	return -1;
}

/* vigil_whoami when it runs: the probe must not take tails (vigil_dedup_take would). */
int loader__test_run_fd(const struct loader *ld)
{
	if (ld->tails != TAILS_TEST_RUN && ld->snapshot_by_iter)
		return -1;
	if (prog_on(ld, "vigil_whoami"))
		return bpf_program__fd(ld->skel->progs.vigil_whoami);
	if (ld->tails == TAILS_TEST_RUN)
		return bpf_program__fd(ld->skel->progs.vigil_dedup_take);
	return -1;
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
		n += ld->progs[i].wanted && ld->progs[i].err;
	return n;
}

const char *loader__detection_state_name(enum detection_state s)
{
	return s == DETECTION_ACTIVE ? "active" : s == DETECTION_DEGRADED ? "degraded" : "unavailable";
}

static const char *const check_groups[] = { "container tracking (vigil needs all)",
					    "rootfs-write",
					    "setuid",
					    "mount",
					    "capability",
					    "optional, with a fallback" };

static bool in_check_group(const struct prog_spec *spec, unsigned int g)
{
	if (g == 0)
		return spec->cls == PROG_CORE;
	if (g == 5)
		return spec->cls == PROG_OPTIONAL;
	return spec->detections & (1u << (g - 1));
}

/*
 * --check: a real trial load of every program vigil would load here, each
 * on its own, grouped by what it serves; then what vigil would run with.
 */
int loader__check(const struct loader_config *o, const struct kernel_features *f)
{
	struct loader ld = { 0 };
	struct vigil_bpf *skel;
	unsigned int g, i, d;
	int err;

	libbpf_watch_start(o);
	ld.lsm = use_lsm(o, f);
	if (ld.lsm && !f->lsm_loadable) {
		err = lsm_unavailable(o, f);
		goto out;
	}
	skel = vigil_bpf__open();
	if (!skel) {
		err = log_errno(-errno, "open BPF object");
		goto out;
	}
	err = select_programs(skel, ld.lsm, o, f, &ld);
	vigil_bpf__destroy(skel);
	set_vm_probe_ranges(&ld);
	for (i = 0; i < prog_specs_len; i++)
		if (ld.progs[i].wanted && (ld.progs[i].err = trial_load(o, &ld, i)))
			ld.progs[i].stage = "load";
	capability_fallback(&ld);
	for (i = 0; i < prog_specs_len; i++)
		if (ld.progs[i].wanted && !ld.progs[i].stage && (ld.progs[i].err = trial_load(o, &ld, i)))
			ld.progs[i].stage = "load";
	printf("\ntrial loads, %s backend:\n", ld.lsm ? "lsm" : "tracepoint");
	for (g = 0; g < sizeof(check_groups) / sizeof(check_groups[0]); g++) {
		printf("  %s\n", check_groups[g]);
		for (i = 0; i < prog_specs_len; i++) {
			if (!ld.progs[i].wanted || !in_check_group(&prog_specs[i], g))
				continue;
			if (!ld.progs[i].err)
				printf("    %-28s loads\n", prog_specs[i].name);
			else
				printf("    %-28s REFUSED (%s): %s\n", prog_specs[i].name, strerror(-ld.progs[i].err),
				       prog_specs[i].refused);
		}
	}
	if (!err)
		err = refusals_allowed(o, &ld);
	if (!err && !ld.lsm && !f->syscall_tps)
		err = log_err(-ENOENT, "the tracepoint backend needs the per-syscall tracepoints syscalls:sys_exit_*");
	settle_features(&ld);
	if (!err && !ld.n_detections)
		err = log_err(-EOPNOTSUPP, "no detection can run here");
	printf("backend: %s\n", ld.lsm ? "lsm" : "tracepoint");
	for (d = 0; d < DET_MAX; d++)
		printf("detection %s: %s\n", detection__name(d), loader__detection_state_name(ld.detection[d]));
	for (i = 0; i < ld.n_missing; i++)
		printf("unavailable: %s\n", ld.missing[i]);
	if (!err)
		err = require_all(o, &ld);
	printf("vigil %s start here with these options (trial loads only: a refused attach shows at start)\n",
	       err ? "would NOT" : "would");
out:
	libbpf_watch_stop();
	return err ? 1 : 0;
}
