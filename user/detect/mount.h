/* SPDX-License-Identifier: GPL-2.0 */
/* mount alerts: target, source, fstype and flags. Pure: see view.h. */
#ifndef VIGIL_MOUNT_H
#define VIGIL_MOUNT_H

#include "json.h"
#include "view.h"
#include "vigil_event.h"

void mount__format(struct json *j, const struct vigil_record *r, const struct alert_view *v);

#endif /* VIGIL_MOUNT_H */
