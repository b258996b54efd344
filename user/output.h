/* SPDX-License-Identifier: GPL-2.0 */
/* The JSON stream: stdout or a file opened for append, written in whole lines, buffered. */
#ifndef VIGIL_OUTPUT_H
#define VIGIL_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

int output__open(const char *path);	/* NULL: stdout */
/* false once the stream failed (message already printed) */
bool output__line(const char *line, size_t len);
bool output__flush(void);
void output__close(void);
/* --output FILE: reopen FILE (SIGHUP, for logrotate); stdout: nothing to do. */
void output__reopen(void);

#endif /* VIGIL_OUTPUT_H */
