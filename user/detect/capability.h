/* SPDX-License-Identifier: GPL-2.0 */
/* capability alerts: the capability, granted or not, and the checks folded into the alert. Pure: see view.h. */
#ifndef VIGIL_CAPABILITY_H
#define VIGIL_CAPABILITY_H

#include "json.h"
#include "view.h"
#include "vigil_event.h"

void capability__format(struct json *j, const struct vigil_record *r, const struct alert_view *v);

#endif /* VIGIL_CAPABILITY_H */
