// SPDX-License-Identifier: GPL-2.0
/*
 * What each runtime's record becomes (Docker inspect, containerd's gRPC
 * container, containers/storage for Podman and CRI-O) and the ECS fields
 * built from it (container.*, orchestrator.*).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "containerd.pb-c.h"
#include "containerd_api.h"
#include "containers_storage.h"
#include "docker_api.h"
#include "meta_line.h"
#include "metadata.h"

/* The fields as one JSON line (without the newline), for comparison. */
static const char *fields(const struct container_meta *m)
{
	static char out[8192];
	struct json j = { 0 };

	assert_true(meta_line(&j, m));
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
			       "\"Labels\":{\"team\":\"blue\",\"q\":\"a\\\"b\\n\"}}}",
			       &m),
			 0);
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
	m.image = strdup("registry:5000/team/app"); /* a port is not a tag */
	assert_string_equal(fields(&m), "{\"container\":{\"image\":{\"name\":\"registry:5000/team/app\"}}}");
	free(m.image);
	m.image = strdup("registry:5000/app:2@sha256:bb");
	assert_string_equal(fields(&m), "{\"container\":{\"image\":{\"name\":\"registry:5000/app\",\"tag\":[\"2\"],"
					"\"hash\":{\"all\":[\"sha256:bb\"]}}}}");
	free(m.image);
	m.image = strdup("sha256:cc"); /* started by image id */
	assert_string_equal(fields(&m), "{\"container\":{\"image\":{\"hash\":{\"all\":[\"sha256:cc\"]}}}}");
	container_meta__free(&m);
}

static void test_kubernetes_labels_fill_pod_fields(void **state)
{
	struct container_meta m;

	(void)state;
	assert_int_equal(parse("{\"Name\":\"/k8s_app_web-0_shop_123_0\",\"Config\":{\"Image\":\"app\",\"Labels\":{"
			       "\"io.kubernetes.pod.name\":\"web-0\",\"io.kubernetes.pod.namespace\":\"shop\","
			       "\"io.kubernetes.pod.uid\":\"123\",\"io.kubernetes.container.name\":\"app\"}}}",
			       &m),
			 0);
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
	assert_int_equal(m.n_labels, 0); /* non-string values are skipped */
	container_meta__free(&m);
	assert_int_equal(docker_api__parse("{\"Name\":\"/x\"}trailing", 13, &m), 0); /* the length is honoured */
	assert_string_equal(m.name, "x");
	container_meta__free(&m);
}

/* A GetContainerResponse as containerd would send it, packed with protobuf-c. */
static size_t containerd_response(uint8_t *buf, size_t size, const char *id, const char *image,
				  Containerd__Services__Containers__V1__StringEntry **labels, size_t n_labels,
				  const char *spec_json)
{
	Containerd__Services__Containers__V1__GetContainerResponse rsp =
		CONTAINERD__SERVICES__CONTAINERS__V1__GET_CONTAINER_RESPONSE__INIT;
	Containerd__Services__Containers__V1__Container c = CONTAINERD__SERVICES__CONTAINERS__V1__CONTAINER__INIT;
	Containerd__Services__Containers__V1__Any spec = CONTAINERD__SERVICES__CONTAINERS__V1__ANY__INIT;
	size_t len;

	c.id = (char *)id;
	c.image = (char *)image;
	c.labels = labels;
	c.n_labels = n_labels;
	if (spec_json) {
		spec.type_url = "types.containerd.io/opencontainers/runtime-spec/1/Spec";
		spec.value.data = (uint8_t *)spec_json;
		spec.value.len = strlen(spec_json);
		c.spec = &spec;
	}
	rsp.container = &c;
	len = containerd__services__containers__v1__get_container_response__get_packed_size(&rsp);
	assert_true(len <= size);
	return containerd__services__containers__v1__get_container_response__pack(&rsp, buf);
}

static void test_containerd_ctr_container(void **state)
{
	Containerd__Services__Containers__V1__StringEntry team =
		CONTAINERD__SERVICES__CONTAINERS__V1__STRING_ENTRY__INIT;
	Containerd__Services__Containers__V1__StringEntry *labels[] = { &team };
	struct container_meta m;
	uint8_t buf[4096];
	size_t len;

	(void)state;
	team.key = "team";
	team.value = "blue";
	len = containerd_response(buf, sizeof(buf), "web1", "docker.io/library/nginx:1.25", labels, 1,
				  "{\"ociVersion\":\"1.0.2\",\"annotations\":{\"org.example\":\"x\"}}");
	assert_int_equal(containerd_api__parse(buf, len, &m), 0);
	assert_string_equal(m.name, "web1"); /* ctr: the id is the name */
	assert_string_equal(fields(&m),
			    "{\"container\":{\"name\":\"web1\",\"image\":{\"name\":\"docker.io/library/nginx\","
			    "\"tag\":[\"1.25\"]},\"labels\":{\"team\":\"blue\"}}}");
	container_meta__free(&m);
}

/* A kubelet's container through containerd's CRI: pod fields from the spec's annotations. */
static void test_containerd_cri_annotations(void **state)
{
	struct container_meta m;
	uint8_t buf[4096];
	size_t len;

	(void)state;
	len = containerd_response(buf, sizeof(buf), "3f2a", "docker.io/library/redis:7", NULL, 0,
				  "{\"annotations\":{\"io.kubernetes.cri.container-type\":\"container\","
				  "\"io.kubernetes.cri.container-name\":\"cache\","
				  "\"io.kubernetes.cri.sandbox-name\":\"shop-7d9\","
				  "\"io.kubernetes.cri.sandbox-namespace\":\"prod\","
				  "\"io.kubernetes.cri.sandbox-uid\":\"0f1e-22\","
				  "\"io.kubernetes.cri.image-name\":\"ignored:because-set\"}}");
	assert_int_equal(containerd_api__parse(buf, len, &m), 0);
	assert_int_equal(m.n_labels, 0); /* annotations are not labels */
	assert_string_equal(fields(&m),
			    "{\"container\":{\"name\":\"cache\",\"image\":{\"name\":\"docker.io/library/redis\","
			    "\"tag\":[\"7\"]}},\"orchestrator\":{\"type\":\"kubernetes\",\"namespace\":\"prod\","
			    "\"resource\":{\"type\":\"pod\",\"name\":\"shop-7d9\",\"id\":\"0f1e-22\"}}}");
	container_meta__free(&m);
}

static void test_containerd_bad_messages(void **state)
{
	static const uint8_t garbage[] = { 0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01 }; /* length past the end */
	struct container_meta m;
	uint8_t buf[4096];
	size_t len;

	(void)state;
	assert_int_equal(containerd_api__parse(garbage, sizeof(garbage), &m), -EINVAL);
	assert_int_equal(containerd_api__parse(buf, 0, &m), -EINVAL); /* no container */
	len = containerd_response(buf, sizeof(buf), "x", NULL, NULL, 0, "not json {");
	assert_int_equal(containerd_api__parse(buf, len, &m), 0); /* a bad spec costs only the annotations */
	assert_string_equal(m.name, "x");
	assert_null(m.image);
	container_meta__free(&m);
}

/* containers.json as Podman 4.3 writes it (one record shortened), and CRI-O's config.json annotations. */
static const char podman_list[] =
	"[{\"id\":\"aaaa\",\"names\":[\"other\"]},"
	"{\"id\":\"724b\",\"names\":[\"podtest\"],\"image\":\"3007\",\"layer\":\"dee7\","
	"\"metadata\":\"{\\\"image-name\\\":\\\"localhost/vigil-test/busybox:latest\\\","
	"\\\"image-id\\\":\\\"3007\\\",\\\"name\\\":\\\"podtest\\\",\\\"created-at\\\":1795404334}\","
	"\"created\":\"2026-11-23T03:25:34.753906215Z\",\"flags\":{\"MountLabel\":\"\"}}]";

static void test_storage_podman_record(void **state)
{
	static const char odd[] = "[{\"id\":\"724b\",\"names\":\"x\",\"metadata\":\"[\"},5]";
	struct container_meta m = { 0 };

	(void)state;
	assert_int_equal(containers_storage__parse_list(podman_list, strlen(podman_list), "724b", &m), 0);
	assert_string_equal(fields(&m),
			    "{\"container\":{\"name\":\"podtest\",\"image\":{\"name\":\"localhost/vigil-test/busybox\","
			    "\"tag\":[\"latest\"],\"hash\":{\"all\":[\"sha256:3007\"]}}}}");
	container_meta__free(&m);
	assert_int_equal(containers_storage__parse_list(podman_list, strlen(podman_list), "nope", &m), -ENOENT);
	assert_int_equal(containers_storage__parse_list("{}", 2, "724b", &m), -EINVAL);
	assert_int_equal(containers_storage__parse_list(odd, strlen(odd), "724b", &m),
			 0); /* odd shapes: nothing taken */
	assert_null(m.name);
	assert_null(m.image);
	container_meta__free(&m);
}

static void test_storage_crio_annotations(void **state)
{
	static const char config[] = "{\"annotations\":{\"io.kubernetes.cri-o.ImageName\":\"quay.io/app/api:2.1\","
				     "\"io.kubernetes.pod.name\":\"api-5f\",\"io.kubernetes.pod.namespace\":\"shop\","
				     "\"io.kubernetes.pod.uid\":\"77-aa\",\"io.kubernetes.container.name\":\"api\","
				     "\"io.kubernetes.cri-o.Labels\":\"{\\\"app\\\":\\\"api\\\",\\\"io.kubernetes.pod."
				     "name\\\":\\\"api-5f\\\"}\"}}";
	struct container_meta m = { 0 };

	(void)state;
	containers_storage__parse_config(config, strlen(config), &m);
	assert_string_equal(
		fields(&m),
		"{\"container\":{\"name\":\"api\",\"image\":{\"name\":\"quay.io/app/api\",\"tag\":[\"2.1\"]},"
		"\"labels\":{\"app\":\"api\",\"io_kubernetes_pod_name\":\"api-5f\"}},"
		"\"orchestrator\":{\"type\":\"kubernetes\",\"namespace\":\"shop\","
		"\"resource\":{\"type\":\"pod\",\"name\":\"api-5f\",\"id\":\"77-aa\"}}}");
	container_meta__free(&m);
}

/* Keys written alike ("a.b", "a_b") would make one key twice, which Elasticsearch refuses. */
static void test_labels_written_alike_are_kept_once(void **state)
{
	struct container_meta m = { 0 };

	(void)state;
	container_meta__add_label(&m, "com.example.app", "first");
	container_meta__add_label(&m, "com_example.app", "second");
	container_meta__add_label(&m, "com.example.app.tier", "web");
	assert_int_equal(m.n_labels, 2);
	assert_true(m.labels_truncated);
	assert_non_null(
		strstr(fields(&m), "\"labels\":{\"com_example_app\":\"first\",\"com_example_app_tier\":\"web\"}"));
	container_meta__free(&m);
}

static void test_labels_truncated_is_flagged(void **state)
{
	struct container_meta m = { 0 };
	char key[16];
	int i;

	(void)state;
	for (i = 0; i <= META_LABELS_MAX; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		container_meta__add_label(&m, key, "v");
	}
	assert_true(m.labels_truncated); /* written as vigil.container.labels_truncated (test_format) */
	assert_non_null(strstr(fields(&m), "\"k31\":\"v\"}}"));
	assert_null(strstr(fields(&m), "\"k32\""));
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
		cmocka_unit_test(test_containerd_ctr_container),
		cmocka_unit_test(test_containerd_cri_annotations),
		cmocka_unit_test(test_containerd_bad_messages),
		cmocka_unit_test(test_storage_podman_record),
		cmocka_unit_test(test_storage_crio_annotations),
		cmocka_unit_test(test_labels_truncated_is_flagged),
		cmocka_unit_test(test_labels_written_alike_are_kept_once),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
