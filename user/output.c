// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "log.h"
#include "output.h"

#define OUTPUT_BUFFER (1 << 20)

static FILE *out;
static bool failed;

int output__open(const char *path)
{
	out = path ? fopen(path, "ae") : stdout;
	if (!out)
		return log_errno(-errno, "cannot open --output %s", path);
	setvbuf(out, NULL, _IOFBF, OUTPUT_BUFFER);
	return 0;
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
