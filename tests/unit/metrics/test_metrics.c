// SPDX-License-Identifier: GPL-2.0
/* The Prometheus text of a metrics snapshot. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "metrics.h"

static struct metrics_snapshot sample(void)
{
	struct metrics_snapshot s = { .programs_attached = 9, .events_lost = 3, .containers = 2 };

	strcpy(s.version, "0.1.0");
	strcpy(s.backend, "lsm");
	strcpy(s.kernel, "6.12.0");
	s.events[VIGIL_EV_ROOTFS_WRITE][OUTCOME_SUCCESS] = 5;
	s.events[VIGIL_EV_CAPABILITY][OUTCOME_FAILURE] = 7;
	s.containers_started = 4;
	s.posture_alerts = 9;
	s.posture_read_ns = 1500000;
	s.noutputs = 1;
	strcpy(s.outputs[0].name, "http:http://h/a\"b\\c");
	s.outputs[0].st.dropped = 11;
	return s;
}

static void test_samples(void **state)
{
	struct metrics_snapshot s = sample();
	char buf[16384];
	size_t n;

	(void)state;
	n = metrics__format(&s, buf, sizeof(buf));
	buf[n] = 0;
	assert_non_null(strstr(buf, "\nvigil_build_info{version=\"0.1.0\",backend=\"lsm\",kernel=\"6.12.0\"} 1\n"));
	assert_non_null(strstr(buf, "\nvigil_events_total{action=\"rootfs-write\",outcome=\"success\"} 5\n"));
	assert_non_null(strstr(buf, "\nvigil_events_total{action=\"capability\",outcome=\"failure\"} 7\n"));
	assert_non_null(strstr(buf, "\nvigil_events_total{action=\"mount\",outcome=\"unknown\"} 0\n"));
	assert_non_null(strstr(buf, "\nvigil_events_lost_total 3\n"));
	assert_non_null(strstr(buf, "\nvigil_containers_tracked 2\n"));
	assert_non_null(strstr(buf, "\nvigil_containers_started_total 4\n"));
	assert_non_null(strstr(buf, "\nvigil_posture_alerts_total 9\n"));
	assert_non_null(strstr(buf, "\nvigil_posture_read_seconds_total 0.001500\n"));
	assert_non_null(strstr(buf, "# TYPE vigil_events_lost_total counter\n"));
	/* a label value keeps its quote and backslash, escaped */
	assert_non_null(strstr(buf, "\nvigil_output_dropped_total{output=\"http:http://h/a\\\"b\\\\c\"} 11\n"));
	/* only the four detections, no record kinds that are not alerts */
	assert_null(strstr(buf, "action=\"\""));
	assert_int_equal(buf[n - 1], '\n');
}

static void test_cut_at_capacity(void **state)
{
	struct metrics_snapshot s = sample();
	char buf[100];

	(void)state;
	assert_int_equal(metrics__format(&s, buf, sizeof(buf)), sizeof(buf));
}

static void test_outcome_names(void **state)
{
	(void)state;
	assert_string_equal(outcome__name(OUTCOME_SUCCESS), "success");
	assert_string_equal(outcome__name(OUTCOME_FAILURE), "failure");
	assert_string_equal(outcome__name(OUTCOME_UNKNOWN), "unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_samples),
		cmocka_unit_test(test_cut_at_capacity),
		cmocka_unit_test(test_outcome_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
