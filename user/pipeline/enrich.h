/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Enrich: the second stage of the pipeline (docs/architecture.md). From a
 * decoded record it finds the container, decides whether a rootfs-write
 * lands on the container's root filesystem (the path resolver and mount
 * tables: the pipeline's I/O), keeps the container's mount table current,
 * and holds the container's metadata for the formatter. All I/O and locking
 * of an alert happen here, with their time budgets: a path answer 50 ms
 * (path_resolver.h), a metadata lookup under way 20 ms (metadata.h).
 */
#ifndef VIGIL_ENRICH_H
#define VIGIL_ENRICH_H

#include <stdbool.h>
#include "containers.h"
#include "view.h"
#include "vigil_event.h"

struct enricher {
	struct containers *containers;
	struct stream_id *stream;
	__s64 boot_to_realtime_ns;
	struct alert_clock clock;
	struct metadata *held; /* its lock is held for the view being formatted */
};

void enrich__init(struct enricher *e, struct containers *cs, struct stream_id *stream);
/*
 * Fills v for the alert r makes. false: r makes none (not a container's, or
 * a write that did not land on the root filesystem); nothing is held then.
 * true: enrich__release(v) once the line is formatted.
 */
bool enrich__view(struct enricher *e, const struct vigil_record *r, struct alert_view *v);
void enrich__release(struct enricher *e, struct alert_view *v);

#endif /* VIGIL_ENRICH_H */
