// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "safe_path.h"

struct tree {
	char dir[64]; /* <tmp>/vigil-safe.XXXXXX, 0755 */
	char bin[96]; /* <dir>/bin, 0755 */
};

static int make_tree(void **state)
{
	struct tree *t = calloc(1, sizeof(*t));
	FILE *f;

	snprintf(t->dir, sizeof(t->dir), "/tmp/vigil-safe.XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	assert_int_equal(chmod(t->dir, 0755), 0);
	snprintf(t->bin, sizeof(t->bin), "%s/bin", t->dir);
	f = fopen(t->bin, "w");
	assert_non_null(f);
	fclose(f);
	assert_int_equal(chmod(t->bin, 0755), 0);
	*state = t;
	return 0;
}

static int remove_tree(void **state)
{
	struct tree *t = *state;
	char link[128];

	snprintf(link, sizeof(link), "%s/link", t->dir);
	unlink(link);
	unlink(t->bin);
	rmdir(t->dir);
	free(t);
	return 0;
}

static void test_owner_only_writable_is_safe(void **state)
{
	struct tree *t = *state;
	char why[512] = "";

	assert_int_equal(safe_path__check(t->bin, why, sizeof(why)), 0);
}

static void test_world_writable_file_is_refused(void **state)
{
	struct tree *t = *state;
	char why[512] = "";

	assert_int_equal(chmod(t->bin, 0757), 0);
	assert_int_equal(safe_path__check(t->bin, why, sizeof(why)), -EPERM);
	assert_non_null(strstr(why, "bin is world-writable (mode 0757)"));
}

static void test_world_writable_directory_is_refused(void **state)
{
	struct tree *t = *state;
	char why[512] = "", expect[128];

	assert_int_equal(chmod(t->dir, 0777), 0);
	assert_int_equal(safe_path__check(t->bin, why, sizeof(why)), -EPERM);
	snprintf(expect, sizeof(expect), ": %s is world-writable (mode 0777)", t->dir);
	assert_non_null(strstr(why, expect));
}

static void test_sticky_world_writable_directory_is_safe(void **state)
{
	struct tree *t = *state;
	char why[512] = "";

	assert_int_equal(chmod(t->dir, 01777), 0);
	assert_int_equal(safe_path__check(t->bin, why, sizeof(why)), 0);
}

static void test_link_is_judged_by_its_target(void **state)
{
	struct tree *t = *state;
	char why[512] = "", link[128];

	snprintf(link, sizeof(link), "%s/link", t->dir);
	assert_int_equal(symlink(t->bin, link), 0);
	assert_int_equal(safe_path__check(link, why, sizeof(why)), 0);
	assert_int_equal(chmod(t->bin, 0777), 0);
	assert_int_equal(safe_path__check(link, why, sizeof(why)), -EPERM);
	assert_non_null(strstr(why, t->bin));
}

static void test_missing_file_names_it(void **state)
{
	char why[512] = "";

	(void)state;
	assert_int_equal(safe_path__check("/nonexistent/vigil", why, sizeof(why)), -ENOENT);
	assert_non_null(strstr(why, "/nonexistent/vigil"));
}

static void test_mode_rule(void **state)
{
	struct stat st = { 0 };

	(void)state;
	st.st_mode = S_IFREG | 0755;
	assert_false(safe_path__unsafe_mode(&st, false));
	st.st_mode = S_IFREG | 0775; /* group-writable: the group is the admin's choice */
	assert_false(safe_path__unsafe_mode(&st, false));
	st.st_mode = S_IFREG | 01777; /* the sticky bit protects entries, not a file's content */
	assert_true(safe_path__unsafe_mode(&st, false));
	st.st_mode = S_IFDIR | 01777;
	assert_false(safe_path__unsafe_mode(&st, true));
	st.st_mode = S_IFDIR | 0777;
	assert_true(safe_path__unsafe_mode(&st, true));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_owner_only_writable_is_safe, make_tree, remove_tree),
		cmocka_unit_test_setup_teardown(test_world_writable_file_is_refused, make_tree, remove_tree),
		cmocka_unit_test_setup_teardown(test_world_writable_directory_is_refused, make_tree, remove_tree),
		cmocka_unit_test_setup_teardown(test_sticky_world_writable_directory_is_safe, make_tree, remove_tree),
		cmocka_unit_test_setup_teardown(test_link_is_judged_by_its_target, make_tree, remove_tree),
		cmocka_unit_test(test_missing_file_names_it),
		cmocka_unit_test(test_mode_rule),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
