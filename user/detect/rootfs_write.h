/* SPDX-License-Identifier: GPL-2.0 */
/* rootfs-write alerts: file.path and file.target_path as enrich resolved them (view.h). Pure: see view.h. */
#ifndef VIGIL_ROOTFS_WRITE_H
#define VIGIL_ROOTFS_WRITE_H

#include "json.h"
#include "view.h"
#include "vigil_event.h"

void rootfs_write__format(struct json *j, const struct vigil_record *r, const struct alert_view *v);

#endif /* VIGIL_ROOTFS_WRITE_H */
