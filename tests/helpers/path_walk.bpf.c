// SPDX-License-Identifier: GPL-2.0
/*
 * The agent's path walk (bpf/lib/path.bpf.h) in a program that can be
 * test-run: BPF_PROG_TEST_RUN runs it in the caller's context, and it walks
 * the caller's cwd into the scratch record exactly as a hook walks the
 * object of an operation. tests/helpers/path_walk.c compares the result
 * with what the kernel says the cwd is, on every shape of path it can make.
 */
#define VIGIL_DEFINE_MAPS
#include "vigil.bpf.h"
#include "path.bpf.h"

char LICENSE[] SEC("license") = "GPL";

SEC("raw_tp")
int walk_cwd(void *ctx)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct vigil_scratch *scr;
	__u32 zero = 0;

	scr = bpf_map_lookup_elem(&scratch, &zero);
	if (!scr)
		return 1;
	scr->rec.flags = 0;
	scr->rec.data_len = 0;
	record__append_path(&scr->rec, VIGIL_S_OBJECT, task->fs->pwd.dentry, task->fs->pwd.mnt);
	return 0;
}
