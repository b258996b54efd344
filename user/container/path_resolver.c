// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <linux/openat2.h>
#include <sys/capability.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "confine.h"
#include "log.h"
#include "path_resolver.h"

#define REQ_PATH_MAX 4096
#define ANSWER_MS    50 /* per answer; an answer later than this is dropped */
#define TIMEOUTS_MAX 8	/* in a row: the helper is given up */

#define REQ_PARENT   (1u << 0) /* the directory the last component is in */
#define REQ_NOFOLLOW (1u << 1) /* the last component itself, a symlink not followed */
#define REQ_NS	     (1u << 2) /* not a path: /proc/PID/ns/<path>, the namespace's inode */

struct request {
	__u32 seq;
	__u32 pid;
	__u32 flags; /* REQ_* */
	char path[REQ_PATH_MAX];
};

struct answer {
	__u32 seq;
	__s32 err;
	__u64 mnt_id;
	__u64 dev; /* st_dev's encoding (makedev) */
	__u64 ino;
};

/* In the helper: a namespace's inode (/proc/PID/ns/NAME takes ptrace access too). */
static int ns_inode(__u32 pid, const char *name, struct answer *a)
{
	char path[64];
	struct stat st;
	size_t n = strnlen(name, 17);

	if (!n || n > 16 || strspn(name, "abcdefghijklmnopqrstuvwxyz") != n)
		return -EINVAL;
	snprintf(path, sizeof(path), "/proc/%u/ns/%.16s", pid, name);
	if (stat(path, &st))
		return -errno;
	a->ino = st.st_ino;
	a->dev = st.st_dev;
	return 0;
}

/* In the helper: one resolution. */
static int resolve(const struct request *q, struct answer *a)
{
	struct open_how how = { .flags = O_PATH | O_CLOEXEC, .resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS };
	char proc[64], target[REQ_PATH_MAX];
	struct statx stx;
	char *slash;
	int root, fd;

	memcpy(target, q->path, sizeof(target));
	target[sizeof(target) - 1] = '\0';
	if (q->flags & REQ_NS)
		return ns_inode(q->pid, target, a);
	if (target[0] != '/')
		return -EINVAL;
	if ((q->flags & REQ_PARENT) && (slash = strrchr(target, '/')) != NULL)
		slash[slash == target ? 1 : 0] = '\0';
	if (q->flags & REQ_NOFOLLOW) /* a mount point: what is mounted there, a symlink included */
		how.flags |= O_NOFOLLOW;
	snprintf(proc, sizeof(proc), "/proc/%u/root", q->pid);
	root = open(proc, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (root < 0)
		return -errno;
	fd = syscall(SYS_openat2, root, target, &how, sizeof(how));
	close(root);
	if (fd < 0)
		return -errno;
	/*
	 * The mount, not st_dev: overlayfs gives a file on layers of different
	 * filesystems the st_dev of the layer it lies on, and only the mount
	 * says "the container's root filesystem".
	 */
	if (statx(fd, "", AT_EMPTY_PATH | AT_STATX_DONT_SYNC, STATX_MNT_ID | STATX_INO, &stx) ||
	    !(stx.stx_mask & STATX_MNT_ID)) {
		close(fd);
		return -EOPNOTSUPP;
	}
	close(fd);
	a->mnt_id = stx.stx_mnt_id;
	a->dev = makedev(stx.stx_dev_major, stx.stx_dev_minor);
	a->ino = stx.stx_ino;
	return 0;
}

/*
 * The helper: CAP_SYS_PTRACE alone, the socket alone, its own seccomp filter
 * (confine__helper); answers until vigil goes.
 */
static void helper(int sock, enum confine_mode mode)
{
	cap_value_t ptrace_cap = CAP_SYS_PTRACE;
	struct request q;
	struct answer a;
	cap_t caps;
	int c;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	prctl(PR_SET_NAME, "vigil-resolve");
	signal(SIGTERM, SIG_DFL); /* vigil's handlers only set its own flags */
	signal(SIGINT, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	if (dup2(sock, 3) < 0 || close_range(4, ~0u, 0))
		_exit(1);
	for (c = 0; c <= CAP_LAST_CAP; c++)
		if (c != CAP_SYS_PTRACE && prctl(PR_CAPBSET_DROP, c) && errno != EINVAL)
			_exit(1);
	caps = cap_init();
	if (!caps || cap_set_flag(caps, CAP_PERMITTED, 1, &ptrace_cap, CAP_SET) ||
	    cap_set_flag(caps, CAP_EFFECTIVE, 1, &ptrace_cap, CAP_SET) || cap_set_proc(caps) ||
	    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		_exit(1);
	cap_free(caps);
	/*
	 * Defence in depth: a helper that cannot filter itself (a kernel
	 * without seccomp filters, which vigil reports for itself as
	 * vigil.seccomp) still answers, rather than leave path-only
	 * operations to their strings while agent-start says otherwise.
	 */
	(void)confine__helper(mode);
	while (recv(3, &q, sizeof(q), 0) == (ssize_t)sizeof(q)) {
		memset(&a, 0, sizeof(a));
		a.seq = q.seq;
		a.err = resolve(&q, &a);
		if (send(3, &a, sizeof(a), MSG_NOSIGNAL) != (ssize_t)sizeof(a))
			break;
	}
	_exit(0);
}

static bool holds_ptrace(void)
{
	cap_flag_value_t held = CAP_CLEAR;
	cap_t now = cap_get_proc();

	if (now)
		cap_get_flag(now, CAP_SYS_PTRACE, CAP_PERMITTED, &held);
	cap_free(now);
	return held == CAP_SET;
}

int path_resolver__start(struct path_resolver *r, enum confine_mode mode)
{
	int sv[2];
	pid_t pid;

	memset(r, 0, sizeof(*r));
	r->fd = -1;
	if (!holds_ptrace()) /* agent-start says so (vigil.blind_spots) */
		return 0;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv)) {
		log_errno(-errno, "path resolver socket (paths judged from their strings)");
		return 0;
	}
	pid = fork();
	if (pid < 0) {
		log_errno(-errno, "path resolver (paths judged from their strings)");
		close(sv[0]);
		close(sv[1]);
		return 0;
	}
	if (pid == 0) {
		close(sv[0]);
		helper(sv[1], mode);
	}
	close(sv[1]);
	r->fd = sv[0];
	r->pid = pid;
	return 0;
}

static void give_up(struct path_resolver *r, const char *why)
{
	log_err(0, "path resolver %s: path-only operations are judged from their path strings from now on", why);
	path_resolver__stop(r);
}

static int ask(struct path_resolver *r, __u32 pid, const char *path, __u32 flags, struct answer *ap)
{
	struct request q = { .seq = ++r->seq, .pid = pid, .flags = flags };
	struct pollfd p;
	struct answer a;
	size_t n = strlen(path);

	if (r->fd < 0 || n >= sizeof(q.path))
		return -1;
	memcpy(q.path, path, n + 1);
	if (send(r->fd, &q, sizeof(q), MSG_NOSIGNAL) != (ssize_t)sizeof(q)) {
		give_up(r, "gone");
		return -1;
	}
	for (;;) { /* answers to questions that timed out come first: skipped */
		p = (struct pollfd){ .fd = r->fd, .events = POLLIN };
		if (poll(&p, 1, ANSWER_MS) <= 0) {
			if (++r->timeouts >= TIMEOUTS_MAX)
				give_up(r, "stopped answering");
			return -1;
		}
		if (recv(r->fd, &a, sizeof(a), 0) != (ssize_t)sizeof(a)) {
			give_up(r, "gone");
			return -1;
		}
		if (a.seq == q.seq)
			break;
	}
	r->timeouts = 0;
	if (a.err)
		return -1;
	*ap = a;
	return 0;
}

int path_resolver__mount(struct path_resolver *r, __u32 pid, const char *path, bool parent, __u64 *mnt_id)
{
	struct answer a;

	if (ask(r, pid, path, parent ? REQ_PARENT : 0, &a))
		return -1;
	*mnt_id = a.mnt_id;
	return 0;
}

int path_resolver__identity(struct path_resolver *r, __u32 pid, const char *path, bool follow, struct path_identity *id)
{
	struct answer a;

	if (ask(r, pid, path, follow ? 0 : REQ_NOFOLLOW, &a))
		return -1;
	id->dev = a.dev;
	id->ino = a.ino;
	id->mnt_id = a.mnt_id;
	return 0;
}

int path_resolver__ns(struct path_resolver *r, __u32 pid, const char *name, __u64 *ino)
{
	struct answer a;

	if (ask(r, pid, name, REQ_NS, &a))
		return -1;
	*ino = a.ino;
	return 0;
}

void path_resolver__stop(struct path_resolver *r)
{
	if (r->fd < 0)
		return;
	close(r->fd);
	r->fd = -1;
	kill(r->pid, SIGKILL);
	waitpid(r->pid, NULL, 0);
}
