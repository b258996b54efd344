// SPDX-License-Identifier: GPL-2.0
/*
 * A gRPC unary call is an HTTP/2 POST of one length-prefixed protobuf
 * message to /<service>/<method>, answered by one such message and a
 * grpc-status trailer: libcurl carries it, protobuf-c (messages generated
 * from containerd.proto, a subset of containerd's API) encodes and decodes.
 * The namespace travels in the containerd-namespace header.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "containerd.pb-c.h"
#include "containerd_api.h"
#include "json_in.h"
#include "unix_http.h"

#define GRPC_FRAME_HEADER 5 /* compressed flag, 32-bit big-endian length */
#define GRPC_NOT_FOUND	  5
#define NAMESPACE_MAX	  76 /* containerd's limit */

static int grpc_call(const char *socket, const char *ns, const char *path, const ProtobufCMessage *request,
		     struct unix_http_response *rs, const uint8_t **reply, size_t *reply_len)
{
	char url[128], ns_header[32 + NAMESPACE_MAX];
	const char *headers[] = { "content-type: application/grpc", "te: trailers", ns_header, NULL };
	struct unix_http_request rq = { .socket = socket, .url = url, .headers = headers, .grpc = true };
	size_t len = protobuf_c_message_get_packed_size(request);
	uint32_t be_len = htonl((uint32_t)len);
	uint8_t *frame = malloc(GRPC_FRAME_HEADER + len);
	int err;

	memset(rs, 0, sizeof(*rs));
	if (!frame)
		return -ENOMEM;
	frame[0] = 0;
	memcpy(frame + 1, &be_len, sizeof(be_len));
	protobuf_c_message_pack(request, frame + GRPC_FRAME_HEADER);
	snprintf(url, sizeof(url), "http://containerd%s", path);
	snprintf(ns_header, sizeof(ns_header), "containerd-namespace: %s", ns ? ns : "");
	if (!ns)
		headers[2] = NULL;
	rq.post = frame;
	rq.post_len = GRPC_FRAME_HEADER + len;
	err = unix_http__request(&rq, rs);
	free(frame);
	if (err)
		return err;
	if (rs->grpc_status == GRPC_NOT_FOUND)
		return -ENOENT;
	if (rs->status != 200 || rs->grpc_status != 0 || rs->len < GRPC_FRAME_HEADER || rs->body[0] != 0)
		return -EPROTO;
	memcpy(&be_len, rs->body + 1, sizeof(be_len));
	if (ntohl(be_len) > rs->len - GRPC_FRAME_HEADER)
		return -EPROTO;
	*reply = (const uint8_t *)rs->body + GRPC_FRAME_HEADER;
	*reply_len = ntohl(be_len);
	return 0;
}

/* The OCI spec travels as JSON inside a protobuf Any. */
static void add_spec_annotations(struct container_meta *m, const Containerd__Services__Containers__V1__Any *spec)
{
	struct json_object *root;

	if (!spec || !spec->value.len)
		return;
	root = json_in__parse((const char *)spec->value.data, spec->value.len, json_type_object);
	container_meta__add_annotations(m, json_in__child(root, "annotations"));
	json_object_put(root);
}

int containerd_api__parse(const uint8_t *msg, size_t len, struct container_meta *m)
{
	Containerd__Services__Containers__V1__GetContainerResponse *rsp;
	const Containerd__Services__Containers__V1__Container *c;
	size_t i;

	memset(m, 0, sizeof(*m));
	rsp = containerd__services__containers__v1__get_container_response__unpack(NULL, len, msg);
	if (!rsp)
		return -EINVAL;
	c = rsp->container;
	if (!c || !c->id || !*c->id) {
		containerd__services__containers__v1__get_container_response__free_unpacked(rsp, NULL);
		return -EINVAL;
	}
	if (c->image && *c->image)
		m->image = container_meta__dup(c->image);
	for (i = 0; i < c->n_labels; i++)
		if (c->labels[i]->key && c->labels[i]->value)
			container_meta__add_label(m, c->labels[i]->key, c->labels[i]->value);
	add_spec_annotations(m, c->spec);
	/* ctr names a container by its id; nerdctl and the CRI name it in a label or annotation */
	if (!m->name)
		m->name = container_meta__dup(c->id);
	containerd__services__containers__v1__get_container_response__free_unpacked(rsp, NULL);
	return 0;
}

static int get_container(const char *socket, const char *ns, const char *id, struct container_meta *m)
{
	Containerd__Services__Containers__V1__GetContainerRequest rq =
		CONTAINERD__SERVICES__CONTAINERS__V1__GET_CONTAINER_REQUEST__INIT;
	struct unix_http_response rs;
	const uint8_t *reply;
	size_t reply_len;
	int err;

	rq.id = (char *)id;
	err = grpc_call(socket, ns, "/containerd.services.containers.v1.Containers/Get", &rq.base, &rs, &reply,
			&reply_len);
	if (!err)
		err = containerd_api__parse(reply, reply_len, m);
	free(rs.body);
	return err;
}

int containerd_api__inspect(const char *socket, const char *id, struct container_meta *m)
{
	Containerd__Services__Containers__V1__ListNamespacesRequest rq =
		CONTAINERD__SERVICES__CONTAINERS__V1__LIST_NAMESPACES_REQUEST__INIT;
	Containerd__Services__Containers__V1__ListNamespacesResponse *list;
	struct unix_http_response rs;
	const uint8_t *reply;
	size_t reply_len, i;
	int err;

	memset(m, 0, sizeof(*m));
	err = grpc_call(socket, NULL, "/containerd.services.namespaces.v1.Namespaces/List", &rq.base, &rs, &reply,
			&reply_len);
	if (err) {
		free(rs.body);
		return err;
	}
	list = containerd__services__containers__v1__list_namespaces_response__unpack(NULL, reply_len, reply);
	free(rs.body);
	if (!list)
		return -EPROTO;
	err = -ENOENT;
	for (i = 0; i < list->n_namespaces && err == -ENOENT; i++)
		if (list->namespaces[i]->name && strlen(list->namespaces[i]->name) <= NAMESPACE_MAX)
			err = get_container(socket, list->namespaces[i]->name, id, m);
	/* a CRI container: its pod's labels are its sandbox container's (containerd's CRI copies them there) */
	if (!err && m->sandbox_id && strcmp(m->sandbox_id, id)) {
		struct container_meta sandbox = { 0 };

		if (!get_container(socket, list->namespaces[i - 1]->name, m->sandbox_id, &sandbox))
			container_meta__take_pod_labels(m, &sandbox);
		container_meta__free(&sandbox);
	}
	containerd__services__containers__v1__list_namespaces_response__free_unpacked(list, NULL);
	return err;
}
