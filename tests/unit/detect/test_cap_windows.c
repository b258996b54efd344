// SPDX-License-Identifier: GPL-2.0
/* What vigil keeps of open capability windows, and its bounds (user/detect/cap_windows.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "cap_windows.h"

#define SEC 1000000000ull

static struct vigil_record *alert(__u64 cgroup, __u64 exe_ino, __u32 pid, __u32 data_len, __u64 ts)
{
	static struct vigil_record r;

	memset(&r, 0, sizeof(r));
	r.kind = VIGIL_EV_CAPABILITY;
	r.cgroup_id = cgroup;
	r.cap.exe_ino = exe_ino;
	r.cap.exe_dev = 7;
	r.cap.cap = 21;
	r.cap.granted = 1;
	r.pid = pid;
	r.ts_ns = ts;
	r.data_len = data_len;
	memset(r.data, 'x', data_len);
	return &r;
}

static struct vigil_dedup_tail tail_of(__u64 cgroup, __u64 exe_ino, __u64 count)
{
	struct vigil_dedup_tail t;

	memset(&t, 0, sizeof(t));
	t.key.cgroup_id = cgroup;
	t.key.exe_ino = exe_ino;
	t.key.exe_dev = 7;
	t.key.cap = 21;
	t.key.granted = 1;
	t.count = count;
	return t;
}

static void test_window_end_carries_the_opening_alerts_process(void **state)
{
	struct cap_windows w = { .window_ns = 60 * SEC };
	struct vigil_dedup_tail t = tail_of(1, 100, 42);
	const struct vigil_record *end;

	(void)state;
	cap_windows__opened(&w, alert(1, 100, 1234, 64, 5 * SEC));
	assert_int_equal(w.count, 1);
	end = cap_windows__end(&w, &t, 70 * SEC);
	assert_int_equal(end->pid, 1234);
	assert_int_equal(end->cap.count, 42);
	assert_int_equal(end->data_len, 64);
	assert_true(end->flags & VIGIL_F_WINDOW_END);
	cap_windows__closed(&w, 70 * SEC, 0, false);
	assert_int_equal(w.count, 0);
	assert_int_equal(w.bytes, 0);
	cap_windows__free(&w);
}

static void test_reopening_a_key_replaces_its_window(void **state)
{
	struct cap_windows w = { .window_ns = 60 * SEC };
	size_t one;

	(void)state;
	cap_windows__opened(&w, alert(1, 100, 1, 100, 1 * SEC));
	one = w.bytes;
	cap_windows__opened(&w, alert(1, 100, 2, 100, 70 * SEC));
	assert_int_equal(w.count, 1);
	assert_int_equal(w.bytes, one);
	assert_int_equal(w.evicted, 0);
	cap_windows__free(&w);
}

/* A fresh copy of the executable per check is a new key each time: memory stays within max_bytes. */
static void test_new_keys_past_the_byte_bound_evict_the_oldest(void **state)
{
	struct cap_windows w = { .window_ns = 60 * SEC, .max_bytes = 64 << 10 };
	struct vigil_dedup_tail oldest = tail_of(1, 1000, 3), newest;
	const struct vigil_record *end;
	__u64 i;

	(void)state;
	for (i = 0; i < 100; i++) {
		cap_windows__opened(&w, alert(1, 1000 + i, 500 + i, VIGIL_DATA_SIZE, SEC + i));
		assert_true(w.bytes <= w.max_bytes);
	}
	assert_true(w.count >= 1 && w.count < 100);
	assert_int_equal(w.evicted, 100 - w.count);
	/* an evicted window's end is still reported, without process fields */
	end = cap_windows__end(&w, &oldest, 70 * SEC);
	assert_int_equal(end->pid, 0);
	assert_int_equal(end->cgroup_id, 1);
	assert_int_equal(end->cap.exe_ino, 1000);
	assert_int_equal(end->cap.count, 3);
	/* the newest kept its process */
	newest = tail_of(1, 1099, 1);
	end = cap_windows__end(&w, &newest, 70 * SEC);
	assert_int_equal(end->pid, 599);
	cap_windows__free(&w);
	assert_int_equal(w.bytes, 0);
}

static void test_new_keys_past_the_count_bound_evict_the_oldest(void **state)
{
	struct cap_windows w = { .window_ns = 60 * SEC, .max_count = 10 };
	struct vigil_dedup_tail t;
	__u64 i;

	(void)state;
	for (i = 0; i < 25; i++)
		cap_windows__opened(&w, alert(2, i, 100 + i, 8, SEC));
	assert_int_equal(w.count, 10);
	assert_int_equal(w.evicted, 15);
	t = tail_of(2, 14, 1);
	assert_int_equal(cap_windows__end(&w, &t, 2 * SEC)->pid, 0);
	t = tail_of(2, 15, 1);
	assert_int_equal(cap_windows__end(&w, &t, 2 * SEC)->pid, 115);
	cap_windows__free(&w);
}

static void test_a_containers_windows_close_with_it(void **state)
{
	struct cap_windows w = { .window_ns = 60 * SEC };

	(void)state;
	cap_windows__opened(&w, alert(1, 1, 1, 8, SEC));
	cap_windows__opened(&w, alert(2, 1, 2, 8, SEC));
	cap_windows__closed(&w, 2 * SEC, 1, false);
	assert_int_equal(w.count, 1);
	cap_windows__closed(&w, 61 * SEC, 0, false);
	assert_int_equal(w.count, 0);
	cap_windows__free(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_window_end_carries_the_opening_alerts_process),
		cmocka_unit_test(test_reopening_a_key_replaces_its_window),
		cmocka_unit_test(test_new_keys_past_the_byte_bound_evict_the_oldest),
		cmocka_unit_test(test_new_keys_past_the_count_bound_evict_the_oldest),
		cmocka_unit_test(test_a_containers_windows_close_with_it),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
