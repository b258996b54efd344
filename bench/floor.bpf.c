// SPDX-License-Identifier: GPL-2.0
/*
 * The mechanisms' floors: empty programs on the two ways a tracepoint agent
 * can watch syscalls. floor_sys_exit is on the raw tracepoint (runs for
 * every syscall); floor_classic is attached by floor.c, as vigil attaches its
 * syscall program, to the classic per-syscall tracepoint
 * syscalls/sys_exit_<name> of each syscall vigil watches (runs only for those). Whatever they cost, no agent built on them
 * can cost less.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

SEC("tp_btf/sys_exit")
int BPF_PROG(floor_sys_exit, struct pt_regs *regs, long ret)
{
	return 0;
}

SEC("tracepoint")
int floor_classic(void *ctx)
{
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
