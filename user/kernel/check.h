/* SPDX-License-Identifier: GPL-2.0 */
/* What --check prints of its trial loads (check.c). */
#ifndef VIGIL_CHECK_H
#define VIGIL_CHECK_H

#include "loader.h"

/* Each wanted program: loads, or REFUSED with the errno and what vigil does without it. */
void check__print_trials(const struct loader_status *st);
/* The backend, each detection's state, what is unavailable. */
void check__print_states(const struct loader_status *st);
void check__print_verdict(int err);

#endif /* VIGIL_CHECK_H */
