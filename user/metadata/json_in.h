/* SPDX-License-Identifier: GPL-2.0 */
/* Reading the runtimes' JSON with json-c: a parse, typed lookups that tolerate any shape. */
#ifndef VIGIL_JSON_IN_H
#define VIGIL_JSON_IN_H

#include <stddef.h>
#include <json-c/json.h>

/* The top-level value of text[0, len) if it has this type, else NULL; release with json_object_put. */
struct json_object *json_in__parse(const char *text, size_t len, enum json_type type);
/* obj[key] if it is a string / an object / an array; NULL otherwise (or when obj is NULL or no object). */
const char *json_in__string(struct json_object *obj, const char *key);
struct json_object *json_in__child(struct json_object *obj, const char *key);
struct json_object *json_in__array(struct json_object *obj, const char *key);

#endif /* VIGIL_JSON_IN_H */
