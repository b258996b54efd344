/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which programs a backend and a kernel call for (pure: the loader asks per
 * program, tests/unit/kernel/test_selection.c asks for every program of the
 * object on every kind of kernel).
 */
#ifndef VIGIL_SELECTION_H
#define VIGIL_SELECTION_H

#include <stdbool.h>
#include "kernel_features.h"
#include "programs.h"

enum selection {
	SEL_SKIP,	  /* not for this backend, option or kernel */
	SEL_LOAD,	  /* load it */
	SEL_HOOK_ABSENT,  /* an LSM program whose hook this kernel lacks: a gap, said (and --enforce refused) */
	SEL_HOOK_COVERED, /* ... whose hook this kernel lacks, where another hook sees the same operations */
};

/* What a program needs of the kernel, read from the object (bpf_program__type, its BTF hook). */
struct prog_needs {
	bool is_lsm;	     /* a BPF LSM program */
	bool hook_in_kernel; /* its bpf_lsm_<hook> is in this kernel (is_lsm only) */
};

/*
 * LSM programs load only with the LSM backend, and only for hooks this
 * kernel has. The capability source: the cap_capable tracepoint sees every
 * check, lsm/capable only granted ones (its fallback). --watch-ia32 is
 * opt-in (every syscall runs it); io_uring's tracepoint has two names.
 */
enum selection selection__want(const struct prog_spec *spec, const struct prog_needs *needs, bool lsm, bool watch_ia32,
			       const struct kernel_features *f);

#endif /* VIGIL_SELECTION_H */
