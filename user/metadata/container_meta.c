// SPDX-License-Identifier: GPL-2.0
/* One container's metadata and its ECS fields (container.*, orchestrator.*). */
#include <stdlib.h>
#include <string.h>
#include "json_in.h"
#include "container_meta.h"

/* Labels (Docker, cri-dockerd, containerd CRI) and annotations (containerd CRI, CRI-O) a kubelet or CRI runtime sets. */
static const struct {
	const char *key;
	size_t field;
} k8s_keys[] = {
	{ "io.kubernetes.pod.name", offsetof(struct container_meta, pod_name) },
	{ "io.kubernetes.pod.namespace", offsetof(struct container_meta, pod_namespace) },
	{ "io.kubernetes.pod.uid", offsetof(struct container_meta, pod_uid) },
	{ "io.kubernetes.container.name", offsetof(struct container_meta, k8s_container) },
	{ "io.kubernetes.cri.sandbox-name", offsetof(struct container_meta, pod_name) },
	{ "io.kubernetes.cri.sandbox-namespace", offsetof(struct container_meta, pod_namespace) },
	{ "io.kubernetes.cri.sandbox-uid", offsetof(struct container_meta, pod_uid) },
	{ "io.kubernetes.cri.sandbox-id", offsetof(struct container_meta, sandbox_id) },
	{ "io.kubernetes.cri.container-name", offsetof(struct container_meta, k8s_container) },
	{ "io.kubernetes.cri.image-name", offsetof(struct container_meta, image) },
	{ "io.kubernetes.cri-o.ImageName", offsetof(struct container_meta, image) },
	/* nerdctl's own name for a containerd container */
	{ "nerdctl/name", offsetof(struct container_meta, name) },
};

char *container_meta__dup(const char *s)
{
	return s ? strndup(s, META_VALUE_MAX) : NULL;
}

/* A key the runtime or kubelet sets fills its field, first value kept. */
static void fill_known(struct container_meta *m, const char *key, const char *value)
{
	unsigned int i;

	for (i = 0; i < sizeof(k8s_keys) / sizeof(k8s_keys[0]); i++) {
		char **field = (char **)((char *)m + k8s_keys[i].field);

		if (!strcmp(key, k8s_keys[i].key) && !*field)
			*field = container_meta__dup(value);
	}
}

#define LABEL_KEY_MAX 255 /* bytes of a key written (label() below) */

/* Whether two keys are written alike: dots become '_' and keys are cut (label() below). */
static bool written_alike(const char *a, const char *b)
{
	size_t i;

	for (i = 0; i < LABEL_KEY_MAX; i++) {
		char x = a[i] == '.' ? '_' : a[i], y = b[i] == '.' ? '_' : b[i];

		if (x != y)
			return false;
		if (!x)
			return true;
	}
	return true;
}

static bool written_key_taken(const struct container_meta *m, const char *key)
{
	unsigned int i;

	for (i = 0; i < m->n_labels; i++)
		if (written_alike(m->labels[i].key, key))
			return true;
	return false;
}

void container_meta__add_label(struct container_meta *m, const char *key, const char *value)
{
	fill_known(m, key, value);
	/*
	 * "a.b" beside "a_b" would be one key twice in container.labels, a
	 * document Elasticsearch refuses (duplicate field): the first is kept,
	 * the other left out and said, as a label past the bound is.
	 */
	if (m->n_labels == META_LABELS_MAX || written_key_taken(m, key)) {
		m->labels_truncated = true;
		return;
	}
	m->labels[m->n_labels].key = container_meta__dup(key);
	m->labels[m->n_labels].value = container_meta__dup(value);
	if (m->labels[m->n_labels].key && m->labels[m->n_labels].value)
		m->n_labels++;
	else {
		free(m->labels[m->n_labels].key);
		free(m->labels[m->n_labels].value);
	}
}

void container_meta__add_labels(struct container_meta *m, struct json_object *labels)
{
	if (!labels)
		return;
	json_object_object_foreach (labels, key, val) {
		if (json_object_is_type(val, json_type_string))
			container_meta__add_label(m, key, json_object_get_string(val));
	}
}

/* CRI-O keeps the pod's labels for a container as one annotation holding a JSON object. */
static void add_crio_labels(struct container_meta *m, const char *text)
{
	struct json_object *labels = json_in__parse(text, strlen(text), json_type_object);

	container_meta__add_labels(m, labels);
	json_object_put(labels);
}

void container_meta__add_annotations(struct container_meta *m, struct json_object *annotations)
{
	if (!annotations)
		return;
	json_object_object_foreach (annotations, key, val) {
		if (!json_object_is_type(val, json_type_string))
			continue;
		if (!strcmp(key, "io.kubernetes.cri-o.Labels"))
			add_crio_labels(m, json_object_get_string(val));
		else
			fill_known(m, key, json_object_get_string(val));
	}
}

void container_meta__take_pod_labels(struct container_meta *m, struct container_meta *sandbox)
{
	unsigned int i;

	for (i = 0; i < sandbox->n_labels && m->n_pod_labels < META_LABELS_MAX; i++) {
		m->pod_labels[m->n_pod_labels++] = sandbox->labels[i];
		sandbox->labels[i] = (struct meta_label){ 0 };
	}
}

void container_meta__free(struct container_meta *m)
{
	unsigned int i;

	for (i = 0; i < m->n_labels; i++) {
		free(m->labels[i].key);
		free(m->labels[i].value);
	}
	for (i = 0; i < m->n_pod_labels; i++) {
		free(m->pod_labels[i].key);
		free(m->pod_labels[i].value);
	}
	free(m->sandbox_id);
	free(m->name);
	free(m->image);
	free(m->image_id);
	free(m->pod_name);
	free(m->pod_namespace);
	free(m->pod_uid);
	free(m->k8s_container);
	memset(m, 0, sizeof(*m));
}

void container_meta__copy(struct container_meta *dst, const struct container_meta *src)
{
	unsigned int i;

	memset(dst, 0, sizeof(*dst));
	dst->name = container_meta__dup(src->name);
	dst->image = container_meta__dup(src->image);
	dst->image_id = container_meta__dup(src->image_id);
	dst->pod_name = container_meta__dup(src->pod_name);
	dst->pod_namespace = container_meta__dup(src->pod_namespace);
	dst->pod_uid = container_meta__dup(src->pod_uid);
	dst->k8s_container = container_meta__dup(src->k8s_container);
	for (i = 0; i < src->n_labels; i++) {
		dst->labels[i].key = container_meta__dup(src->labels[i].key);
		dst->labels[i].value = container_meta__dup(src->labels[i].value);
	}
	dst->n_labels = src->n_labels;
	dst->labels_truncated = src->labels_truncated;
	dst->sandbox_id = container_meta__dup(src->sandbox_id);
	for (i = 0; i < src->n_pod_labels; i++) {
		dst->pod_labels[i].key = container_meta__dup(src->pod_labels[i].key);
		dst->pod_labels[i].value = container_meta__dup(src->pod_labels[i].value);
	}
	dst->n_pod_labels = src->n_pod_labels;
}

/*
 * "registry:5000/team/app:1.2@sha256:ab" -> name "registry:5000/team/app",
 * tag "1.2", digest "sha256:ab". A ':' before the last '/' is a port.
 */
static void image_fields(struct json *j, const char *image, const char *image_id)
{
	const char *at = strchr(image, '@');
	size_t end = at ? (size_t)(at - image) : strlen(image);
	const char *slash = memrchr(image, '/', end);
	const char *colon = memrchr(slash ? slash : image, ':', end - (slash ? slash - image : 0));

	if (!strncmp(image, "sha256:", 7)) { /* started by image id: no name */
		json__begin_object(j, "image");
		json__begin_object(j, "hash");
		json__begin_array(j, "all");
		json__str(j, NULL, image);
		json__end_array(j);
		json__end_object(j);
		json__end_object(j);
		return;
	}
	json__begin_object(j, "image");
	json__strn(j, "name", image, colon ? (size_t)(colon - image) : end);
	if (colon) {
		json__begin_array(j, "tag");
		json__strn(j, NULL, colon + 1, end - (colon + 1 - image));
		json__end_array(j);
	}
	if (at || image_id) {
		json__begin_object(j, "hash");
		json__begin_array(j, "all");
		if (at)
			json__str(j, NULL, at + 1);
		if (image_id && (!at || strcmp(at + 1, image_id)))
			json__str(j, NULL, image_id);
		json__end_array(j);
		json__end_object(j);
	}
	json__end_object(j);
}

/*
 * A label under container.labels, its key's dots made underscores as Beats
 * do: Elasticsearch maps dots as object paths, and Compose's
 * com.docker.compose.project beside com.docker.compose.project.working_dir
 * would make one key both a value and an object, rejecting the document.
 */
static void label(struct json *j, const char *key, const char *value)
{
	char buf[LABEL_KEY_MAX + 1];
	size_t i, n = strlen(key);

	if (n > LABEL_KEY_MAX) /* cut: no runtime writes label keys this long */
		n = LABEL_KEY_MAX;
	for (i = 0; i < n; i++)
		buf[i] = key[i] == '.' ? '_' : key[i];
	buf[n] = '\0';
	json__str_any_key(j, buf, value);
}

void container_meta__container_fields(struct json *j, const struct container_meta *m)
{
	unsigned int i;

	if (m->k8s_container)
		json__str(j, "name", m->k8s_container);
	else if (m->name)
		json__str(j, "name", m->name);
	if (m->image)
		image_fields(j, m->image, m->image_id);
	if (m->n_labels) {
		json__begin_object(j, "labels");
		for (i = 0; i < m->n_labels; i++)
			label(j, m->labels[i].key, m->labels[i].value);
		json__end_object(j);
	}
	/* vigil.container.labels_truncated says when labels were left out (alert.c) */
}

void container_meta__orchestrator(struct json *j, const struct container_meta *m)
{
	if (!m->pod_name)
		return;
	json__begin_object(j, "orchestrator");
	json__str(j, "type", "kubernetes");
	if (m->pod_namespace)
		json__str(j, "namespace", m->pod_namespace);
	json__begin_object(j, "resource");
	json__str(j, "type", "pod");
	json__str(j, "name", m->pod_name);
	if (m->pod_uid)
		json__str(j, "id", m->pod_uid);
	json__end_object(j);
	json__end_object(j);
}
