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
 *   probe creat-rdonly PATH | mknod-reg PATH  a new regular file without write access / by mknod
 *   probe as UID PROGRAM ARGS...     setresuid to UID, then exec PROGRAM
 *   probe hostile DIR                creates files with hostile names in DIR
 *   probe chroot-write DIR NEWROOT NAME  cd DIR, chroot NEWROOT (cwd stays in DIR),
 *                                    then create NAME relative to that cwd
 *   probe setacl PATH                a POSIX access ACL granting uid 1000 rw (setxattr)
 *   probe core DIR                   cd DIR, allow a core dump, crash (SIGSEGV)
 *   probe uring OP PATH [PATH2]      one io_uring request, no syscall of its own:
 *                                    OP create (openat O_WRONLY|O_CREAT), read (O_RDONLY), mkdir, unlink,
 *                                    rmdir, rename PATH PATH2, link PATH PATH2,
 *                                    symlink TARGET PATH, setxattr PATH, fsetxattr PATH,
 *                                    fsetxattr-fixed PATH (the file registered with the ring)
 *   probe uring-personality OP PATH [PATH2]  the same under a registered personality
 *                                    whose cred is no longer the task's (capset in between)
 *   probe setxattrat PATH | removexattrat PATH   6.13's *at xattr calls (user.vigil)
 *   probe deep-exe DIR ARGS...       in DIR, 63 directories of 255-byte names, a copy of
 *                                    this probe at the bottom, run from there with ARGS
 *                                    (an executable path of 16 KB: longer than a record)
 *   probe int80 create PATH | mkdir PATH | renameat2 OLD NEW | setuid32 UID [fork]
 *                                    32-bit syscalls (int 0x80) from this 64-bit program;
 *                                    setuid32 ... fork: then fork a child that exits
 *
 *   probe mark PATH                  creates PATH (a side effect: the program ran)
 *   probe memfd-exec ARGS...         this probe copied into a memfd, run from it with ARGS
 *   probe deleted-exec DIR ARGS...   copied to DIR, unlinked while open, run from the fd
 *   probe map-exec PATH              maps PATH executable (what ld.so and dlopen do)
 *   probe mprotect-exec PATH         maps PATH readable, then makes the mapping executable
 *   probe anon-exec                  runs code from anonymous memory made executable (a JIT)
 *   exec -a python probe FILE...     a stand-in interpreter (argv[0] python*, or PROBE_INTERPRETER
 *                                    set; the test image's /usr/bin/python3 is a copy): reads each
 *                                    FILE in order, as python reads its site.py before a script,
 *                                    after PROBE_READ_FIRST if set (as ld.so reads ld.so.cache)
 *
 * Loops print "<name> <ops> <ns per op>" on stdout.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/capability.h>
#include <linux/io_uring.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
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
		"quote\"back\\slash", "new\nline",	  "tab\tcr\r",
		"ctl\x01\x1f\x7f",    "bad\xff\xfe utf8", "ok-\xc3\xa9t\xc3\xa9",
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
	} acl = { 2,
		  {
			  { 0x01, 6, -1 },   /* ACL_USER_OBJ rw */
			  { 0x02, 6, 1000 }, /* ACL_USER 1000 rw */
			  { 0x04, 4, -1 },   /* ACL_GROUP_OBJ r */
			  { 0x10, 6, -1 },   /* ACL_MASK rw */
			  { 0x20, 4, -1 },   /* ACL_OTHER r */
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

/* Submits one request to a fresh io_uring and returns its result (raw syscalls: no liburing in a static busybox image). */
/*
 * With a registered personality: the request runs under the credentials
 * registered, and after a capset to the same capabilities (a new cred for
 * the task) they are no longer the task's own: the kernel overrides them.
 */
static int uring_personality;
static int uring_fixed_fd = -1; /* fsetxattr-fixed: the file registered, the request names slot 0 */

static int new_cred_same_caps(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];

	if (syscall(SYS_capget, &h, d) || syscall(SYS_capset, &h, d))
		return fail("capget/capset");
	return 0;
}

static int uring_one(const struct io_uring_sqe *req)
{
	struct io_uring_params p;
	struct io_uring_sqe *sqes;
	struct io_uring_cqe *cqe;
	unsigned int *tail, *head;
	size_t sq_len, cq_len;
	char *sq, *cq;
	int fd;

	memset(&p, 0, sizeof(p));
	fd = syscall(__NR_io_uring_setup, 1, &p);
	if (fd < 0)
		return fail("io_uring_setup");
	sq_len = p.sq_off.array + p.sq_entries * sizeof(unsigned int);
	cq_len = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
	if (p.features & IORING_FEAT_SINGLE_MMAP)
		sq_len = cq_len = sq_len > cq_len ? sq_len : cq_len;
	sq = mmap(NULL, sq_len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, IORING_OFF_SQ_RING);
	cq = (p.features & IORING_FEAT_SINGLE_MMAP)
		     ? sq
		     : mmap(NULL, cq_len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, IORING_OFF_CQ_RING);
	sqes = mmap(NULL, p.sq_entries * sizeof(*sqes), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd,
		    IORING_OFF_SQES);
	if (sq == MAP_FAILED || cq == MAP_FAILED || sqes == MAP_FAILED)
		return fail("mmap io_uring");
	tail = (unsigned int *)(sq + p.sq_off.tail);
	sqes[0] = *req;
	if (uring_fixed_fd >= 0) {
		if (syscall(__NR_io_uring_register, fd, IORING_REGISTER_FILES, &uring_fixed_fd, 1) < 0)
			return fail("IORING_REGISTER_FILES");
		sqes[0].flags |= IOSQE_FIXED_FILE;
		sqes[0].fd = 0;
	}
	if (uring_personality) {
		int id = syscall(__NR_io_uring_register, fd, IORING_REGISTER_PERSONALITY, NULL, 0);

		if (id < 0)
			return fail("IORING_REGISTER_PERSONALITY");
		if (new_cred_same_caps())
			return 1;
		sqes[0].personality = id;
	}
	((unsigned int *)(sq + p.sq_off.array))[*tail & *(unsigned int *)(sq + p.sq_off.ring_mask)] = 0;
	__atomic_store_n(tail, *tail + 1, __ATOMIC_RELEASE);
	if (syscall(__NR_io_uring_enter, fd, 1, 1, IORING_ENTER_GETEVENTS, NULL, 0) < 0)
		return fail("io_uring_enter");
	head = (unsigned int *)(cq + p.cq_off.head);
	cqe = (struct io_uring_cqe *)(cq + p.cq_off.cqes) + (*head & *(unsigned int *)(cq + p.cq_off.ring_mask));
	close(fd);
	return cqe->res;
}

static int uring(const char *op, const char *path, const char *path2)
{
	static const char user_xattr[] = "user.vigil";
	struct io_uring_sqe r;
	int res, fd = -1;

	memset(&r, 0, sizeof(r));
	r.fd = AT_FDCWD;
	r.addr = (unsigned long)path;
	if (!strcmp(op, "create")) {
		r.opcode = IORING_OP_OPENAT;
		r.open_flags = O_WRONLY | O_CREAT | O_TRUNC;
		r.len = 0644;
	} else if (!strcmp(op, "read")) {
		r.opcode = IORING_OP_OPENAT;
		r.open_flags = O_RDONLY;
	} else if (!strcmp(op, "mkdir")) {
		r.opcode = IORING_OP_MKDIRAT;
		r.len = 0755;
	} else if (!strcmp(op, "unlink") || !strcmp(op, "rmdir")) {
		r.opcode = IORING_OP_UNLINKAT;
		r.unlink_flags = op[0] == 'r' ? AT_REMOVEDIR : 0;
	} else if ((!strcmp(op, "rename") || !strcmp(op, "link") || !strcmp(op, "symlink")) && path2) {
		r.opcode = op[0] == 'r' ? IORING_OP_RENAMEAT : op[0] == 'l' ? IORING_OP_LINKAT : IORING_OP_SYMLINKAT;
		r.len = op[0] == 's' ? 0 : AT_FDCWD; /* new dirfd; symlinkat's is fd */
		r.addr2 = (unsigned long)path2;
	} else if (!strcmp(op, "setxattr") || !strncmp(op, "fsetxattr", 9)) {
		r.opcode = op[0] == 's' ? IORING_OP_SETXATTR : IORING_OP_FSETXATTR;
		r.addr = (unsigned long)user_xattr;
		r.addr2 = (unsigned long)"1";
		r.len = 1;
		if (op[0] == 's') {
			r.addr3 = (unsigned long)path;
		} else {
			fd = open(path, O_RDONLY); /* fsetxattr needs no write access to the file */
			if (fd < 0)
				return fail(path);
			r.fd = fd;
			if (!strcmp(op, "fsetxattr-fixed"))
				uring_fixed_fd = fd;
		}
	} else {
		fprintf(stderr, "probe: unknown io_uring op %s\n", op);
		return 2;
	}
	res = uring_one(&r);
	/* user.* xattrs need a filesystem that takes them (6.1's tmpfs does not); trusted.* needs CAP_SYS_ADMIN */
	if (res == -EOPNOTSUPP && r.opcode != IORING_OP_OPENAT && r.addr == (unsigned long)user_xattr) {
		r.addr = (unsigned long)"trusted.vigil";
		res = uring_one(&r);
	}
	if (fd >= 0)
		close(fd);
	if (res < 0) {
		errno = -res;
		return fail(op);
	}
	if (r.opcode == IORING_OP_OPENAT)
		close(res);
	return 0;
}

/*
 * A 32-bit syscall from a 64-bit process: int 0x80 takes i386 numbers and
 * 32-bit arguments, so strings must sit below 4 GiB (MAP_32BIT).
 */
#if defined(__x86_64__)
#define I386_WRITE	 4 /* <asm/unistd_32.h>, which cannot be included beside the 64-bit numbers */
#define I386_OPEN	 5
#define I386_CLOSE	 6
#define I386_MKDIR	 39
#define I386_SETRESUID32 208
#define I386_RENAMEAT2	 353

static long int80_5(long nr, long a, long b, long c, long d, long e)
{
	long ret;

	/* i386: ebx, ecx, edx, esi, edi */
	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "a"(nr), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e)
			 : "memory", "r8", "r9", "r10", "r11");
	return ret;
}

static long int80(long nr, long a, long b, long c)
{
	return int80_5(nr, a, b, c, 0, 0);
}

static int int80_ret(long ret, const char *what)
{
	if (ret < 0 && ret > -4096) {
		errno = -ret;
		return fail(what);
	}
	return 0;
}

static int ia32(int argc, char **argv)
{
	char *low = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	long fd, uid;

	if (low == MAP_FAILED)
		return fail("mmap MAP_32BIT");
	if (!strcmp(argv[2], "create") && argc == 4) {
		snprintf(low, 4000, "%s", argv[3]);
		fd = int80(I386_OPEN, (long)low, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (int80_ret(fd, "int 0x80 open"))
			return 1;
		strcpy(low, "int80\n");
		if (int80_ret(int80(I386_WRITE, fd, (long)low, 6), "int 0x80 write"))
			return 1;
		return int80_ret(int80(I386_CLOSE, fd, 0, 0), "int 0x80 close");
	}
	if (!strcmp(argv[2], "mkdir") && argc == 4) {
		snprintf(low, 4000, "%s", argv[3]);
		return int80_ret(int80(I386_MKDIR, (long)low, 0755, 0), "int 0x80 mkdir");
	}
	if (!strcmp(argv[2], "renameat2") && argc == 5) { /* five arguments: the 4th and 5th in esi, edi */
		snprintf(low, 2000, "%s", argv[3]);
		snprintf(low + 2048, 2000, "%s", argv[4]);
		return int80_ret(int80_5(I386_RENAMEAT2, AT_FDCWD, (long)low, AT_FDCWD, (long)(low + 2048), 0),
				 "int 0x80 renameat2");
	}
	if (!strcmp(argv[2], "setuid32") && (argc == 4 || argc == 5)) {
		uid = num(argv[3]);
		if (int80_ret(int80(I386_SETRESUID32, uid, uid, uid), "int 0x80 setresuid32"))
			return 1;
		if (argc == 5 && !strcmp(argv[4], "fork")) { /* the fork, not the child, is the point */
			pid_t pid = fork();

			if (pid == 0)
				_exit(0);
			if (pid < 0 || waitpid(pid, NULL, 0) != pid)
				return fail("fork");
		}
		return 0;
	}
	fprintf(stderr, "probe: bad int80 arguments\n");
	return 2;
}
#endif

/* Newer than Debian 12's headers: numbers and structs from the 6.18 uapi */
#define NR_SETXATTRAT	 463
#define NR_REMOVEXATTRAT 466

static int newer_attr_call(const char *op, const char *path)
{
	static const char value[] = "1";
	struct {
		__u64 value;
		__u32 size, flags;
	} xargs = { (unsigned long)value, 1, 0 };
	long r;

	if (!strcmp(op, "setxattrat"))
		r = syscall(NR_SETXATTRAT, AT_FDCWD, path, 0, "user.vigil", &xargs, sizeof(xargs));
	else
		r = syscall(NR_REMOVEXATTRAT, AT_FDCWD, path, 0, "user.vigil");
	return r ? fail(op) : 0;
}

static int deep_exe(const char *dir, char **args)
{
	char name[256], buf[65536];
	int i, in, out;
	ssize_t n;

	memset(name, 'd', 255);
	name[255] = '\0';
	if (chdir(dir))
		return fail(dir);
	for (i = 0; i < 63; i++)
		if ((mkdir(name, 0755) && errno != EEXIST) || chdir(name))
			return fail("mkdir/chdir");
	in = open("/proc/self/exe", O_RDONLY);
	out = open("probe", O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (in < 0 || out < 0)
		return fail("copy probe");
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n)
			return fail("write probe");
	close(in);
	close(out);
	args[-1] = "probe";
	execv("./probe", args - 1);
	return fail("exec");
}

/* This probe's bytes into fd: a program the image did not ship, with the image's content. */
static int copy_self(int out)
{
	char buf[65536];
	int in = open("/proc/self/exe", O_RDONLY);
	ssize_t n;

	if (in < 0)
		return -1;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n)
			return -1;
	close(in);
	return n < 0 ? -1 : 0;
}

static int memfd_exec(char **args)
{
	int fd = memfd_create("vigil-drift", 0);

	if (fd < 0 || copy_self(fd))
		return fail("memfd copy");
	args[-1] = "probe";
	syscall(SYS_execveat, fd, "", args - 1, environ, AT_EMPTY_PATH);
	return fail("execveat memfd");
}

static int deleted_exec(const char *dir, char **args)
{
	char path[4096];
	int out, fd;

	snprintf(path, sizeof(path), "%s/vigil-deleted", dir);
	out = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (out < 0 || copy_self(out) || close(out))
		return fail("copy to dir");
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || unlink(path))
		return fail("open, unlink");
	args[-1] = "probe";
	syscall(SYS_execveat, fd, "", args - 1, environ, AT_EMPTY_PATH);
	return fail("execveat deleted");
}

/* Maps path as ld.so maps a program's text: PROT_EXEC from the start, or made so by mprotect. */
static int map_exec(const char *path, int later)
{
	int fd = open(path, O_RDONLY);
	void *p;

	if (fd < 0)
		return fail(path);
	p = mmap(NULL, 4096, PROT_READ | (later ? 0 : PROT_EXEC), MAP_PRIVATE, fd, 0);
	if (p == MAP_FAILED)
		return fail("mmap");
	if (later && mprotect(p, 4096, PROT_READ | PROT_EXEC))
		return fail("mprotect");
	return 0;
}

/* A JIT's way: anonymous memory written, made executable and run (x86-64: "mov eax, 7; ret"). */
static int anon_exec(void)
{
#if defined(__x86_64__)
	static const unsigned char code[] = { 0xb8, 7, 0, 0, 0, 0xc3 };
	unsigned char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return fail("mmap anon");
	memcpy(p, code, sizeof(code));
	if (mprotect(p, 4096, PROT_READ | PROT_EXEC))
		return fail("mprotect anon");
	return ((int (*)(void))p)() == 7 ? 0 : 1;
#else
	return 0;
#endif
}

/* Each file read to its end, in order. */
static int read_files(char **paths)
{
	char buf[4096];
	ssize_t n;
	int fd;

	for (; *paths; paths++) {
		fd = open(*paths, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return fail(*paths);
		while ((n = read(fd, buf, sizeof(buf))) > 0)
			;
		close(fd);
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *name = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	gid_t groups[16];
	int i;

	if (argc < 2)
		return 2;
	if (!strncmp(name, "python", 6) || getenv("PROBE_INTERPRETER")) {
		char *first[] = { getenv("PROBE_READ_FIRST"), NULL };

		return (first[0] ? read_files(first) : 0) || read_files(argv + 1);
	}
	if (!strncmp(argv[1], "loop-", 5) && argc >= 3)
		return loop(argv[1], num(argv[2]), argc > 3 ? argv[3] : "/dev/null");
	if (!strcmp(argv[1], "setresuid") && argc == 5)
		return syscall(SYS_setresuid, num(argv[2]), num(argv[3]), num(argv[4])) ? fail("setresuid") : 0;
	/* a server that really listens (a stand-in sshd: copied as /tmp/sshd, it is one by name) */
	if (!strcmp(argv[1], "listen") && argc == 4) {
		struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(num(argv[2])) };
		int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;

		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) || listen(fd, 1))
			return fail("listen");
		sleep(num(argv[3]));
		return 0;
	}
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
	if (!strcmp(argv[1], "as") && argc >= 4) { /* as UID PROGRAM ARGS...: drop to UID, exec */
		if (syscall(SYS_setresuid, num(argv[2]), num(argv[2]), num(argv[2])))
			return fail("setresuid");
		execvp(argv[3], argv + 3);
		return fail(argv[3]);
	}
	if (!strcmp(argv[1], "creat-rdonly") && argc == 3) { /* a new file, opened for reading only */
		i = open(argv[2], O_CREAT | O_RDONLY, 0644);
		return i < 0 ? fail(argv[2]) : close(i);
	}
	if (!strcmp(argv[1], "mknod-reg") && argc == 3) /* a regular file by mknod, no open */
		return mknod(argv[2], S_IFREG | 0644, 0) ? fail(argv[2]) : 0;
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
#if defined(__x86_64__)
	if (!strcmp(argv[1], "int80") && argc >= 4)
		return ia32(argc, argv);
#endif
	if ((!strcmp(argv[1], "setxattrat") || !strcmp(argv[1], "removexattrat")) && argc == 3)
		return newer_attr_call(argv[1], argv[2]);
	if (!strcmp(argv[1], "deep-exe") && argc >= 4)
		return deep_exe(argv[2], argv + 3);
	if (!strcmp(argv[1], "uring") && (argc == 4 || argc == 5))
		return uring(argv[2], argv[3], argc == 5 ? argv[4] : NULL);
	if (!strcmp(argv[1], "uring-personality") && (argc == 4 || argc == 5)) {
		uring_personality = 1;
		return uring(argv[2], argv[3], argc == 5 ? argv[4] : NULL);
	}
	if (!strcmp(argv[1], "mark") && argc == 3) {
		i = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
		return i < 0 ? fail(argv[2]) : close(i);
	}
	if (!strcmp(argv[1], "memfd-exec") && argc >= 3)
		return memfd_exec(argv + 2);
	if (!strcmp(argv[1], "deleted-exec") && argc >= 4)
		return deleted_exec(argv[2], argv + 3);
	if (!strcmp(argv[1], "map-exec") && argc == 3)
		return map_exec(argv[2], 0);
	if (!strcmp(argv[1], "mprotect-exec") && argc == 3)
		return map_exec(argv[2], 1);
	if (!strcmp(argv[1], "anon-exec") && argc == 2)
		return anon_exec();
	fprintf(stderr, "probe: bad arguments\n");
	return 2;
}
