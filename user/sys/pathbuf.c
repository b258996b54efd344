// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <string.h>
#include "pathbuf.h"

int pathbuf__from_components(const char *comp, size_t n, char *out, size_t len)
{
	size_t w = 0, end = n, start;

	if (len < 2)
		return -1;
	/* Walk the components from the last (the top-most directory) back. */
	while (end > 0) {
		if (comp[end - 1] == '\0')
			end--;
		start = end;
		while (start > 0 && comp[start - 1] != '\0')
			start--;
		if (end > start) {
			if (w + 1 + (end - start) + 1 > len)
				return -1;
			out[w++] = '/';
			memcpy(out + w, comp + start, end - start);
			w += end - start;
		}
		end = start;
	}
	if (w == 0)
		out[w++] = '/';
	out[w] = '\0';
	return (int)w;
}

int pathbuf__join_normalize(const char *base, const char *rel, char *out, size_t len)
{
	char tmp[PATHBUF_MAX];
	size_t w = 0, n;
	const char *p, *c;
	int k;

	if (rel[0] == '/' || !base)
		k = snprintf(tmp, sizeof(tmp), "%s", rel);
	else
		k = snprintf(tmp, sizeof(tmp), "%s/%s", base, rel);
	if (k < 0 || (size_t)k >= sizeof(tmp) || len < 2)
		return -1;

	p = tmp;
	while (*p) {
		while (*p == '/')
			p++;
		c = p;
		while (*p && *p != '/')
			p++;
		n = p - c;
		if (n == 0 || (n == 1 && c[0] == '.'))
			continue;
		if (n == 2 && c[0] == '.' && c[1] == '.') {
			while (w > 0 && out[w - 1] != '/')
				w--;
			if (w > 0)
				w--; /* drop the slash too */
			continue;
		}
		if (w + 1 + n + 1 > len)
			return -1;
		out[w++] = '/';
		memcpy(out + w, c, n);
		w += n;
	}
	if (w == 0)
		out[w++] = '/';
	out[w] = '\0';
	return (int)w;
}
