// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/bpf.h>
#include <linux/perf_event.h>
#include <seccomp.h>
#include "log.h"
#include "confine.h"
#include "seccomp_syscalls.h" /* generated from deploy/seccomp/vigil.syscalls */

static const char *const run_names[] = { SECCOMP_RUN_NAMES };
static const int run_bpf_cmds[] = { SECCOMP_RUN_BPF_CMDS };
static const char *const helper_names[] = { SECCOMP_HELPER_NAMES };

/* every namespace flag clone(2) takes: a new one would open the kernel's namespaced attack surface */
#define CLONE_NEW_ANY                                                                                                \
	(CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET | \
	 CLONE_NEWTIME)

int confine__mode_parse(const char *s)
{
	return !strcmp(s, "on") ? CONFINE_ON : !strcmp(s, "log") ? CONFINE_LOG : !strcmp(s, "off") ? CONFINE_OFF : -1;
}

/* Allows nr when argument arg compares op against a (masked by b for SCMP_CMP_MASKED_EQ). */
static int allow_if(scmp_filter_ctx ctx, int nr, unsigned int arg, enum scmp_compare op, scmp_datum_t a, scmp_datum_t b)
{
	struct scmp_arg_cmp cmp = { .arg = arg, .op = op, .datum_a = a, .datum_b = b };

	return seccomp_rule_add_array(ctx, SCMP_ACT_ALLOW, nr, 1, &cmp);
}

/* The run-arg lines of deploy/seccomp/vigil.syscalls: allowed with these arguments only. */
static int allow_by_argument(scmp_filter_ctx ctx, pid_t helper)
{
	static const unsigned long ioctls[] = { TCGETS, FIONREAD, FIONBIO, PERF_EVENT_IOC_DISABLE };
	static const int families[] = { AF_UNIX, AF_INET, AF_INET6 };
	unsigned int i;
	int err = 0;

	for (i = 0; !err && i < sizeof(ioctls) / sizeof(ioctls[0]); i++)
		err = allow_if(ctx, SCMP_SYS(ioctl), 1, SCMP_CMP_EQ, ioctls[i], 0);
	for (i = 0; !err && i < sizeof(families) / sizeof(families[0]); i++)
		err = allow_if(ctx, SCMP_SYS(socket), 0, SCMP_CMP_EQ, families[i], 0);
	if (!err) /* threads (curl's resolver): clone without a new namespace */
		err = allow_if(ctx, SCMP_SYS(clone), 0, SCMP_CMP_MASKED_EQ, CLONE_NEW_ANY, 0);
	if (!err) /* clone3's flags are in memory, out of reach: ENOSYS, and glibc falls back to clone */
		err = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0);
	if (!err) /* raise(), abort(): this process only */
		err = allow_if(ctx, SCMP_SYS(tgkill), 0, SCMP_CMP_EQ, (scmp_datum_t)getpid(), 0);
	if (!err && helper > 0) /* ending the path resolver helper, and no other process */
		err = allow_if(ctx, SCMP_SYS(kill), 0, SCMP_CMP_EQ, (scmp_datum_t)helper, 0);
	return err;
}

/* names[] allowed whatever their arguments; a name this architecture lacks is no call */
static int allow_names(scmp_filter_ctx ctx, const char *const *names, unsigned int n)
{
	int nr, err;

	for (unsigned int i = 0; i < n; i++) {
		nr = seccomp_syscall_resolve_name(names[i]);
		if (nr == __NR_SCMP_ERROR)
			continue;
		err = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0);
		if (err)
			return log_errno(err, "seccomp: allow %s", names[i]);
	}
	return 0;
}

static int allow_listed(scmp_filter_ctx ctx, pid_t helper)
{
	unsigned int i;
	int err;

	err = allow_names(ctx, run_names, sizeof(run_names) / sizeof(run_names[0]));
	if (err)
		return err;
	/* bpf(2) by command: maps, test runs, iterators, info; never a load, attach or pin */
	for (i = 0; i < sizeof(run_bpf_cmds) / sizeof(run_bpf_cmds[0]); i++) {
		err = allow_if(ctx, SCMP_SYS(bpf), 0, SCMP_CMP_EQ, (scmp_datum_t)run_bpf_cmds[i], 0);
		if (err)
			return log_errno(err, "seccomp: allow bpf command %d", run_bpf_cmds[i]);
	}
	err = allow_by_argument(ctx, helper);
	return err ? log_errno(err, "seccomp: argument rules") : 0;
}

static scmp_filter_ctx filter_new(enum confine_mode mode)
{
	scmp_filter_ctx ctx = seccomp_init(mode == CONFINE_LOG ? SCMP_ACT_LOG : SCMP_ACT_ERRNO(EPERM));

	if (!ctx)
		log_err(-EINVAL, "seccomp: no filter context (a kernel before 4.14 has no log action)");
	return ctx;
}

int confine__helper(enum confine_mode mode)
{
	scmp_filter_ctx ctx;
	int err;

	if (mode == CONFINE_OFF)
		return 0;
	ctx = filter_new(mode);
	if (!ctx)
		return -EINVAL;
	err = allow_names(ctx, helper_names, sizeof(helper_names) / sizeof(helper_names[0]));
	if (!err)
		err = seccomp_load(ctx);
	seccomp_release(ctx);
	return err;
}

int confine__self(enum confine_mode mode, pid_t helper)
{
	scmp_filter_ctx ctx;
	int err = 0;

	if (mode == CONFINE_OFF)
		return 0;
	ctx = filter_new(mode);
	if (!ctx)
		return -EINVAL;
	/* the kernel's own errno, not libseccomp's -ECANCELED */
	err = seccomp_attr_set(ctx, SCMP_FLTATR_API_SYSRAWRC, 1);
	/* the sink, metadata and metrics threads already run: the filter goes on each of them */
	if (!err)
		err = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_TSYNC, 1);
	if (err == -EOPNOTSUPP) {
		seccomp_release(ctx);
		return log_err(-EOPNOTSUPP, "seccomp: this kernel takes no seccomp filter with thread sync "
					    "(CONFIG_SECCOMP_FILTER): vigil runs unconfined");
	}
	if (err)
		err = log_errno(err, "seccomp: filter attributes");
	if (!err)
		err = allow_listed(ctx, helper);
	if (!err) {
		err = seccomp_load(ctx);
		if (err)
			err = log_errno(err, "seccomp: install the filter");
	}
	seccomp_release(ctx);
	return err;
}

const char *confine__state_name(enum confine_mode mode, int err)
{
	if (err == -EOPNOTSUPP)
		return "unavailable";
	return mode == CONFINE_OFF ? "off" : mode == CONFINE_LOG ? "log" : "on";
}
