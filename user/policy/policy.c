// SPDX-License-Identifier: GPL-2.0
/*
 * The policy file's schema (docs/policy.md), checked over the YAML tree:
 * unknown keys, wrong types, bad values and repeated names are errors at
 * their line and column; nothing is guessed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <openssl/evp.h>
#include "capnames.h"
#include "policy.h"
#include "vigil_policy.h"
#include "yaml_tree.h"

/* Which keys a rule part was given, so the rest are inherited from the defaults. */
struct given {
	bool rootfs, drift, caps, alert[POLICY_ALERT_MAX];
};

struct ctx {
	struct policy *p;
	struct policy_error *err;
};

__attribute__((format(printf, 3, 4))) static int fail(struct ctx *c, const struct ynode *at, const char *fmt, ...)
{
	va_list ap;

	c->err->line = at ? at->line : 0;
	c->err->column = at ? at->column : 0;
	va_start(ap, fmt);
	vsnprintf(c->err->msg, sizeof(c->err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

static const char *const mode_names[] = {
	[POLICY_OFF] = "off", [POLICY_MONITOR] = "monitor", [POLICY_ENFORCE] = "enforce"
};

/* the modes' one spelling (--drift, policy files, agent-start): the map's values are the same numbers */
_Static_assert((int)POLICY_OFF == (int)VIGIL_MODE_OFF && (int)POLICY_MONITOR == (int)VIGIL_MODE_MONITOR &&
		       (int)POLICY_ENFORCE == (int)VIGIL_MODE_ENFORCE,
	       "enum policy_mode follows enum vigil_mode");

const char *policy__mode_name(enum policy_mode m)
{
	return m > POLICY_MODE_UNSET && m <= POLICY_ENFORCE ? mode_names[m] : "unset";
}

enum policy_mode policy__mode_parse(const char *s)
{
	for (int m = POLICY_OFF; m <= POLICY_ENFORCE; m++)
		if (!strcmp(s, mode_names[m]))
			return m;
	return POLICY_MODE_UNSET;
}

static int want(struct ctx *c, const struct ynode *n, enum ynode_type t, const char *what)
{
	static const char *const names[] = { "a string", "a mapping", "a list" };

	if (n->type != t)
		return fail(c, n, "%s must be %s", what, names[t]);
	return 0;
}

static int string_of(struct ctx *c, const struct ynode *n, const char *what, size_t max, char **out)
{
	if (want(c, n, YNODE_SCALAR, what))
		return -1;
	if (!n->scalar[0])
		return fail(c, n, "%s is empty", what);
	if (strlen(n->scalar) > max)
		return fail(c, n, "%s is longer than %zu bytes", what, max);
	*out = strdup(n->scalar);
	return *out ? 0 : fail(c, n, "out of memory");
}

static int mode_of(struct ctx *c, const struct ynode *n, const char *what, enum policy_mode *out)
{
	if (want(c, n, YNODE_SCALAR, what))
		return -1;
	*out = policy__mode_parse(n->scalar);
	if (*out != POLICY_MODE_UNSET)
		return 0;
	return fail(c, n, "%s: '%s' is not off, monitor or enforce", what, n->scalar);
}

static int bool_of(struct ctx *c, const struct ynode *n, const char *what, bool *out)
{
	if (want(c, n, YNODE_SCALAR, what))
		return -1;
	if (!strcmp(n->scalar, "true") || !strcmp(n->scalar, "false")) {
		*out = n->scalar[0] == 't';
		return 0;
	}
	return fail(c, n, "%s: '%s' is not true or false", what, n->scalar);
}

/* A mapping's keys, each at most once and each one of `known` (NULL-terminated). */
static int check_keys(struct ctx *c, const struct ynode *map, const char *what, const char *const *known)
{
	unsigned int i, j;
	const char *const *k;

	if (want(c, map, YNODE_MAP, what))
		return -1;
	for (i = 0; i < map->n; i++) {
		for (j = 0; j < i; j++)
			if (!strcmp(map->keys[i]->scalar, map->keys[j]->scalar))
				return fail(c, map->keys[i], "%s: '%s' given twice", what, map->keys[i]->scalar);
		for (k = known; *k && strcmp(*k, map->keys[i]->scalar); k++)
			;
		if (!*k)
			return fail(c, map->keys[i], "%s: unknown key '%s'", what, map->keys[i]->scalar);
	}
	return 0;
}

/*
 * An allowed path as seen inside the container: absolute, no "." or ".."
 * component, no "//" (the kernel compares canonical paths byte for byte).
 * "/dir/" allows everything under dir (and dir itself); "/file" only it.
 */
static int path_of(struct ctx *c, const struct ynode *n, char **out)
{
	const char *s = n->scalar, *comp;

	if (want(c, n, YNODE_SCALAR, "allow_writes entry"))
		return -1;
	if (s[0] != '/')
		return fail(c, n, "allow_writes: '%s' is not an absolute path", s);
	if (strlen(s) > POLICY_PATH_MAX)
		return fail(c, n, "allow_writes: '%.40s...' is longer than %d bytes", s, POLICY_PATH_MAX);
	for (comp = s + 1; *comp; comp = strchr(comp, '/') + 1) {
		size_t len = strcspn(comp, "/");

		if (!comp[len])
			break;
		if (!len || (len == 1 && comp[0] == '.') || (len == 2 && !strncmp(comp, "..", 2)))
			return fail(c, n, "allow_writes: '%s' is not canonical (empty, '.' or '..' component)", s);
	}
	if (!strcmp(comp, ".") || !strcmp(comp, ".."))
		return fail(c, n, "allow_writes: '%s' is not canonical (empty, '.' or '..' component)", s);
	*out = strdup(s);
	return *out ? 0 : fail(c, n, "out of memory");
}

static int allow_writes_of(struct ctx *c, const struct ynode *n, struct policy_rule *r)
{
	unsigned int i;

	if (want(c, n, YNODE_SEQ, "allow_writes"))
		return -1;
	if (c->p->n_paths + n->n > POLICY_PATHS_MAX)
		return fail(c, n, "more than %d allow_writes entries in the policy", POLICY_PATHS_MAX);
	r->allow_writes = calloc(n->n ? n->n : 1, sizeof(*r->allow_writes));
	if (!r->allow_writes)
		return fail(c, n, "out of memory");
	for (i = 0; i < n->n; i++) {
		if (path_of(c, n->kids[i], &r->allow_writes[i]))
			return -1;
		r->n_allow_writes++;
	}
	c->p->n_paths += n->n;
	return 0;
}

static int caps_of(struct ctx *c, const struct ynode *n, uint64_t *out)
{
	unsigned int i;
	int cap;

	if (want(c, n, YNODE_SEQ, "capabilities_allowed"))
		return -1;
	*out = 0;
	for (i = 0; i < n->n; i++) {
		if (want(c, n->kids[i], YNODE_SCALAR, "a capability"))
			return -1;
		cap = capnames__number(n->kids[i]->scalar);
		if (cap < 0)
			return fail(c, n->kids[i], "capabilities_allowed: unknown capability '%s'", n->kids[i]->scalar);
		*out |= 1ull << cap;
	}
	return 0;
}

static int alert_of(struct ctx *c, const struct ynode *n, struct policy_rule *r, struct given *g)
{
	static const char *const keys[] = { "setuid", "mount", "capability", NULL };
	unsigned int i, a;

	if (check_keys(c, n, "alert", keys))
		return -1;
	for (i = 0; i < n->n; i++) {
		for (a = 0; strcmp(keys[a], n->keys[i]->scalar); a++)
			;
		if (bool_of(c, n->kids[i], keys[a], &r->alert[a]))
			return -1;
		g->alert[a] = true;
	}
	return 0;
}

static int kvs_of(struct ctx *c, const struct ynode *n, const char *what, struct policy_kv **out, unsigned int *count)
{
	unsigned int i;

	if (want(c, n, YNODE_MAP, what))
		return -1;
	if (n->n > POLICY_MATCH_KV_MAX)
		return fail(c, n, "%s: more than %d keys", what, POLICY_MATCH_KV_MAX);
	*out = calloc(n->n ? n->n : 1, sizeof(**out));
	if (!*out)
		return fail(c, n, "out of memory");
	for (i = 0; i < n->n; i++) {
		*count = i + 1; /* freed with the rule, whole or not */
		if (string_of(c, n->keys[i], what, 1024, &(*out)[i].key) ||
		    string_of(c, n->kids[i], what, 1024, &(*out)[i].value))
			return -1;
	}
	for (i = 0; i < n->n; i++) {
		unsigned int j;

		for (j = 0; j < i; j++)
			if (!strcmp(n->keys[i]->scalar, n->keys[j]->scalar))
				return fail(c, n->keys[i], "%s: '%s' given twice", what, n->keys[i]->scalar);
	}
	return 0;
}

static int match_of(struct ctx *c, const struct ynode *n, struct policy_match *m)
{
	static const char *const keys[] = {
		"image", "name", "runtime", "namespace", "pod", "labels", "pod_labels", NULL
	};
	unsigned int i;

	if (check_keys(c, n, "match", keys))
		return -1;
	for (i = 0; i < n->n; i++) {
		const char *k = n->keys[i]->scalar;
		const struct ynode *v = n->kids[i];
		int ret;

		if (!strcmp(k, "labels"))
			ret = kvs_of(c, v, "match.labels", &m->labels, &m->n_labels);
		else if (!strcmp(k, "pod_labels"))
			ret = kvs_of(c, v, "match.pod_labels", &m->pod_labels, &m->n_pod_labels);
		else
			ret = string_of(c, v, k, 1024,
					!strcmp(k, "image")	  ? &m->image
					: !strcmp(k, "name")	  ? &m->name
					: !strcmp(k, "runtime")	  ? &m->runtime
					: !strcmp(k, "namespace") ? &m->namespace
								  : &m->pod);
		if (ret)
			return -1;
	}
	return 0;
}

/* What a rule and the defaults share; `pending` only in the defaults. */
static int rule_body(struct ctx *c, const struct ynode *n, struct policy_rule *r, struct given *g, bool defaults)
{
	unsigned int i;

	for (i = 0; i < n->n; i++) {
		const char *k = n->keys[i]->scalar;
		const struct ynode *v = n->kids[i];
		int ret = 0;

		if (!strcmp(k, "rootfs")) {
			ret = mode_of(c, v, "rootfs", &r->rootfs);
			g->rootfs = true;
		} else if (!strcmp(k, "drift")) {
			ret = mode_of(c, v, "drift", &r->drift);
			g->drift = true;
		} else if (!strcmp(k, "allow_writes")) {
			ret = allow_writes_of(c, v, r);
		} else if (!strcmp(k, "alert")) {
			ret = alert_of(c, v, r, g);
		} else if (!strcmp(k, "capabilities_allowed")) {
			ret = caps_of(c, v, &r->caps_allowed);
			g->caps = true;
		} else if (!strcmp(k, "pending") && defaults) {
			ret = mode_of(c, v, "pending", &c->p->pending);
		} else if (!strcmp(k, "name")) {
			ret = string_of(c, v, "name", POLICY_NAME_MAX, &r->name);
		} else if (!strcmp(k, "match")) {
			ret = match_of(c, v, &r->match);
		}
		if (ret)
			return -1;
	}
	return 0;
}

static int defaults_of(struct ctx *c, const struct ynode *n)
{
	static const char *const keys[] = {
		"rootfs", "pending", "drift", "allow_writes", "alert", "capabilities_allowed", NULL
	};
	struct policy_rule *d = &c->p->defaults;
	struct given g = { 0 };

	if (n && (check_keys(c, n, "defaults", keys) || rule_body(c, n, d, &g, true)))
		return -1;
	if (!g.rootfs)
		d->rootfs = POLICY_MONITOR;
	for (int a = 0; a < POLICY_ALERT_MAX; a++)
		if (!g.alert[a])
			d->alert[a] = true;
	if (!c->p->pending)
		c->p->pending = d->rootfs;
	return 0;
}

static void rule_free(struct policy_rule *r);

/* Names are ECS rule.name values and metric labels: a plain set of characters. */
static int check_name(struct ctx *c, const struct ynode *rule, const struct policy_rule *r, unsigned int index)
{
	unsigned int i;

	if (!r->name)
		return fail(c, rule, "rule %u has no name", index + 1);
	if (strspn(r->name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") != strlen(r->name))
		return fail(c, rule, "rule name '%s': only letters, digits, '.', '_' and '-'", r->name);
	for (i = 0; i < index; i++)
		if (!strcmp(c->p->rules[i].name, r->name))
			return fail(c, rule, "rule name '%s' is used by rule %u too", r->name, i + 1);
	return 0;
}

static int rule_of(struct ctx *c, const struct ynode *n, unsigned int index)
{
	static const char *const keys[] = {
		"name", "match", "rootfs", "drift", "allow_writes", "alert", "capabilities_allowed", NULL
	};
	struct policy_rule *r = &c->p->rules[index];
	const struct policy_rule *d = &c->p->defaults;
	struct given g = { 0 };

	r->line = n->line;
	if (check_keys(c, n, "rule", keys) || rule_body(c, n, r, &g, false) || check_name(c, n, r, index)) {
		rule_free(r); /* what it had parsed: policy__free sees only whole rules */
		return -1;
	}
	c->p->n_rules = index + 1;
	if (!g.rootfs)
		r->rootfs = d->rootfs;
	if (!g.drift)
		r->drift = d->drift;
	if (!g.caps)
		r->caps_allowed = d->caps_allowed;
	for (int a = 0; a < POLICY_ALERT_MAX; a++)
		if (!g.alert[a])
			r->alert[a] = d->alert[a];
	return 0;
}

static const struct ynode *lookup(const struct ynode *map, const char *key)
{
	for (unsigned int i = 0; i < map->n; i++)
		if (!strcmp(map->keys[i]->scalar, key))
			return map->kids[i];
	return NULL;
}

static int document(struct ctx *c, const struct ynode *root)
{
	static const char *const keys[] = { "version", "defaults", "rules", NULL };
	const struct ynode *version, *rules;
	unsigned int i;

	if (!root)
		return fail(c, NULL, "the policy is empty (it needs at least \"version: 1\")");
	if (check_keys(c, root, "the policy", keys))
		return -1;
	version = lookup(root, "version");
	if (!version)
		return fail(c, root, "no \"version: 1\"");
	if (version->type != YNODE_SCALAR || strcmp(version->scalar, "1"))
		return fail(c, version, "version: only 1 is known");
	if (defaults_of(c, lookup(root, "defaults")))
		return -1;
	rules = lookup(root, "rules");
	if (!rules)
		return 0;
	if (rules->type == YNODE_SCALAR && !rules->scalar[0]) /* "rules:" with nothing after it */
		return 0;
	if (want(c, rules, YNODE_SEQ, "rules"))
		return -1;
	if (rules->n > POLICY_RULES_MAX)
		return fail(c, rules, "more than %d rules", POLICY_RULES_MAX);
	c->p->rules = calloc(rules->n ? rules->n : 1, sizeof(*c->p->rules));
	if (!c->p->rules)
		return fail(c, rules, "out of memory");
	for (i = 0; i < rules->n; i++)
		if (rule_of(c, rules->kids[i], i))
			return -1;
	return 0;
}

bool policy__enforces_drift(const struct policy *p)
{
	unsigned int i;

	if (p->defaults.drift == POLICY_ENFORCE)
		return true;
	for (i = 0; i < p->n_rules; i++)
		if (p->rules[i].drift == POLICY_ENFORCE)
			return true;
	return false;
}

bool policy__enforces(const struct policy *p)
{
	unsigned int i;

	if (p->defaults.rootfs == POLICY_ENFORCE || p->pending == POLICY_ENFORCE || p->defaults.drift == POLICY_ENFORCE)
		return true;
	for (i = 0; i < p->n_rules; i++)
		if (p->rules[i].rootfs == POLICY_ENFORCE || p->rules[i].drift == POLICY_ENFORCE)
			return true;
	return false;
}

static void sha256_hex(const char *buf, size_t len, char out[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0, i;

	out[0] = 0;
	if (!EVP_Digest(buf, len, md, &n, EVP_sha256(), NULL) || n != 32)
		return;
	for (i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

int policy__parse(const char *buf, size_t len, struct policy *p, struct policy_error *err)
{
	struct ctx c = { .p = p, .err = err };
	struct ynode *root;
	struct yerror yerr;
	int ret;

	memset(p, 0, sizeof(*p));
	memset(err, 0, sizeof(*err));
	sha256_hex(buf, len, err->sha256);
	if (yaml_tree__parse(buf, len, &root, &yerr)) {
		err->line = yerr.line;
		err->column = yerr.column;
		snprintf(err->msg, sizeof(err->msg), "%s", yerr.msg);
		return -1;
	}
	ret = document(&c, root);
	yaml_tree__free(root);
	if (ret) {
		policy__free(p);
		return -1;
	}
	memcpy(p->sha256, err->sha256, sizeof(p->sha256));
	return 0;
}

int policy__load_file(const char *path, struct policy *p, struct policy_error *err)
{
	size_t len = 0, cap = 1 << 16;
	char *buf = malloc(cap), *bigger;
	ssize_t n;
	int fd, ret;

	memset(p, 0, sizeof(*p));
	memset(err, 0, sizeof(*err));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || !buf) {
		snprintf(err->msg, sizeof(err->msg), "%s", strerror(fd < 0 ? errno : ENOMEM));
		free(buf);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	while ((n = read(fd, buf + len, cap - len)) > 0) {
		len += n;
		if (len == cap) {
			if (cap >= POLICY_FILE_MAX) {
				n = -2;
				break;
			}
			bigger = realloc(buf, cap * 2);
			if (!bigger) {
				n = -3;
				break;
			}
			buf = bigger;
			cap *= 2;
		}
	}
	close(fd);
	if (n < 0) {
		snprintf(err->msg, sizeof(err->msg), "%s",
			 n == -2   ? "larger than 16 MiB"
			 : n == -3 ? strerror(ENOMEM)
				   : strerror(errno));
		free(buf);
		return -1;
	}
	ret = policy__parse(buf, len, p, err);
	free(buf);
	return ret;
}

static void rule_free(struct policy_rule *r)
{
	unsigned int i;

	free(r->name);
	free(r->match.image);
	free(r->match.name);
	free(r->match.runtime);
	free(r->match.namespace);
	free(r->match.pod);
	for (i = 0; i < r->match.n_labels; i++) {
		free(r->match.labels[i].key);
		free(r->match.labels[i].value);
	}
	free(r->match.labels);
	for (i = 0; i < r->match.n_pod_labels; i++) {
		free(r->match.pod_labels[i].key);
		free(r->match.pod_labels[i].value);
	}
	free(r->match.pod_labels);
	for (i = 0; i < r->n_allow_writes; i++)
		free(r->allow_writes[i]);
	free(r->allow_writes);
}

void policy__free(struct policy *p)
{
	unsigned int i;

	rule_free(&p->defaults);
	for (i = 0; i < p->n_rules; i++)
		rule_free(&p->rules[i]);
	free(p->rules);
	memset(p, 0, sizeof(*p));
}
