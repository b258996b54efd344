// SPDX-License-Identifier: GPL-2.0
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include "pathbuf.h"

static void test_components_reversed(void **state)
{
	char out[64];

	(void)state;
	assert_int_equal(pathbuf__from_components("c\0b\0a\0", 6, out, sizeof(out)), 6);
	assert_string_equal(out, "/a/b/c");
	assert_int_equal(pathbuf__from_components("", 0, out, sizeof(out)), 1);
	assert_string_equal(out, "/");
	assert_int_equal(pathbuf__from_components("etc\0", 4, out, sizeof(out)), 4);
	assert_string_equal(out, "/etc");
	/* a component cut short (no final NUL) is kept */
	assert_true(pathbuf__from_components("leaf\0di", 7, out, sizeof(out)) > 0);
	assert_string_equal(out, "/di/leaf");
	assert_int_equal(pathbuf__from_components("c\0b\0a\0", 6, out, 6), -1);
}

static void test_join_normalize(void **state)
{
	char out[64];

	(void)state;
#define J(base, rel, want)                                                             \
	do {                                                                           \
		assert_true(pathbuf__join_normalize(base, rel, out, sizeof(out)) > 0); \
		assert_string_equal(out, want);                                        \
	} while (0)
	J("/etc", "passwd", "/etc/passwd");
	J("/etc", "/abs", "/abs");
	J("/tmp/sub", "../../etc/x", "/etc/x");
	J("/", "../../..", "/");
	J("/a", "./b/./c//d/", "/a/b/c/d");
	J(NULL, "/x/../y", "/y");
	J("/a/b", "..", "/a");
	assert_int_equal(pathbuf__join_normalize("/a", "bbbbbbbbbb", out, 8), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_components_reversed),
		cmocka_unit_test(test_join_normalize),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
