// SPDX-License-Identifier: GPL-2.0
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "kallsyms.h"

static const char syms[] = "ffffffff81a80b00 t __pfx_cap_vm_enough_memory\n"
			   "ffffffff81a80b10 T cap_vm_enough_memory\n"
			   "ffffffff81a80b40 T __pfx_cap_mmap_addr\n"
			   "ffffffff81a80b50 T cap_mmap_addr\n"
			   "ffffffffc0001000 t nf_thing\t[nf_tables]\n";

static const char *const cap_vm[] = { "cap_vm_enough_memory" };

static void test_range_to_next_symbol(void **state)
{
	FILE *f = fmemopen((void *)syms, strlen(syms), "r");
	struct kallsyms_range r;

	(void)state;
	assert_int_equal(kallsyms__ranges(f, cap_vm, 1, &r), 1);
	assert_int_equal(r.start, 0xffffffff81a80b10ull);
	assert_int_equal(r.end, 0xffffffff81a80b40ull);
	fclose(f);
}

/* both in one pass, in either order; an absent one and the last symbol (no end) are zero */
static void test_several_in_one_pass(void **state)
{
	static const char *const names[] = { "cap_mmap_addr", "no_such_symbol", "cap_vm_enough_memory", "nf_thing" };
	FILE *f = fmemopen((void *)syms, strlen(syms), "r");
	struct kallsyms_range r[4];

	(void)state;
	assert_int_equal(kallsyms__ranges(f, names, 4, r), 2);
	assert_int_equal(r[0].start, 0xffffffff81a80b50ull);
	assert_int_equal(r[0].end, 0xffffffffc0001000ull);
	assert_int_equal(r[1].start, 0);
	assert_int_equal(r[2].start, 0xffffffff81a80b10ull);
	assert_int_equal(r[2].end, 0xffffffff81a80b40ull);
	assert_int_equal(r[3].start, 0);
	assert_int_equal(r[3].end, 0);
	fclose(f);
}

static void test_absent_or_hidden(void **state)
{
	static const char hidden[] = "0000000000000000 T cap_vm_enough_memory\n0000000000000000 T next\n";
	static const char *const absent[] = { "no_such_symbol" };
	struct kallsyms_range r;
	FILE *f = fmemopen((void *)syms, strlen(syms), "r");

	(void)state;
	assert_int_equal(kallsyms__ranges(f, absent, 1, &r), 0);
	assert_int_equal(r.start, 0);
	fclose(f);
	f = fmemopen((void *)hidden, strlen(hidden), "r");
	assert_int_equal(kallsyms__ranges(f, cap_vm, 1, &r), 0);
	assert_int_equal(r.start, 0);
	fclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_range_to_next_symbol),
		cmocka_unit_test(test_several_in_one_pass),
		cmocka_unit_test(test_absent_or_hidden),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
