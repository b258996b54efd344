// SPDX-License-Identifier: GPL-2.0
/*
 * The tracepoint backend's syscall program. Raw sys_exit (tp_btf) runs for
 * every syscall of every task, so it starts with one inlined array lookup by
 * syscall number and returns for the rest; the per-concern work lives in
 * rootfs_write.bpf.h, setuid.bpf.h and mount.bpf.h. There is no sys_enter
 * program: each one attached costs every syscall on the host (~50 ns measured
 * here for an empty program), and sys_exit sees the arguments and the result.
 */
#include "rootfs_write.bpf.h"
#include "setuid.bpf.h"
#include "mount.bpf.h"

SEC("tp_btf/sys_exit")
int BPF_PROG(vigil_sys_exit, struct pt_regs *regs, long ret)
{
	long nr = SYSCALL_NR(regs);
	const struct vigil_syscall_desc *d = syscall_desc(nr);

	if (!d)
		return 0;
	switch (d->action) {
	case VIGIL_EV_ROOTFS_WRITE:
		return rootfs_write__sys_exit(regs, d, nr, ret);
	case VIGIL_EV_SETUID:
		return setuid__sys_exit(d, nr, ret);
	case VIGIL_EV_MOUNT:
		return mount__sys_exit(regs, d, nr, ret);
	default:
		return 0;
	}
}
