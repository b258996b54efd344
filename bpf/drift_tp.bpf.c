// SPDX-License-Identifier: GPL-2.0
/*
 * drift, tracepoint backend: the exec has happened when sched_process_exec
 * fires, so this backend reports and cannot deny. bprm->file is then the
 * program that runs: a script's interpreter, not the script (the LSM
 * backend judges both), and mappings are not seen (README: blind spots).
 */
#include "drift.bpf.h"

SEC("tp_btf/sched_process_exec")
int BPF_PROG(vigil_drift_exec, struct task_struct *task, pid_t old_pid, struct linux_binprm *bprm)
{
	struct file *file = BPF_CORE_READ(bprm, file);

	drift__run(BPF_CORE_READ(file, f_path.dentry), BPF_CORE_READ(file, f_path.mnt), VIGIL_OP_EXEC, 0, false);
	return 0;
}
