// SPDX-License-Identifier: GPL-2.0
/*
 * Hostile strings (paths, argv, labels) through vigil's JSON writer: the line
 * must parse, and a valid UTF-8 string must come back byte for byte.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include "json.h"

/*
 * The judge: Unicode's table of well-formed byte sequences (Unicode 15,
 * table 3-7), written from the standard, not from json.c. (glibc's iconv
 * is too lenient: it takes F4 9F 98 80, past U+10FFFF.)
 */
static int valid_utf8(const uint8_t *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint8_t c = s[i];
		uint8_t lo = 0x80, hi = 0xbf;
		size_t k, len;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			len = 2;
		else if (c >= 0xe0 && c <= 0xef)
			len = 3;
		else if (c >= 0xf0 && c <= 0xf4)
			len = 4;
		else
			return 0;
		if (c == 0xe0)
			lo = 0xa0;
		else if (c == 0xed)
			hi = 0x9f;
		else if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;
		if (i + len > n || s[i + 1] < lo || s[i + 1] > hi)
			return 0;
		for (k = 2; k < len; k++)
			if (s[i + k] < 0x80 || s[i + k] > 0xbf)
				return 0;
		i += len;
	}
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct json_tokener *tok;
	struct json_object *root, *v;
	struct json j = { 0 };
	char *key = strndup((const char *)data, size); /* label keys are C strings */

	if (!key)
		return 0;
	json__reset(&j);
	json__strn(&j, "s", (const char *)data, size);
	json__begin_object(&j, "labels");
	json__str_any_key(&j, key, "x");
	json__end_object(&j);
	free(key);
	if (!json__end_line(&j))
		return 0;
	tok = json_tokener_new();
	root = json_tokener_parse_ex(tok, j.buf, (int)j.len);
	if (!root || json_tokener_get_error(tok) != json_tokener_success || !json_object_object_get_ex(root, "s", &v))
		abort(); /* not valid JSON */
	if (valid_utf8(data, size) &&
	    ((size_t)json_object_get_string_len(v) != size || memcmp(json_object_get_string(v), data, size)))
		abort(); /* valid text did not round-trip */
	json_object_put(root);
	json_tokener_free(tok);
	json__free(&j);
	return 0;
}
