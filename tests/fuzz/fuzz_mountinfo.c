// SPDX-License-Identifier: GPL-2.0
/* A container's mountinfo: mount points are chosen by whoever mounts inside it. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mountinfo.h"
#include "rootfs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mount_table mt = { 0 };
	struct mount_entry e;
	char *line = strndup((const char *)data, size);
	char root[256];
	FILE *f;

	if (!line)
		return 0;
	mountinfo__parse_line(line, &e);
	free(line);
	f = fmemopen((void *)data, size, "r");
	if (!f)
		return 0;
	if (rootfs__load_mountinfo(&mt, f)) {
		rootfs__path_on_root(&mt, "/etc/passwd");
		rootfs__path_on_root(&mt, "/");
		rootfs__path_on_root(&mt, "/data/x/y");
		line = strndup((const char *)data, size);
		if (line) {
			rootfs__strip_proc_root(line);
			if (line[0] == '\0' && size && data[0] == '/')
				abort(); /* an absolute path never strips to nothing */
			rootfs__path_on_root(&mt, line);
			free(line);
		}
	}
	rootfs__free(&mt);
	rewind(f);
	mountinfo__find_cgroup2(f, root, sizeof(root));
	fclose(f);
	return 0;
}
