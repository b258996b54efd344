// SPDX-License-Identifier: GPL-2.0
/* The table the BPF side trusts: numbers in range, argument indexes valid, no duplicates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <sys/syscall.h>
#include <cmocka.h>
#include "syscall_table.h"

#define BPF_SLOTS VIGIL_SYSCALL_SLOTS
#define ARGS 6

static void check_arg(const char *name, int arg)
{
	if (arg != VIGIL_ARG_NONE && (arg < 0 || arg >= ARGS))
		fail_msg("%s: argument index %d", name, arg);
}

static void test_entries_are_sane(void **state)
{
	unsigned int i, k;

	(void)state;
	assert_true(syscall_table_len > 40);
	for (i = 0; i < syscall_table_len; i++) {
		const struct syscall_entry *e = &syscall_table[i];

		if (e->nr < 0 || e->nr >= BPF_SLOTS)
			fail_msg("%s: number %ld outside the BPF table", e->name, e->nr);
		for (k = i + 1; k < syscall_table_len; k++)
			if (syscall_table[k].nr == e->nr)
				fail_msg("%s listed twice", e->name);
		assert_in_range(e->desc.action, VIGIL_EV_ROOTFS_WRITE, VIGIL_EV_CAPABILITY);
		check_arg(e->name, e->desc.fd_arg);
		check_arg(e->name, e->desc.flags_arg);
		for (k = 0; k < VIGIL_NSTR; k++) {
			check_arg(e->name, e->desc.str_arg[k]);
			check_arg(e->name, e->desc.dirfd_arg[k]);
		}
		if (e->desc.action == VIGIL_EV_ROOTFS_WRITE && e->desc.fd_arg == VIGIL_ARG_NONE &&
		    e->desc.str_arg[0] == VIGIL_ARG_NONE)
			fail_msg("%s: a write with neither fd nor path", e->name);
	}
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(syscall_table__name(SYS_openat), "openat");
	assert_string_equal(syscall_table__name(SYS_setresuid), "setresuid");
	assert_string_equal(syscall_table__name(SYS_umount2), "umount2");
	assert_null(syscall_table__name(SYS_getppid));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_entries_are_sane),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
