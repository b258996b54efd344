// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <string.h>
#include <linux/bpf.h>
#include <seccomp.h>
#include "log.h"
#include "confine.h"
#include "seccomp_syscalls.h" /* generated from deploy/seccomp/vigil.syscalls */

static const char *const run_names[] = { SECCOMP_RUN_NAMES };
static const int run_bpf_cmds[] = { SECCOMP_RUN_BPF_CMDS };

int confine__mode_parse(const char *s)
{
	return !strcmp(s, "on") ? CONFINE_ON : !strcmp(s, "log") ? CONFINE_LOG : !strcmp(s, "off") ? CONFINE_OFF : -1;
}

static int allow_listed(scmp_filter_ctx ctx)
{
	unsigned int i;
	int nr, err;

	for (i = 0; i < sizeof(run_names) / sizeof(run_names[0]); i++) {
		nr = seccomp_syscall_resolve_name(run_names[i]);
		if (nr == __NR_SCMP_ERROR)
			continue; /* not on this architecture */
		err = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0);
		if (err)
			return log_errno(err, "seccomp: allow %s", run_names[i]);
	}
	/* bpf(2) by command: maps, test runs, iterators, info; never a load, attach or pin */
	for (i = 0; i < sizeof(run_bpf_cmds) / sizeof(run_bpf_cmds[0]); i++) {
		err = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(bpf), 1,
				       SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)run_bpf_cmds[i]));
		if (err)
			return log_errno(err, "seccomp: allow bpf command %d", run_bpf_cmds[i]);
	}
	return 0;
}

int confine__self(enum confine_mode mode)
{
	scmp_filter_ctx ctx;
	int err;

	if (mode == CONFINE_OFF)
		return 0;
	ctx = seccomp_init(mode == CONFINE_LOG ? SCMP_ACT_LOG : SCMP_ACT_ERRNO(EPERM));
	if (!ctx)
		return log_err(-ENOMEM, "seccomp: no filter context");
	/* the sink, metadata and metrics threads already run: the filter goes on each of them */
	err = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_TSYNC, 1);
	if (!err)
		err = allow_listed(ctx);
	if (!err) {
		err = seccomp_load(ctx);
		if (err == -EINVAL || err == -ENOSYS || err == -EOPNOTSUPP)
			err = log_err(
				-EOPNOTSUPP,
				"seccomp: this kernel takes no seccomp filter (CONFIG_SECCOMP_FILTER): vigil runs "
				"unconfined (%s)",
				strerror(-err));
		else if (err)
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
