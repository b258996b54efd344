// SPDX-License-Identifier: GPL-2.0
/* JSON escaping of hostile strings, and the line builder's structure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include "json.h"

static const char *escaped(struct json *j, const char *s, size_t n)
{
	static char out[256];

	j->len = 0;
	json__escape(j, s, n);
	assert_true(j->len < sizeof(out));
	memcpy(out, j->buf, j->len);
	out[j->len] = '\0';
	return out;
}

#define ESC(in, out) assert_string_equal(escaped(&j, in, sizeof(in) - 1), out)

static void test_escape(void **state)
{
	struct json j = { 0 };

	(void)state;
	ESC("plain/path", "plain/path");
	ESC("a\"b", "a\\\"b");
	ESC("back\\slash", "back\\\\slash");
	ESC("new\nline\ttab\rcr", "new\\nline\\ttab\\rcr");
	ESC("\b\f", "\\b\\f");
	ESC("\x01\x1f\x7f", "\\u0001\\u001f\\u007f");
	ESC("nul\0byte", "nul\\u0000byte");
	ESC("\xc3\xa9t\xc3\xa9", "\xc3\xa9t\xc3\xa9"); /* valid 2-byte */
	ESC("\xe2\x82\xac", "\xe2\x82\xac");	       /* valid 3-byte */
	ESC("\xf0\x9f\x90\xb1", "\xf0\x9f\x90\xb1");   /* valid 4-byte */
	ESC("bad\xff", "bad\\\\xff");
	ESC("\xc3", "\\\\xc3");					 /* truncated sequence */
	ESC("\xc0\xaf", "\\\\xc0\\\\xaf");			 /* overlong '/' */
	ESC("\xed\xa0\x80", "\\\\xed\\\\xa0\\\\x80");		 /* UTF-16 surrogate */
	ESC("\xf4\x90\x80\x80", "\\\\xf4\\\\x90\\\\x80\\\\x80"); /* beyond U+10FFFF */
	ESC("\xe2\x82", "\\\\xe2\\\\x82");
	json__free(&j);
}

static void test_line_structure(void **state)
{
	struct json j = { 0 };

	(void)state;
	json__reset(&j);
	json__str(&j, "a", "x");
	json__begin_object(&j, "o");
	json__u64(&j, "n", 18446744073709551615ull);
	json__i64(&j, "m", -5);
	json__begin_array(&j, "arr");
	json__str(&j, NULL, "p");
	json__str(&j, NULL, "q\n");
	json__end_array(&j);
	json__bool(&j, "b", true);
	json__end_object(&j);
	json__strn(&j, "raw", "ab\0c", 4);
	assert_true(json__end_line(&j));
	assert_string_equal(j.buf, "{\"a\":\"x\",\"o\":{\"n\":18446744073709551615,\"m\":-5,"
				   "\"arr\":[\"p\",\"q\\n\"],\"b\":true},\"raw\":\"ab\\u0000c\"}\n");
	json__free(&j);
}

static void test_unbalanced_line_is_refused(void **state)
{
	struct json j = { 0 };

	(void)state;
	json__reset(&j);
	json__begin_object(&j, "open");
	assert_false(json__end_line(&j));
	json__free(&j);
}

static void test_long_string_grows_buffer(void **state)
{
	struct json j = { 0 };
	char big[70000];

	(void)state;
	memset(big, '"', sizeof(big));
	json__reset(&j);
	json__strn(&j, "big", big, sizeof(big));
	assert_true(json__end_line(&j));
	assert_int_equal(j.len, 2 * sizeof(big) + strlen("{\"big\":\"\"}\n"));
	json__free(&j);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_line_structure),
		cmocka_unit_test(test_unbalanced_line_is_refused),
		cmocka_unit_test(test_long_string_grows_buffer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
