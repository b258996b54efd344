// SPDX-License-Identifier: GPL-2.0
/*
 * Which programs the loader asks the kernel for (user/kernel/selection.c),
 * for every program of the object, per backend and kind of kernel.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include <bpf/libbpf.h>
#include "selection.h"
#include "cap_dedup.h"
#include "vigil_event.h"
#include "vigil.skel.h"

/* A kernel with everything: 6.4+, cap_capable tracepoint, 32-bit syscalls. */
static const struct kernel_features full = {
	.btf = true,
	.lsm_loadable = true,
	.cap_capable_tp = true,
	.io_uring_tp = true,
	.ia32_syscalls = true,
	.syscall_tps = true,
	.cgroup2 = true,
};

struct run {
	bool lsm, watch_ia32, hooks_present;
	struct kernel_features f;
	enum selection sel[64];
	unsigned int n_lsm, n_load;
};

/* Asks for each program of the real object (ELF only, no kernel), as the loader does. */
static void select_all(struct run *r)
{
	struct vigil_bpf *skel = vigil_bpf__open();
	struct bpf_program *prog;
	unsigned int n = 0;

	assert_non_null(skel);
	bpf_object__for_each_program(prog, skel->obj)
	{
		int i = programs__index(bpf_program__name(prog));
		struct prog_needs needs = { .is_lsm = bpf_program__type(prog) == BPF_PROG_TYPE_LSM };

		assert_true(i >= 0 && i < 64);
		needs.hook_in_kernel = needs.is_lsm && r->hooks_present;
		r->sel[i] = selection__want(&prog_specs[i], &needs, r->lsm, r->watch_ia32, &r->f);
		r->n_lsm += needs.is_lsm;
		r->n_load += r->sel[i] == SEL_LOAD;
		n++;
	}
	vigil_bpf__destroy(skel);
	assert_int_equal(n, prog_specs_len);
}

static enum selection sel_of(const struct run *r, const char *name)
{
	int i = programs__index(name);

	assert_true(i >= 0);
	return r->sel[i];
}

static void test_tracepoint_backend_loads_no_lsm_program(void **state)
{
	struct run r = { .lsm = false, .hooks_present = true, .f = full };
	unsigned int i;

	(void)state;
	select_all(&r);
	assert_true(r.n_lsm > 10);
	for (i = 0; i < prog_specs_len; i++)
		if (prog_specs[i].backend == ON_LSM)
			assert_int_equal(r.sel[i], SEL_SKIP);
		else if (prog_specs[i].cls == PROG_CORE)
			assert_int_equal(r.sel[i], SEL_LOAD);
	assert_int_equal(sel_of(&r, "vigil_sys_exit"), SEL_LOAD);
	assert_int_equal(sel_of(&r, "vigil_cap_capable"), SEL_LOAD);
	assert_int_equal(sel_of(&r, "vigil_io_uring_submit"), SEL_LOAD);
	assert_int_equal(sel_of(&r, "vigil_io_uring_submit_sqe"), SEL_SKIP);
	/* every syscall on the host would run it: only when asked */
	assert_int_equal(sel_of(&r, "vigil_sys_exit_ia32"), SEL_SKIP);
}

static void test_watch_ia32_only_where_the_kernel_takes_32_bit_calls(void **state)
{
	struct run r = { .lsm = false, .watch_ia32 = true, .hooks_present = true, .f = full };
	struct run none = { .lsm = false, .watch_ia32 = true, .hooks_present = true, .f = full };
	struct run lsm = { .lsm = true, .watch_ia32 = true, .hooks_present = true, .f = full };

	(void)state;
	none.f.ia32_syscalls = false;
	select_all(&r);
	select_all(&none);
	select_all(&lsm);
	assert_int_equal(sel_of(&r, "vigil_sys_exit_ia32"), SEL_LOAD);
	assert_int_equal(sel_of(&none, "vigil_sys_exit_ia32"), SEL_SKIP);
	assert_int_equal(sel_of(&lsm, "vigil_sys_exit_ia32"), SEL_SKIP); /* the LSM hooks see 32-bit calls */
}

static void test_lsm_backend_loads_every_hook_the_kernel_has(void **state)
{
	struct run r = { .lsm = true, .hooks_present = true, .f = full };
	unsigned int i;

	(void)state;
	select_all(&r);
	for (i = 0; i < prog_specs_len; i++) {
		if (prog_specs[i].backend == ON_TRACEPOINT)
			assert_int_equal(r.sel[i], SEL_SKIP);
		else if (prog_specs[i].backend == ON_LSM && strcmp(prog_specs[i].name, "vigil_lsm_capable"))
			assert_int_equal(r.sel[i], SEL_LOAD);
		else if (prog_specs[i].cls == PROG_CORE)
			assert_int_equal(r.sel[i], SEL_LOAD);
	}
	/* the cap_capable tracepoint sees every check; lsm/capable only granted ones */
	assert_int_equal(sel_of(&r, "vigil_cap_capable"), SEL_LOAD);
	assert_int_equal(sel_of(&r, "vigil_lsm_capable"), SEL_SKIP);
}

static void test_missing_hook_is_a_gap_unless_another_hook_covers_it(void **state)
{
	struct run r = { .lsm = true, .hooks_present = false, .f = full };
	unsigned int i, absent = 0;

	(void)state;
	select_all(&r);
	for (i = 0; i < prog_specs_len; i++) {
		const char *n = prog_specs[i].name;

		if (prog_specs[i].backend != ON_LSM || !strcmp(n, "vigil_lsm_capable"))
			continue;
		if (!strcmp(n, "vigil_lsm_file_truncate") || !strcmp(n, "vigil_lsm_inode_set_acl") ||
		    !strcmp(n, "vigil_lsm_inode_remove_acl"))
			assert_int_equal(r.sel[i], SEL_HOOK_COVERED);
		else
			assert_int_equal(r.sel[i], SEL_HOOK_ABSENT), absent++;
	}
	assert_true(absent > 10);
	assert_int_equal(sel_of(&r, "vigil_lsm_path_mkdir"), SEL_HOOK_ABSENT);
}

static void test_capability_source_falls_back_to_lsm_capable(void **state)
{
	struct run lsm = { .lsm = true, .hooks_present = true, .f = full };
	struct run tp = { .lsm = false, .hooks_present = true, .f = full };

	(void)state;
	lsm.f.cap_capable_tp = tp.f.cap_capable_tp = false; /* Debian 6.1, 6.12 */
	select_all(&lsm);
	select_all(&tp);
	assert_int_equal(sel_of(&lsm, "vigil_cap_capable"), SEL_SKIP);
	assert_int_equal(sel_of(&lsm, "vigil_lsm_capable"), SEL_LOAD);
	assert_int_equal(sel_of(&tp, "vigil_cap_capable"), SEL_SKIP);
	assert_int_equal(sel_of(&tp, "vigil_lsm_capable"), SEL_SKIP);
}

static void test_io_uring_tracepoint_by_either_name(void **state)
{
	struct run old = { .lsm = false, .hooks_present = true, .f = full };
	struct run none = { .lsm = false, .hooks_present = true, .f = full };

	(void)state;
	old.f.io_uring_tp = false; /* before 6.4: io_uring_submit_sqe */
	old.f.io_uring_sqe_tp = true;
	none.f.io_uring_tp = false;
	select_all(&old);
	select_all(&none);
	assert_int_equal(sel_of(&old, "vigil_io_uring_submit"), SEL_SKIP);
	assert_int_equal(sel_of(&old, "vigil_io_uring_submit_sqe"), SEL_LOAD);
	assert_int_equal(sel_of(&none, "vigil_io_uring_submit"), SEL_SKIP);
	assert_int_equal(sel_of(&none, "vigil_io_uring_submit_sqe"), SEL_SKIP);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tracepoint_backend_loads_no_lsm_program),
		cmocka_unit_test(test_watch_ia32_only_where_the_kernel_takes_32_bit_calls),
		cmocka_unit_test(test_lsm_backend_loads_every_hook_the_kernel_has),
		cmocka_unit_test(test_missing_hook_is_a_gap_unless_another_hook_covers_it),
		cmocka_unit_test(test_capability_source_falls_back_to_lsm_capable),
		cmocka_unit_test(test_io_uring_tracepoint_by_either_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
