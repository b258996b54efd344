/* SPDX-License-Identifier: GPL-2.0 */
/* Reading the runtimes' JSON with json-c: a parse, typed lookups that tolerate any shape. */
#ifndef VIGIL_JSON_IN_H
#define VIGIL_JSON_IN_H

#include <stddef.h>
#include <json-c/json.h>

/* The top-level object of text[0, len), or NULL for anything else; release with json_object_put. */
struct json_object *json_in__object(const char *text, size_t len);
/* obj[key] if it is a string / an object / an array; NULL otherwise (or when obj is NULL). */
const char *json_in__string(struct json_object *obj, const char *key);
struct json_object *json_in__child(struct json_object *obj, const char *key);
struct json_object *json_in__array(struct json_object *obj, const char *key);

#endif /* VIGIL_JSON_IN_H */
