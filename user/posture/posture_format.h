/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Posture's lines (pure, as every formatter: view.h): one container-start
 * event carrying the whole posture (inventory), and one posture alert per
 * finding. Field by field in docs/events.md.
 */
#ifndef VIGIL_POSTURE_FORMAT_H
#define VIGIL_POSTURE_FORMAT_H

#include "json.h"
#include "posture.h"
#include "record.h"
#include "view.h"

/* An entrypoint record's kernel facts (the file-read ones are posture_read.c's). */
void posture__facts_from_record(const struct vigil_record *r, struct posture_facts *f);

void posture__format_start(struct json *j, const struct vigil_record *r, const struct alert_view *v,
			   const struct posture_facts *f, const struct posture_findings *fd,
			   const struct posture_config *cfg);
/* The alert of check c; m: the mount, for sensitive-mount (one alert per mount). */
void posture__format_finding(struct json *j, const struct vigil_record *r, const struct alert_view *v,
			     const struct posture_facts *f, const struct posture_findings *fd,
			     const struct posture_config *cfg, enum posture_check c, const struct posture_mount *m);

/* An SSH server's exec in the container (posture's ssh-server check). */
void posture__format_ssh_server(struct json *j, const struct vigil_record *r, const struct alert_view *v,
				const struct posture_config *cfg);

#endif /* VIGIL_POSTURE_FORMAT_H */
