// SPDX-License-Identifier: GPL-2.0
/*
 * drift, BPF LSM backend: decided before the program runs, so --drift
 * enforce (or a policy rule's drift: enforce) refuses it with -EPERM and the
 * caller survives. The judgement is drift.bpf.h's.
 *
 * bprm_check_security runs for each file exec loads: a script, then its
 * interpreter, so a dropped script run by its #! line is judged itself.
 * mmap_file and file_mprotect catch code that runs without an exec of its
 * own: a library dlopen()ed or LD_PRELOADed from a drift file, and
 * "ld.so /tmp/x" (the loader maps x). Anonymous executable memory (a JIT)
 * has no file and is never drift.
 */
#include "drift.bpf.h"

/* The deny path's constant, as rootfs_write_lsm.bpf.c explains. */
static __always_inline int drift_verdict(int err)
{
	int eperm;

	if (!err)
		return 0;
	asm volatile("%0 = -1" : "=r"(eperm));
	return eperm;
}

SEC("lsm/bprm_check_security")
int BPF_PROG(vigil_lsm_bprm_check, struct linux_binprm *bprm, int ret)
{
	if (ret)
		return ret;
	struct file *file = bprm->file;

	return drift_verdict(drift__run(file->f_path.dentry, file->f_path.mnt, VIGIL_OP_EXEC, 0, true));
}

/* Every mapping on the host passes here: anything but an executable file mapping returns at once. */
SEC("lsm/mmap_file")
int BPF_PROG(vigil_lsm_mmap_file, struct file *file, unsigned long reqprot, unsigned long prot, unsigned long flags,
	     int ret)
{
	struct file *exe;

	if (ret || !file || !(prot & VIGIL_PROT_EXEC))
		return ret;
	/* the program exec maps for itself was judged at its exec */
	exe = BPF_CORE_READ(bpf_get_current_task_btf(), mm, exe_file);
	if (file == exe)
		return 0;
	return drift_verdict(drift__run(file->f_path.dentry, file->f_path.mnt, VIGIL_OP_MMAP, prot, true));
}

/* A file mapping made executable later; one already executable was judged when mapped. */
SEC("lsm/file_mprotect")
int BPF_PROG(vigil_lsm_file_mprotect, struct vm_area_struct *vma, unsigned long reqprot, unsigned long prot, int ret)
{
	struct vfsmount *mnt;
	struct dentry *dentry;
	struct file *file;

	if (ret || !(prot & VIGIL_PROT_EXEC))
		return ret;
	file = vma->vm_file;
	if (!file || (vma->vm_flags & VIGIL_VM_EXEC))
		return 0;
	/* an overlayfs file's mapping holds its layer's file: judged as the overlay's */
	file_user_path(file, &dentry, &mnt);
	return drift_verdict(drift__run(dentry, mnt, VIGIL_OP_MMAP, prot, true));
}
