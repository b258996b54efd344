/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ABI between vigil's BPF programs and its userspace: every record on the
 * ring buffer starts with struct vigil_record. Fixed-width fields only, no
 * kernel types, explicit padding: this header is compiled by clang -target bpf
 * and by the host compiler and both must agree byte for byte.
 */
#ifndef VIGIL_EVENT_H
#define VIGIL_EVENT_H

#ifdef __VMLINUX_H__
/* BPF side: vmlinux.h already provides __u8 … __u64. */
#else
#include <linux/types.h>
#endif

enum vigil_record_kind {
	/* Alerts: one per detection. */
	VIGIL_EV_ROOTFS_WRITE = 1,
	VIGIL_EV_SETUID,
	VIGIL_EV_MOUNT,
	VIGIL_EV_CAPABILITY,
	/* Bookkeeping: cgroup lifetime, never printed as alerts. */
	VIGIL_EV_CGROUP_MKDIR,
	VIGIL_EV_CGROUP_RMDIR,
	VIGIL_EV_ENTRYPOINT, /* a container process left the runtime's setup */
	/* Posture during the container's life (user/pipeline/container_start.c writes them). */
	VIGIL_EV_SSH_SERVER, /* an exec of an SSH server, by name (bpf/posture.bpf.h) */
	/* An alert: a container ran code its image did not ship (bpf/drift.bpf.h). */
	VIGIL_EV_DRIFT,
	VIGIL_EV_KIND_MAX,
};

/* What a watched syscall is, as told to the BPF side by userspace. */
enum vigil_op {
	VIGIL_OP_NONE = 0,
	VIGIL_OP_OPEN,	  /* flags in an argument */
	VIGIL_OP_OPENAT2, /* flags inside struct open_how */
	VIGIL_OP_CREAT,
	VIGIL_OP_MKDIR,
	VIGIL_OP_RMDIR,
	VIGIL_OP_UNLINK,
	VIGIL_OP_RENAME,
	VIGIL_OP_LINK,
	VIGIL_OP_SYMLINK,
	VIGIL_OP_MKNOD,
	VIGIL_OP_CHMOD,
	VIGIL_OP_CHOWN,
	VIGIL_OP_TRUNCATE,
	VIGIL_OP_SETXATTR,
	VIGIL_OP_REMOVEXATTR,
	/* uid/gid changes */
	VIGIL_OP_SETID,	   /* setuid / setgid */
	VIGIL_OP_SETREID,  /* setreuid / setregid */
	VIGIL_OP_SETRESID, /* setresuid / setresgid */
	VIGIL_OP_SETFSID,  /* setfsuid / setfsgid */
	VIGIL_OP_SETGROUPS,
	VIGIL_OP_EXEC_SETID, /* exec of a set-user-ID / set-group-ID file */
	/* mounts */
	VIGIL_OP_MOUNT,
	VIGIL_OP_UMOUNT,
	VIGIL_OP_PIVOT_ROOT,
	VIGIL_OP_MOVE_MOUNT,
	VIGIL_OP_FSOPEN,
	VIGIL_OP_FSCONFIG,
	VIGIL_OP_FSMOUNT,
	VIGIL_OP_OPEN_TREE,
	/* a uid/gid change found at fork or exit that no watched call made (a 32-bit setuid32, say) */
	VIGIL_OP_SETID_UNSEEN,
	VIGIL_OP_FILE_SETATTR, /* file_setattr: inode flags (immutable, append-only), project id */
	/* drift */
	VIGIL_OP_EXEC,	     /* the program an exec runs (a script itself, then its interpreter) */
	VIGIL_OP_MMAP,	     /* an executable mapping of a file (a library, ld.so's target) */
	VIGIL_OP_DRIFT_FULL, /* the container's written files exceed the bound: later ones are not tracked */
	VIGIL_OP_SCRIPT,     /* an interpreter opened the script it was given (drift-script: reported, never denied) */
	VIGIL_OP_MAX,
};

#define VIGIL_ARG_NONE	    (-1)
#define VIGIL_NSTR	    3
/* SSH server names the kernel knows an exec by (rodata ssh_server_names; user/posture/posture.c). */
#define VIGIL_SSH_NAMES	    6
#define VIGIL_COMM_LEN	    16
/* Interpreters whose script argument is judged (rodata drift_interpreters; user/detect/drift.c). */
#define VIGIL_INTERPRETERS  16
/* A script argument's base name, as kept until the interpreter opens it (bpf/drift.bpf.h). */
#define VIGIL_SCRIPT_NAME   64
/* Slots of the BPF syscall table, indexed by syscall number (x86-64 numbers stay below it). */
#define VIGIL_SYSCALL_SLOTS 512

/*
 * One entry per syscall number in the BPF array map `syscall_table`.
 * Userspace fills it from <asm/unistd.h>, so the BPF side holds no syscall
 * numbers and the per-syscall argument layout is data, not code.
 */
struct vigil_syscall_desc {
	__u8 action;		      /* enum vigil_record_kind, 0: unwatched */
	__u8 op;		      /* enum vigil_op */
	__s8 fd_arg;		      /* the object is this fd (fchmod, ...) */
	__s8 flags_arg;		      /* open flags / mount flags */
	__s8 str_arg[VIGIL_NSTR];     /* user strings, VIGIL_ARG_NONE if absent */
	__s8 dirfd_arg[VIGIL_NSTR];   /* dirfd the string is relative to */
	__u8 str_is_path[VIGIL_NSTR]; /* resolve the string's base directory */
	__u8 uid_not_gid;	      /* setuid family: 1 uid, 0 gid */
	__u8 cap_probe;		      /* enum vigil_cap_probe */
	__s8 mode_arg;		      /* chmod: the new mode */
	__s8 owner_arg;		      /* chown: the new uid; the gid is the next argument */
	__u8 pad[3];
};

/*
 * Capability checks the kernel makes as probes inside a syscall, not uses by
 * the process (see bpf/capability.bpf.c); marked per syscall number.
 */
enum vigil_cap_probe {
	VIGIL_CAP_PROBE_NONE = 0,
	VIGIL_CAP_PROBE_SETID, /* setid calls ask CAP_SETUID/CAP_SETGID even when a no-op */
};

/* A kernel text range [start, end), rodata vm_probe_ips (bpf/capability.bpf.c). */
struct vigil_ip_range {
	__u64 start;
	__u64 end;
};

#define VIGIL_VM_PROBE_FUNCS 2

/* A string inside struct vigil_record.data. */
struct vigil_str {
	__u16 off;
	__u16 len;
};

/*
 * Strings captured from kernel dentries are written leaf first as
 * NUL-separated components ("b\0a\0" for /a/b): the BPF side walks from the
 * dentry up to the task's root and userspace reverses the order.
 */
enum vigil_str_form {
	VIGIL_STR_RAW = 0,    /* bytes as the process passed them, or d_path's absolute path */
	VIGIL_STR_COMPONENTS, /* reversed path components, see above */
};

/* vigil_record.flags */
#define VIGIL_F_DENIED	       (1u << 0)  /* blocked by vigil (--enforce) */
#define VIGIL_F_TRUNCATED      (1u << 1)  /* a string hit its bound */
#define VIGIL_F_OBJ_ON_ROOT    (1u << 2)  /* object's mount is the task's root mount (exact) */
#define VIGIL_F_OBJ_KNOWN      (1u << 3)  /* VIGIL_F_OBJ_ON_ROOT is meaningful */
#define VIGIL_F_BASE_ON_ROOT   (1u << 4)  /* str[0]'s base directory is on the root mount */
#define VIGIL_F_OUTCOME_KNOWN  (1u << 5)  /* ret holds the syscall's result */
#define VIGIL_F_WINDOW_END     (1u << 6)  /* capability: checks folded after the key's last alert */
#define VIGIL_F_IO_URING       (1u << 7)  /* submitted to an io_uring (file.uring_opcode), not a syscall */
#define VIGIL_F_IA32	       (1u << 8)  /* a 32-bit syscall: syscall_nr is an i386 number */
#define VIGIL_F_UNRESOLVED     (1u << 9)  /* the object could not be resolved: reported, not judged */
#define VIGIL_F_MODE	       (1u << 10) /* file.mode holds chmod's new mode */
#define VIGIL_F_OWNER	       (1u << 11) /* file.uid and file.gid hold chown's new owner */
#define VIGIL_F_INODE	       (1u << 12) /* file.ino and file.dev name the object */
#define VIGIL_F_POLICY_PENDING (1u << 13) /* decided under the policy's pending rule: the container's was not placed */

/* Which struct vigil_record.str[] slot holds what. */
enum vigil_str_slot {
	VIGIL_S_EXE = 0, /* process executable (components) */
	VIGIL_S_ARGS,	 /* argv, NUL-separated (raw) */
	VIGIL_S_STR0,	 /* syscall string arguments (raw); LSM hooks: their paths */
	VIGIL_S_STR1,
	VIGIL_S_STR2,
	VIGIL_S_BASE0,	    /* base dir of STR0 when relative (components) */
	VIGIL_S_BASE1,	    /* base dir of STR1 when relative (components) */
	VIGIL_S_OBJECT,	    /* resolved object (fd or opened file; components or d_path) */
	VIGIL_S_CGROUP,	    /* cgroup path (raw), bookkeeping records */
	VIGIL_S_PARENT_EXE, /* the parent's executable (components), whole or absent */
	VIGIL_S_CWD,	    /* the working directory (components), whole or absent */
	VIGIL_S_MAX,
};

/* The namespaces a container's posture compares with the host's: posture.ns[] and /proc/PID/ns. */
enum vigil_ns {
	VIGIL_NS_MNT = 0,
	VIGIL_NS_NET,
	VIGIL_NS_PID,
	VIGIL_NS_IPC,
	VIGIL_NS_UTS,
	VIGIL_NS_CGROUP,
	VIGIL_NS_USER,
	VIGIL_NS_MAX,
};

/* Why an executable is drift: struct vigil_record.drift.reason. */
enum vigil_drift_reason {
	VIGIL_DRIFT_NONE = 0,
	VIGIL_DRIFT_WRITTEN,   /* on the root filesystem, written by the container after it started */
	VIGIL_DRIFT_MEMFD,     /* memfd_create: a file that never had a path */
	VIGIL_DRIFT_DELETED,   /* no name left (unlinked, or O_TMPFILE never linked) */
	VIGIL_DRIFT_VOLUME,    /* a writable mount other than the root filesystem */
	VIGIL_DRIFT_TMPFS,     /* a writable tmpfs (/tmp, /dev/shm, an emptyDir in memory) */
	VIGIL_DRIFT_UNTRACKED, /* on the root filesystem, changed after the container's tracking was full */
	VIGIL_DRIFT_REASON_MAX,
};

/*
 * A file a container wrote on its root filesystem (drift_written), by the
 * overlay inode the container sees: the inode number survives rename and
 * copy-up, and a cgroup id is never reused while the machine runs.
 */
struct vigil_drift_key {
	__u64 cgroup_id;
	__u64 ino;
	__u32 dev;
	__u32 pad;
};

/* Who wrote it, first: the drift alert's vigil.drift.writer. */
struct vigil_drift_write {
	__u64 ts_ns;
	__u64 proc_start_ns;
	__u32 pid;
	__u32 pad;
	char comm[16];
};

/*
 * drift_counts: per container, how many files drift_written holds, and
 * since when (CLOCK_REALTIME ns) it holds no more: a file changed after
 * that is judged by its ctime instead (VIGIL_DRIFT_UNTRACKED).
 */
struct vigil_drift_count {
	__u32 files;
	__u32 full_said;
	__u64 full_since_ns;
};

#define VIGIL_DRIFT_PER_CONTAINER    4096  /* written files tracked per container */
#define VIGIL_DRIFT_MAX_FILES	     65536 /* for all containers together */
/*
 * drift_interpreter_inodes: the image's interpreters of each container, by inode
 * (key: vigil_drift_key, dev 0: the exec's file is checked to be on the
 * container's root filesystem), so a hard link, a rename or a symlink of
 * /usr/bin/python3 is still an interpreter (drift-script).
 */
#define VIGIL_DRIFT_MAX_INTERPRETERS 8192

struct vigil_ids {
	__u32 ruid, euid, suid, fsuid;
	__u32 rgid, egid, sgid, fsgid;
};

/* A container task's ids as last seen (the cred_snapshots task storage). */
struct cred_snapshot {
	struct vigil_ids ids;
	__u32 ngroups;
	__u32 pad;
};

#define VIGIL_DATA_SIZE 16384
#define VIGIL_ARGS_MAX	1024 /* bytes of argv a record keeps */
#define VIGIL_DATA_MASK (VIGIL_DATA_SIZE - 1)

struct vigil_record {
	__u16 kind;  /* enum vigil_record_kind */
	__u16 op;    /* enum vigil_op */
	__u32 flags; /* VIGIL_F_* */
	__u64 ts_ns; /* bpf_ktime_get_boot_ns() */
	__u64 cgroup_id;
	__u64 proc_start_ns; /* the process's start (its leader's start_time): with pid, process.entity_id */
	__s64 ret;	     /* syscall return value */
	__u32 pid;	     /* tgid */
	__u32 tid;
	__u32 ppid;
	__u32 syscall_nr;
	__u32 uid; /* effective uid at the event */
	__u32 gid;
	char comm[16];
	union {
		struct {
			__u64 flags; /* open / mount flags */
			__u32 mode;
			__u32 uring_opcode; /* IORING_OP_*, with VIGIL_F_IO_URING */
			__u64 ino;	    /* with VIGIL_F_INODE */
			__u32 dev;	    /* the superblock's s_dev (kernel dev_t: major << 20 | minor) */
			__u32 uid;	    /* with VIGIL_F_OWNER; (u32)-1: left as it was */
			__u32 gid;
			__u32 pad;
		} file;
		struct {
			struct vigil_ids before;
			struct vigil_ids after;
			__u32 ngroups_before;
			__u32 ngroups_after;
		} setid;
		struct {
			__u64 flags;
		} mount;
		struct {
			__u32 cap;
			__u32 granted;
			__u64 count;   /* checks since the previous alert of this key */
			__u64 exe_ino; /* the executable: with cgroup_id, cap and granted */
			__u32 exe_dev; /* the dedup key (include/cap_dedup.h) */
			__u32 pad;
		} cap;
		struct {
			__u32 level;
			__u32 pad;
		} cgroup;
		/* VIGIL_EV_ENTRYPOINT: the container's posture as the kernel gave it (bpf/posture.bpf.h) */
		struct {
			__u64 cap_bset; /* the bounding set: every capability the container can ever hold */
			__u64 cap_eff;
			__u32 ns[VIGIL_NS_MAX]; /* namespace inode numbers */
			__u32 userns_level;	/* 0: the initial user namespace (uid is then the host's) */
			__u32 pidns_level;
			__s32 seccomp_mode; /* SECCOMP_MODE_*: 0 disabled */
			__u8 no_new_privs;
			__u8 root_readonly; /* the root mount or its superblock is read-only */
			__u8 first_exec;    /* the container's first entrypoint: its start, not a docker exec */
			__u8 pad[5];
		} posture;
		/* VIGIL_EV_DRIFT: the program (file.*) and why it is drift */
		struct {
			__u64 ino;
			__u32 dev;
			__u32 reason;	       /* enum vigil_drift_reason */
			__u64 written_ns;      /* when vigil saw the write (VIGIL_DRIFT_WRITTEN) */
			__u64 writer_start_ns; /* the writer's process start: with writer_pid, its entity id */
			__u32 writer_pid;      /* 0: not known */
			__u32 prot;	       /* VIGIL_OP_MMAP: the mapping's protection */
			char writer_comm[16];
		} drift;
	};
	struct vigil_str str[VIGIL_S_MAX];
	__u8 str_form[VIGIL_S_MAX]; /* enum vigil_str_form */
	__u8 pad2[(8 - (VIGIL_S_MAX % 8)) % 8];
	__u32 data_len;
	__u32 pad3;
	char data[VIGIL_DATA_SIZE];
};

#define VIGIL_RECORD_HDR_SIZE (sizeof(struct vigil_record) - VIGIL_DATA_SIZE)

/* `containers` map values. */
enum vigil_cgroup_state {
	VIGIL_CG_CANDIDATE = 1, /* created since start, not yet classified */
	VIGIL_CG_CONTAINER = 2, /* classified by userspace as a container */
};

#endif /* VIGIL_EVENT_H */
