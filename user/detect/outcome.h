/* SPDX-License-Identifier: GPL-2.0 */
/* event.outcome: decided once per alert as a number, named where it is written. */
#ifndef VIGIL_OUTCOME_H
#define VIGIL_OUTCOME_H

enum outcome { OUTCOME_SUCCESS, OUTCOME_FAILURE, OUTCOME_UNKNOWN, OUTCOME_MAX };

static inline const char *outcome__name(enum outcome o)
{
	static const char *const names[OUTCOME_MAX] = { "success", "failure", "unknown" };

	return o < OUTCOME_MAX ? names[o] : "unknown";
}

#endif /* VIGIL_OUTCOME_H */
