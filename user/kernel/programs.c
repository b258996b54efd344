// SPDX-License-Identifier: GPL-2.0
#include <string.h>
#include "programs.h"

#define D(x) (1u << DET_##x)

#define CORE(n, why)                                        \
	{                                                   \
		n, PROG_CORE, ON_BOTH, 0, false, why, false \
	}
/* Tracepoint backend: what the syscall tracepoints miss; without vigil_sys_exit they are no detection. */
#define TP_SUPPLEMENT(n, det, why)                                      \
	{                                                               \
		n, PROG_DETECTION, ON_TRACEPOINT, det, false, why, true \
	}
#define LSM_ROOTFS(n)                                                                                         \
	{                                                                                                     \
		n, PROG_DETECTION, ON_LSM, D(ROOTFS_WRITE), true,                                             \
			"rootfs-write degraded: the writes this hook sees are neither reported nor blocked; " \
			"--enforce refuses to start",                                                         \
			false                                                                                 \
	}
/* A rootfs hook that also records what the container wrote, for drift (bpf/drift.bpf.h: drift__wrote). */
#define LSM_ROOTFS_RECORDS(n)                                                                                 \
	{                                                                                                     \
		n, PROG_DETECTION, ON_LSM, D(ROOTFS_WRITE) | D(DRIFT), true,                                  \
			"rootfs-write degraded: the writes this hook sees are neither reported nor blocked; " \
			"--enforce refuses to start; drift degraded: those writes are not recorded",          \
			false                                                                                 \
	}
#define LSM_HOOK(n, det, what)                                        \
	{                                                             \
		n, PROG_DETECTION, ON_LSM, D(det), false, what, false \
	}

const struct prog_spec prog_specs[] = {
	CORE("vigil_cgroup_mkdir", "vigil exits: new containers could not be told from the host"),
	CORE("vigil_cgroup_rmdir", "vigil exits: removed containers would stay watched"),
	CORE("vigil_cgroup_attach_task", "vigil exits: the runtime's setup could not be told from the container"),
	CORE("vigil_process_fork", "vigil exits: new container processes would not be tracked"),
	CORE("vigil_process_exec", "vigil exits: the runtime's setup would never end"),
	CORE("vigil_process_exit", "vigil exits: setup state would outlive its processes"),
	{ "vigil_snapshot_tasks", PROG_OPTIONAL, ON_BOTH, 0, false,
	  "vigil_whoami tells vigil its cgroup and a /proc walk snapshots the credentials of the processes "
	  "that run at start (thread-group leaders only)",
	  false },
	{ "vigil_whoami", PROG_OPTIONAL, ON_BOTH, 0, false,
	  "not needed while the task iterator loads; without both, vigil's cgroup comes from /proc/self/cgroup",
	  false },
	{ "vigil_dedup_tails", PROG_OPTIONAL, ON_BOTH, 0, false,
	  "vigil_dedup_take (BPF_PROG_TEST_RUN over cap_dedup) takes the folded counts, exactly as the iterator does",
	  false },
	{ "vigil_dedup_take", PROG_OPTIONAL, ON_BOTH, 0, false,
	  "not needed while the map iterator loads; without both, the checks folded after a key's last alert are not "
	  "reported (alerts still carry the counts folded before them)",
	  false },
	{ "vigil_cap_capable", PROG_DETECTION, ON_BOTH, D(CAPABILITY), false,
	  "with the LSM backend lsm/capable reports granted checks only; otherwise capability is unavailable", false },
	{ "vigil_lsm_capable", PROG_DETECTION, ON_LSM, D(CAPABILITY), false,
	  "capability unavailable (used only where the kernel has no cap_capable tracepoint)", false },
	{ "vigil_sys_exit", PROG_DETECTION, ON_TRACEPOINT, D(ROOTFS_WRITE) | D(SETUID) | D(MOUNT) | D(DRIFT), false,
	  "rootfs-write, setuid and mount unavailable on the tracepoint backend; drift degraded: files the "
	  "container writes are not recorded (written-after-start)",
	  false },
	TP_SUPPLEMENT("vigil_sys_exit_ia32", D(ROOTFS_WRITE) | D(SETUID) | D(MOUNT),
		      "rootfs-write, setuid and mount degraded: 32-bit syscalls are not seen (--watch-ia32)"),
	/* io_uring_submit_req since 6.4, io_uring_submit_sqe before: the loader wants the one the kernel has */
	TP_SUPPLEMENT("vigil_io_uring_submit", D(ROOTFS_WRITE),
		      "rootfs-write degraded: file operations submitted to an io_uring are not seen"),
	TP_SUPPLEMENT("vigil_io_uring_submit_sqe", D(ROOTFS_WRITE),
		      "rootfs-write degraded: file operations submitted to an io_uring are not seen"),
	LSM_ROOTFS_RECORDS("vigil_lsm_file_open"),
	LSM_ROOTFS("vigil_lsm_path_mknod"),
	LSM_ROOTFS("vigil_lsm_path_mkdir"),
	LSM_ROOTFS("vigil_lsm_path_rmdir"),
	LSM_ROOTFS("vigil_lsm_path_unlink"),
	LSM_ROOTFS("vigil_lsm_path_symlink"),
	LSM_ROOTFS("vigil_lsm_path_link"),
	LSM_ROOTFS("vigil_lsm_path_rename"),
	LSM_ROOTFS_RECORDS("vigil_lsm_path_truncate"),
	LSM_ROOTFS_RECORDS("vigil_lsm_file_truncate"),
	LSM_ROOTFS_RECORDS("vigil_lsm_path_chmod"),
	LSM_ROOTFS("vigil_lsm_path_chown"),
	LSM_ROOTFS("vigil_lsm_inode_setxattr"),
	LSM_ROOTFS("vigil_lsm_inode_removexattr"),
	LSM_ROOTFS("vigil_lsm_inode_set_acl"),
	LSM_ROOTFS("vigil_lsm_inode_remove_acl"),
	LSM_HOOK("vigil_lsm_task_fix_setuid", SETUID, "setuid degraded: uid changes are not seen"),
	LSM_HOOK("vigil_lsm_task_fix_setgid", SETUID, "setuid degraded: gid changes are not seen"),
	LSM_HOOK("vigil_lsm_task_fix_setgroups", SETUID, "setuid degraded: setgroups is not seen"),
	{ "vigil_drift_exec", PROG_DETECTION, ON_TRACEPOINT, D(DRIFT), false,
	  "drift unavailable on the tracepoint backend", false },
	{ "vigil_drift_script_exec", PROG_DETECTION, ON_BOTH, D(DRIFT), false,
	  "drift degraded: a script given to an interpreter (sh FILE, python FILE) is not judged", true },
	TP_SUPPLEMENT("vigil_drift_script_open", D(DRIFT),
		      "drift degraded: a script given to an interpreter (sh FILE, python FILE) is not judged"),
	LSM_HOOK("vigil_lsm_bprm_check", DRIFT, "drift unavailable: execs are neither judged nor denied"),
	LSM_HOOK("vigil_lsm_mmap_file", DRIFT,
		 "drift degraded: executable mappings of a file (dlopen, ld.so FILE) are neither judged nor denied"),
	LSM_HOOK("vigil_lsm_file_mprotect", DRIFT,
		 "drift degraded: a file mapping made executable later is neither judged nor denied"),
	LSM_HOOK("vigil_lsm_sb_mount", MOUNT, "mount degraded: mount(2) is not seen"),
	LSM_HOOK("vigil_lsm_sb_umount", MOUNT, "mount degraded: umount is not seen"),
	LSM_HOOK("vigil_lsm_sb_pivotroot", MOUNT, "mount degraded: pivot_root is not seen"),
	LSM_HOOK("vigil_lsm_move_mount", MOUNT, "mount degraded: move_mount is not seen"),
};
const unsigned int prog_specs_len = sizeof(prog_specs) / sizeof(prog_specs[0]);

/* Each has a test that shows it (tests/cases/adversarial.tsv: a 0 in the backend's column). */
const char *const blind_spots_tracepoint[] = {
	"rootfs-write: files the kernel writes for a process (core dumps) are not syscalls",
	"rootfs-write: io_uring file operations are judged when submitted, by their path (their outcome is "
	"unknown); an fsetxattr on a registered file is not resolved",
	"rootfs-write: path-only operations (mkdir, unlink, rename, ...) and io_uring requests are resolved after "
	"the fact, by the kernel in the process's root (symlinks followed, /proc/PID/root prefixes stripped); a "
	"path changed in between (a symlink swapped back, a directory moved) and /proc/PID/cwd or /proc/PID/fd/N "
	"magic links within it are judged from the path string",
	"drift: reported after the exec, never denied; a script run by its #! line is seen as its interpreter; "
	"executable mappings (dlopen, LD_PRELOAD, ld.so FILE) are not seen; a chmod +x by path and files written "
	"through io_uring are not recorded as the container's",
	NULL,
};
/* Unless --watch-ia32. */
const char *const blind_spot_ia32 =
	"rootfs-write, setuid, mount: 32-bit (int 0x80) syscalls do not reach the syscall tracepoints "
	"(--watch-ia32 watches them; a uid change made so is reported at the process's next fork, exec or exit, unless "
	"undone before it)";
/* Tracepoint backend started without CAP_SYS_PTRACE: no path resolver (user/container/path_resolver.h). */
const char *const blind_spot_no_resolver =
	"rootfs-write: started without CAP_SYS_PTRACE, so path-only operations and io_uring requests are judged "
	"from the path string alone: a symlink within the path (one on a tmpfs pointing into the root "
	"filesystem) hides where it writes";
/* Where the kernel takes x32 syscalls (syscall.x32=y). */
const char *const blind_spot_x32 =
	"rootfs-write, setuid, mount: x32 syscalls (this kernel takes them) do not reach the syscall tracepoints";
const char *const blind_spots_lsm[] = {
	"rootfs-write: file_setattr (Linux 6.17+: inode flags such as append-only by path) has an LSM hook, "
	"inode_file_setattr, that vigil does not attach",
	NULL,
};

static const char *const detection_names[DET_MAX] = {
	[DET_ROOTFS_WRITE] = "rootfs-write", [DET_SETUID] = "setuid", [DET_MOUNT] = "mount",
	[DET_CAPABILITY] = "capability",     [DET_DRIFT] = "drift",
};

const char *detection__name(enum detection d)
{
	return d < DET_MAX ? detection_names[d] : "?";
}

int programs__index(const char *name)
{
	unsigned int i;

	for (i = 0; i < prog_specs_len; i++)
		if (!strcmp(prog_specs[i].name, name))
			return i;
	return -1;
}

const struct prog_spec *programs__find(const char *name)
{
	int i = programs__index(name);

	return i < 0 ? NULL : &prog_specs[i];
}
