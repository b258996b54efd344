// SPDX-License-Identifier: GPL-2.0
#include <fcntl.h>
#include <unistd.h>
#include "small_file.h"

ssize_t small_file__read(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n >= 0)
		buf[n] = '\0';
	return n;
}
