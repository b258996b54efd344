// SPDX-License-Identifier: GPL-2.0
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "log.h"
#include "pin.h"
#include "vigil_event.h" /* types the skeleton names */
#include "cap_dedup.h"	 /* types the skeleton names */
#include "vigil.skel.h"

#define BPF_FS	     "/sys/fs/bpf"
#define BPF_FS_MAGIC 0xcafe4a11

/* The state the programs keep: shared between an old and a new vigil. */
static const char *const shared_maps[] = {
	"containers",
	"container_roots",
	"container_mntns",
	"setup_procs",
	"fresh_cgroups",
	"events",
	"lost",
	"exe_paths",
	"cred_snapshots",
	"cap_dedup",
	/* drift: a file written before a restart is still the container's after it */
	"drift_written",
	"drift_counts",
	/* the policy: enforcement that outlives vigil keeps each container's rule and allow-list */
	"container_policy",
	"policy_config",
	"allow_paths",
	"allowed_writes",
};
#define N_SHARED (sizeof(shared_maps) / sizeof(shared_maps[0]))

static int ensure_dir(void)
{
	struct statfs fs;

	if (statfs(BPF_FS, &fs) || fs.f_type != BPF_FS_MAGIC) {
		if (mount("bpf", BPF_FS, "bpf", 0, NULL))
			return log_errno(-errno, "mount bpffs on " BPF_FS);
	}
	if (mkdir(PIN_DIR, 0700) && errno != EEXIST)
		return log_errno(-errno, "mkdir " PIN_DIR);
	return 0;
}

static void map_path(char *buf, size_t len, const char *name)
{
	snprintf(buf, len, PIN_DIR "/map_%s", name);
}

int pin__adopt_maps(struct vigil_bpf *skel, bool *adopted)
{
	char path[256];
	unsigned int i;
	int fd, err;

	*adopted = false;
	err = ensure_dir();
	if (err)
		return err;
	map_path(path, sizeof(path), shared_maps[0]);
	if (access(path, F_OK))
		return 0; /* nothing pinned: this vigil pins its own */
	for (i = 0; i < N_SHARED; i++) {
		struct bpf_map *map = bpf_object__find_map_by_name(skel->obj, shared_maps[i]);

		map_path(path, sizeof(path), shared_maps[i]);
		fd = bpf_obj_get(path);
		if (fd < 0)
			return log_errno(-errno, "adopt pinned %s (remove with vigil --unpin)", path);
		err = map ? bpf_map__reuse_fd(map, fd) : -ENOENT;
		close(fd);
		if (err)
			return log_errno(err, "reuse pinned map %s", shared_maps[i]);
	}
	*adopted = true;
	return 0;
}

/* New link first, then the old one goes: two programs deny for a moment, none never. */
static int replace_link(struct bpf_link *link, const char *prog_name)
{
	char path[256];

	snprintf(path, sizeof(path), PIN_DIR "/link_%s", prog_name);
	if (unlink(path) && errno != ENOENT)
		return log_errno(-errno, "unpin %s", path);
	return bpf_link__pin(link, path) ? log_errno(-errno, "pin %s", path) : 0;
}

int pin__links_and_maps(struct vigil_bpf *skel, bool adopted)
{
	const struct bpf_object_skeleton *s = skel->skeleton;
	char path[256];
	unsigned int i;
	int err;

	for (i = 0; i < (unsigned int)s->prog_cnt; i++) {
		struct bpf_program *prog = *s->progs[i].prog;
		struct bpf_link *link = *s->progs[i].link;

		/*
		 * Every program stays: the LSM hooks deny, and the tracepoints
		 * keep container membership and setup state current while no
		 * vigil runs (new containers are classified in the kernel).
		 */
		if (bpf_program__expected_attach_type(prog) == BPF_TRACE_ITER)
			continue;
		if (!link) {
			/* not running now (refused, or another capability source): an old pin must not stay */
			snprintf(path, sizeof(path), PIN_DIR "/link_%s", bpf_program__name(prog));
			if (unlink(path) && errno != ENOENT)
				return log_errno(-errno, "unpin %s", path);
			continue;
		}
		err = replace_link(link, bpf_program__name(prog));
		if (err)
			return err;
	}
	for (i = 0; !adopted && i < N_SHARED; i++) {
		map_path(path, sizeof(path), shared_maps[i]);
		err = bpf_map__pin(bpf_object__find_map_by_name(skel->obj, shared_maps[i]), path);
		if (err)
			return log_errno(err, "pin %s", path);
	}
	return 0;
}

int pin__remove(void)
{
	char path[512];
	struct dirent *e;
	DIR *d = opendir(PIN_DIR);
	int err = 0;

	if (!d)
		return errno == ENOENT ? 0 : log_errno(-errno, "open " PIN_DIR);
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), PIN_DIR "/%s", e->d_name);
		if (unlink(path))
			err = log_errno(-errno, "unpin %s", path);
	}
	closedir(d);
	if (!err && rmdir(PIN_DIR))
		err = log_errno(-errno, "rmdir " PIN_DIR);
	return err;
}
