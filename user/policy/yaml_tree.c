// SPDX-License-Identifier: GPL-2.0
/* libyaml's events folded into a tree (yaml_tree.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>
#include "yaml_tree.h"

struct builder {
	struct ynode *stack[YAML_TREE_DEPTH_MAX];
	unsigned int depth;
	unsigned long nodes;
	struct ynode *root;
	struct yerror *err;
};

__attribute__((format(printf, 3, 4))) static int fail(struct yerror *err, const yaml_mark_t *m, const char *fmt, ...)
{
	va_list ap;

	err->line = m ? (unsigned int)m->line + 1 : 0;
	err->column = m ? (unsigned int)m->column + 1 : 0;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

void yaml_tree__free(struct ynode *n)
{
	unsigned int i;

	if (!n)
		return;
	for (i = 0; i < n->n; i++) {
		if (n->keys)
			yaml_tree__free(n->keys[i]);
		yaml_tree__free(n->kids[i]);
	}
	free(n->keys);
	free(n->kids);
	free(n->scalar);
	free(n);
}

/* Appends kid to a map (as its next key, or the value of the last key) or a sequence. */
static int attach(struct ynode *parent, struct ynode *kid, const yaml_mark_t *m, struct yerror *err)
{
	struct ynode **kids, **keys;

	if (parent->type == YNODE_MAP && parent->n && !parent->kids[parent->n - 1]) {
		parent->kids[parent->n - 1] = kid; /* the value of the last key */
		return 0;
	}
	if (parent->type == YNODE_MAP && kid->type != YNODE_SCALAR)
		return fail(err, m, "a mapping key must be a plain string");
	kids = realloc(parent->kids, (parent->n + 1) * sizeof(*kids));
	if (!kids)
		return fail(err, m, "out of memory");
	parent->kids = kids;
	if (parent->type == YNODE_MAP) {
		keys = realloc(parent->keys, (parent->n + 1) * sizeof(*keys));
		if (!keys)
			return fail(err, m, "out of memory");
		parent->keys = keys;
		keys[parent->n] = kid;
		kids[parent->n] = NULL;
	} else {
		kids[parent->n] = kid;
	}
	parent->n++;
	return 0;
}

static struct ynode *node_new(struct builder *b, enum ynode_type type, const yaml_mark_t *m)
{
	struct ynode *n;

	if (++b->nodes > YAML_TREE_NODES_MAX) {
		fail(b->err, m, "more than %d nodes", YAML_TREE_NODES_MAX);
		return NULL;
	}
	n = calloc(1, sizeof(*n));
	if (!n) {
		fail(b->err, m, "out of memory");
		return NULL;
	}
	n->type = type;
	n->line = (unsigned int)m->line + 1;
	n->column = (unsigned int)m->column + 1;
	return n;
}

/* A new node goes into the open container, or becomes the root. */
static int place(struct builder *b, struct ynode *n, const yaml_mark_t *m)
{
	if (!b->depth) {
		if (b->root) {
			yaml_tree__free(n);
			return fail(b->err, m, "more than one document");
		}
		b->root = n;
		return 0;
	}
	if (attach(b->stack[b->depth - 1], n, m, b->err)) {
		yaml_tree__free(n);
		return -1;
	}
	return 0;
}

static int on_scalar(struct builder *b, const yaml_event_t *ev)
{
	const yaml_mark_t *m = &ev->start_mark;
	struct ynode *n;

	if (ev->data.scalar.anchor)
		return fail(b->err, m, "anchors and aliases are not supported");
	if (memchr(ev->data.scalar.value, 0, ev->data.scalar.length))
		return fail(b->err, m, "a string holds a NUL byte");
	n = node_new(b, YNODE_SCALAR, m);
	if (!n)
		return -1;
	n->scalar = strndup((const char *)ev->data.scalar.value, ev->data.scalar.length);
	if (!n->scalar) {
		yaml_tree__free(n);
		return fail(b->err, m, "out of memory");
	}
	return place(b, n, m);
}

static int on_start(struct builder *b, const yaml_event_t *ev, enum ynode_type type)
{
	const yaml_mark_t *m = &ev->start_mark;
	const yaml_char_t *anchor = type == YNODE_MAP ? ev->data.mapping_start.anchor : ev->data.sequence_start.anchor;
	struct ynode *n;

	if (anchor)
		return fail(b->err, m, "anchors and aliases are not supported");
	if (b->depth == YAML_TREE_DEPTH_MAX)
		return fail(b->err, m, "nested deeper than %d levels", YAML_TREE_DEPTH_MAX);
	n = node_new(b, type, m);
	if (!n || place(b, n, m))
		return -1;
	b->stack[b->depth++] = n;
	return 0;
}

static int on_event(struct builder *b, const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_SCALAR_EVENT: return on_scalar(b, ev);
	case YAML_MAPPING_START_EVENT: return on_start(b, ev, YNODE_MAP);
	case YAML_SEQUENCE_START_EVENT: return on_start(b, ev, YNODE_SEQ);
	case YAML_MAPPING_END_EVENT:
	case YAML_SEQUENCE_END_EVENT:
		if (b->depth)
			b->depth--;
		return 0;
	case YAML_ALIAS_EVENT: return fail(b->err, &ev->start_mark, "anchors and aliases are not supported");
	case YAML_DOCUMENT_START_EVENT:
		if (b->root)
			return fail(b->err, &ev->start_mark, "more than one document");
		return 0;
	default: return 0;
	}
}

int yaml_tree__parse(const char *buf, size_t len, struct ynode **root, struct yerror *err)
{
	struct builder b = { .err = err };
	yaml_parser_t parser;
	yaml_event_t ev;
	int ret = 0, done = 0;

	*root = NULL;
	memset(err, 0, sizeof(*err));
	if (!yaml_parser_initialize(&parser))
		return fail(err, NULL, "out of memory");
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	while (!done && !ret) {
		if (!yaml_parser_parse(&parser, &ev)) {
			ret = fail(err, &parser.problem_mark, "%s%s%s", parser.problem ? parser.problem : "not YAML",
				   parser.context ? " " : "", parser.context ? parser.context : "");
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		ret = on_event(&b, &ev);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	if (ret) {
		yaml_tree__free(b.root);
		return -1;
	}
	*root = b.root;
	return 0;
}
