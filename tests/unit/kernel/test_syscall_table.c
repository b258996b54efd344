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
#define ARGS	  6

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

/* --watch-ia32: each i386 entry is in range, listed once, and read like a 64-bit entry of the same kind. */
static void test_ia32_entries(void **state)
{
	const struct vigil_syscall_desc *desc, *other;
	const char *name, *other_name;
	unsigned int i, k;
	long nr, other_nr;
	int got;

	(void)state;
	for (i = 0; (got = syscall_table_ia32__get(i, &nr, &name, &desc)) != 0; i++) {
		if (got < 0)
			fail_msg("i386 entry %u names no 64-bit entry", i);
		if (nr < 0 || nr >= BPF_SLOTS)
			fail_msg("%s: i386 number %ld outside the BPF table", name, nr);
		for (k = i + 1; syscall_table_ia32__get(k, &other_nr, &other_name, &other) > 0; k++)
			if (other_nr == nr)
				fail_msg("%s and %s share i386 number %ld", name, other_name, nr);
		assert_string_equal(syscall_table_ia32__name(nr), name);
	}
#if defined(__x86_64__)
	assert_true(i > 60);
	assert_string_equal(syscall_table_ia32__name(5), "open"); /* i386 numbers, not x86-64's */
	assert_string_equal(syscall_table_ia32__name(208), "setresuid32");
	assert_null(syscall_table_ia32__name(20)); /* getpid */
#endif
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_entries_are_sane),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_ia32_entries),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
