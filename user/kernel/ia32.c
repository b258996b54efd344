// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ia32.h"

#if defined(__x86_64__)
#define I386_GETPID 20 /* <asm/unistd_32.h> */

/* handled, so no core dump and no "general protection fault" line in the kernel log */
static void on_fault(int sig)
{
	(void)sig;
	_exit(2);
}

bool ia32__syscalls_work(void)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return true; /* unknown: keep the blind spot declared */
	if (pid == 0) {
		long ret;

		/* a kernel without IA32 emulation raises #GP: SIGSEGV */
		signal(SIGSEGV, on_fault);
		signal(SIGILL, on_fault); /* valgrind has no int 0x80 */
		__asm__ volatile("int $0x80" : "=a"(ret) : "a"((long)I386_GETPID) : "memory", "r8", "r9", "r10", "r11");
		_exit(ret == getpid() ? 0 : 1);
	}
	if (waitpid(pid, &status, 0) != pid)
		return true;
	/*
	 * Only the fault says the kernel takes none. A seccomp filter on vigil
	 * itself (SystemCallArchitectures=native kills or refuses the call)
	 * says nothing of the containers: then they may, and the blind spot stays.
	 */
	return !(WIFEXITED(status) && WEXITSTATUS(status) == 2);
}

bool ia32__x32_syscalls_work(void)
{
	return !(syscall(0x40000000 | SYS_getpid) < 0 && errno == ENOSYS);
}
#else
bool ia32__syscalls_work(void)
{
	return false;
}

bool ia32__x32_syscalls_work(void)
{
	return false;
}
#endif
