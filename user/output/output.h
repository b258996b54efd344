/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The stream's fan-out: every line goes to each sink the command line named
 * (stdout when it named none). See sink.h for the kinds of sink.
 */
#ifndef VIGIL_OUTPUT_H
#define VIGIL_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "sink.h"

struct output_config;

/* Opens every sink (a file that cannot be opened fails here, before BPF is loaded). */
int output__open(const struct output_config *o);
/* Starts the sinks' delivery threads: after vigil dropped its capabilities. */
int output__start(void);
/* false once a file or stdout failed (message already printed): vigil stops */
bool output__line(const struct line_tag *tag, const char *line, size_t len);
bool output__flush(void);
/* SIGHUP: files are reopened (logrotate) */
void output__reopen(void);
void output__close(void);

unsigned int output__count(void);
const char *output__name(unsigned int i);
void output__stats(unsigned int i, struct sink_stats *st);
/* Lines sink i dropped since the last call (for the stream's output-dropped line). */
uint64_t output__new_drops(unsigned int i, uint64_t *total);

#endif /* VIGIL_OUTPUT_H */
