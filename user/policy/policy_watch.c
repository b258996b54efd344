// SPDX-License-Identifier: GPL-2.0
/* The policy file's directory, watched (policy_watch.h). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/inotify.h>
#include "log.h"
#include "policy_watch.h"

int policy_watch__start(struct policy_watch *w, const char *file)
{
	char dir[PATH_MAX];
	const char *slash = strrchr(file, '/');

	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == file)
		snprintf(dir, sizeof(dir), "/");
	else
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - file), file);
	w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (w->fd < 0)
		return log_errno(-errno, "policy: inotify (reloads on SIGHUP only)");
	if (inotify_add_watch(w->fd, dir,
			      IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_ATTRIB | IN_ONLYDIR) < 0) {
		int err = log_errno(-errno, "policy: watch %s (reloads on SIGHUP only)", dir);

		close(w->fd);
		w->fd = -1;
		return err;
	}
	return 0;
}

bool policy_watch__changed(struct policy_watch *w)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	bool changed = false;

	if (w->fd < 0)
		return false;
	while (read(w->fd, buf, sizeof(buf)) > 0) /* what it was does not matter: the content's hash decides */
		changed = true;
	return changed;
}

void policy_watch__stop(struct policy_watch *w)
{
	if (w->fd >= 0)
		close(w->fd);
	w->fd = -1;
}
