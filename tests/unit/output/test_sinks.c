// SPDX-License-Identifier: GPL-2.0
/* The pure parts of the sinks: the bounded line queue, syslog targets and RFC 5424 framing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "line_queue.h"
#include "sink_syslog.h"

static void test_queue_fifo_whole_lines(void **state)
{
	struct line_queue q;
	char out[64];

	(void)state;
	assert_int_equal(line_queue__init(&q, 16), 0);
	assert_true(line_queue__push(&q, "one\n", 4));
	assert_true(line_queue__push(&q, "two2\n", 5));
	/* a take smaller than both lines gives only the first, whole */
	assert_int_equal(line_queue__take(&q, out, 6), 4);
	assert_memory_equal(out, "one\n", 4);
	assert_int_equal(line_queue__take(&q, out, 3), 0); /* "two2\n" does not fit in 3 */
	assert_int_equal(line_queue__take(&q, out, sizeof(out)), 5);
	assert_memory_equal(out, "two2\n", 5);
	assert_int_equal(line_queue__take(&q, out, sizeof(out)), 0);
	assert_int_equal(q.dropped, 0);
	line_queue__free(&q);
}

static void test_queue_full_drops_and_counts(void **state)
{
	struct line_queue q;
	char out[64];

	(void)state;
	assert_int_equal(line_queue__init(&q, 10), 0);
	assert_true(line_queue__push(&q, "abcd\n", 5));
	assert_true(line_queue__push(&q, "efgh\n", 5));
	assert_false(line_queue__push(&q, "x\n", 2));
	assert_false(line_queue__push(&q, "a line longer than the ring\n", 28));
	assert_int_equal(q.dropped, 2);
	/* not a line: refused, not counted as a drop */
	assert_false(line_queue__push(&q, "no newline", 10));
	assert_int_equal(q.dropped, 2);
	assert_int_equal(line_queue__take(&q, out, sizeof(out)), 10);
	assert_memory_equal(out, "abcd\nefgh\n", 10);
	line_queue__free(&q);
}

static void test_queue_wraps_around(void **state)
{
	struct line_queue q;
	char out[64];
	int i;

	(void)state;
	assert_int_equal(line_queue__init(&q, 11), 0);
	/* 7-byte lines in an 11-byte ring: every second one straddles the end */
	for (i = 0; i < 20; i++) {
		char line[8];

		snprintf(line, sizeof(line), "line%02d\n", i);
		assert_true(line_queue__push(&q, line, 7));
		assert_int_equal(line_queue__take(&q, out, sizeof(out)), 7);
		assert_memory_equal(out, line, 7);
	}
	assert_int_equal(q.used, 0);
	line_queue__free(&q);
}

static void test_count_lines(void **state)
{
	(void)state;
	assert_int_equal(line_queue__count_lines("", 0), 0);
	assert_int_equal(line_queue__count_lines("a\nb\n", 4), 2);
	assert_int_equal(line_queue__count_lines("a\nb\nc", 5), 2);
}

static void test_syslog_targets(void **state)
{
	struct syslog_target t;
	char err[256];

	(void)state;
	assert_int_equal(syslog_target__parse("/dev/log", &t, err, sizeof(err)), 0);
	assert_int_equal(t.transport, SYSLOG_UNIX);
	assert_string_equal(t.path, "/dev/log");
	assert_int_equal(syslog_target__parse("unix:/run/s.sock", &t, err, sizeof(err)), 0);
	assert_string_equal(t.path, "/run/s.sock");
	assert_int_equal(syslog_target__parse("udp:127.0.0.1:514", &t, err, sizeof(err)), 0);
	assert_int_equal(t.transport, SYSLOG_UDP);
	assert_string_equal(t.addr.host, "127.0.0.1");
	assert_string_equal(t.addr.port, "514");
	assert_int_equal(syslog_target__parse("tcp:[::1]:6514", &t, err, sizeof(err)), 0);
	assert_int_equal(t.transport, SYSLOG_TCP);
	assert_string_equal(t.addr.host, "::1");
	assert_string_equal(t.addr.port, "6514");
	assert_int_equal(syslog_target__parse("tcp:siem.example:10514", &t, err, sizeof(err)), 0);
	assert_string_equal(t.addr.host, "siem.example");
}

static void test_syslog_bad_targets(void **state)
{
	const char *bad[] = { "",
			      "dev/log",
			      "unix:relative",
			      "udp:",
			      "udp:host",
			      "udp:host:",
			      "udp::514",
			      "udp:host:0",
			      "udp:host:65536",
			      "udp:host:51x",
			      "udp:host:-1",
			      "tcp:::1:514",
			      "tcp:[::1]514",
			      "http:host:80",
			      "udp:[::1]:" };
	struct syslog_target t;
	char err[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = 0;
		if (syslog_target__parse(bad[i], &t, err, sizeof(err)) == 0)
			fail_msg("accepted '%s'", bad[i]);
		assert_non_null(strstr(err, "--syslog"));
	}
}

static void test_syslog_format(void **state)
{
	struct line_tag tag = { .severity = SEVERITY_WARNING, .msgid = "rootfs-write" };
	struct timespec ts = { .tv_sec = 1700000000, .tv_nsec = 123456789 };
	char out[256];
	size_t n;

	(void)state;
	n = syslog__format(out, sizeof(out), &tag, &ts, "node-1", 42, "{\"a\":1}", 7);
	out[n] = 0;
	/* authpriv (10) * 8 + warning (4) = 84 */
	assert_string_equal(out, "<84>1 2023-11-14T22:13:20.123456Z node-1 vigil 42 rootfs-write - {\"a\":1}");
	/* header fields are printable ASCII without spaces, "-" when nothing is left */
	tag.msgid = "a b\n";
	n = syslog__format(out, sizeof(out), &tag, &ts, " \t", 1, "x", 1);
	out[n] = 0;
	assert_string_equal(out, "<84>1 2023-11-14T22:13:20.123456Z - vigil 1 ab - x");
	/* too small: 0, nothing half-written counts */
	assert_int_equal(syslog__format(out, 20, &tag, &ts, "h", 1, "{}", 2), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_queue_fifo_whole_lines), cmocka_unit_test(test_queue_full_drops_and_counts),
		cmocka_unit_test(test_queue_wraps_around),     cmocka_unit_test(test_count_lines),
		cmocka_unit_test(test_syslog_targets),	       cmocka_unit_test(test_syslog_bad_targets),
		cmocka_unit_test(test_syslog_format),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
