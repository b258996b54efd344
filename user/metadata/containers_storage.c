// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "containers_storage.h"
#include "json_in.h"

/* The storage drivers whose container records live in <root>/<driver>-containers/. */
static const char *const drivers[] = { "overlay", "vfs", "btrfs", "zfs" };

/* The whole file, NUL-terminated, at most STORAGE_FILE_MAX bytes; NULL with errno set. */
static char *read_whole(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	struct stat st;
	char *text = NULL;
	ssize_t n;
	int saved;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st))
		goto out;
	if (!S_ISREG(st.st_mode) || st.st_size > STORAGE_FILE_MAX) {
		errno = EFBIG;
		goto out;
	}
	text = malloc(st.st_size + 1);
	if (!text)
		goto out;
	*len = 0;
	while (*len < (size_t)st.st_size && (n = read(fd, text + *len, st.st_size - *len)) > 0)
		*len += n;
	text[*len] = '\0';
out:
	saved = errno;
	close(fd);
	errno = saved;
	return text;
}

/* The "metadata" member is itself JSON text: image name and id, set by Podman and CRI-O. */
static void add_record_metadata(struct container_meta *m, const char *text)
{
	struct json_object *md;
	const char *image_id;

	if (!text)
		return;
	md = json_in__parse(text, strlen(text), json_type_object);
	if (!m->image)
		m->image = container_meta__dup(json_in__string(md, "image-name"));
	image_id = json_in__string(md, "image-id");
	if (image_id && !m->image_id && asprintf(&m->image_id, "sha256:%s", image_id) < 0)
		m->image_id = NULL;
	json_object_put(md);
}

static struct json_object *record_of(struct json_object *list, const char *id)
{
	size_t i, n = json_object_array_length(list);

	for (i = 0; i < n; i++) {
		struct json_object *c = json_object_array_get_idx(list, i);
		const char *cid = json_in__string(c, "id");

		if (cid && !strcmp(cid, id))
			return c;
	}
	return NULL;
}

int containers_storage__parse_list(const char *text, size_t len, const char *id, struct container_meta *m)
{
	struct json_object *list = json_in__parse(text, len, json_type_array), *c, *names;

	if (!list)
		return -EINVAL;
	c = record_of(list, id);
	if (!c) {
		json_object_put(list);
		return -ENOENT;
	}
	names = json_in__array(c, "names");
	if (names && json_object_array_length(names) > 0 &&
	    json_object_is_type(json_object_array_get_idx(names, 0), json_type_string))
		m->name = container_meta__dup(json_object_get_string(json_object_array_get_idx(names, 0)));
	add_record_metadata(m, json_in__string(c, "metadata"));
	json_object_put(list);
	return 0;
}

void containers_storage__parse_config(const char *text, size_t len, struct container_meta *m)
{
	struct json_object *spec = json_in__parse(text, len, json_type_object);

	container_meta__add_annotations(m, json_in__child(spec, "annotations"));
	json_object_put(spec);
}

static int read_record(const char *dir, const char *id, struct container_meta *m)
{
	char path[4096 + 128]; /* dir, then an id and a file name */
	size_t len;
	char *text;
	int err;

	snprintf(path, sizeof(path), "%s/containers.json", dir);
	text = read_whole(path, &len);
	if (!text)
		return -errno;
	err = containers_storage__parse_list(text, len, id, m);
	free(text);
	if (err)
		return err;
	snprintf(path, sizeof(path), "%s/%s/userdata/config.json", dir, id);
	text = read_whole(path, &len);
	if (text) /* annotations are extra: a container without a bundle still has its name */
		containers_storage__parse_config(text, len, m);
	free(text);
	return 0;
}

int containers_storage__inspect(const char *root, const char *id, struct container_meta *m)
{
	char dir[4096];
	unsigned int i;
	int err = -ENOENT;

	memset(m, 0, sizeof(*m));
	for (i = 0; i < sizeof(drivers) / sizeof(drivers[0]) && err == -ENOENT; i++) {
		if ((size_t)snprintf(dir, sizeof(dir), "%s/%s-containers", root, drivers[i]) >= sizeof(dir))
			return -ENAMETOOLONG;
		err = read_record(dir, id, m);
		if (err)
			container_meta__free(m);
	}
	return err;
}
