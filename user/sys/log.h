/* SPDX-License-Identifier: GPL-2.0 */
/* Diagnostics on stderr, one line each: "vigil: <what>: <why>". Errors are negative errno. */
#ifndef VIGIL_LOG_H
#define VIGIL_LOG_H

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static inline int log_verr(int err, bool with_errno, const char *fmt, va_list ap)
{
	fputs("vigil: ", stderr);
	vfprintf(stderr, fmt, ap);
	if (with_errno)
		fprintf(stderr, ": %s", strerror(-err));
	fputc('\n', stderr);
	return err;
}

__attribute__((format(printf, 2, 3))) static inline int log_err(int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_verr(err, false, fmt, ap);
	va_end(ap);
	return err;
}

/* As log_err, followed by ": <strerror(-err)>". */
__attribute__((format(printf, 2, 3))) static inline int log_errno(int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_verr(err, true, fmt, ap);
	va_end(ap);
	return err;
}

#endif /* VIGIL_LOG_H */
