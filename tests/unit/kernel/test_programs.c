// SPDX-License-Identifier: GPL-2.0
/*
 * Every BPF program in the object has exactly one class (user/kernel/programs.c),
 * and the classes say what the loader relies on.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include <bpf/libbpf.h>
#include "programs.h"
#include "cap_dedup.h"
#include "vigil_event.h"
#include "vigil.skel.h"

static void test_every_program_has_a_class(void **state)
{
	struct vigil_bpf *skel = vigil_bpf__open(); /* parses the ELF: no kernel involved */
	struct bpf_program *prog;
	unsigned int n = 0;

	(void)state;
	assert_non_null(skel);
	bpf_object__for_each_program(prog, skel->obj)
	{
		if (!programs__find(bpf_program__name(prog)))
			fail_msg("%s has no class in user/kernel/programs.c", bpf_program__name(prog));
		n++;
	}
	vigil_bpf__destroy(skel);
	assert_int_equal(n, prog_specs_len); /* and no class names a program that is gone */
}

static void test_classes_are_consistent(void **state)
{
	unsigned int i, k;

	(void)state;
	for (i = 0; i < prog_specs_len; i++) {
		const struct prog_spec *p = &prog_specs[i];

		for (k = i + 1; k < prog_specs_len; k++)
			if (!strcmp(p->name, prog_specs[k].name))
				fail_msg("%s listed twice", p->name);
		assert_non_null(p->refused);
		assert_true(strlen(p->refused) > 10);
		if (p->cls == PROG_DETECTION && !p->detections)
			fail_msg("%s serves a detection but names none", p->name);
		if (p->cls != PROG_DETECTION && p->detections)
			fail_msg("%s is %s but names detections", p->name, p->cls == PROG_CORE ? "core" : "optional");
		if (p->blocks && !(p->detections & (1u << DET_ROOTFS_WRITE)))
			fail_msg("%s blocks but is not a rootfs-write hook", p->name);
	}
}

/* Each detection has a program on each backend (capability: the tracepoint on both). */
static void test_every_detection_has_programs_on_both_backends(void **state)
{
	unsigned int d, i, lsm, tp;

	(void)state;
	for (d = 0; d < DET_MAX; d++) {
		lsm = tp = 0;
		for (i = 0; i < prog_specs_len; i++) {
			if (!(prog_specs[i].detections & (1u << d)))
				continue;
			lsm += prog_specs[i].backend != ON_TRACEPOINT;
			tp += prog_specs[i].backend != ON_LSM;
		}
		if (!lsm || !tp)
			fail_msg("%s: %u LSM and %u tracepoint programs", detection__name(d), lsm, tp);
	}
}

static void test_lookup(void **state)
{
	(void)state;
	assert_int_equal(programs__find("vigil_cgroup_mkdir")->cls, PROG_CORE);
	assert_true(programs__find("vigil_lsm_file_open")->blocks);
	assert_null(programs__find("vigil_no_such_program"));
	assert_int_equal(programs__index("nope"), -1);
	assert_string_equal(detection__name(DET_CAPABILITY), "capability");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_program_has_a_class),
		cmocka_unit_test(test_classes_are_consistent),
		cmocka_unit_test(test_every_detection_has_programs_on_both_backends),
		cmocka_unit_test(test_lookup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
