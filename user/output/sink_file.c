// SPDX-License-Identifier: GPL-2.0
/*
 * stdout or a file opened for append: written in the event loop through a
 * large buffer, whole lines only. A write error is fatal (vigil says so and
 * exits): losing the primary stream silently is worse than stopping. Its own
 * buffer rather than stdio's, so that a failed write never leaves half a line
 * in the file (it knows how many bytes reached the file, and trims them back
 * to the last newline) and so that a deleted --output file is noticed and
 * recreated before the next batch is written into it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "log.h"
#include "sink.h"

#define FILE_BUFFER (1 << 20)

struct sink_file {
	struct sink base;
	int fd;
	const char *path; /* NULL: stdout */
	bool failed;
	size_t used;
	char buf[FILE_BUFFER];
};

static int open_append(const char *path)
{
	return open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
}

/* A partial write left `partial` bytes of an unfinished line at the file's end. */
static void trim_partial_line(struct sink_file *s, size_t partial)
{
	struct stat st;

	if (!partial || fstat(s->fd, &st) || !S_ISREG(st.st_mode) || (size_t)st.st_size < partial)
		return;
	if (ftruncate(s->fd, st.st_size - (off_t)partial))
		log_errno(-errno, "removing a partly written line from %s", s->base.name);
}

static bool fail(struct sink_file *s, size_t written)
{
	const char *nl = written ? memrchr(s->buf, '\n', written) : NULL;
	int err = errno;

	trim_partial_line(s, nl ? written - (size_t)(nl + 1 - s->buf) : written);
	log_errno(-err, "writing the event stream to %s", s->base.name);
	s->failed = true;
	s->used = 0;
	return false;
}

/* The file was deleted under vigil (not renamed: SIGHUP handles rotation). */
static bool deleted(const struct sink_file *s)
{
	struct stat st;

	return s->path && !fstat(s->fd, &st) && st.st_nlink == 0;
}

static void switch_to(struct sink_file *s, int fd)
{
	close(s->fd);
	s->fd = fd;
}

static void recreate_if_deleted(struct sink_file *s)
{
	int fd;

	if (!deleted(s))
		return;
	fd = open_append(s->path);
	if (fd < 0) {
		log_errno(-errno, "--output %s was deleted and cannot be created again", s->path);
		return;
	}
	log_err(0, "--output %s was deleted: created it again", s->path);
	switch_to(s, fd);
}

static bool file_flush(struct sink *base)
{
	struct sink_file *s = (struct sink_file *)base;
	size_t done = 0;
	ssize_t n;

	if (s->failed)
		return false;
	if (!s->used)
		return true;
	recreate_if_deleted(s);
	while (done < s->used) {
		n = write(s->fd, s->buf + done, s->used - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			return fail(s, done);
		}
		done += (size_t)n;
	}
	s->used = 0;
	return true;
}

static bool file_line(struct sink *base, const struct line_tag *tag, const char *line, size_t len)
{
	struct sink_file *s = (struct sink_file *)base;

	(void)tag;
	if (s->failed)
		return false;
	if (len > sizeof(s->buf) - s->used && !file_flush(base))
		return false;
	if (len > sizeof(s->buf)) { /* lines are bounded far below 1 MiB */
		errno = EMSGSIZE;
		return fail(s, 0);
	}
	memcpy(s->buf + s->used, line, len);
	s->used += len;
	return true;
}

/*
 * SIGHUP after logrotate moved the file: what is buffered goes to the old
 * file, then the path is opened anew. If it cannot be, keep writing to the
 * old one (nothing is lost) and say so.
 */
static void file_reopen(struct sink *base)
{
	struct sink_file *s = (struct sink_file *)base;
	int fd;

	if (!s->path)
		return;
	file_flush(base);
	fd = open_append(s->path);
	if (fd < 0) {
		log_errno(-errno, "reopen --output %s (still writing to the old file)", s->path);
		return;
	}
	switch_to(s, fd);
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

	file_flush(base);
	if (s->path)
		close(s->fd);
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
		s->fd = open_append(path);
		snprintf(s->base.name, sizeof(s->base.name), "file:%s", path);
	} else {
		s->fd = STDOUT_FILENO;
		snprintf(s->base.name, sizeof(s->base.name), "stdout");
	}
	if (s->fd < 0) {
		log_errno(-errno, "cannot open --output %s", path);
		free(s);
		return NULL;
	}
	return &s->base;
}
