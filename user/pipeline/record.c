// SPDX-License-Identifier: GPL-2.0
/* Decode: a ring record checked, and its strings and paths read (record.h). */
#include <string.h>
#include "pathbuf.h"
#include "record.h"
#include "syscall_table.h"

const struct vigil_record *record__decode(const void *data, size_t size)
{
	const struct vigil_record *r = data;

	if (size < VIGIL_RECORD_HDR_SIZE || r->data_len > size - VIGIL_RECORD_HDR_SIZE)
		return NULL;
	return r;
}

const char *record__str(const struct vigil_record *r, enum vigil_str_slot slot, size_t *len)
{
	const struct vigil_str *s = &r->str[slot];

	if (s->len == 0 && r->str_form[slot] == VIGIL_STR_RAW)
		return NULL;
	if ((size_t)s->off + s->len > r->data_len)
		return NULL;
	*len = s->len;
	return r->data + s->off;
}

/* n bytes of a record's string as a C string: the record's length is what counts, not a NUL after it. */
static int c_string(const char *s, size_t n, char *out, size_t cap)
{
	if (n >= cap || memchr(s, '\0', n))
		return -1;
	memcpy(out, s, n);
	out[n] = '\0';
	return 0;
}

int record__path(const struct vigil_record *r, enum vigil_str_slot slot, char *out, size_t len)
{
	char str[PATHBUF_MAX];
	size_t n;
	const char *s = record__str(r, slot, &n);

	if (!s)
		return -1;
	if (r->str_form[slot] == VIGIL_STR_COMPONENTS)
		return pathbuf__from_components(s, n, out, len);
	/* an absolute path from the kernel's d_path */
	if (n == 0 || s[0] != '/' || c_string(s, n, str, sizeof(str)) < 0)
		return -1;
	return pathbuf__join_normalize(NULL, str, out, len);
}

int record__syscall_path(const struct vigil_record *r, int i, char *out, size_t len)
{
	char base[PATHBUF_MAX], str[PATHBUF_MAX];
	size_t n;
	const char *s = record__str(r, VIGIL_S_STR0 + i, &n);

	if (s && r->str_form[VIGIL_S_STR0 + i] != VIGIL_STR_RAW) /* an LSM hook's kernel path */
		return record__path(r, VIGIL_S_STR0 + i, out, len);
	if (!s || c_string(s, n, str, sizeof(str)) < 0)
		return -1;
	if (str[0] == '/' || n == 0)
		return pathbuf__join_normalize(NULL, n ? str : "/", out, len);
	if (record__path(r, VIGIL_S_BASE0 + i, base, sizeof(base)) < 0)
		return -1;
	return pathbuf__join_normalize(base, str, out, len);
}

const char *record__action(__u16 kind)
{
	static const char *const actions[VIGIL_EV_KIND_MAX] = {
		[VIGIL_EV_ROOTFS_WRITE] = "rootfs-write", [VIGIL_EV_SETUID] = "setuid", [VIGIL_EV_MOUNT] = "mount",
		[VIGIL_EV_CAPABILITY] = "capability",	  [VIGIL_EV_DRIFT] = "drift",
	};

	return kind < VIGIL_EV_KIND_MAX ? actions[kind] : NULL;
}

const char *record__syscall_name(const struct vigil_record *r)
{
	if (r->flags & VIGIL_F_IA32)
		return syscall_table_ia32__name(r->syscall_nr);
	return syscall_table__name(r->syscall_nr);
}
