/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A YAML document as a small tree of mappings, sequences and scalars, each
 * with its line and column, read by libyaml's event parser. Anchors and
 * aliases are refused (a policy has no use for them, and an alias expanded
 * by a walker is the "billion laughs"); depth and node count are bounded.
 * Pure: bytes in, tree or one error out.
 */
#ifndef VIGIL_YAML_TREE_H
#define VIGIL_YAML_TREE_H

#include <stddef.h>

enum ynode_type { YNODE_SCALAR, YNODE_MAP, YNODE_SEQ };

struct ynode {
	enum ynode_type type;
	unsigned int line, column; /* 1-based, where the node starts */
	char *scalar;		   /* YNODE_SCALAR: NUL-terminated; a NUL inside is refused */
	/* YNODE_MAP: keys[i] (scalars) and kids[i]; YNODE_SEQ: kids[i] */
	struct ynode **keys;
	struct ynode **kids;
	unsigned int n;
};

#define YAML_TREE_DEPTH_MAX 32
#define YAML_TREE_NODES_MAX 1000000

struct yerror {
	unsigned int line, column;
	char msg[200];
};

/* The single document in buf (an empty input: NULL with no error). 0, or -1 with err filled. */
int yaml_tree__parse(const char *buf, size_t len, struct ynode **root, struct yerror *err);
void yaml_tree__free(struct ynode *n);

#endif /* VIGIL_YAML_TREE_H */
