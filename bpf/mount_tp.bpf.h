/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mount, tracepoint backend: mount, umount2, pivot_root and the new mount API (fsopen, fsconfig,
 * fsmount, move_mount, open_tree), successful or not: a refused mount in a
 * container is an attempt worth seeing.
 */
#ifndef VIGIL_MOUNT_TP_BPF_H
#define VIGIL_MOUNT_TP_BPF_H

#include "alert.bpf.h"

#define VIGIL_FSCONFIG_SET_STRING 1 /* uapi linux/mount.h */

static __always_inline int mount__sys_exit(struct pt_regs *regs, const struct vigil_syscall_desc *d, long nr, long ret)
{
	struct vigil_record *rec;

	if (!current_is_watched())
		return 0;
	rec = alert__begin(VIGIL_EV_MOUNT, d->op);
	if (!rec)
		return 0;
	alert__set_outcome(rec, nr, ret);
	if (d->flags_arg >= 0)
		rec->mount.flags = syscall_arg(regs, d->flags_arg);
	alert__append_syscall_str(rec, regs, d, 0);
	/* fsconfig's value is a string only for FSCONFIG_SET_STRING. */
	if (d->op != VIGIL_OP_FSCONFIG || syscall_arg(regs, 1) == VIGIL_FSCONFIG_SET_STRING)
		alert__append_syscall_str(rec, regs, d, 1);
	alert__append_syscall_str(rec, regs, d, 2);
	alert__submit(rec);
	return 0;
}

#endif /* VIGIL_MOUNT_TP_BPF_H */
