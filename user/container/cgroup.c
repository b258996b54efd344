// SPDX-License-Identifier: GPL-2.0
/*
 * cgroup paths -> containers: each component's name is matched by the
 * matcher the BPF side runs too (include/cgroup_match.h, where the runtimes'
 * patterns are listed); containerd's own /<namespace>/<id> is split here.
 */
#include <ctype.h>
#include <string.h>
#include "cgroup.h"
#include "cgroup_match.h"

static const char *const runtime_names[] = {
	[VIGIL_RT_DOCKER] = "docker", [VIGIL_RT_CONTAINERD] = "containerd",
	[VIGIL_RT_CRIO] = "cri-o",    [VIGIL_RT_PODMAN] = "podman",
	[VIGIL_RT_CRI] = "cri",
};

static bool set_ref(struct container_ref *out, const char *id, size_t n, const char *runtime)
{
	memcpy(out->id, id, n);
	out->id[n] = '\0';
	out->runtime = runtime;
	return true;
}

/* One path component [c, c+n); parent is the component before it (may be empty). */
static bool classify_component(const char *c, size_t n, const char *parent, size_t pn, struct container_ref *out)
{
	struct vigil_cg_match m;

	if (n >= VIGIL_CG_NAME_MAX || !vigil_cg_match_name(c, n, parent, pn < VIGIL_CG_NAME_MAX ? pn : 0, &m))
		return false;
	return set_ref(out, c + m.id_off, VIGIL_CG_ID_LEN, runtime_names[m.runtime]);
}

bool cgroup__classify(const char *path, struct container_ref *out)
{
	const char *p = path, *parent = "", *c;
	size_t pn = 0, n;
	bool found = false;
	struct container_ref ref;

	while (*p) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		c = p;
		while (*p && *p != '/')
			p++;
		n = p - c;
		/* The deepest match wins, except Podman's crun "container" leaf, which matches nothing. */
		if (classify_component(c, n, parent, pn, &ref)) {
			*out = ref;
			found = true;
		}
		parent = c;
		pn = n;
	}
	return found;
}

/* containerd's identifier alphabet: [A-Za-z0-9], runs joined by single '.', '_' or '-'. */
static bool is_containerd_name(const char *s, size_t n)
{
	size_t i;

	if (!n || !isalnum((unsigned char)s[0]) || !isalnum((unsigned char)s[n - 1]))
		return false;
	for (i = 1; i < n; i++) {
		if (isalnum((unsigned char)s[i]))
			continue;
		if (!strchr("._-", s[i]) || !isalnum((unsigned char)s[i - 1]))
			return false;
	}
	return true;
}

bool cgroup__containerd_task(const char *path, char *ns, size_t ns_size, struct container_ref *out)
{
	const char *first, *slash, *id;
	size_t nn, idn;

	first = path + strspn(path, "/");
	slash = strchr(first, '/');
	if (!slash)
		return false;
	nn = slash - first;
	id = slash + 1;
	idn = strlen(id);
	if (!is_containerd_name(first, nn) || nn >= ns_size || idn > CONTAINER_ID_MAX || !is_containerd_name(id, idn))
		return false;
	memcpy(ns, first, nn);
	ns[nn] = '\0';
	return set_ref(out, id, idn, "containerd");
}
