/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Building, filling and submitting a ring record, and counting the ones that
 * did not fit (per cgroup, so a flood is named as its container's own).
 */
#ifndef VIGIL_LIB_RECORD_BPF_H
#define VIGIL_LIB_RECORD_BPF_H

#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "maps.bpf.h"
#include "task.bpf.h"

#define VIGIL_USTR_MAX 4096 /* PATH_MAX */

static __always_inline struct vigil_record *record__begin(__u16 kind, __u16 op)
{
	__u32 zero = 0;
	struct vigil_scratch *scr = bpf_map_lookup_elem(&scratch, &zero);
	struct vigil_record *rec;
	struct task_struct *task;
	__u64 pid_tgid;

	if (!scr)
		return NULL;
	rec = &scr->rec;
	__builtin_memset(rec, 0, VIGIL_RECORD_HDR_SIZE);
	task = bpf_get_current_task_btf();
	pid_tgid = bpf_get_current_pid_tgid();
	rec->kind = kind;
	rec->op = op;
	if (current_in_ia32_syscall()) /* its syscall_nr is an i386 number */
		rec->flags = VIGIL_F_IA32;
	rec->ts_ns = bpf_ktime_get_boot_ns();
	rec->cgroup_id = bpf_get_current_cgroup_id();
	rec->pid = pid_tgid >> 32;
	rec->tid = (__u32)pid_tgid;
	/* read, not loaded: each pointer loaded from a trusted one costs the verifier a search of the kernel's BTF */
	rec->ppid = BPF_CORE_READ(task, real_parent, tgid);
	rec->proc_start_ns = BPF_CORE_READ(task, group_leader, start_time);
	rec->uid = BPF_CORE_READ(task, cred, euid.val);
	rec->gid = BPF_CORE_READ(task, cred, egid.val);
	bpf_get_current_comm(rec->comm, sizeof(rec->comm));
	return rec;
}

/* file.inode and file.device of the object (a negative dentry, a create, has none). */
static __always_inline void record__set_inode(struct vigil_record *rec, struct inode *inode)
{
	if (!inode)
		return;
	rec->file.ino = BPF_CORE_READ(inode, i_ino);
	rec->file.dev = BPF_CORE_READ(inode, i_sb, s_dev);
	rec->flags |= VIGIL_F_INODE;
}

/* Appends a NUL-terminated string; `user` picks the address space. */
static __always_inline void record__append_str(struct vigil_record *rec, __u32 slot, const void *src, bool user)
{
	__u32 off = rec->data_len;
	long n;

	if (slot >= VIGIL_S_MAX || !src)
		return;
	if (off >= VIGIL_DATA_SIZE - VIGIL_USTR_MAX) {
		rec->flags |= VIGIL_F_TRUNCATED;
		return;
	}
	barrier_var(off);	/* keep clang from dropping the mask below */
	off &= VIGIL_DATA_MASK; /* a no-op the verifier can see: struct vigil_scratch */
	if (user)
		n = bpf_probe_read_user_str(&rec->data[off], VIGIL_USTR_MAX, src);
	else
		n = bpf_probe_read_kernel_str(&rec->data[off], VIGIL_USTR_MAX, src);
	if (n <= 0)
		return;
	if (n == VIGIL_USTR_MAX)
		rec->flags |= VIGIL_F_TRUNCATED;
	rec->str[slot].off = off;
	rec->str[slot].len = n - 1;
	rec->str_form[slot] = VIGIL_STR_RAW;
	rec->data_len = off + n;
}

/* argv as the process laid it out: NUL-separated, possibly cut at VIGIL_ARGS_MAX. */
static __always_inline void record__append_args(struct vigil_record *rec, struct task_struct *task)
{
	unsigned long start = BPF_CORE_READ(task, mm, arg_start); /* a kernel thread's NULL mm reads as 0 */
	unsigned long end = BPF_CORE_READ(task, mm, arg_end);
	__u32 off = rec->data_len;
	__u64 len = end - start;

	if (!start || end <= start || off >= VIGIL_DATA_SIZE - VIGIL_ARGS_MAX)
		return;
	barrier_var(off);
	off &= VIGIL_DATA_MASK;
	if (len > VIGIL_ARGS_MAX) {
		len = VIGIL_ARGS_MAX;
		rec->flags |= VIGIL_F_TRUNCATED;
	}
	barrier_var(len);
	len &= 2 * VIGIL_ARGS_MAX - 1;
	if (bpf_probe_read_user(&rec->data[off], len, (void *)start))
		return;
	rec->str[VIGIL_S_ARGS].off = off;
	rec->str[VIGIL_S_ARGS].len = len;
	rec->data_len = off + len;
}

/* A record that did not reach the ring: counted, and counted for its cgroup (userspace names the container). */
static __always_inline void record__lost(__u64 cgid)
{
	__u32 zero = 0;
	__u64 *n = bpf_map_lookup_elem(&lost, &zero), one = 1;

	if (n)
		(*n)++;
	n = bpf_map_lookup_elem(&lost_by_cgroup, &cgid);
	if (n)
		__sync_fetch_and_add(n, 1);
	else
		bpf_map_update_elem(&lost_by_cgroup, &cgid, &one, BPF_NOEXIST);
}

/*
 * The ring's last quarter is a reserve: once the queue reaches it, each
 * container may add VIGIL_RESERVE_PER_S alerts a second there. One container
 * flooding the ring (or a consumer that stalls) cannot take the room the
 * others' alerts and the bookkeeping records need; what it loses is counted
 * as its own. Approximate across CPUs (two may both take the last one).
 */
#define VIGIL_RESERVE_PER_S 32

static __always_inline bool reserve_take(__u64 cgid)
{
	struct ring_share *s = bpf_map_lookup_elem(&ring_shares, &cgid);
	struct ring_share fresh = { .used = 1 };
	__u64 now = bpf_ktime_get_ns();

	if (!s) {
		fresh.window_ns = now;
		bpf_map_update_elem(&ring_shares, &cgid, &fresh, BPF_ANY);
		return true;
	}
	if (now - s->window_ns >= 1000000000ull) {
		s->window_ns = now;
		s->used = 0;
	}
	if (s->used >= VIGIL_RESERVE_PER_S)
		return false;
	s->used++;
	return true;
}

static __always_inline void record__submit(struct vigil_record *rec, bool urgent)
{
	/* Appends keep data_len below VIGIL_DATA_SIZE; the mask shows the verifier. */
	__u64 size = VIGIL_RECORD_HDR_SIZE + (rec->data_len & VIGIL_DATA_MASK);
	__u64 queued = bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA);
	__u64 flags;

	/* bookkeeping (urgent) may always use the reserve; alerts within their share */
	if (!urgent && queued + size > reserve_from_bytes && !reserve_take(rec->cgroup_id)) {
		record__lost(rec->cgroup_id);
		return;
	}
	/*
	 * No wakeup per record: a wakeup costs the writer microseconds here
	 * (measured: 3x slower writes while every record forced one, and 2.5x
	 * less throughput when the first record into an empty ring did). One
	 * when userspace sleeps in its long poll (the first record after a
	 * quiet spell: it reaches the sinks at once, not 100 ms later); while
	 * it is awake it polls every few ms unwoken. One when the queue
	 * crosses wakeup_bytes (a flood fills the ring faster than that).
	 */
	if (urgent)
		flags = BPF_RB_FORCE_WAKEUP;
	else if (consumer_asleep) {
		consumer_asleep = 0; /* one wakeup, not one per CPU racing here: a second is harmless */
		flags = BPF_RB_FORCE_WAKEUP;
	} else
		flags = queued < wakeup_bytes && queued + size >= wakeup_bytes ? BPF_RB_FORCE_WAKEUP : BPF_RB_NO_WAKEUP;
	if (bpf_ringbuf_output(&events, rec, size, flags))
		record__lost(rec->cgroup_id);
}

#endif /* VIGIL_LIB_RECORD_BPF_H */
