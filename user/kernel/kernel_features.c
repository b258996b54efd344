// SPDX-License-Identifier: GPL-2.0
/*
 * What this kernel offers vigil, probed once at start (and printed by
 * --check): BTF, BPF LSM (listed, and a trial program really loaded), the
 * tracepoints each detection needs, 32-bit syscall entry, cgroup v2.
 * securityfs and tracefs are mounted here when absent.
 */
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
#include "kernel_features.h"
#include "ia32.h"
#include "log.h"

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
