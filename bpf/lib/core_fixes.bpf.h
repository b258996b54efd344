/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel fields that moved between the kernels vigil runs on, one accessor
 * each (CO-RE flavors: libbpf matches "name___suffix" to "name").
 */
#ifndef VIGIL_CORE_FIXES_BPF_H
#define VIGIL_CORE_FIXES_BPF_H

#include "vmlinux.h"
#include <bpf/bpf_core_read.h>

/* Linux 6.15 renamed kernfs_node.parent to __parent (it became RCU-protected). */
struct kernfs_node___pre615 {
	struct kernfs_node *parent;
} __attribute__((preserve_access_index));

static __always_inline struct kernfs_node *kernfs_parent(struct kernfs_node *kn)
{
	if (bpf_core_field_exists(kn->__parent))
		return BPF_CORE_READ(kn, __parent);
	return BPF_CORE_READ((struct kernfs_node___pre615 *)kn, parent);
}

#endif /* VIGIL_CORE_FIXES_BPF_H */
