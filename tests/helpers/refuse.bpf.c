// SPDX-License-Identifier: GPL-2.0
/*
 * A hardened host's BPF policy, for the VM tests: a BPF LSM program on the
 * `bpf` hook that refuses BPF_PROG_LOAD of one program type (and, when
 * set, one attach target), as a site policy or a security module would.
 * vigil must then start or refuse exactly as its program classes say.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#define EPERM 1

const volatile __u32 refuse_type;   /* enum bpf_prog_type */
const volatile __u32 refuse_btf_id; /* attach_btf_id to refuse; 0: any of the type */
__u64 refused;			    /* how many loads this refused */

SEC("lsm/bpf")
int BPF_PROG(refuse_prog_load, int cmd, union bpf_attr *attr, unsigned int size)
{
	if (cmd != BPF_PROG_LOAD)
		return 0;
	if (attr->prog_type != refuse_type)
		return 0;
	if (refuse_btf_id && attr->attach_btf_id != refuse_btf_id)
		return 0;
	__sync_fetch_and_add(&refused, 1);
	return -EPERM;
}

char LICENSE[] SEC("license") = "GPL";
