// SPDX-License-Identifier: GPL-2.0
#include <limits.h>
#include "json_in.h"

struct json_object *json_in__parse(const char *text, size_t len, enum json_type type)
{
	struct json_tokener *tok;
	struct json_object *root;

	if (len > INT_MAX)
		return NULL;
	tok = json_tokener_new();
	if (!tok)
		return NULL;
	root = json_tokener_parse_ex(tok, text, (int)len);
	json_tokener_free(tok);
	if (root && !json_object_is_type(root, type)) {
		json_object_put(root);
		root = NULL;
	}
	return root;
}

static struct json_object *typed(struct json_object *obj, const char *key, enum json_type type)
{
	struct json_object *v;

	if (!obj || !json_object_object_get_ex(obj, key, &v) || !json_object_is_type(v, type))
		return NULL;
	return v;
}

const char *json_in__string(struct json_object *obj, const char *key)
{
	struct json_object *v = typed(obj, key, json_type_string);

	return v ? json_object_get_string(v) : NULL;
}

struct json_object *json_in__child(struct json_object *obj, const char *key)
{
	return typed(obj, key, json_type_object);
}

struct json_object *json_in__array(struct json_object *obj, const char *key)
{
	return typed(obj, key, json_type_array);
}
