// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "line_queue.h"

int line_queue__init(struct line_queue *q, size_t cap)
{
	memset(q, 0, sizeof(*q));
	q->ring = malloc(cap);
	if (!q->ring)
		return -ENOMEM;
	q->cap = cap;
	return 0;
}

void line_queue__free(struct line_queue *q)
{
	free(q->ring);
	q->ring = NULL;
	q->cap = q->used = 0;
}

bool line_queue__push(struct line_queue *q, const char *line, size_t len)
{
	size_t tail, first;

	if (!len || line[len - 1] != '\n')
		return false;
	if (len > q->cap - q->used) {
		q->dropped++;
		return false;
	}
	tail = (q->head + q->used) % q->cap;
	first = q->cap - tail < len ? q->cap - tail : len;
	memcpy(q->ring + tail, line, first);
	memcpy(q->ring, line + first, len - first);
	q->used += len;
	return true;
}

size_t line_queue__take(struct line_queue *q, char *out, size_t max)
{
	size_t n = q->used < max ? q->used : max;
	size_t first = q->cap - q->head < n ? q->cap - q->head : n;
	const char *last_nl;

	if (!n)
		return 0;
	memcpy(out, q->ring + q->head, first);
	memcpy(out + first, q->ring, n - first);
	/* whole lines only: cut after the last newline copied */
	last_nl = memrchr(out, '\n', n);
	if (!last_nl)
		return 0;
	n = last_nl - out + 1;
	q->head = (q->head + n) % q->cap;
	q->used -= n;
	return n;
}

uint64_t line_queue__count_lines(const char *buf, size_t len)
{
	uint64_t n = 0;
	const char *p = buf, *end = buf + len;

	while (p < end && (p = memchr(p, '\n', end - p))) {
		n++;
		p++;
	}
	return n;
}
