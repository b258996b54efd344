// SPDX-License-Identifier: GPL-2.0
/*
 * The mechanism's floor: an empty program on the same raw tracepoint vigil
 * uses. Whatever it costs, no tracepoint-based agent can cost less.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

SEC("tp_btf/sys_exit")
int BPF_PROG(floor_sys_exit, struct pt_regs *regs, long ret)
{
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
