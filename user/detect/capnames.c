// SPDX-License-Identifier: GPL-2.0
/* Capability names, by number as in uapi linux/capability.h. */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "capnames.h"

/* a table, laid out by hand */
/* clang-format off */

static const char *const cap_names[] = {
	"CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER",
	"CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID",
	"CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST",
	"CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER",
	"CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE",
	"CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE",
	"CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD",
	"CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP",
	"CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM",
	"CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
	"CAP_CHECKPOINT_RESTORE",
};

const char *capnames__name(unsigned int cap, char *buf, size_t len)
{
	if (cap < sizeof(cap_names) / sizeof(cap_names[0]))
		return cap_names[cap];
	snprintf(buf, len, "CAP_%u", cap);
	return buf;
}

int capnames__number(const char *name)
{
	unsigned int i;

	if (!strncasecmp(name, "CAP_", 4))
		name += 4;
	for (i = 0; i < sizeof(cap_names) / sizeof(cap_names[0]); i++)
		if (!strcasecmp(name, cap_names[i] + 4))
			return (int)i;
	return -1;
}
/* clang-format on */
