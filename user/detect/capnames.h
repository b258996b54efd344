/* SPDX-License-Identifier: GPL-2.0 */
#ifndef VIGIL_CAPNAMES_H
#define VIGIL_CAPNAMES_H

#include <stddef.h>

/* "CAP_SYS_ADMIN" for 21; "CAP_<n>" into buf for numbers newer than vigil. */
const char *capnames__name(unsigned int cap, char *buf, size_t len);

/* 21 for "CAP_SYS_ADMIN" (or "sys_admin", any case); -1 for a name vigil does not know. */
int capnames__number(const char *name);

#endif /* VIGIL_CAPNAMES_H */
