// SPDX-License-Identifier: GPL-2.0
/*
 * seccomp_exec PROFILE.json PROGRAM [ARGS...]: runs PROGRAM under an OCI
 * (Docker, Kubernetes Localhost) seccomp profile, as runc would: the
 * integration suite starts its agents so, under deploy/seccomp/vigil.json.
 * Only what that profile uses is read (defaultAction SCMP_ACT_ERRNO with
 * defaultErrnoRet, architectures, SCMP_ACT_ALLOW rules without argument
 * conditions); anything else is an error, not a looser filter.
 */
#include <errno.h>
#include <seccomp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <json-c/json.h>

static int fail(const char *what, const char *detail)
{
	fprintf(stderr, "seccomp_exec: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
	return 125;
}

/* Every key of obj is one of keys[]: a feature not implemented here is refused, never ignored. */
static int only_keys(json_object *obj, const char *const *keys)
{
	json_object_object_foreach (obj, key, val) {
		const char *const *k = keys;

		(void)val;
		while (*k && strcmp(*k, key))
			k++;
		if (!*k)
			return fail("a profile key this runner does not implement", key);
	}
	return 0;
}

static int add_arches(scmp_filter_ctx ctx, json_object *arches)
{
	for (size_t i = 0; arches && i < json_object_array_length(arches); i++) {
		const char *name = json_object_get_string(json_object_array_get_idx(arches, i));
		char lower[32];
		uint32_t arch;
		size_t j;

		if (!name || strncmp(name, "SCMP_ARCH_", 10))
			return -1;
		for (j = 0; name[10 + j] && j < sizeof(lower) - 1; j++)
			lower[j] =
				(char)(name[10 + j] >= 'A' && name[10 + j] <= 'Z' ? name[10 + j] + 32 : name[10 + j]);
		lower[j] = 0;
		arch = seccomp_arch_resolve_name(lower);
		if (!arch)
			return -1;
		if (arch != seccomp_arch_native() && seccomp_arch_add(ctx, arch))
			return -1;
	}
	return 0;
}

static int add_rules(scmp_filter_ctx ctx, json_object *rules)
{
	for (size_t i = 0; rules && i < json_object_array_length(rules); i++) {
		static const char *const rule_keys[] = { "names", "action", "comment", NULL };
		json_object *rule = json_object_array_get_idx(rules, i), *action, *names;

		if (only_keys(rule, rule_keys))
			return 125;
		if (!json_object_object_get_ex(rule, "action", &action) ||
		    strcmp(json_object_get_string(action), "SCMP_ACT_ALLOW") ||
		    json_object_object_get_ex(rule, "args", NULL) || !json_object_object_get_ex(rule, "names", &names))
			return fail("a rule other than SCMP_ACT_ALLOW by names", json_object_to_json_string(rule));
		for (size_t j = 0; j < json_object_array_length(names); j++) {
			const char *name = json_object_get_string(json_object_array_get_idx(names, j));
			int nr = seccomp_syscall_resolve_name(name);

			if (nr == __NR_SCMP_ERROR)
				return fail("unknown system call", name);
			if (seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0))
				return fail("cannot allow", name);
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	json_object *profile, *v, *arches = NULL, *rules = NULL;
	int errno_ret = EPERM, rc;
	scmp_filter_ctx ctx;

	if (argc < 3)
		return fail("usage: seccomp_exec PROFILE.json PROGRAM [ARGS...]", NULL);
	static const char *const profile_keys[] = { "comment",	     "defaultAction", "defaultErrnoRet",
						    "architectures", "syscalls",      NULL };

	profile = json_object_from_file(argv[1]);
	if (!profile)
		return fail("cannot read", argv[1]);
	if (only_keys(profile, profile_keys))
		return 125;
	if (!json_object_object_get_ex(profile, "defaultAction", &v) ||
	    strcmp(json_object_get_string(v), "SCMP_ACT_ERRNO"))
		return fail("defaultAction must be SCMP_ACT_ERRNO", NULL);
	if (json_object_object_get_ex(profile, "defaultErrnoRet", &v)) {
		if (!json_object_is_type(v, json_type_int) || json_object_get_int(v) <= 0)
			return fail("defaultErrnoRet must be a positive integer", json_object_to_json_string(v));
		errno_ret = json_object_get_int(v);
	}
	json_object_object_get_ex(profile, "architectures", &arches);
	json_object_object_get_ex(profile, "syscalls", &rules);
	ctx = seccomp_init(SCMP_ACT_ERRNO((uint32_t)errno_ret));
	if (!ctx)
		return fail("seccomp_init", NULL);
	if (add_arches(ctx, arches))
		return fail("unknown architecture", json_object_to_json_string(arches));
	rc = add_rules(ctx, rules);
	if (rc)
		return rc;
	/* runc sets no_new_privs unless the process keeps its privileges: vigil runs as root */
	if (seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 0) || seccomp_load(ctx))
		return fail("seccomp_load", strerror(errno));
	seccomp_release(ctx);
	json_object_put(profile);
	execv(argv[2], argv + 2);
	return fail("exec", strerror(errno));
}
