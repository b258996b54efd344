/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Drift: a container runs only what its image shipped. An exec (or an
 * executable mapping: a library, ld.so running a file given as its
 * argument) is drift when the file
 *   - is on the container's root filesystem and the container wrote it
 *     after it started: opened for writing, truncated, or made executable
 *     (LSM backend) -- judged by what vigil saw, recorded here by inode, not
 *     by overlayfs's private layout, so a file merely copied up by chmod
 *     without +x, touch or chown stays the image's;
 *   - has no name: a memfd, an unlinked file, an O_TMPFILE never linked;
 *   - lives on a writable mount other than the root filesystem: a volume, a
 *     bind mount, a tmpfs (--drift-volumes off leaves these alone).
 * Read-only mounts are never drift: the container cannot have put anything
 * there. The programs: drift_lsm.bpf.c (decides before the exec, can deny)
 * and drift_tp.bpf.c (sched_process_exec: reports after the fact).
 */
#ifndef VIGIL_DRIFT_BPF_H
#define VIGIL_DRIFT_BPF_H

#include "alert.bpf.h"
#include "core_fixes.bpf.h"
#include "policy.bpf.h"
#include "uapi.bpf.h"

/* The container's drift mode: its policy rule's, else --drift. */
static __always_inline __u8 drift__mode_of(const struct vigil_container_policy *pol)
{
	return pol && pol->drift ? pol->drift : drift_mode;
}

static __always_inline __u64 realtime_ns(void)
{
	return bpf_ktime_get_boot_ns() + realtime_offset_ns;
}

/*
 * The container's tracking is full: said once (an alert, op
 * VIGIL_OP_DRIFT_FULL), and from now on a root filesystem file whose ctime
 * is later is judged drift without a record (drift__judge): the bound
 * costs false alarms, never a miss.
 */
static __always_inline void drift__full(struct vigil_drift_count *c)
{
	struct vigil_record *rec;

	if (!c || c->full_said)
		return;
	c->full_since_ns = realtime_ns();
	c->full_said = 1;
	rec = alert__begin(VIGIL_EV_DRIFT, VIGIL_OP_DRIFT_FULL);
	if (rec)
		alert__submit(rec);
}

/*
 * The current container wrote inode's content (or made it executable) on
 * its root filesystem. The first writer is kept. Recorded whatever the
 * container's mode is now (it may enforce after a reload), unless drift is
 * off everywhere. Called before the operation's own alert is begun:
 * drift__full may build a record.
 */
static __noinline void drift__wrote(const struct vigil_container_policy *pol, struct inode *inode)
{
	struct vigil_drift_count zero = {}, *c;
	struct vigil_drift_key key = {};
	struct vigil_drift_write w = {};
	struct task_struct *task;
	long err;

	if (!inode || (drift_mode == VIGIL_MODE_OFF && !pol))
		return;
	if ((BPF_CORE_READ(inode, i_mode) & VIGIL_S_IFMT) != VIGIL_S_IFREG)
		return;
	key.cgroup_id = bpf_get_current_cgroup_id();
	key.ino = BPF_CORE_READ(inode, i_ino);
	key.dev = BPF_CORE_READ(inode, i_sb, s_dev);
	if (bpf_map_lookup_elem(&drift_written, &key)) /* a log appended to: one lookup */
		return;
	c = bpf_map_lookup_elem(&drift_counts, &key.cgroup_id);
	if (!c) {
		bpf_map_update_elem(&drift_counts, &key.cgroup_id, &zero, BPF_NOEXIST);
		c = bpf_map_lookup_elem(&drift_counts, &key.cgroup_id);
	}
	if (c && c->files >= VIGIL_DRIFT_PER_CONTAINER) {
		drift__full(c);
		return;
	}
	task = bpf_get_current_task_btf();
	w.ts_ns = bpf_ktime_get_boot_ns();
	w.proc_start_ns = BPF_CORE_READ(task, group_leader, start_time);
	w.pid = task->tgid;
	bpf_get_current_comm(w.comm, sizeof(w.comm));
	err = bpf_map_update_elem(&drift_written, &key, &w, BPF_NOEXIST);
	if (err == -VIGIL_EEXIST) /* another thread, just now */
		return;
	if (err) { /* every container's bound together, or no memory */
		drift__full(c);
		return;
	}
	if (c)
		__sync_fetch_and_add(&c->files, 1);
}

/*
 * An exec to judge: a container process's, the runtime's last one included
 * (the entrypoint, a docker exec's command: it runs in the container's
 * mount namespace), not the runtime's own re-exec or mappings while it
 * still runs in its mount namespace (bpf/container.bpf.c).
 */
static __always_inline bool drift__judged(struct task_struct *task)
{
	__u32 tgid = task->tgid, *runtime_mntns;
	__u64 cgid;

	runtime_mntns = bpf_map_lookup_elem(&setup_procs, &tgid);
	if (runtime_mntns)
		return BPF_CORE_READ(task, nsproxy, mnt_ns, ns.inum) != *runtime_mntns;
	cgid = bpf_get_current_cgroup_id();
	return !bpf_map_lookup_elem(&fresh_cgroups, &cgid);
}

/* A file with no name: memfd_create's are called "memfd:<name>" (the only ones the kernel names so). */
static __always_inline bool drift__is_memfd(struct dentry *dentry)
{
	char name[6] = {};

	bpf_probe_read_kernel(name, sizeof(name), BPF_CORE_READ(dentry, d_name.name));
	return name[0] == 'm' && name[1] == 'e' && name[2] == 'm' && name[3] == 'f' && name[4] == 'd' && name[5] == ':';
}

/*
 * A read-only mount the runtime made: in the mount namespace the
 * container's root was taken in. One made later, in a namespace of the
 * container's own (unshare -Urm, a tmpfs written then remounted read-only),
 * proves nothing.
 */
static __always_inline bool drift__runtime_read_only(struct vfsmount *mnt, struct super_block *sb)
{
	__u64 cgid = bpf_get_current_cgroup_id(), *mntns;
	struct mnt_namespace *ns;

	if (!(BPF_CORE_READ(mnt, mnt_flags) & VIGIL_MNT_READONLY) && !(BPF_CORE_READ(sb, s_flags) & VIGIL_SB_RDONLY))
		return false;
	mntns = bpf_map_lookup_elem(&container_mntns, &cgid);
	/* none yet: the entrypoint's exec, in the namespace the runtime set up */
	ns = mntns ? (struct mnt_namespace *)*mntns : BPF_CORE_READ(bpf_get_current_task_btf(), nsproxy, mnt_ns);
	return mount_ns(mnt) == ns;
}

/* A bind mount of one file (Docker's /etc/hosts, /etc/resolv.conf; Kubernetes' /dev/termination-log). */
static __always_inline bool mount_of_a_file(struct vfsmount *mnt)
{
	return (BPF_CORE_READ(mnt, mnt_root, d_inode, i_mode) & VIGIL_S_IFMT) != VIGIL_S_IFDIR;
}

/*
 * Why running the file at (dentry, mnt) is drift for the current container
 * (VIGIL_DRIFT_NONE: it is not); *w: who wrote it.
 */
static __always_inline __u32 drift__judge(struct dentry *dentry, struct vfsmount *mnt, struct vigil_drift_write **w)
{
	struct inode *inode = BPF_CORE_READ(dentry, d_inode);
	struct super_block *sb = BPF_CORE_READ(inode, i_sb);
	struct vigil_drift_count *c;
	struct vigil_drift_key key = {};

	*w = NULL;
	if (!BPF_CORE_READ(inode, i_nlink))
		return drift__is_memfd(dentry) ? VIGIL_DRIFT_MEMFD : VIGIL_DRIFT_DELETED;
	if (sb == container_root_sb(bpf_get_current_task_btf())) {
		key.cgroup_id = bpf_get_current_cgroup_id();
		key.ino = BPF_CORE_READ(inode, i_ino);
		key.dev = BPF_CORE_READ(sb, s_dev);
		*w = bpf_map_lookup_elem(&drift_written, &key);
		if (*w)
			return VIGIL_DRIFT_WRITTEN;
		c = bpf_map_lookup_elem(&drift_counts, &key.cgroup_id);
		if (c && c->full_since_ns && inode_ctime_ns(inode) >= c->full_since_ns)
			return VIGIL_DRIFT_UNTRACKED;
		return VIGIL_DRIFT_NONE;
	}
	if (drift__runtime_read_only(mnt, sb))
		return VIGIL_DRIFT_NONE; /* nothing the container could have put there */
	if (BPF_CORE_READ(sb, s_magic) == VIGIL_TMPFS_MAGIC)
		return VIGIL_DRIFT_TMPFS; /* /tmp, /dev, /dev/shm: never a volume by design */
	if (!drift_volumes && !mount_of_a_file(mnt))
		return VIGIL_DRIFT_NONE;
	return VIGIL_DRIFT_VOLUME;
}

/*
 * The decision for running the file at (dentry, mnt) (op VIGIL_OP_EXEC or
 * VIGIL_OP_MMAP) in the current container: an alert when it is drift, and
 * -EPERM where can_deny (an LSM hook) and the container's mode enforces.
 * Returns 0 or -EPERM.
 */
static __always_inline int drift__run(struct dentry *dentry, struct vfsmount *mnt, __u16 op, __u32 prot, bool can_deny)
{
	struct task_struct *task = bpf_get_current_task_btf();
	const struct vigil_container_policy *pol;
	struct vigil_drift_write *w, wcopy = {};
	struct vigil_record *rec;
	struct inode *inode;
	__u32 reason;
	__u8 *state, mode;
	bool deny;

	state = current_container();
	if (!state || !dentry || !mnt)
		return 0;
	pol = policy__current();
	mode = drift__mode_of(pol);
	if (mode == VIGIL_MODE_OFF || !drift__judged(task))
		return 0;
	reason = drift__judge(dentry, mnt, &w);
	if (reason == VIGIL_DRIFT_NONE)
		return 0;
	if (op == VIGIL_OP_SCRIPT) /* found: the interpreter's expectation is used up */
		bpf_task_storage_delete(&drift_scripts, task);
	if (w) /* map memory: copied before the record takes the scratch */
		bpf_probe_read_kernel(&wcopy, sizeof(wcopy), w);
	/* as for rootfs writes: deny only in cgroups userspace classified as containers */
	deny = can_deny && mode == VIGIL_MODE_ENFORCE && *state == VIGIL_CG_CONTAINER;
	rec = alert__begin(VIGIL_EV_DRIFT, op);
	if (rec) {
		inode = BPF_CORE_READ(dentry, d_inode);
		rec->syscall_nr = current_syscall_nr();
		rec->drift.ino = BPF_CORE_READ(inode, i_ino);
		rec->drift.dev = BPF_CORE_READ(inode, i_sb, s_dev);
		rec->drift.reason = reason;
		rec->drift.prot = prot;
		rec->drift.written_ns = wcopy.ts_ns;
		rec->drift.writer_start_ns = wcopy.proc_start_ns;
		rec->drift.writer_pid = wcopy.pid;
		__builtin_memcpy(rec->drift.writer_comm, wcopy.comm, sizeof(wcopy.comm));
		if (reason == VIGIL_DRIFT_MEMFD) /* no path, its name ("memfd:NAME") says what it is */
			record__append_str(rec, VIGIL_S_STR0, BPF_CORE_READ(dentry, d_name.name), false);
		else
			record__append_path(rec, VIGIL_S_OBJECT, dentry, mnt);
		if (deny) {
			rec->flags |= VIGIL_F_DENIED;
			alert__set_outcome(rec, rec->syscall_nr, -VIGIL_EPERM);
		} else if (!can_deny) { /* sched_process_exec: the program runs */
			alert__set_outcome(rec, rec->syscall_nr, 0);
		}
		alert__submit(rec);
	}
	return deny ? -VIGIL_EPERM : 0;
}

/*
 * drift-script. `sh /tmp/x.sh` execs the image's sh, which then opens the
 * script: what runs is the script, and the exec alone cannot judge it (the
 * kernel holds no path to look up in BPF). So at an interpreter's exec the
 * script argument's base name is kept for that thread, and the thread's next
 * open of a file by that name is judged like an exec (drift__judge), as a
 * lower-severity finding that is never denied: the name is a guess at what
 * the interpreter will read (docs/drift.md says what it cannot see).
 */

/* name (NUL-padded) is an interpreter's: one in drift_interpreters, then NUL, a digit or '.'. */
static __always_inline bool drift__is_interpreter(const union vigil_comm *name)
{
	__u64 m0, m1;
	__u8 len;
	char next;

	for (int i = 0; i < VIGIL_INTERPRETERS; i++) {
		len = drift_interpreter_len[i];
		if (!len || len >= VIGIL_COMM_LEN)
			return false;
		/* the name's bytes of each word (little-endian: the low bytes come first) */
		m0 = len >= 8 ? ~0ull : (1ull << (len * 8)) - 1;
		m1 = len <= 8 ? 0 : (1ull << ((len - 8) * 8)) - 1;
		if ((name->w[0] & m0) != drift_interpreters[i][0] || (name->w[1] & m1) != drift_interpreters[i][1])
			continue;
		next = name->c[len & (VIGIL_COMM_LEN - 1)];
		if (!next || next == '.' || (next >= '0' && next <= '9'))
			return true;
	}
	return false;
}

/*
 * busybox: a multi-call binary, whose first argument names the program
 * (busybox sh x.sh). busybox takes any name it is run by that begins so
 * (busybox-x, and busybox busybox sh).
 */
static __always_inline bool drift__is_busybox(const union vigil_comm *name)
{
	const union vigil_comm busybox = { .c = "busybox" };

	return (name->w[0] & 0x00ffffffffffffffull) == busybox.w[0];
}

/*
 * The exec's file is one of the image's interpreters, whatever name ran it:
 * userspace found the container's (user/kernel/drift_map.c).
 */
static __always_inline bool drift__interpreter_file(struct task_struct *task, struct file *exe)
{
	struct inode *inode = BPF_CORE_READ(exe, f_inode);
	struct vigil_drift_key key = {};

	if (!inode || BPF_CORE_READ(inode, i_sb) != container_root_sb(task))
		return false;
	key.cgroup_id = bpf_get_current_cgroup_id();
	key.ino = BPF_CORE_READ(inode, i_ino);
	return bpf_map_lookup_elem(&drift_interpreter_inodes, &key);
}

#define VIGIL_SCRIPT_ARGS 4   /* argv[1..] looked at for the script */
#define VIGIL_SCRIPT_ARG  128 /* bytes of one argument read */

static __always_inline bool starts_with(const char *a, const char *p, int n)
{
	for (int i = 0; i < n; i++)
		if (a[i] != p[i])
			return false;
	return true;
}

/*
 * The number at a[from..] up to its NUL (at most 10 digits: a descriptor
 * can be as high as fs.nr_open, 1073741816 under systemd), else -1.
 */
static __always_inline int fd_number(const char *a, int from)
{
	__u64 fd = 0;

	for (int i = 0; i < 11; i++) {
		char c = a[(from + i) & (VIGIL_SCRIPT_ARG - 1)];

		if (!c)
			return i && fd <= 0x7fffffff ? (int)fd : -1;
		if (c < '0' || c > '9')
			return -1;
		fd = fd * 10 + (c - '0');
	}
	return -1;
}

/*
 * The argument is this process's descriptor written the usual way
 * (/dev/fd/N, /proc/self/fd/N, /proc/thread-self/fd/N): the file the exec
 * kept is the script, and nothing else is.
 */
static __always_inline bool own_fd_path(const char *a)
{
	return (starts_with(a, "/dev/fd/", 8) && fd_number(a, 8) >= 0) ||
	       (starts_with(a, "/proc/self/fd/", 14) && fd_number(a, 14) >= 0) ||
	       (starts_with(a, "/proc/thread-self/fd/", 21) && fd_number(a, 21) >= 0);
}

/*
 * Where the base name of the path in arg (n bytes with its NUL) starts.
 * Searched backwards for the last '/', stopping there: one path through the
 * loop per length, where a forward search would hand the verifier a state
 * per position of the last slash so far.
 */
static __always_inline int base_name(const char *arg, long n)
{
	for (int j = 0; j < VIGIL_SCRIPT_ARG; j++) {
		long i = n - 2 - j;

		if (i < 0)
			return 0;
		if (arg[i & (VIGIL_SCRIPT_ARG - 1)] == '/')
			return (i + 1) & (VIGIL_SCRIPT_ARG - 1);
	}
	return 0;
}

/*
 * The base name of argv[0] (n bytes with its NUL), NUL-padded, as a comm
 * would be; a login shell's leading '-' dropped (exec -a -sh).
 */
static __always_inline void arg_name(union vigil_comm *name, const char *arg, long n)
{
	int b = base_name(arg, n);

	if (arg[b & (VIGIL_SCRIPT_ARG - 1)] == '-')
		b++;
	__builtin_memset(name, 0, sizeof(*name));
	bpf_probe_read_kernel_str(name->c, sizeof(name->c), &arg[b & (VIGIL_SCRIPT_ARG - 1)]);
}

/*
 * At an exec in a judged container process: keep an interpreter's script
 * argument, or drop a stale one. An interpreter by its file (one of the
 * image's, under any name: a hard link, a rename, a symlink), by its comm
 * (the name the exec gave), by argv[0] (busybox re-executes itself as
 * /proc/self/exe with argv[0] "sh"; `exec -a` renames the other way), or by
 * busybox's first argument (busybox sh x.sh).
 */
static __always_inline void drift__script_expect(struct task_struct *task, struct file *exe)
{
	unsigned long p = BPF_CORE_READ(task, mm, arg_start), end = BPF_CORE_READ(task, mm, arg_end);
	union vigil_comm name = {};
	char arg[VIGIL_SCRIPT_ARG];
	struct drift_script *s;
	bool interp, applet = false;
	struct file *file;
	long n;
	int fd, b;

	bpf_task_storage_delete(&drift_scripts, task);
	if (drift__mode_of(policy__current()) == VIGIL_MODE_OFF)
		return;
	comm__current(&name);
	interp = drift__is_interpreter(&name) || drift__interpreter_file(task, exe);
	for (int i = 0; i <= VIGIL_SCRIPT_ARGS && p < end; i++) {
		n = bpf_probe_read_user_str(arg, sizeof(arg), (void *)p);
		if (n <= 0)
			return;
		p += n;
		if (!i || applet) {
			if (!interp) {
				arg_name(&name, arg, n);
				applet = drift__is_busybox(&name);
				interp = drift__is_interpreter(&name);
				if (!interp && !applet)
					return;
			}
			continue;
		}
		/*
		 * An option. One whose value is code (sh -c CODE, python -c/-m,
		 * perl -e) leaves CODE as the "script": a name no open has. Not
		 * told apart: sh -e FILE is a script with an option.
		 */
		if (arg[0] == '-' || arg[0] == '+')
			continue;
		/*
		 * A base name that is a number N, with descriptor N open on a
		 * regular file: that file is judged here and now (python
		 * /dev/fd/3 3<x: the exec kept it, and a dynamically linked
		 * interpreter opens ld.so.cache before it). By the base name, so
		 * /dev/fd/./3, //dev/fd/3 and /proc/self/fd/../fd/3 are the same.
		 * A pipe (bash <(curl ...)) is as standard input: not judged.
		 */
		b = base_name(arg, n);
		fd = fd_number(arg, b);
		file = fd >= 0 ? task_fd_file(task, fd) : NULL;
		if (file && (BPF_CORE_READ(file, f_inode, i_mode) & VIGIL_S_IFMT) == VIGIL_S_IFREG)
			drift__run(BPF_CORE_READ(file, f_path.dentry), BPF_CORE_READ(file, f_path.mnt), VIGIL_OP_SCRIPT,
				   0, false);
		s = bpf_task_storage_get(&drift_scripts, task, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
		if (!s)
			return;
		/*
		 * Another process's descriptor (/proc/PID/fd/N, /proc/PID/task/TID/fd/N,
		 * any spelling under /proc with a number for base name): the next
		 * open, when the interpreter is static. Any other path,
		 * /proc/self/cwd/x.py included, is awaited by its base name; so is
		 * "N" of this process's own (/dev/fd/N): a /dev/fd the container
		 * replaced with a directory holds a file of that name, while the
		 * real descriptor was judged above.
		 */
		s->any = fd >= 0 && !own_fd_path(arg) && starts_with(arg, "/proc/", 6);
		bpf_probe_read_kernel_str(s->base, sizeof(s->base), &arg[b]);
		return;
	}
}

/* The current thread's awaited script (NULL, nearly always: one task-storage lookup). */
static __always_inline struct drift_script *drift__script_awaited(void)
{
	return bpf_task_storage_get(&drift_scripts, bpf_get_current_task_btf(), 0, 0);
}

/*
 * The thread awaiting script s opened file: judged when it is the script, by
 * name. A match that is no drift keeps the expectation (drift__run drops it
 * on a finding): an image file of the script's name opened first
 * (python reads its site.py before /tmp/site.py) must not use it up.
 */
static __always_inline void drift__script_opened(struct drift_script *s, struct file *file)
{
	union {
		char c[VIGIL_SCRIPT_NAME];
		__u64 w[VIGIL_SCRIPT_NAME / 8];
	} name = {}, *want = (void *)s->base;
	struct dentry *dentry;

	/*
	 * overlayfs opens the layer's file beneath the container's own open, in
	 * the same thread, on a private mount: the open above is the one judged.
	 */
	if (!file || mount_is_internal(BPF_CORE_READ(file, f_path.mnt)))
		return;
	dentry = BPF_CORE_READ(file, f_path.dentry);
	if (s->any) { /* /dev/fd/N: the next open is the script, whatever it is */
		bpf_task_storage_delete(&drift_scripts, bpf_get_current_task_btf());
	} else {
		/* both NUL-padded (s is zeroed at its creation): compared a word at a time */
		bpf_probe_read_kernel_str(name.c, sizeof(name.c), BPF_CORE_READ(dentry, d_name.name));
		for (int i = 0; i < VIGIL_SCRIPT_NAME / 8; i++)
			if (name.w[i] != want->w[i])
				return; /* the interpreter's own files (libraries, ld.so.cache, its config) */
	}
	drift__run(dentry, BPF_CORE_READ(file, f_path.mnt), VIGIL_OP_SCRIPT, 0, false);
}

#endif /* VIGIL_DRIFT_BPF_H */
