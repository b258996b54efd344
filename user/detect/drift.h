/* SPDX-License-Identifier: GPL-2.0 */
/* drift alerts: the program that ran (file.*), why it is drift, who wrote it. Pure: see view.h. */
#ifndef VIGIL_DRIFT_H
#define VIGIL_DRIFT_H

#include "json.h"
#include "view.h"
#include "vigil_event.h"

/* vigil.drift.reason of enum vigil_drift_reason; NULL when out of range. */
const char *drift__reason_name(__u32 reason);
/* Interpreters by comm (rodata drift_interpreters), NULL-terminated; at most VIGIL_INTERPRETERS. */
extern const char *const drift_interpreter_names[];
void drift__format(struct json *j, const struct vigil_record *r, const struct alert_view *v);

#endif /* VIGIL_DRIFT_H */
