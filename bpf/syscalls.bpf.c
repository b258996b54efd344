// SPDX-License-Identifier: GPL-2.0
/*
 * The tracepoint backend's syscall program, attached by the loader to the
 * classic per-syscall tracepoint syscalls/sys_exit_<name> of each syscall in
 * user/kernel/syscall_table.c. Only watched syscalls run it: the rest pay the
 * kernel's tracepoint flag check and nothing else, where a program on the
 * raw sys_exit tracepoint runs for every syscall on the host (the two are
 * measured side by side by bench/run.sh; figures in the README). There is no
 * sys_enter program: sys_exit sees the arguments (in the task's user
 * registers) and the result. The per-concern work lives in
 * rootfs_write_tp.bpf.h, setuid_tp.bpf.h and mount_tp.bpf.h: functions, not
 * programs, because one program serves every watched syscall (the loader
 * attaches it once per tracepoint) and picks the concern from the table.
 */
#include "rootfs_write_tp.bpf.h"
#include "setuid_tp.bpf.h"
#include "mount_tp.bpf.h"

/* The calling task's user registers: where sys_exit finds the arguments. */
static __always_inline struct pt_regs *user_regs(void)
{
	return (struct pt_regs *)bpf_task_pt_regs(bpf_get_current_task_btf());
}

SEC("tracepoint")
int vigil_sys_exit(struct syscall_exit_record *ctx)
{
	long nr = ctx->nr, ret = ctx->ret;
	const struct vigil_syscall_desc *d = syscall_desc(nr);

	if (!d)
		return 0;
	switch (d->action) {
	case VIGIL_EV_ROOTFS_WRITE: return rootfs_write__sys_exit(user_regs(), d, nr, ret);
	case VIGIL_EV_SETUID: /* compares credentials, not arguments */ return setuid__sys_exit(d, nr, ret);
	case VIGIL_EV_MOUNT: return mount__sys_exit(user_regs(), d, nr, ret);
	default: return 0;
	}
}

#if defined(__TARGET_ARCH_x86)
/*
 * --watch-ia32: 32-bit syscalls (int 0x80, sysenter; any 64-bit program can
 * make them) never reach the per-syscall tracepoints. This program, on the
 * raw sys_exit tracepoint, runs for every syscall on the host (the cost
 * above: hence opt-in), returns at once for a 64-bit one, and gives a 32-bit
 * one the handling above: its descriptor from the i386 table, its arguments
 * (ebx, ecx, edx, esi, edi) moved to where the 64-bit ones are read from.
 */
SEC("raw_tp/sys_exit")
int BPF_PROG(vigil_sys_exit_ia32, struct pt_regs *unused, long ret)
{
	struct vigil_scratch *scr;
	const struct vigil_syscall_desc *d;
	struct pt_regs *u, *r;
	__u32 zero = 0, nr;

	if (!current_in_ia32_syscall())
		return 0;
	u = user_regs();
	nr = (__u32)u->orig_ax;
	if (nr >= VIGIL_SYSCALL_SLOTS)
		return 0;
	d = bpf_map_lookup_elem(&syscall_table_ia32, &nr);
	if (!d || !d->action)
		return 0;
	scr = bpf_map_lookup_elem(&scratch, &zero);
	if (!scr)
		return 0;
	/* the 64-bit layout, in scratch space the record is not built in yet */
	r = &scr->ia32_regs;
	r->di = (__u32)u->bx;
	r->si = (__u32)u->cx;
	r->dx = (__u32)u->dx;
	r->r10 = (__u32)u->si;
	r->r8 = (__u32)u->di;
	r->orig_ax = nr;
	switch (d->action) {
	case VIGIL_EV_ROOTFS_WRITE: return rootfs_write__sys_exit(r, d, nr, ret);
	case VIGIL_EV_SETUID: return setuid__sys_exit(d, nr, ret);
	case VIGIL_EV_MOUNT: return mount__sys_exit(r, d, nr, ret);
	default: return 0;
	}
}
#endif
