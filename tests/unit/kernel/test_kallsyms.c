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

static void test_range_to_next_symbol(void **state)
{
	FILE *f = fmemopen((void *)syms, strlen(syms), "r");
	uint64_t start = 0, end = 0;

	(void)state;
	assert_true(kallsyms__range(f, "cap_vm_enough_memory", &start, &end));
	assert_int_equal(start, 0xffffffff81a80b10ull);
	assert_int_equal(end, 0xffffffff81a80b40ull);
	fclose(f);
}

static void test_absent_or_hidden(void **state)
{
	static const char hidden[] = "0000000000000000 T cap_vm_enough_memory\n0000000000000000 T next\n";
	uint64_t start, end;
	FILE *f = fmemopen((void *)syms, strlen(syms), "r");

	(void)state;
	assert_false(kallsyms__range(f, "no_such_symbol", &start, &end));
	fclose(f);
	f = fmemopen((void *)hidden, strlen(hidden), "r");
	assert_false(kallsyms__range(f, "cap_vm_enough_memory", &start, &end));
	fclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_range_to_next_symbol),
		cmocka_unit_test(test_absent_or_hidden),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
