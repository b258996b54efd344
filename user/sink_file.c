// SPDX-License-Identifier: GPL-2.0
/*
 * stdout or a file opened for append: written in the event loop through a
 * large stdio buffer, whole lines only. A write error is fatal (vigil says so
 * and exits): losing the primary stream silently is worse than stopping.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "log.h"
#include "sink.h"

#define FILE_BUFFER (1 << 20)

struct sink_file {
	struct sink base;
	FILE *out;
	const char *path;	/* NULL: stdout */
	bool failed;
};

static FILE *open_append(const char *path)
{
	FILE *f = fopen(path, "ae");

	if (f)
		setvbuf(f, NULL, _IOFBF, FILE_BUFFER);
	return f;
}

static bool fail(struct sink_file *s)
{
	if (!s->failed)
		log_errno(-errno, "writing the event stream to %s", s->base.name);
	s->failed = true;
	return false;
}

static bool file_line(struct sink *base, const struct line_tag *tag, const char *line, size_t len)
{
	struct sink_file *s = (struct sink_file *)base;

	(void)tag;
	if (s->failed)
		return false;
	if (fwrite(line, 1, len, s->out) != len)
		return fail(s);
	return true;
}

static bool file_flush(struct sink *base)
{
	struct sink_file *s = (struct sink_file *)base;

	if (s->failed)
		return false;
	if (fflush(s->out))
		return fail(s);
	return true;
}

/*
 * SIGHUP after logrotate moved the file: open the path anew, then let the
 * old file go. If the new one cannot be opened, keep writing to the old
 * one (nothing is lost) and say so.
 */
static void file_reopen(struct sink *base)
{
	struct sink_file *s = (struct sink_file *)base;
	FILE *f;

	if (!s->path)
		return;
	f = open_append(s->path);
	if (!f) {
		log_errno(-errno, "reopen --output %s (still writing to the old file)", s->path);
		return;
	}
	if (fclose(s->out) && !s->failed)
		log_errno(-errno, "closing the rotated --output file");
	s->out = f;
	s->failed = false;
}

static void file_stats(struct sink *base, struct sink_stats *out)
{
	(void)base;
	memset(out, 0, sizeof(*out));
}

static void file_close(struct sink *base)
{
	struct sink_file *s = (struct sink_file *)base;

	if (s->path)
		fclose(s->out);
	else
		fflush(s->out);
	free(s);
}

static const struct sink_ops file_ops = {
	.line = file_line,
	.flush = file_flush,
	.reopen = file_reopen,
	.stats = file_stats,
	.close = file_close,
};

struct sink *sink_file__open(const char *path)
{
	struct sink_file *s = calloc(1, sizeof(*s));

	if (!s) {
		log_err(-ENOMEM, "out of memory");
		return NULL;
	}
	s->base.ops = &file_ops;
	if (path && strcmp(path, "-")) {
		s->path = path;
		s->out = open_append(path);
		snprintf(s->base.name, sizeof(s->base.name), "file:%s", path);
	} else {
		s->out = stdout;
		setvbuf(stdout, NULL, _IOFBF, FILE_BUFFER);
		snprintf(s->base.name, sizeof(s->base.name), "stdout");
	}
	if (!s->out) {
		log_errno(-errno, "cannot open --output %s", path);
		free(s);
		return NULL;
	}
	return &s->base;
}
