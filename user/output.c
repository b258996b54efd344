// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "log.h"
#include "output.h"

#define OUTPUT_BUFFER (1 << 20)

static FILE *out;
static const char *out_path;	/* NULL: stdout */
static bool failed;

static FILE *open_file(const char *path)
{
	FILE *f = fopen(path, "ae");

	if (f)
		setvbuf(f, NULL, _IOFBF, OUTPUT_BUFFER);
	return f;
}

int output__open(const char *path)
{
	out_path = path;
	out = path ? open_file(path) : stdout;
	if (!out)
		return log_errno(-errno, "cannot open --output %s", path);
	if (!path)
		setvbuf(out, NULL, _IOFBF, OUTPUT_BUFFER);
	return 0;
}

/*
 * SIGHUP after logrotate moved the file: open the path anew, then let the
 * old file go. If the new one cannot be opened, keep writing to the old
 * one (nothing is lost) and say so.
 */
void output__reopen(void)
{
	FILE *f;

	if (!out_path || !out)
		return;
	f = open_file(out_path);
	if (!f) {
		log_errno(-errno, "reopen --output %s (still writing to the old file)", out_path);
		return;
	}
	if (fclose(out) && !failed)
		log_errno(-errno, "closing the rotated --output file");
	out = f;
	failed = false;
}

static bool fail(void)
{
	if (!failed)
		log_errno(-errno, "writing the event stream");
	failed = true;
	return false;
}

bool output__line(const char *line, size_t len)
{
	if (failed)
		return false;
	if (fwrite(line, 1, len, out) != len)
		return fail();
	return true;
}

bool output__flush(void)
{
	if (failed)
		return false;
	if (fflush(out))
		return fail();
	return true;
}

void output__close(void)
{
	if (out && out != stdout)
		fclose(out);
	else if (out)
		fflush(out);
	out = NULL;
}
