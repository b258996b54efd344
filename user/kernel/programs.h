/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every BPF program vigil has, as data: the feature it serves, its class,
 * and what vigil does when the kernel refuses it. Kernels differ (distro
 * configs, lockdown, a host's own BPF LSM policy refusing program types):
 * the loader loads what the kernel allows and this table decides what a
 * refusal costs. Pure: unit-tested against the skeleton's program list.
 */
#ifndef VIGIL_PROGRAMS_H
#define VIGIL_PROGRAMS_H

#include <stdbool.h>

enum prog_class {
	PROG_CORE,	/* container tracking: without it vigil cannot tell containers apart, so it exits */
	PROG_DETECTION, /* a detection's own hook: refused, what it sees is unavailable */
	PROG_OPTIONAL,	/* has a fallback (another program, or userspace) */
};

/* Detections, as agent-start and the metrics name them. */
enum detection { DET_ROOTFS_WRITE, DET_SETUID, DET_MOUNT, DET_CAPABILITY, DET_DRIFT, DET_MAX };

enum prog_backend { ON_BOTH, ON_LSM, ON_TRACEPOINT };

struct prog_spec {
	const char *name; /* the BPF program's name */
	enum prog_class cls;
	enum prog_backend backend; /* loaded with which backend */
	unsigned int detections;   /* bit per enum detection it serves (PROG_DETECTION) */
	bool blocks;		   /* --enforce needs it: a rootfs write path */
	const char *refused;	   /* what vigil does without it (README, --check) */
	bool supplement;	   /* widens its detections beside their main program; alone it is not one */
};

extern const struct prog_spec prog_specs[];
extern const unsigned int prog_specs_len;

const char *detection__name(enum detection d);

/* What a backend cannot see even when every program loads (agent-start vigil.blind_spots); NULL-ended. */
extern const char *const blind_spots_tracepoint[];
extern const char *const blind_spots_lsm[];
/* tracepoint backend without --watch-ia32 */
extern const char *const blind_spot_ia32;
/* tracepoint backend, kernels that take x32 syscalls */
extern const char *const blind_spot_x32;
/* tracepoint backend without the path resolver */
extern const char *const blind_spot_no_resolver;
/* The table's entry for a program name, or NULL (a program with no class is a build error: unit test). */
const struct prog_spec *programs__find(const char *name);
int programs__index(const char *name);

#endif /* VIGIL_PROGRAMS_H */
