/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A JSON line builder over one reusable buffer: no allocation per event once
 * the buffer has grown to the largest line. Strings are escaped so any bytes
 * (quotes, control bytes, invalid UTF-8) give valid JSON; see json.c.
 */
#ifndef VIGIL_JSON_H
#define VIGIL_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define JSON_MAX_DEPTH 8

struct json {
	char *buf;
	size_t len;
	size_t cap;
	int depth;
	bool need_comma[JSON_MAX_DEPTH];
	bool oom;
};

void json__reset(struct json *j);
void json__free(struct json *j);
/* Finishes the top-level object with '\n'; false if memory ran out. */
bool json__end_line(struct json *j);

void json__begin_object(struct json *j, const char *key);
void json__end_object(struct json *j);
void json__begin_array(struct json *j, const char *key);
void json__end_array(struct json *j);
void json__str(struct json *j, const char *key, const char *s);
void json__strn(struct json *j, const char *key, const char *s, size_t n);
/*
 * Keys elsewhere are vigil's own constants, written as they are; this one
 * escapes its key too, for keys that come from outside (container labels).
 */
void json__str_any_key(struct json *j, const char *key, const char *s);
void json__u64(struct json *j, const char *key, uint64_t v);
/* A number ECS types as keyword (ids, inode numbers): "1000". */
void json__u64_string(struct json *j, const char *key, uint64_t v);
void json__i64(struct json *j, const char *key, int64_t v);
void json__bool(struct json *j, const char *key, bool v);
/* The escaped form of s[0..n) without quotes, appended to j (for tests and keys). */
void json__escape(struct json *j, const char *s, size_t n);

#endif /* VIGIL_JSON_H */
