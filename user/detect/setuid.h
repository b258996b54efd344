/* SPDX-License-Identifier: GPL-2.0 */
/* setuid alerts: effective ids before and after, every id under vigil.credentials. Pure: see view.h. */
#ifndef VIGIL_SETUID_H
#define VIGIL_SETUID_H

#include "json.h"
#include "view.h"
#include "vigil_event.h"

void setuid__format(struct json *j, const struct vigil_record *r, const struct alert_view *v);

#endif /* VIGIL_SETUID_H */
