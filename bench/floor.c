// SPDX-License-Identifier: GPL-2.0
/*
 * Attaches one of bench/floor.bpf.c's empty programs until SIGTERM; prints
 * "attached" once it is.
 *   floor raw              the raw sys_exit tracepoint (every syscall)
 *   floor classic NAME...  syscalls/sys_exit_NAME for each NAME
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "floor.skel.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* Syscalls this kernel lacks (no tracepoint) are skipped, as vigil skips them. */
static int attach_classic(struct floor_bpf *skel, int n, char **names)
{
	char event[96];
	int attached = 0;

	for (int i = 0; i < n; i++) {
		snprintf(event, sizeof(event), "sys_exit_%s", names[i]);
		if (bpf_program__attach_tracepoint(skel->progs.floor_classic, "syscalls", event))
			attached++;
	}
	fprintf(stderr, "floor: %d of %d classic tracepoints attached\n", attached, n);
	return attached ? 0 : -1;
}

int main(int argc, char **argv)
{
	struct floor_bpf *skel;
	int classic = argc > 1 && !strcmp(argv[1], "classic");
	int err;

	if (argc < 2 || (!classic && strcmp(argv[1], "raw"))) {
		fprintf(stderr, "usage: floor raw | floor classic SYSCALL...\n");
		return 2;
	}
	skel = floor_bpf__open();
	if (!skel)
		return 1;
	bpf_program__set_autoload(classic ? skel->progs.floor_sys_exit : skel->progs.floor_classic, false);
	err = floor_bpf__load(skel);
	if (!err)
		err = classic ? attach_classic(skel, argc - 2, argv + 2)
			      : !bpf_program__attach(skel->progs.floor_sys_exit);
	if (err) {
		fprintf(stderr, "floor: cannot load or attach\n");
		floor_bpf__destroy(skel);
		return 1;
	}
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	printf("attached\n");
	fflush(stdout);
	while (!stop)
		pause();
	floor_bpf__destroy(skel);
	return 0;
}
