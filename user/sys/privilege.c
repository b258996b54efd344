// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <sys/capability.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include "log.h"
#include "privilege.h"

static bool drop_all_in_this_process(void)
{
	cap_t none = cap_init();
	bool ok = none && cap_set_proc(none) == 0;

	cap_free(none);
	return ok;
}

/* A child without capabilities tries what the event loop does with vigil's BPF fds. */
bool privilege__map_ops_need_cap(int map_fd, int iter_link_fd, int test_run_fd)
{
	char key[64] = { 0 }, next[64];
	int status, fd;
	pid_t pid;

	pid = fork();
	if (pid < 0)
		return true; /* cannot tell: keep the capability */
	if (pid == 0) {
		if (!drop_all_in_this_process())
			_exit(2);
		if (bpf_map_get_next_key(map_fd, key, next) && errno == EPERM)
			_exit(1);
		fd = iter_link_fd < 0 ? 0 : bpf_iter_create(iter_link_fd);
		if (fd < 0 && errno == EPERM)
			_exit(1);
		if (test_run_fd >= 0 && bpf_prog_test_run_opts(test_run_fd, NULL) && errno == EPERM)
			_exit(1);
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid)
		return true;
	return !WIFEXITED(status) || WEXITSTATUS(status) != 0;
}

static void keep_if_held(cap_t now, cap_value_t cap, cap_value_t *keep, int *n)
{
	cap_flag_value_t held;

	if (!cap_get_flag(now, cap, CAP_PERMITTED, &held) && held == CAP_SET)
		keep[(*n)++] = cap;
}

/* What needs asks for, of what vigil holds (it never asks for more). */
static int to_keep(const struct privilege_needs *needs, cap_t now, cap_value_t *keep)
{
	int n = 0;

	if (needs->bpf_map_ops)
		keep_if_held(now, CAP_BPF, keep, &n);
	/*
	 * Runtime state lives in directories only root may enter, some with no
	 * x bit at all (containerd makes /run/containerd 0600), which stops even
	 * their owner. Read and search only: it writes nothing.
	 */
	keep_if_held(now, CAP_DAC_READ_SEARCH, keep, &n);
	/* a non-root vigil connects to root's 0660 runtime sockets */
	if (needs->runtime_sockets && geteuid() != 0)
		keep_if_held(now, CAP_DAC_OVERRIDE, keep, &n);
	return n;
}

static int drop_bounding_set(const cap_value_t *keep, int n)
{
	cap_flag_value_t can_setpcap = CAP_CLEAR;
	cap_t now = cap_get_proc();
	cap_value_t c;
	int i;

	if (now)
		cap_get_flag(now, CAP_SETPCAP, CAP_EFFECTIVE, &can_setpcap);
	cap_free(now);
	if (can_setpcap != CAP_SET)
		return 0; /* a non-root vigil: no_new_privs bounds what exec could gain */
	for (c = 0; c < (cap_value_t)cap_max_bits(); c++) {
		for (i = 0; i < n && keep[i] != c; i++)
			;
		if (i == n && cap_drop_bound(c))
			return log_errno(-errno, "drop capability %d from the bounding set", c);
	}
	return 0;
}

int privilege__drop(const struct privilege_needs *needs, struct privilege_kept *kept)
{
	cap_value_t keep[PRIVILEGE_MAX_KEPT];
	cap_t now, next;
	int n, i, err;

	now = cap_get_proc();
	if (!now)
		return log_errno(-errno, "read own capabilities");
	n = to_keep(needs, now, keep);
	cap_free(now);

	err = drop_bounding_set(keep, n);
	if (!err && cap_reset_ambient() && errno != EINVAL)
		err = log_errno(-errno, "clear ambient capabilities");
	if (!err && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		err = log_errno(-errno, "set no_new_privs");
	if (err)
		return err;
	next = cap_init();
	if (!next)
		return log_errno(-errno, "capability state");
	if ((n && (cap_set_flag(next, CAP_PERMITTED, n, keep, CAP_SET) ||
		   cap_set_flag(next, CAP_EFFECTIVE, n, keep, CAP_SET))) ||
	    cap_set_proc(next))
		err = log_errno(-errno, "drop capabilities");
	cap_free(next);
	kept->n = 0;
	for (i = 0; !err && i < n; i++)
		kept->caps[kept->n++] = keep[i];
	return err;
}
