// SPDX-License-Identifier: GPL-2.0
/*
 * The file sink (user/output/sink_file.c) on real files: whole lines only,
 * a deleted file recreated, rotation by SIGHUP, and a failed write that
 * leaves no half line behind.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include "sink.h"

static char dir[] = "/tmp/vigil-sink-file-XXXXXX";

static int setup(void **state)
{
	(void)state;
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd);
}

static void path_of(char *buf, size_t len, const char *name)
{
	snprintf(buf, len, "%s/%s", dir, name);
}

/* The file's contents ("" if absent), in a static buffer. */
static const char *contents(const char *path)
{
	static char buf[4096];
	FILE *f = fopen(path, "re");
	size_t n = 0;

	if (f) {
		n = fread(buf, 1, sizeof(buf) - 1, f);
		fclose(f);
	}
	buf[n] = 0;
	return buf;
}

static bool put(struct sink *s, const char *line)
{
	return s->ops->line(s, NULL, line, strlen(line));
}

static void test_lines_reach_the_file_at_flush(void **state)
{
	char path[256], name[300];
	struct sink *s;

	(void)state;
	path_of(path, sizeof(path), "flush.json");
	snprintf(name, sizeof(name), "file:%s", path);
	s = sink_file__open(path);
	assert_non_null(s);
	assert_string_equal(s->name, name); /* as metrics and errors name it */
	assert_true(put(s, "{\"a\":1}\n"));
	assert_true(put(s, "{\"b\":2}\n"));
	assert_string_equal(contents(path), ""); /* buffered: one write per batch */
	assert_true(s->ops->flush(s));
	assert_string_equal(contents(path), "{\"a\":1}\n{\"b\":2}\n");
	assert_true(put(s, "{\"c\":3}\n"));
	s->ops->close(s); /* close delivers what is buffered */
	assert_string_equal(contents(path), "{\"a\":1}\n{\"b\":2}\n{\"c\":3}\n");
}

static void test_a_deleted_file_is_created_again(void **state)
{
	char path[256];
	struct sink *s;

	(void)state;
	path_of(path, sizeof(path), "deleted.json");
	s = sink_file__open(path);
	assert_non_null(s);
	assert_true(put(s, "one\n") && s->ops->flush(s));
	assert_int_equal(unlink(path), 0);
	assert_true(put(s, "two\n") && s->ops->flush(s));
	assert_string_equal(contents(path), "two\n");
	s->ops->close(s);
}

static void test_reopen_after_rotation(void **state)
{
	char path[256], rotated[256];
	struct sink *s;

	(void)state;
	path_of(path, sizeof(path), "rotate.json");
	path_of(rotated, sizeof(rotated), "rotate.json.1");
	s = sink_file__open(path);
	assert_non_null(s);
	assert_true(put(s, "before\n"));
	assert_int_equal(rename(path, rotated), 0); /* logrotate, then SIGHUP */
	s->ops->reopen(s);			    /* what was buffered goes to the old file */
	assert_true(put(s, "after\n") && s->ops->flush(s));
	assert_string_equal(contents(rotated), "before\n");
	assert_string_equal(contents(path), "after\n");
	s->ops->close(s);
}

/* The file may grow by 100 bytes: the kernel takes part of the batch, then refuses (EFBIG). */
static void test_a_failed_write_leaves_whole_lines_and_stops(void **state)
{
	struct rlimit old, small = { 100, 100 };
	char path[256], line[31];
	const char *got;
	struct sink *s;
	int i;

	(void)state;
	path_of(path, sizeof(path), "full.json");
	memset(line, 'x', 29);
	line[29] = '\n';
	line[30] = 0;
	s = sink_file__open(path);
	assert_non_null(s);
	for (i = 0; i < 10; i++)
		assert_true(put(s, line));
	signal(SIGXFSZ, SIG_IGN);
	getrlimit(RLIMIT_FSIZE, &old);
	small.rlim_max = old.rlim_max;
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	assert_false(s->ops->flush(s));
	setrlimit(RLIMIT_FSIZE, &old);
	got = contents(path);
	assert_int_equal(strlen(got), 90); /* 3 whole lines of 30; the 10 bytes of the 4th trimmed */
	assert_int_equal(got[89], '\n');
	assert_false(put(s, line)); /* vigil stops: the primary stream is not lost silently */
	s->ops->close(s);
}

static void test_an_unopenable_path_is_refused(void **state)
{
	char path[256];

	(void)state;
	path_of(path, sizeof(path), "no/such/dir/x.json");
	assert_null(sink_file__open(path));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines_reach_the_file_at_flush),
		cmocka_unit_test(test_a_deleted_file_is_created_again),
		cmocka_unit_test(test_reopen_after_rotation),
		cmocka_unit_test(test_a_failed_write_leaves_whole_lines_and_stops),
		cmocka_unit_test(test_an_unopenable_path_is_refused),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
