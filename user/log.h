/* SPDX-License-Identifier: GPL-2.0 */
/* Diagnostics on stderr, one line each: "vigil: <what>: <why>". Errors are negative errno. */
#ifndef VIGIL_LOG_H
#define VIGIL_LOG_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

__attribute__((format(printf, 2, 3)))
static inline int log_err(int err, const char *fmt, ...)
{
	va_list ap;

	fputs("vigil: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return err;
}

/* As log_err, followed by ": <strerror(-err)>". */
__attribute__((format(printf, 2, 3)))
static inline int log_errno(int err, const char *fmt, ...)
{
	va_list ap;

	fputs("vigil: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, ": %s\n", strerror(-err));
	return err;
}

#endif /* VIGIL_LOG_H */
