// SPDX-License-Identifier: GPL-2.0
/* The dedup window the BPF side runs on every capability check (include/cap_dedup.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include "cap_dedup.h"

#define SEC 1000000000ull
#define WINDOW (60 * SEC)

static void test_first_check_alerts(void **state)
{
	struct vigil_dedup_state s = { 0 };

	(void)state;
	assert_int_equal(vigil_dedup_check(&s, 5 * SEC, WINDOW), 1);
}

static void test_checks_in_window_fold_and_are_counted_later(void **state)
{
	struct vigil_dedup_state s = { 0 };
	int i;

	(void)state;
	assert_int_equal(vigil_dedup_check(&s, 100 * SEC, WINDOW), 1);
	for (i = 0; i < 999; i++)
		assert_int_equal(vigil_dedup_check(&s, 100 * SEC + i, WINDOW), 0);
	assert_int_equal(vigil_dedup_check(&s, 160 * SEC - 1, WINDOW), 0);
	/* window over: one alert for the 1000 folded checks plus this one */
	assert_int_equal(vigil_dedup_check(&s, 160 * SEC, WINDOW), 1001);
	assert_int_equal(vigil_dedup_check(&s, 161 * SEC, WINDOW), 0);
	assert_int_equal(vigil_dedup_check(&s, 300 * SEC, WINDOW), 2);
}

static void test_window_of_one_second(void **state)
{
	struct vigil_dedup_state s = { 0 };

	(void)state;
	assert_int_equal(vigil_dedup_check(&s, 1, SEC), 1);
	assert_int_equal(vigil_dedup_check(&s, SEC, SEC), 0);
	assert_int_equal(vigil_dedup_check(&s, SEC + 1, SEC), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_check_alerts),
		cmocka_unit_test(test_checks_in_window_fold_and_are_counted_later),
		cmocka_unit_test(test_window_of_one_second),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
