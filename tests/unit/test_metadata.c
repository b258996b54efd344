// SPDX-License-Identifier: GPL-2.0
/* Docker inspect parsing and the ECS fields built from it (container.*, orchestrator.*). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "docker_api.h"
#include "metadata.h"

/* The fields as one JSON line (without the newline), for comparison. */
static const char *fields(const struct container_meta *m)
{
	static char out[8192];
	struct json j = { 0 };

	json__reset(&j);
	json__begin_object(&j, "container");
	container_meta__container_fields(&j, m);
	json__end_object(&j);
	container_meta__orchestrator(&j, m);
	assert_true(json__end_line(&j));
	assert_true(j.len < sizeof(out));
	memcpy(out, j.buf, j.len - 1);
	out[j.len - 1] = '\0';
	json__free(&j);
	return out;
}

static int parse(const char *body, struct container_meta *m)
{
	return docker_api__parse(body, strlen(body), m);
}

static void test_inspect_name_image_labels(void **state)
{
	struct container_meta m;

	(void)state;
	assert_int_equal(parse("{\"Name\":\"/web\",\"Image\":\"sha256:aa\",\"Config\":{\"Image\":\"nginx:1.25\","
			       "\"Labels\":{\"team\":\"blue\",\"q\":\"a\\\"b\\n\"}}}", &m), 0);
	assert_string_equal(m.name, "web");
	assert_null(m.pod_name);
	assert_string_equal(fields(&m),
			    "{\"container\":{\"name\":\"web\",\"image\":{\"name\":\"nginx\",\"tag\":[\"1.25\"],"
			    "\"hash\":{\"all\":[\"sha256:aa\"]}},\"labels\":{\"team\":\"blue\",\"q\":\"a\\\"b\\n\"}}}");
	container_meta__free(&m);
}

static void test_image_reference_forms(void **state)
{
	struct container_meta m = { 0 };

	(void)state;
	m.image = strdup("registry:5000/team/app");	/* a port is not a tag */
	assert_string_equal(fields(&m), "{\"container\":{\"image\":{\"name\":\"registry:5000/team/app\"}}}");
	free(m.image);
	m.image = strdup("registry:5000/app:2@sha256:bb");
	assert_string_equal(fields(&m), "{\"container\":{\"image\":{\"name\":\"registry:5000/app\",\"tag\":[\"2\"],"
			    "\"hash\":{\"all\":[\"sha256:bb\"]}}}}");
	free(m.image);
	m.image = strdup("sha256:cc");	/* started by image id */
	assert_string_equal(fields(&m), "{\"container\":{\"image\":{\"hash\":{\"all\":[\"sha256:cc\"]}}}}");
	container_meta__free(&m);
}

static void test_kubernetes_labels_fill_pod_fields(void **state)
{
	struct container_meta m;

	(void)state;
	assert_int_equal(parse("{\"Name\":\"/k8s_app_web-0_shop_123_0\",\"Config\":{\"Image\":\"app\",\"Labels\":{"
			       "\"io.kubernetes.pod.name\":\"web-0\",\"io.kubernetes.pod.namespace\":\"shop\","
			       "\"io.kubernetes.pod.uid\":\"123\",\"io.kubernetes.container.name\":\"app\"}}}", &m), 0);
	assert_string_equal(m.pod_name, "web-0");
	assert_string_equal(m.pod_namespace, "shop");
	assert_non_null(strstr(fields(&m), "\"orchestrator\":{\"type\":\"kubernetes\",\"namespace\":\"shop\","
				   "\"resource\":{\"type\":\"pod\",\"name\":\"web-0\",\"id\":\"123\"}}"));
	/* the pod's container name, not the runtime's generated one */
	assert_non_null(strstr(fields(&m), "{\"container\":{\"name\":\"app\","));
	container_meta__free(&m);
}

/* Label keys are the container's, not vigil's: escaped like any value. */
static void test_hostile_label_keys_are_escaped(void **state)
{
	struct container_meta m = { 0 };

	(void)state;
	container_meta__add_label(&m, "k\"}\n\xff", "v");
	assert_string_equal(fields(&m), "{\"container\":{\"labels\":{\"k\\\"}\\n\\\\xff\":\"v\"}}}");
	container_meta__free(&m);
}

static void test_labels_are_bounded(void **state)
{
	struct container_meta m = { 0 };
	char key[32], big[META_VALUE_MAX * 2];
	int i;

	(void)state;
	memset(big, 'v', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	for (i = 0; i < META_LABELS_MAX + 5; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		container_meta__add_label(&m, key, big);
	}
	assert_int_equal(m.n_labels, META_LABELS_MAX);
	assert_true(m.labels_truncated);
	assert_int_equal(strlen(m.labels[0].value), META_VALUE_MAX);
	container_meta__free(&m);
}

static void test_bad_documents_are_refused(void **state)
{
	struct container_meta m;

	(void)state;
	assert_int_equal(parse("", &m), -EINVAL);
	assert_int_equal(parse("[1,2]", &m), -EINVAL);
	assert_int_equal(parse("{\"Name\":", &m), -EINVAL);
	container_meta__free(&m);
	assert_int_equal(parse("{\"Name\":5,\"Config\":{\"Labels\":{\"a\":1}}}", &m), -EINVAL);
	assert_int_equal(m.n_labels, 0);	/* non-string values are skipped */
	container_meta__free(&m);
	assert_int_equal(docker_api__parse("{\"Name\":\"/x\"}trailing", 13, &m), 0);	/* the length is honoured */
	assert_string_equal(m.name, "x");
	container_meta__free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inspect_name_image_labels),
		cmocka_unit_test(test_image_reference_forms),
		cmocka_unit_test(test_kubernetes_labels_fill_pod_fields),
		cmocka_unit_test(test_hostile_label_keys_are_escaped),
		cmocka_unit_test(test_labels_are_bounded),
		cmocka_unit_test(test_bad_documents_are_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
