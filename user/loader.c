// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
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
#include "loader.h"
#include "pin.h"
#include "log.h"
#include "syscall_table.h"
#include "vigil.skel.h"

#define SECURITYFS "/sys/kernel/security"
#define TRACEFS "/sys/kernel/tracing"
#define DEBUGFS_TRACING "/sys/kernel/debug/tracing"	/* where libbpf looks first */
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
		{ .code = 0xb7, .dst_reg = 0, .imm = 0 },	/* r0 = 0 */
		{ .code = 0x95 },				/* exit */
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
	vmlinux = btf__load_vmlinux_btf();
	if (!vmlinux) {
		f->lsm_error = -ENOENT;
		return;
	}
	f->cap_capable_tp = btf__find_by_name_kind(vmlinux, "btf_trace_cap_capable", BTF_KIND_TYPEDEF) >= 0;
	f->lsm_error = try_bpf_lsm(vmlinux);
	f->lsm_loadable = f->lsm_error == 0;
	btf__free(vmlinux);
}

int features__report(const struct kernel_features *f)
{
	printf("kernel BTF (/sys/kernel/btf/vmlinux): %s\n", f->btf ? "yes" : "NO (CO-RE needs CONFIG_DEBUG_INFO_BTF=y)");
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

	for (i = 0; i < syscall_table_len; i++) {
		key = syscall_table[i].nr;
		if (bpf_map_update_elem(fd, &key, &syscall_table[i].desc, BPF_ANY))
			return log_errno(-errno, "syscall table entry %s", syscall_table[i].name);
	}
	return 0;
}

/* See called_from_vm_accounting() in bpf/capability.bpf.c. */
static void set_vm_probe_ranges(struct vigil_bpf *skel, struct loader *ld)
{
	static const char *const funcs[VIGIL_VM_PROBE_FUNCS] = {
		"security_vm_enough_memory_mm", "cap_vm_enough_memory",
	};
	struct vigil_ip_range *r = (struct vigil_ip_range *)skel->rodata->vm_probe_ips;
	unsigned int i, found = 0;
	uint64_t start, end;
	FILE *f;

	for (i = 0; i < VIGIL_VM_PROBE_FUNCS; i++) {
		f = fopen("/proc/kallsyms", "re");
		if (f && kallsyms__range(f, funcs[i], &start, &end)) {
			r[found].start = start;
			r[found].end = end;
			found++;
		}
		if (f)
			fclose(f);
	}
	if (!found)
		note(ld->missing, &ld->n_missing,
		     "capability: overcommit accounting not found in /proc/kallsyms, its CAP_SYS_ADMIN probes are reported");
}

/* --backend lsm / --enforce where BPF LSM cannot load: say why, never fall back to monitoring. */
static int lsm_unavailable(const struct vigil_opts *o, const struct kernel_features *f)
{
	return log_err(-EOPNOTSUPP, "%s unavailable: the kernel refuses BPF LSM programs (trial load of "
		       "lsm/file_open: %s; 'bpf' %s in %s/lsm). BPF LSM needs CONFIG_BPF_LSM=y and 'bpf' in "
		       "lsm= on the kernel command line",
		       o->enforce ? "--enforce" : "--backend lsm", strerror(-f->lsm_error),
		       f->lsm_listed ? "is listed" : "is not listed", SECURITYFS);
}

static bool use_lsm(const struct vigil_opts *o, const struct kernel_features *f)
{
	return o->enforce || o->backend == BACKEND_LSM || (o->backend == BACKEND_AUTO && f->lsm_loadable);
}

/* Hooks whose absence leaves no gap: before 6.2, ftruncate calls path_truncate. */
static bool hook_covered_elsewhere(const char *sec)
{
	return !strcmp(sec, "lsm/file_truncate");
}

/*
 * LSM programs load only with the LSM backend, and only for hooks this
 * kernel has (bpf_lsm_<hook> in its BTF). --enforce needs every one of them:
 * a write path left open is not enforcement.
 */
static int select_lsm_programs(struct vigil_bpf *skel, bool lsm, bool enforcing, struct loader *ld)
{
	struct bpf_program *prog;
	struct btf *vmlinux = lsm ? btf__load_vmlinux_btf() : NULL;
	char func[128];
	int err = 0;

	if (lsm && !vmlinux)
		return log_errno(-errno, "load kernel BTF");
	bpf_object__for_each_program(prog, skel->obj) {
		const char *sec = bpf_program__section_name(prog);

		if (bpf_program__type(prog) != BPF_PROG_TYPE_LSM)
			continue;
		if (!lsm) {
			bpf_program__set_autoload(prog, false);
			continue;
		}
		snprintf(func, sizeof(func), "bpf_lsm_%s", sec + strlen("lsm/"));
		if (btf__find_by_name_kind(vmlinux, func, BTF_KIND_FUNC) >= 0)
			continue;
		bpf_program__set_autoload(prog, false);
		if (hook_covered_elsewhere(sec))
			continue;
		note(ld->missing, &ld->n_missing, sec);
		if (enforcing)
			err = log_err(-EOPNOTSUPP, "--enforce unavailable: this kernel has no LSM hook %s", sec);
	}
	btf__free(vmlinux);
	return err;
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
			return log_errno(-errno, "attach tracepoint syscalls/%s", event);
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

static int attach_dedup_tails(struct vigil_bpf *skel)
{
	union bpf_iter_link_info info = { .map.map_fd = bpf_map__fd(skel->maps.cap_dedup) };
	LIBBPF_OPTS(bpf_iter_attach_opts, opts, .link_info = &info, .link_info_len = sizeof(info));

	skel->links.vigil_dedup_tails = bpf_program__attach_iter(skel->progs.vigil_dedup_tails, &opts);
	if (!skel->links.vigil_dedup_tails)
		return log_errno(-errno, "attach the cap_dedup iterator");
	return 0;
}

/* The tracepoint sees every check; lsm/capable, granted ones only: it is the fallback. */
static bool select_capability_source(struct vigil_bpf *skel, bool lsm, const struct kernel_features *f,
				     struct loader *ld)
{
	if (f->cap_capable_tp) {
		bpf_program__set_autoload(skel->progs.vigil_lsm_capable, false);
		return true;
	}
	bpf_program__set_autoload(skel->progs.vigil_cap_capable, false);
	if (lsm && bpf_program__autoload(skel->progs.vigil_lsm_capable)) {
		note(ld->missing, &ld->n_missing,
		     "capability: no cap_capable tracepoint; lsm/capable reports granted checks only");
		return true;
	}
	note(ld->missing, &ld->n_missing, "capability: no cap_capable tracepoint in this kernel");
	return false;
}

static void list_programs(struct vigil_bpf *skel, struct loader *ld)
{
	struct bpf_program *prog;

	bpf_object__for_each_program(prog, skel->obj) {
		if (!bpf_program__autoload(prog))
			continue;
		if (prog == skel->progs.vigil_sys_exit)
			note(ld->programs, &ld->n_programs, "tracepoint/syscalls/sys_exit_*");
		else
			note(ld->programs, &ld->n_programs, bpf_program__section_name(prog));
	}
}

int loader__start(struct loader *ld, const struct vigil_opts *o, const struct kernel_features *f)
{
	bool lsm = use_lsm(o, f), capability;
	struct vigil_bpf *skel;
	int err;

	memset(ld, 0, sizeof(*ld));
	if (lsm && !f->lsm_loadable)
		return lsm_unavailable(o, f);
	if (!f->btf)
		return log_err(-ENOENT, "kernel BTF missing (/sys/kernel/btf/vmlinux): vigil needs CONFIG_DEBUG_INFO_BTF=y");
	if (!lsm && !f->syscall_tps)
		return log_err(-ENOENT, "the tracepoint backend needs the per-syscall tracepoints syscalls:sys_exit_* "
			       "(CONFIG_FTRACE_SYSCALLS=y, tracefs at " TRACEFS ")");

	skel = vigil_bpf__open();
	if (!skel)
		return log_errno(-errno, "open BPF object");
	skel->rodata->cap_window_ns = (__u64)o->cap_window_s * 1000000000ull;
	skel->rodata->enforce = o->enforce;
	/* wake the consumer once a batch waits, well before the buffer fills */
	skel->rodata->wakeup_bytes = ((__u64)o->ring_buffer_mb << 20) / 4;
	if (skel->rodata->wakeup_bytes > WAKEUP_BYTES_MAX)
		skel->rodata->wakeup_bytes = WAKEUP_BYTES_MAX;
	err = bpf_map__set_max_entries(skel->maps.events, o->ring_buffer_mb << 20);
	if (err) {
		log_errno(err, "ring buffer size");
		goto fail;
	}
	set_vm_probe_ranges(skel, ld);
	err = select_lsm_programs(skel, lsm, o->enforce, ld);
	if (err)
		goto fail;
	/* The LSM hooks cover every detection: no syscall tracepoint. */
	bpf_program__set_autoload(skel->progs.vigil_sys_exit, !lsm);
	if (o->pin) {
		err = pin__adopt_maps(skel, &ld->adopted);
		if (err)
			goto fail;
	}
	capability = select_capability_source(skel, lsm, f, ld);
	/* a map iterator attaches to its map: see attach_dedup_tails */
	bpf_program__set_autoattach(skel->progs.vigil_dedup_tails, false);
	err = vigil_bpf__load(skel);
	if (err) {
		log_errno(err, "load BPF programs (run with -v for the verifier log)");
		goto fail;
	}
	err = fill_syscall_table(skel);
	if (err)
		goto fail;
	err = vigil_bpf__attach(skel);
	if (err) {
		log_errno(err, "attach BPF programs");
		goto fail;
	}
	err = attach_dedup_tails(skel);
	if (err)
		goto fail;
	if (!lsm) {
		err = attach_syscall_exits(skel, ld);
		if (err)
			goto fail;
	}
	if (o->pin) {
		err = pin__links_and_maps(skel, ld->adopted);
		if (err)
			goto fail;
	}

	ld->skel = skel;
	ld->backend = lsm ? "lsm" : "tracepoint";
	ld->enforce = o->enforce;
	ld->pinned = o->pin;
	note(ld->detections, &ld->n_detections, "rootfs-write");
	note(ld->detections, &ld->n_detections, "setuid");
	note(ld->detections, &ld->n_detections, "mount");
	if (capability)
		note(ld->detections, &ld->n_detections, "capability");
	list_programs(skel, ld);
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

/* A run of an iterator program: it runs as the returned fd is read. */
static int iter_open(struct bpf_link *link, const char *what)
{
	int fd = bpf_iter_create(bpf_link__fd(link));

	return fd < 0 ? log_errno(-errno, "%s", what) : fd;
}

int loader__snapshot_tasks(struct loader *ld)
{
	char buf[64];
	int fd, n;

	fd = iter_open(ld->skel->links.vigil_snapshot_tasks, "task iterator");
	if (fd < 0)
		return fd;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		;
	if (n < 0)
		n = log_errno(-errno, "task iterator");
	close(fd);
	return n;
}

int loader__dedup_tails(struct loader *ld, __u64 cgroup_id, bool all)
{
	ld->skel->bss->tails_cgroup_id = cgroup_id;
	ld->skel->bss->tails_all = all;
	return iter_open(ld->skel->links.vigil_dedup_tails, "cap_dedup iterator");
}

void loader__stop(struct loader *ld)
{
	detach_syscall_exits(ld);
	vigil_bpf__destroy(ld->skel);
	ld->skel = NULL;
}
