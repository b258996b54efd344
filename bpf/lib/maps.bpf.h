/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every map and every load-time constant vigil's BPF programs share. The
 * objects are linked into one (bpftool gen object), so maps.bpf.c defines
 * them (VIGIL_DEFINE_MAPS) and every other file sees them as extern.
 */
#ifndef VIGIL_MAPS_BPF_H
#define VIGIL_MAPS_BPF_H

#include "vigil_event.h"
#include "cap_dedup.h"
#include "vigil_policy.h"

#ifdef VIGIL_DEFINE_MAPS
#define VIGIL_SHARED
#define VIGIL_RODATA(type, name) const volatile type name
#define VIGIL_BSS(type, name)	 type name
#else
#define VIGIL_SHARED		 extern
#define VIGIL_RODATA(type, name) extern const volatile type name
#define VIGIL_BSS(type, name)	 extern type name
#endif

/* Map sizes: bounds on what is tracked at once (the ring buffer is set by --ring-buffer). */
#define VIGIL_MAX_CGROUPS     16384
#define VIGIL_MAX_SETUP_PROCS 16384
#define VIGIL_MAX_DEDUP	      16384

/* Alerts and bookkeeping records, in order. */
VIGIL_SHARED struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 16 << 20);
} events SEC(".maps");

/* Records the ring buffer had no room for, per CPU (the ring buffer keeps no count). */
VIGIL_SHARED struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} lost SEC(".maps");

/*
 * A record is built here, then copied to the ring buffer at its used size.
 * The slack after it lets every append mask its offset (off & DATA_MASK)
 * and still read its maximum length in bounds: older verifiers (6.1) lose
 * the comparison that keeps the offset low, a mask they keep.
 */
#define VIGIL_SCRATCH_SLACK 4096 /* the longest single append */
struct vigil_scratch {
	struct vigil_record rec;
	char slack[VIGIL_SCRATCH_SLACK];
	struct pt_regs ia32_regs; /* a 32-bit syscall's arguments, laid out as 64-bit ones */
};

VIGIL_SHARED struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct vigil_scratch);
} scratch SEC(".maps");

/* cgroup v2 id -> enum vigil_cgroup_state; absent: not a container. */
VIGIL_SHARED struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, VIGIL_MAX_CGROUPS);
	__type(key, __u64);
	__type(value, __u8);
} containers SEC(".maps");

/*
 * cgroup v2 id -> the container's root filesystem (its superblock, as a
 * number), taken when the runtime's setup ends: the entrypoint's root then
 * is the image root. "On the root filesystem" compares an object's
 * superblock with this, not with the task's current root, which chroot
 * (a default capability) moves away from it.
 */
VIGIL_SHARED struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, VIGIL_MAX_CGROUPS);
	__type(key, __u64);
	__type(value, __u64);
} container_roots SEC(".maps");

/*
 * cgroup v2 id -> the mount namespace its root was taken in (struct
 * mnt_namespace *, as a number): the mounts the runtime set up. Drift trusts
 * a read-only mount there, not one made later in a namespace of the
 * container's own (unshare -Urm, then a tmpfs remounted read-only).
 */
VIGIL_SHARED struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, VIGIL_MAX_CGROUPS);
	__type(key, __u64);
	__type(value, __u64);
} container_mntns SEC(".maps");

/*
 * tgid of processes the container runtime is still setting up (runc/crun
 * init before the entrypoint's exec) -> the mount namespace (inode number)
 * of the runtime that started it. Nothing they do is an alert.
 */
VIGIL_SHARED struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, VIGIL_MAX_SETUP_PROCS);
	__type(key, __u32);
	__type(value, __u32);
} setup_procs SEC(".maps");

/*
 * Container cgroups that no entrypoint has run in yet, made by a process
 * outside every container (the runtime) since vigil attached: whatever runs
 * there is the runtime's setup. This covers what setup_procs cannot: the
 * kernel fires cgroup_attach_task after it has moved the task, so runc init
 * can mount, unlink and check capabilities in the container's cgroup before
 * vigil_cgroup_attach_task puts it in setup_procs. Cleared by the first
 * entrypoint exec and at rmdir; LRU, so a host making cgroups that are not
 * containers never fills it (an evicted entry only loses that cover).
 */
VIGIL_SHARED struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, VIGIL_MAX_CGROUPS);
	__type(key, __u64);
	__type(value, __u8);
} fresh_cgroups SEC(".maps");

/*
 * Drift (bpf/drift.bpf.h): the files each container wrote on its root
 * filesystem since it started, and how many per container. Not LRU: a file
 * forgotten would run as if the image had shipped it. A container past
 * VIGIL_DRIFT_PER_CONTAINER (or all past VIGIL_DRIFT_MAX_FILES) gets one
 * alert saying later files are not tracked. Userspace removes a container's
 * entries when its cgroup goes.
 */
VIGIL_SHARED struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, VIGIL_DRIFT_MAX_FILES);
	__type(key, struct vigil_drift_key);
	__type(value, struct vigil_drift_write);
} drift_written SEC(".maps");

VIGIL_SHARED struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, VIGIL_MAX_CGROUPS);
	__type(key, __u64);
	__type(value, struct vigil_drift_count);
} drift_counts SEC(".maps");

/* Filled by userspace at each container's entrypoint (user/kernel/drift_map.c). */
VIGIL_SHARED struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, VIGIL_DRIFT_MAX_INTERPRETERS);
	__type(key, struct vigil_drift_key);
	__type(value, __u8);
} drift_interpreter_inodes SEC(".maps");

/* cgroup id -> its records the ring had no room for, or its reserve share refused: who lost what. */
VIGIL_SHARED struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 4096);
	__type(key, __u64);
	__type(value, __u64);
} lost_by_cgroup SEC(".maps");

/* A container's use of the ring's reserve (its last quarter) in the current second. */
struct ring_share {
	__u64 window_ns;
	__u32 used;
	__u32 pad;
};

VIGIL_SHARED struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, VIGIL_MAX_CGROUPS);
	__type(key, __u64);
	__type(value, struct ring_share);
} ring_shares SEC(".maps");

/*
 * The policy (include/vigil_policy.h, docs/policy.md): cgroup v2 id -> its
 * container's rule, one value written whole by userspace (a reload swaps a
 * container from one complete rule to another); [0] what a container
 * without an entry gets; the allowed paths; allowed writes per rule key.
 */
VIGIL_SHARED struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, VIGIL_MAX_CGROUPS);
	__type(key, __u64);
	__type(value, struct vigil_container_policy);
} container_policy SEC(".maps");

VIGIL_SHARED struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct vigil_policy_config);
} policy_config SEC(".maps");

VIGIL_SHARED struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, VIGIL_MAX_ALLOW_PATHS);
	__type(key, struct vigil_allow_key);
	__type(value, __u8);
} allow_paths SEC(".maps");

VIGIL_SHARED struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16384); /* two policies' rules during a reload */
	__type(key, __u32);
	__type(value, __u64);
} allowed_writes SEC(".maps");

/* The allow-list walk's key and the dentries above the object (bpf/lib/policy.bpf.h). */
#define VIGIL_ALLOW_DEPTH 128 /* a power of two above VIGIL_ALLOW_PATH_MAX / 2: "/a" per component at least */
struct vigil_allow_scratch {
	__u64 stamp;	/* whose walk this is (bpf/lib/policy.bpf.h) */
	__u32 n;	/* dentries in up[] */
	__u32 len;	/* the path's bytes: "/" and a name per dentry */
	__u32 complete; /* the walk reached the filesystem's root */
	__u32 pad;
	struct vigil_allow_key key;
	char slack[256];	     /* a name's read at any offset below VIGIL_ALLOW_PATH_MAX stays in bounds */
	__u64 up[VIGIL_ALLOW_DEPTH]; /* struct dentry *, the object first */
};

VIGIL_SHARED struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct vigil_allow_scratch);
} allow_scratch SEC(".maps");

/* syscall number -> what it is; filled by userspace. */
VIGIL_SHARED struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, VIGIL_SYSCALL_SLOTS);
	__type(key, __u32);
	__type(value, struct vigil_syscall_desc);
} syscall_table SEC(".maps");

/* The same for 32-bit (i386) syscall numbers (--watch-ia32); filled by userspace. */
VIGIL_SHARED struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, VIGIL_SYSCALL_SLOTS);
	__type(key, __u32);
	__type(value, struct vigil_syscall_desc);
} syscall_table_ia32 SEC(".maps");

/*
 * Each container task's uids/gids as last seen (task storage: freed with the
 * task). A setuid-family call is compared against it at sys_exit, so no
 * sys_enter program is needed, and a call that changed nothing updates nothing.
 */
VIGIL_SHARED struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct cred_snapshot);
} cred_snapshots SEC(".maps");

/*
 * The executable's path as alerts carry it (reversed components), per task,
 * so a process writing in a loop does not walk the same dentries per event.
 * Dropped at exec.
 */
#define VIGIL_EXE_CACHE 512
struct exe_cache {
	__u32 len; /* 0: not filled yet */
	__u32 pad;
	char comps[VIGIL_EXE_CACHE];
};

VIGIL_SHARED struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct exe_cache);
} exe_paths SEC(".maps");

/*
 * drift-script: the script an interpreter was given at its exec, until
 * that thread opens it (or execs again). Task storage: freed with the task.
 */
struct drift_script {
	char base[VIGIL_SCRIPT_NAME]; /* first: compared as aligned words */
	__u8 any;		      /* a /proc/.../fd/N or /dev/fd/N path: the next open is the script */
};

VIGIL_SHARED struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct drift_script);
} drift_scripts SEC(".maps");

VIGIL_SHARED struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, VIGIL_MAX_DEDUP);
	__type(key, struct vigil_dedup_key);
	__type(value, struct vigil_dedup_state);
} cap_dedup SEC(".maps");

/*
 * vigil's own cgroup v2 id, written by the task iterator or vigil_whoami,
 * which run in vigil's context. /proc/self/cgroup cannot tell it in a private cgroup
 * namespace (a Kubernetes pod): there vigil's cgroup reads as "/".
 */
VIGIL_BSS(__u64, agent_cgroup_id);

/* Set by userspace before each run of vigil_dedup_tails: which windows to end now. */
VIGIL_BSS(__u64, tails_cgroup_id); /* a container that is gone */
VIGIL_BSS(__u32, tails_all);	   /* vigil stops */
/* What one run of vigil_dedup_take took (the fallback of vigil_dedup_tails). */
VIGIL_BSS(struct vigil_dedup_tail, tail_batch[VIGIL_TAIL_BATCH]);
VIGIL_BSS(__u32, tail_batch_len);
VIGIL_BSS(__u32, tails_dry_run); /* set for the start-up trial run: take nothing */

/* Load-time configuration (rodata, set between open and load). */
VIGIL_RODATA(__u64, cap_window_ns);
VIGIL_RODATA(__u64, wakeup_bytes);	 /* wake userspace once this much is queued */
VIGIL_RODATA(__u64, reserve_from_bytes); /* the ring's last quarter starts here (record__submit) */
VIGIL_RODATA(
	__u32,
	enforce); /* deny rootfs writes; __u32, not bool: clang turns a bool into -x, which the verifier cannot bound */
/* --drift: enum vigil_mode for containers without a policy rule; --drift-volumes: writable mounts judged */
VIGIL_RODATA(__u32, drift_mode);
VIGIL_RODATA(__u32, drift_volumes);
/* CLOCK_REALTIME - CLOCK_BOOTTIME, set by userspace after load: inode times against kernel clocks (drift) */
VIGIL_BSS(__s64, realtime_offset_ns);
VIGIL_BSS(__u32, consumer_asleep); /* userspace waits for a wakeup (events.c): the next record gives one */
/*
 * Text ranges [start, end) of the overcommit accounting functions, from
 * /proc/kallsyms (see bpf/capability.bpf.c); start 0: unknown.
 */
VIGIL_RODATA(struct vigil_ip_range, vm_probe_ips[VIGIL_VM_PROBE_FUNCS]);
/*
 * comm of an SSH server's exec ("sshd", "dropbear"...), NUL-padded to 16 bytes and held as two words
 * so the kernel compares integers, not strings; all zero past the last: posture's ssh-server
 */
VIGIL_RODATA(__u64, ssh_server_names[VIGIL_SSH_NAMES][2]);
/*
 * Interpreters by comm, the same way, with each name's length: "python"
 * also matches "python3" and "python3.11" (a digit or '.' after the name).
 */
VIGIL_RODATA(__u64, drift_interpreters[VIGIL_INTERPRETERS][2]);
VIGIL_RODATA(__u8, drift_interpreter_len[VIGIL_INTERPRETERS]);

#endif /* VIGIL_MAPS_BPF_H */
