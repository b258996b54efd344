/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Is a path inside a container on its root filesystem? Answered from the
 * container's mount table: the mount covering the path is the root mount.
 */
#ifndef VIGIL_ROOTFS_H
#define VIGIL_ROOTFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define ROOTFS_MAX_MOUNTS 128

struct mount_table {
	size_t n;
	bool from_runtime_defaults;	 /* the container's own table could not be read */
	char *points[ROOTFS_MAX_MOUNTS]; /* mount points other than "/" */
};

/* Reads a mountinfo stream of a process inside the container. */
bool rootfs__load_mountinfo(struct mount_table *mt, FILE *f);
/* What OCI runtimes mount in every container, for when the table is unreadable. */
void rootfs__load_runtime_defaults(struct mount_table *mt);
void rootfs__free(struct mount_table *mt);

/* path: absolute and normalized. */
bool rootfs__path_on_root(const struct mount_table *mt, const char *path);
/*
 * /proc/self/root/etc/x, /proc/thread-self/root/..., /proc/PID/root/...,
 * /proc/PID/task/TID/root/...: the magic link names a process's root (in a
 * container, the container's), so the path is the rest, from "/". Rewrites
 * path in place; true when it did.
 */
bool rootfs__strip_proc_root(char *path);

#endif /* VIGIL_ROOTFS_H */
