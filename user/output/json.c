// SPDX-License-Identifier: GPL-2.0
/*
 * JSON writing. Escaping rules (RFC 8259 plus what SIEMs choke on):
 *   "  \  -> \"  \\        control bytes and DEL -> \n \t \r \b \f or \u00XX
 *   valid UTF-8 is kept as is; each byte of an invalid sequence becomes the
 *   text \xNN (an escaped backslash, 'x', two hex digits), so the bytes stay
 *   recoverable and the line stays valid UTF-8 JSON.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "json.h"

static bool reserve(struct json *j, size_t extra)
{
	size_t want = j->len + extra + 1;
	char *p;

	if (j->oom)
		return false;
	if (want <= j->cap)
		return true;
	if (want < 4096)
		want = 4096;
	if (want < j->cap * 2)
		want = j->cap * 2;
	p = realloc(j->buf, want);
	if (!p) {
		j->oom = true;
		return false;
	}
	j->buf = p;
	j->cap = want;
	return true;
}

static inline void put(struct json *j, const char *s, size_t n)
{
	if (j->len + n + 1 > j->cap && !reserve(j, n))
		return;
	memcpy(j->buf + j->len, s, n);
	j->len += n;
}

static void putc1(struct json *j, char c)
{
	put(j, &c, 1);
}

void json__reset(struct json *j)
{
	j->len = 0;
	j->depth = 0;
	j->oom = false;
	memset(j->need_comma, 0, sizeof(j->need_comma));
	putc1(j, '{');
}

void json__free(struct json *j)
{
	free(j->buf);
	memset(j, 0, sizeof(*j));
}

/* Length of the valid UTF-8 sequence at s (max n bytes), 0 if invalid. */
static size_t utf8_seq_len(const unsigned char *s, size_t n)
{
	size_t len, i;
	unsigned int cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	/* overlong forms, UTF-16 surrogates, beyond U+10FFFF */
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

/* Printable ASCII other than '"' and '\\' is copied as is, a run at a time. */
static inline bool plain(unsigned char c)
{
	return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
}

void json__escape(struct json *j, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	char tmp[8];
	size_t i = 0, run, k;

	while (i < n) {
		unsigned char c = u[i];

		for (run = i; run < n && plain(u[run]); run++)
			;
		if (run > i) {
			put(j, s + i, run - i);
			i = run;
			continue;
		}
		switch (c) {
		case '"':
			put(j, "\\\"", 2);
			i++;
			continue;
		case '\\':
			put(j, "\\\\", 2);
			i++;
			continue;
		case '\n':
			put(j, "\\n", 2);
			i++;
			continue;
		case '\t':
			put(j, "\\t", 2);
			i++;
			continue;
		case '\r':
			put(j, "\\r", 2);
			i++;
			continue;
		case '\b':
			put(j, "\\b", 2);
			i++;
			continue;
		case '\f':
			put(j, "\\f", 2);
			i++;
			continue;
		default: break;
		}
		if (c < 0x20 || c == 0x7f) {
			snprintf(tmp, sizeof(tmp), "\\u%04x", c);
			put(j, tmp, 6);
			i++;
			continue;
		}
		k = utf8_seq_len(u + i, n - i);
		if (!k) {
			snprintf(tmp, sizeof(tmp), "\\\\x%02x", c);
			put(j, tmp, 5);
			i++;
			continue;
		}
		put(j, s + i, k);
		i += k;
	}
}

static void key(struct json *j, const char *k)
{
	if (j->need_comma[j->depth])
		putc1(j, ',');
	j->need_comma[j->depth] = true;
	if (!k)
		return;
	/* keys are vigil's own constants: nothing to escape */
	putc1(j, '"');
	put(j, k, strlen(k));
	put(j, "\":", 2);
}

static void open_scope(struct json *j, const char *k, char c)
{
	key(j, k);
	putc1(j, c);
	if (j->depth + 1 < JSON_MAX_DEPTH) {
		j->depth++;
		j->need_comma[j->depth] = false;
	} else {
		j->oom = true; /* deeper than any vigil line: a bug, never emit it */
	}
}

void json__begin_object(struct json *j, const char *k)
{
	open_scope(j, k, '{');
}
void json__begin_array(struct json *j, const char *k)
{
	open_scope(j, k, '[');
}

static void close_scope(struct json *j, char c)
{
	if (j->depth > 0)
		j->depth--;
	putc1(j, c);
}

void json__end_object(struct json *j)
{
	close_scope(j, '}');
}
void json__end_array(struct json *j)
{
	close_scope(j, ']');
}

void json__strn(struct json *j, const char *k, const char *s, size_t n)
{
	key(j, k);
	putc1(j, '"');
	json__escape(j, s, n);
	putc1(j, '"');
}

void json__str_any_key(struct json *j, const char *k, const char *s)
{
	key(j, NULL); /* the comma only */
	putc1(j, '"');
	json__escape(j, k, strlen(k));
	put(j, "\":", 2);
	putc1(j, '"');
	json__escape(j, s, strlen(s));
	putc1(j, '"');
}

void json__str(struct json *j, const char *k, const char *s)
{
	json__strn(j, k, s ? s : "", s ? strlen(s) : 0);
}

/* Decimal digits of v, without printf's format parsing (a hot path). */
static void put_u64(struct json *j, uint64_t v)
{
	char tmp[20];
	size_t i = sizeof(tmp);

	do {
		tmp[--i] = '0' + v % 10;
		v /= 10;
	} while (v);
	put(j, tmp + i, sizeof(tmp) - i);
}

void json__u64(struct json *j, const char *k, uint64_t v)
{
	key(j, k);
	put_u64(j, v);
}

void json__u64_string(struct json *j, const char *k, uint64_t v)
{
	key(j, k);
	putc1(j, '"');
	put_u64(j, v);
	putc1(j, '"');
}

void json__i64(struct json *j, const char *k, int64_t v)
{
	key(j, k);
	if (v < 0) {
		putc1(j, '-');
		put_u64(j, -(uint64_t)v);
	} else {
		put_u64(j, v);
	}
}

void json__bool(struct json *j, const char *k, bool v)
{
	key(j, k);
	put(j, v ? "true" : "false", v ? 4 : 5);
}

bool json__end_line(struct json *j)
{
	if (j->depth != 0)
		j->oom = true;
	put(j, "}\n", 2);
	if (!j->oom)
		j->buf[j->len] = '\0'; /* reserve() keeps a byte for it */
	return !j->oom;
}
