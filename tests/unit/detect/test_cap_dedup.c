// SPDX-License-Identifier: GPL-2.0
/* The dedup window the BPF side runs on every capability check (include/cap_dedup.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include "cap_dedup.h"

#define SEC    1000000000ull
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

static void test_tail_waits_for_the_window_to_end(void **state)
{
	struct vigil_dedup_state s = { 0 };
	int i;

	(void)state;
	assert_int_equal(vigil_dedup_check(&s, 10 * SEC, WINDOW), 1);
	for (i = 0; i < 5; i++)
		vigil_dedup_check(&s, 11 * SEC, WINDOW);
	assert_int_equal(vigil_dedup_take_tail(&s, 70 * SEC - 1, WINDOW, 0), 0);
	assert_int_equal(vigil_dedup_take_tail(&s, 70 * SEC, WINDOW, 0), 5);
	/* taken once: neither a second take nor the next alert repeats them */
	assert_int_equal(vigil_dedup_take_tail(&s, 71 * SEC, WINDOW, 0), 0);
	assert_int_equal(vigil_dedup_check(&s, 72 * SEC, WINDOW), 1);
}

static void test_forced_tail_ends_an_open_window(void **state)
{
	struct vigil_dedup_state s = { 0 };

	(void)state;
	assert_int_equal(vigil_dedup_check(&s, 10 * SEC, WINDOW), 1);
	vigil_dedup_check(&s, 12 * SEC, WINDOW);
	vigil_dedup_check(&s, 13 * SEC, WINDOW);
	assert_int_equal(vigil_dedup_take_tail(&s, 14 * SEC, WINDOW, 1), 2);
	/* the window goes on: a check in it folds, and is the next tail */
	assert_int_equal(vigil_dedup_check(&s, 15 * SEC, WINDOW), 0);
	assert_int_equal(vigil_dedup_take_tail(&s, 16 * SEC, WINDOW, 1), 1);
	/* nothing folded: no tail, forced or not */
	assert_int_equal(vigil_dedup_take_tail(&s, 17 * SEC, WINDOW, 1), 0);
	assert_int_equal(vigil_dedup_take_tail(&s, 100 * SEC, WINDOW, 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_check_alerts),
		cmocka_unit_test(test_checks_in_window_fold_and_are_counted_later),
		cmocka_unit_test(test_window_of_one_second),
		cmocka_unit_test(test_tail_waits_for_the_window_to_end),
		cmocka_unit_test(test_forced_tail_ends_an_open_window),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
