/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Decode: a ring buffer record, validated, and read-only accessors for its
 * strings and paths. No I/O, no state: the first stage of the pipeline
 * (docs/architecture.md).
 */
#ifndef VIGIL_RECORD_H
#define VIGIL_RECORD_H

#include <stddef.h>
#include "vigil_event.h"

/* The record in size bytes of ring data, or NULL if its header or data length do not fit. */
const struct vigil_record *record__decode(const void *data, size_t size);
/* event.action of a record kind ("rootfs-write", ...), NULL for a kind that makes no alert. */
const char *record__action(__u16 kind);
/* The name of the record's syscall (an i386 one for VIGIL_F_IA32), NULL if not a watched one. */
const char *record__syscall_name(const struct vigil_record *r);
/* Raw string of a slot, NULL if absent. */
const char *record__str(const struct vigil_record *r, enum vigil_str_slot slot, size_t *len);
/* Absolute path inside the container of a components slot; -1 if absent. */
int record__path(const struct vigil_record *r, enum vigil_str_slot slot, char *out, size_t len);
/*
 * The absolute path of string i (0 or 1): the string if absolute, else joined
 * to its base directory. -1 if the record lacks what it needs.
 */
int record__syscall_path(const struct vigil_record *r, int i, char *out, size_t len);

#endif /* VIGIL_RECORD_H */
