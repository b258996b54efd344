// SPDX-License-Identifier: GPL-2.0
/*
 * vigil advise reads a stream anyone could have written into (a file, a
 * pipe from a SIEM export): any bytes give advice, never a crash or a leak,
 * and the advice is always a policy vigil accepts and JSON that parses.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include "advise.h"
#include "policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct advice a = { 0 };
	struct policy p;
	struct policy_error err;
	struct json_object *o;
	char *out = NULL;
	size_t len = 0;
	FILE *in, *f;

	if (!size)
		return 0;
	in = fmemopen((void *)data, size, "r");
	if (!in)
		return 0;
	advise__read(&a, in);
	fclose(in);
	f = open_memstream(&out, &len);
	if (!f || advise__print(&a, ADVISE_YAML, f))
		abort();
	fclose(f);
	if (policy__parse(out, len, &p, &err)) {
		fprintf(stderr, "advice is no policy: %u:%u %s\n%s", err.line, err.column, err.msg, out);
		abort();
	}
	policy__free(&p);
	free(out);
	f = open_memstream(&out, &len);
	if (!f || advise__print(&a, ADVISE_JSON, f))
		abort();
	fclose(f);
	o = json_tokener_parse(out);
	if (!o)
		abort();
	json_object_put(o);
	free(out);
	advise__free(&a);
	return 0;
}
