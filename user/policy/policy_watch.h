/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Noticing that the policy file changed: inotify on its directory, which
 * sees an editor's write, a rename into place and a Kubernetes ConfigMap's
 * "..data" symlink swap alike (the file itself may be a symlink that is
 * never written). The event loop asks after each poll; SIGHUP asks too.
 */
#ifndef VIGIL_POLICY_WATCH_H
#define VIGIL_POLICY_WATCH_H

#include <stdbool.h>

struct policy_watch {
	int fd; /* -1: not watching (said once) */
};

/* 0, or negative errno (then reloads happen on SIGHUP only). */
int policy_watch__start(struct policy_watch *w, const char *file);
/* Whether anything in the file's directory changed since the last call; never blocks. */
bool policy_watch__changed(struct policy_watch *w);
void policy_watch__stop(struct policy_watch *w);

#endif /* VIGIL_POLICY_WATCH_H */
