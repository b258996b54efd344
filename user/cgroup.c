// SPDX-License-Identifier: GPL-2.0
/*
 * cgroup path patterns of the container runtimes (shared/cgroup-patterns.md):
 *   Docker cgroupfs            /docker/<64hex>
 *   Docker systemd             .../docker-<64hex>.scope
 *   containerd CRI, systemd    .../cri-containerd-<64hex>.scope
 *   containerd CRI, no systemd cgroup driver on a systemd host
 *                              ...slice:cri-containerd:<64hex>
 *   containerd CRI, cgroupfs   /kubepods[/<qos>]/pod<uid>/<64hex>
 *   CRI-O                      crio-<64hex>[.scope]   (not crio-conmon-)
 *   Podman                     libpod-<64hex>[.scope][/container],
 *                              libpod-payload-<64hex> (not libpod-conmon-)
 *   nerdctl                    nerdctl-<64hex>.scope
 *   containerd (ctr)           /<namespace>/<id>, confirmed by its task bundle
 */
#include <ctype.h>
#include <string.h>
#include "cgroup.h"

#define FULL_ID_LEN 64

static bool is_hex_id(const char *s, size_t n)
{
	size_t i;

	if (n != FULL_ID_LEN)
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

struct prefix_rule {
	const char *prefix;
	const char *runtime;
};

/* Longer prefixes first where one begins another (libpod-payload- vs libpod-). */
static const struct prefix_rule prefix_rules[] = {
	{ "docker-", "docker" },
	{ "cri-containerd-", "containerd" },
	{ "crio-", "cri-o" },
	{ "libpod-payload-", "podman" },
	{ "libpod-", "podman" },
	{ "nerdctl-", "containerd" },
};

static bool set_ref(struct container_ref *out, const char *id, size_t n, const char *runtime)
{
	memcpy(out->id, id, n);
	out->id[n] = '\0';
	out->runtime = runtime;
	return true;
}

/* One path component [c, c+n); parent is the component before it (may be empty). */
static bool classify_component(const char *c, size_t n, const char *parent, size_t pn,
			       struct container_ref *out)
{
	const char *colon;
	size_t i, plen, idn;

	/* "<slice>:cri-containerd:<id>" */
	colon = memchr(c, ':', n);
	if (colon) {
		static const char tag[] = ":cri-containerd:";
		const char *t = memmem(c, n, tag, sizeof(tag) - 1);

		if (t && is_hex_id(t + sizeof(tag) - 1, c + n - (t + sizeof(tag) - 1)))
			return set_ref(out, t + sizeof(tag) - 1, FULL_ID_LEN, "containerd");
		return false;
	}
	for (i = 0; i < sizeof(prefix_rules) / sizeof(prefix_rules[0]); i++) {
		plen = strlen(prefix_rules[i].prefix);
		if (n <= plen || strncmp(c, prefix_rules[i].prefix, plen) != 0)
			continue;
		idn = n - plen;
		if (idn > 6 && !strncmp(c + n - 6, ".scope", 6))
			idn -= 6;
		if (is_hex_id(c + plen, idn))
			return set_ref(out, c + plen, idn, prefix_rules[i].runtime);
		return false;	/* crio-conmon-<id>, libpod-conmon-<id>, ... */
	}
	if (!is_hex_id(c, n))
		return false;
	if (pn == strlen("docker") && !strncmp(parent, "docker", pn))
		return set_ref(out, c, n, "docker");
	if (pn > 3 && !strncmp(parent, "pod", 3))
		return set_ref(out, c, n, "cri");
	return false;
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
	if (!is_containerd_name(first, nn) || nn >= ns_size || idn > CONTAINER_ID_MAX ||
	    !is_containerd_name(id, idn))
		return false;
	memcpy(ns, first, nn);
	ns[nn] = '\0';
	return set_ref(out, id, idn, "containerd");
}
