// SPDX-License-Identifier: GPL-2.0
/*
 * refuse TYPE [BTF_NAME]: installs tests/helpers/refuse.bpf.c, refusing
 * every BPF_PROG_LOAD of TYPE (tracing, lsm, tracepoint, raw_tp), or only
 * those attaching to BTF_NAME (bpf_iter_task, bpf_lsm_path_chmod,
 * btf_trace_cgroup_mkdir), until SIGTERM. Prints "refusing" once in place;
 * on exit, how many loads it refused.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "refuse.skel.h"

static volatile sig_atomic_t done;

static void stop(int sig)
{
	(void)sig;
	done = 1;
}

static int prog_type(const char *s)
{
	static const struct {
		const char *name;
		int type;
	} types[] = {
		{ "tracing", BPF_PROG_TYPE_TRACING },
		{ "lsm", BPF_PROG_TYPE_LSM },
		{ "tracepoint", BPF_PROG_TYPE_TRACEPOINT },
		{ "raw_tp", BPF_PROG_TYPE_RAW_TRACEPOINT },
	};
	unsigned int i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcmp(s, types[i].name))
			return types[i].type;
	return -1;
}

int main(int argc, char **argv)
{
	struct refuse_bpf *skel;
	struct btf *vmlinux;
	int type, id = 0;

	if (argc < 2 || argc > 3 || (type = prog_type(argv[1])) < 0) {
		fprintf(stderr, "usage: refuse tracing|lsm|tracepoint|raw_tp [BTF_NAME]\n");
		return 2;
	}
	if (argc == 3) {
		vmlinux = btf__load_vmlinux_btf();
		/* what attach_btf_id names: a function (iterators, LSM hooks) or a typedef (tp_btf);
		 * "bpf_iter_task" is also a struct on 6.7+ */
		id = vmlinux ? btf__find_by_name_kind(vmlinux, argv[2], BTF_KIND_FUNC) : -1;
		if (vmlinux && id <= 0)
			id = btf__find_by_name_kind(vmlinux, argv[2], BTF_KIND_TYPEDEF);
		btf__free(vmlinux);
		if (id <= 0) {
			fprintf(stderr, "refuse: %s not in the kernel's BTF\n", argv[2]);
			return 1;
		}
	}
	skel = refuse_bpf__open();
	if (!skel)
		return 1;
	skel->rodata->refuse_type = type;
	skel->rodata->refuse_btf_id = id;
	if (refuse_bpf__load(skel) || refuse_bpf__attach(skel)) {
		fprintf(stderr, "refuse: cannot install the policy (BPF LSM needed)\n");
		refuse_bpf__destroy(skel);
		return 1;
	}
	signal(SIGTERM, stop);
	signal(SIGINT, stop);
	printf("refusing %s%s%s\n", argv[1], id ? " " : "", id ? argv[2] : "");
	fflush(stdout);
	while (!done)
		pause();
	printf("refused %llu loads\n", (unsigned long long)skel->bss->refused);
	refuse_bpf__destroy(skel);
	return 0;
}
