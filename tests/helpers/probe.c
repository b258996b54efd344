// SPDX-License-Identifier: GPL-2.0
/*
 * vigil-probe: a static binary the integration tests and the benchmark run
 * inside containers to make exactly the syscalls they assert on.
 *
 *   probe setresuid R E S | setresgid R E S | setgroups G...
 *   probe sleep-setresuid SECS R E S sleeps first (a process older than vigil)
 *   probe loop-noop-setresuid N      setresuid(-1,-1,-1) N times
 *   probe loop-null N                getppid() N times
 *   probe loop-read N PATH           open(O_RDONLY)+close N times
 *   probe loop-write N PATH          open(O_WRONLY|O_CREAT|O_TRUNC)+close N times
 *   probe loop-write-try N PATH      the same, refused opens counted as done (--enforce)
 *   probe loop-chown N PATH          chown(PATH, 1000, 1000) N times
 *   probe setxattr PATH [NAME] | removexattr PATH NAME | truncate PATH | link OLD NEW
 *   probe as UID PROGRAM ARGS...     setresuid to UID, then exec PROGRAM
 *   probe hostile DIR                creates files with hostile names in DIR
 *   probe chroot-write DIR NEWROOT NAME  cd DIR, chroot NEWROOT (cwd stays in DIR),
 *                                    then create NAME relative to that cwd
 *   probe setacl PATH                a POSIX access ACL granting uid 1000 rw (setxattr)
 *   probe core DIR                   cd DIR, allow a core dump, crash (SIGSEGV)
 *
 * Loops print "<name> <ops> <ns per op>" on stdout.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

static long num(const char *s)
{
	return strtol(s, NULL, 10);
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int fail(const char *what)
{
	fprintf(stderr, "probe: %s: %s\n", what, strerror(errno));
	return 1;
}

/* path runs with no arguments; its exit status must be 0 */
static int fork_exec(const char *path)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		execl(path, path, (char *)NULL);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status))
		return -1;
	return 0;
}

static int loop(const char *name, long n, const char *path)
{
	double t0 = now_ns();
	long i;
	int fd;

	for (i = 0; i < n; i++) {
		if (!strcmp(name, "loop-null")) {
			syscall(SYS_getppid);
		} else if (!strcmp(name, "loop-noop-setresuid")) {
			if (syscall(SYS_setresuid, -1, -1, -1))
				return fail("setresuid");
		} else if (!strcmp(name, "loop-read") || !strncmp(name, "loop-write", 10)) {
			fd = open(path, name[5] == 'r' ? O_RDONLY : O_WRONLY | O_CREAT | O_TRUNC, 0644);
			if (fd >= 0)
				close(fd);
			else if (strcmp(name, "loop-write-try"))
				return fail(path);
		} else if (!strcmp(name, "loop-fork-exec")) {
			if (fork_exec(path))
				return fail("fork+exec");
		} else if (!strcmp(name, "loop-chown")) {
			if (chown(path, 1000, 1000))
				return fail("chown");
		} else {
			fprintf(stderr, "probe: unknown loop %s\n", name);
			return 2;
		}
	}
	printf("%s %ld %.1f\n", name, n, n ? (now_ns() - t0) / n : 0.0);
	return 0;
}

static int hostile(const char *dir)
{
	static const char *const names[] = {
		"quote\"back\\slash", "new\nline", "tab\tcr\r", "ctl\x01\x1f\x7f",
		"bad\xff\xfe utf8", "ok-\xc3\xa9t\xc3\xa9",
	};
	char path[4200];
	size_t i;
	int fd;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0)
			return fail(path);
		close(fd);
	}
	return 0;
}

/* Another root: after chroot the old cwd still names the container's rootfs. */
static int chroot_write(const char *dir, const char *newroot, const char *name)
{
	int fd;

	if (chdir(dir) || chroot(newroot))
		return fail("chdir/chroot");
	fd = open(name, O_WRONLY | O_CREAT | O_APPEND, 0644);
	if (fd < 0)
		return fail(name);
	if (write(fd, "escaped\n", 8) != 8)
		return fail("write");
	close(fd);
	return 0;
}

/* uapi linux/posix_acl_xattr.h: version 2, then (tag, perm, id) entries */
struct acl_entry {
	unsigned short tag, perm;
	unsigned int id;
};

static int setacl(const char *path)
{
	struct {
		unsigned int version;
		struct acl_entry e[5];
	} acl = { 2, {
		{ 0x01, 6, -1 },	/* ACL_USER_OBJ rw */
		{ 0x02, 6, 1000 },	/* ACL_USER 1000 rw */
		{ 0x04, 4, -1 },	/* ACL_GROUP_OBJ r */
		{ 0x10, 6, -1 },	/* ACL_MASK rw */
		{ 0x20, 4, -1 },	/* ACL_OTHER r */
	} };

	return setxattr(path, "system.posix_acl_access", &acl, sizeof(acl), 0) ? fail("setacl") : 0;
}

/* The kernel writes the core file, under its own credentials, in the cwd (core_pattern "core"). */
static int core(const char *dir)
{
	struct rlimit core;

	/* as large as the hard limit allows (raising that takes CAP_SYS_RESOURCE) */
	if (chdir(dir) || getrlimit(RLIMIT_CORE, &core))
		return fail("chdir/getrlimit");
	core.rlim_cur = core.rlim_max;
	if (setrlimit(RLIMIT_CORE, &core))
		return fail("setrlimit");
	*(volatile int *)0 = 1;
	return 1;
}

int main(int argc, char **argv)
{
	gid_t groups[16];
	int i;

	if (argc < 2)
		return 2;
	if (!strncmp(argv[1], "loop-", 5) && argc >= 3)
		return loop(argv[1], num(argv[2]), argc > 3 ? argv[3] : "/dev/null");
	if (!strcmp(argv[1], "setresuid") && argc == 5)
		return syscall(SYS_setresuid, num(argv[2]), num(argv[3]), num(argv[4])) ? fail("setresuid") : 0;
	if (!strcmp(argv[1], "sleep-setresuid") && argc == 6) {
		sleep(num(argv[2]));
		return syscall(SYS_setresuid, num(argv[3]), num(argv[4]), num(argv[5])) ? fail("setresuid") : 0;
	}
	if (!strcmp(argv[1], "setresgid") && argc == 5)
		return syscall(SYS_setresgid, num(argv[2]), num(argv[3]), num(argv[4])) ? fail("setresgid") : 0;
	if (!strcmp(argv[1], "setgroups") && argc >= 3 && argc - 2 <= 16) {
		for (i = 2; i < argc; i++)
			groups[i - 2] = num(argv[i]);
		return setgroups(argc - 2, groups) ? fail("setgroups") : 0;
	}
	if (!strcmp(argv[1], "setxattr") && (argc == 3 || argc == 4))
		return setxattr(argv[2], argc == 4 ? argv[3] : "user.vigil", "1", 1, 0) ? fail("setxattr") : 0;
	if (!strcmp(argv[1], "removexattr") && argc == 4)
		return removexattr(argv[2], argv[3]) ? fail("removexattr") : 0;
	if (!strcmp(argv[1], "as") && argc >= 4) {	/* as UID PROGRAM ARGS...: drop to UID, exec */
		if (syscall(SYS_setresuid, num(argv[2]), num(argv[2]), num(argv[2])))
			return fail("setresuid");
		execvp(argv[3], argv + 3);
		return fail(argv[3]);
	}
	if (!strcmp(argv[1], "truncate") && argc == 3)
		return truncate(argv[2], 0) ? fail("truncate") : 0;
	if (!strcmp(argv[1], "link") && argc == 4)
		return link(argv[2], argv[3]) ? fail("link") : 0;
	if (!strcmp(argv[1], "hostile") && argc == 3)
		return hostile(argv[2]);
	if (!strcmp(argv[1], "chroot-write") && argc == 5)
		return chroot_write(argv[2], argv[3], argv[4]);
	if (!strcmp(argv[1], "setacl") && argc == 3)
		return setacl(argv[2]);
	if (!strcmp(argv[1], "core") && argc == 3)
		return core(argv[2]);
	fprintf(stderr, "probe: bad arguments\n");
	return 2;
}
