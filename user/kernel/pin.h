/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pinned enforcement (--pin): the links and the maps holding the programs'
 * state live in bpffs, so enforcement outlasts the vigil that set it up
 * (containers created meanwhile are recognised by cgroup name in the
 * kernel), and the next vigil --pin adopts both without a gap.
 */
#ifndef VIGIL_PIN_H
#define VIGIL_PIN_H

#include <stdbool.h>

#define PIN_DIR "/sys/fs/bpf/vigil"

struct vigil_bpf;

/* Before load: share the pinned maps of an earlier vigil, if any. */
int pin__adopt_maps(struct vigil_bpf *skel, bool *adopted);
/* After attach: pin this vigil's links in place of the earlier ones, and the maps. */
int pin__links_and_maps(struct vigil_bpf *skel, bool adopted);
/* --unpin: remove everything pinned; enforcement ends. */
int pin__remove(void);

#endif /* VIGIL_PIN_H */
