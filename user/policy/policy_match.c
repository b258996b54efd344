// SPDX-License-Identifier: GPL-2.0
/* A policy's rule for a container (policy_match.h). */
#include <fnmatch.h>
#include <stdio.h>
#include <string.h>
#include "policy_match.h"

static bool glob(const char *pattern, const char *value)
{
	return value && !fnmatch(pattern, value, 0);
}

/*
 * Docker Hub's short names: "nginx", "library/nginx" and
 * "docker.io/library/nginx" are one repository; compared without the
 * implicit parts, on both sides.
 */
static const char *short_name(const char *ref)
{
	static const char *const implicit[] = { "docker.io/library/", "docker.io/", "index.docker.io/library/",
						"index.docker.io/", "library/" };

	for (size_t i = 0; i < sizeof(implicit) / sizeof(implicit[0]); i++)
		if (!strncmp(ref, implicit[i], strlen(implicit[i])))
			return ref + strlen(implicit[i]);
	return ref;
}

/* Where the tag starts (its ':'), or NULL: a ':' after the last '/' (a registry's port is before it). */
static const char *tag_of(const char *ref)
{
	const char *slash = strrchr(ref, '/'), *colon = strrchr(ref, ':');

	return colon && (!slash || colon > slash) ? colon : NULL;
}

/*
 * image: "repo" matches every tag and digest of repo; "repo:tag" that tag
 * (an image given without one is ":latest"); "sha256:..." the image id or
 * the digest after '@'. Globs throughout.
 */
bool policy__image_matches(const char *pattern, const char *image, const char *image_id)
{
	char ref[1100], pat[1100];
	const char *at, *tag;

	if (!strncmp(pattern, "sha256:", 7)) {
		at = image ? strchr(image, '@') : NULL;
		return glob(pattern, image_id) || (at && glob(pattern, at + 1));
	}
	if (!image)
		return false;
	snprintf(ref, sizeof(ref), "%s", short_name(image));
	ref[strcspn(ref, "@")] = 0; /* the digest: matched by "sha256:" patterns */
	snprintf(pat, sizeof(pat), "%s", short_name(pattern));
	tag = tag_of(ref);
	if (!tag_of(pat)) { /* the repository alone */
		if (tag)
			ref[tag - ref] = 0;
		return glob(pat, ref);
	}
	if (!tag && strlen(ref) + 7 < sizeof(ref))
		strcat(ref, ":latest");
	return glob(pat, ref);
}

static const char *label(const struct meta_label *l, unsigned int n, const char *key)
{
	for (unsigned int i = 0; i < n; i++)
		if (l[i].key && !strcmp(l[i].key, key))
			return l[i].value;
	return NULL;
}

static bool labels_match(const struct policy_kv *want, unsigned int n_want, const struct meta_label *have,
			 unsigned int n_have)
{
	for (unsigned int i = 0; i < n_want; i++)
		if (!glob(want[i].value, label(have, n_have, want[i].key)))
			return false;
	return true;
}

static bool rule_matches(const struct policy_match *m, const struct policy_subject *s)
{
	const struct container_meta *meta = s->meta;
	static const struct container_meta none;

	if (!meta)
		meta = &none;
	return (!m->runtime || glob(m->runtime, s->runtime)) &&
	       (!m->image || policy__image_matches(m->image, meta->image, meta->image_id)) &&
	       (!m->name || glob(m->name, meta->name)) && (!m->namespace || glob(m->namespace, meta->pod_namespace)) &&
	       (!m->pod || glob(m->pod, meta->pod_name)) &&
	       labels_match(m->labels, m->n_labels, meta->labels, meta->n_labels) &&
	       labels_match(m->pod_labels, m->n_pod_labels, s->pod_labels, s->n_pod_labels);
}

int policy__select(const struct policy *p, const struct policy_subject *s)
{
	for (unsigned int i = 0; i < p->n_rules; i++)
		if (rule_matches(&p->rules[i].match, s))
			return (int)i;
	return -1;
}
