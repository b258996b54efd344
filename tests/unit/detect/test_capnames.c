// SPDX-License-Identifier: GPL-2.0
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <linux/capability.h>
#include <cmocka.h>
#include "capnames.h"

static void test_names_match_uapi_numbers(void **state)
{
	char buf[24];

	(void)state;
	assert_string_equal(capnames__name(CAP_CHOWN, buf, sizeof(buf)), "CAP_CHOWN");
	assert_string_equal(capnames__name(CAP_SETUID, buf, sizeof(buf)), "CAP_SETUID");
	assert_string_equal(capnames__name(CAP_NET_RAW, buf, sizeof(buf)), "CAP_NET_RAW");
	assert_string_equal(capnames__name(CAP_SYS_ADMIN, buf, sizeof(buf)), "CAP_SYS_ADMIN");
	assert_string_equal(capnames__name(CAP_MKNOD, buf, sizeof(buf)), "CAP_MKNOD");
	assert_string_equal(capnames__name(CAP_BPF, buf, sizeof(buf)), "CAP_BPF");
	assert_string_equal(capnames__name(CAP_LAST_CAP, buf, sizeof(buf)), "CAP_CHECKPOINT_RESTORE");
}

static void test_unknown_number(void **state)
{
	char buf[24];

	(void)state;
	assert_string_equal(capnames__name(CAP_LAST_CAP + 1, buf, sizeof(buf)), "CAP_41");
	assert_string_equal(capnames__name(4000000000u, buf, sizeof(buf)), "CAP_4000000000");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_match_uapi_numbers),
		cmocka_unit_test(test_unknown_number),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
