/* SPDX-License-Identifier: GPL-2.0 */
/* What the loader is told (filled once by cli.c; loader.h). */
#ifndef VIGIL_LOADER_CONFIG_H
#define VIGIL_LOADER_CONFIG_H

#include <stdbool.h>
#include "vigil_policy.h" /* enum vigil_mode */

enum backend { BACKEND_AUTO, BACKEND_LSM, BACKEND_TRACEPOINT };

struct loader_config {
	enum backend backend;
	bool enforce;		   /* --enforce, or a policy with a rule that enforces: BPF LSM required */
	bool policy;		   /* --policy: per-container modes, denial wherever the LSM backend runs */
	bool require_all;	   /* --require all: a refused program or missing feature is fatal */
	bool pin;		   /* keep enforcement pinned in bpffs past this process */
	bool watch_ia32;	   /* tracepoint backend: 32-bit syscalls too (raw sys_exit, every syscall pays) */
	bool verbose;		   /* libbpf's own messages */
	unsigned int cap_window_s; /* the capability dedup window, in the kernel's rodata */
	unsigned int ring_buffer_mb;
	bool ssh_server;	   /* posture's ssh-server check: the kernel knows SSH servers' names (posture.h) */
	unsigned char drift;	   /* --drift: enum vigil_mode (ENFORCE needs BPF LSM) */
	bool drift_volumes;	   /* --drift-volumes: execs from writable volumes and tmpfs are drift */
	bool drift_policy_enforce; /* a --policy rule enforces drift: its LSM programs are required too */
};

#endif /* VIGIL_LOADER_CONFIG_H */
