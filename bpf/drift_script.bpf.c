// SPDX-License-Identifier: GPL-2.0
/*
 * drift-script, both backends: at a container process's exec, an
 * interpreter's script argument is kept (bpf/drift.bpf.h); the open that
 * reads it is judged: on the LSM backend in file_open
 * (rootfs_write_lsm.bpf.c), on the tracepoint backend here, at the exits of
 * open, openat and openat2.
 */
#include "drift.bpf.h"

SEC("tp_btf/sched_process_exec")
int BPF_PROG(vigil_drift_script_exec, struct task_struct *task, pid_t old_pid, struct linux_binprm *bprm)
{
	if (!current_container() || !drift__judged(task))
		return 0;
	drift__script_expect(task, BPF_CORE_READ(bprm, file));
	return 0;
}

/*
 * Its own program, not a branch of vigil_sys_exit: that one's stack and
 * size are near what 6.1's verifier accepts (it refused both with the
 * check inside), and this one can be refused alone (drift degraded).
 * Attached by the loader to each open exit; 32-bit opens (--watch-ia32) are
 * not looked at (docs/drift.md).
 */
SEC("tracepoint")
int vigil_drift_script_open(struct syscall_exit_record *ctx)
{
	struct drift_script *s;

	if (ctx->ret < 0 || !(s = drift__script_awaited()))
		return 0;
	drift__script_opened(s, task_fd_file(bpf_get_current_task_btf(), ctx->ret));
	return 0;
}
