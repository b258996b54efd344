/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every vigil BPF program includes: the kernel's types, libbpf's
 * helpers, the shared maps, the container gate, the current task and the
 * record builder.
 */
#ifndef VIGIL_LIB_VIGIL_BPF_H
#define VIGIL_LIB_VIGIL_BPF_H

#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "maps.bpf.h"
#include "container.bpf.h"
#include "task.bpf.h"
#include "record.bpf.h"

#endif /* VIGIL_LIB_VIGIL_BPF_H */
