// SPDX-License-Identifier: GPL-2.0
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include "cli.h"
#include "confine.h"

static int parse(struct vigil_opts *o, char *err, ...)
{
	char *argv[32] = { "vigil" };
	int argc = 1;
	va_list ap;

	va_start(ap, err);
	while (argc < 31 && (argv[argc] = va_arg(ap, char *)) != NULL)
		argc++;
	va_end(ap);
	return cli__parse(argc, argv, o, err, 256);
}

static void test_defaults(void **state)
{
	struct vigil_opts o;
	char err[256];

	(void)state;
	assert_int_equal(parse(&o, err, NULL), 0);
	assert_int_equal(o.action, CLI_RUN);
	assert_int_equal(o.loader.backend, BACKEND_AUTO);
	assert_int_equal(o.loader.cap_window_s, 60);
	assert_int_equal(o.loader.ring_buffer_mb, 16);
	assert_null(o.out.output);
	assert_int_equal(o.out.nsyslog + o.out.nhttp, 0);
	assert_int_equal(o.out.queue_mb, 16);
	assert_false(o.loader.enforce);
	assert_string_equal(o.meta.docker_socket, "/var/run/docker.sock");
	assert_string_equal(o.meta.containerd_socket, "/run/containerd/containerd.sock");
	assert_string_equal(o.meta.storage_root, "/var/lib/containers/storage");
	assert_null(o.host_name);
	assert_int_equal(o.seccomp, CONFINE_ON);
}

static void test_runtime_sources_and_host_name(void **state)
{
	char long_path[200], long_name[300];
	struct vigil_opts o;
	char err[256];

	(void)state;
	assert_int_equal(parse(&o, err, "--containerd-socket", "/run/k3s/containerd/containerd.sock", "--storage-root",
			       "/srv/containers", "--host-name", "node-7", NULL),
			 0);
	assert_string_equal(o.meta.containerd_socket, "/run/k3s/containerd/containerd.sock");
	assert_string_equal(o.meta.storage_root, "/srv/containers");
	assert_string_equal(o.host_name, "node-7");
	memset(long_path, 'a', sizeof(long_path) - 1);
	long_path[0] = '/';
	long_path[sizeof(long_path) - 1] = '\0';
	assert_int_not_equal(parse(&o, err, "--containerd-socket", long_path, NULL), 0);
	assert_non_null(strstr(err, "--containerd-socket"));
	assert_int_not_equal(parse(&o, err, "--storage-root", "relative/dir", NULL), 0);
	assert_non_null(strstr(err, "--storage-root"));
	assert_int_not_equal(parse(&o, err, "--host-name", "", NULL), 0);
	memset(long_name, 'n', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	assert_int_not_equal(parse(&o, err, "--host-name", long_name, NULL), 0);
	assert_non_null(strstr(err, "--host-name"));
}

static void test_sinks(void **state)
{
	struct vigil_opts o;
	char err[256];

	(void)state;
	assert_int_equal(parse(&o, err, "--output", "-", "--syslog", "/dev/log", "--syslog", "tcp:127.0.0.1:514",
			       "--http", "http://127.0.0.1:8080/in", "--queue", "4", NULL),
			 0);
	assert_string_equal(o.out.output, "-");
	assert_int_equal(o.out.nsyslog, 2);
	assert_string_equal(o.out.syslog[1], "tcp:127.0.0.1:514");
	/* parsed here, once: the sinks take the parsed target */
	assert_int_equal(o.out.syslog_target[0].transport, SYSLOG_UNIX);
	assert_string_equal(o.out.syslog_target[0].path, "/dev/log");
	assert_int_equal(o.out.syslog_target[1].transport, SYSLOG_TCP);
	assert_string_equal(o.out.syslog_target[1].addr.host, "127.0.0.1");
	assert_string_equal(o.out.syslog_target[1].addr.port, "514");
	assert_int_equal(o.out.nhttp, 1);
	assert_string_equal(o.out.http[0], "http://127.0.0.1:8080/in");
	assert_int_equal(o.out.queue_mb, 4);
	assert_int_equal(parse(&o, err, "--metrics", "[::1]:9464", NULL), 0);
	assert_string_equal(o.metrics_addr.host, "::1");
	assert_string_equal(o.metrics_addr.port, "9464");
	assert_int_not_equal(parse(&o, err, "--syslog", "udp:host", NULL), 0);
	assert_non_null(strstr(err, "HOST:PORT"));
	assert_int_not_equal(parse(&o, err, "--http", "ftp://x/", NULL), 0);
	assert_non_null(strstr(err, "--http"));
	assert_int_not_equal(parse(&o, err, "--http", "http://", NULL), 0);
	assert_int_not_equal(parse(&o, err, "--queue", "0", NULL), 0);
	assert_non_null(strstr(err, "--queue"));
	assert_int_not_equal(parse(&o, err, "--http", "http://a", "--http", "http://a", "--http", "http://a", "--http",
				   "http://a", "--http", "http://a", "--syslog", "/dev/log", "--syslog", "/dev/log",
				   "--syslog", "/dev/log", "--syslog", "/dev/log", NULL),
			     0);
	assert_non_null(strstr(err, "at most"));
}

static void test_all_flags(void **state)
{
	struct vigil_opts o;
	char err[256];

	(void)state;
	assert_int_equal(
		parse(&o, err, "--output", "/tmp/x", "--backend", "tracepoint", "--cap-window", "5", "-v", NULL), 0);
	assert_string_equal(o.out.output, "/tmp/x");
	assert_int_equal(o.loader.backend, BACKEND_TRACEPOINT);
	assert_int_equal(o.loader.cap_window_s, 5);
	assert_true(o.loader.verbose);
	assert_int_equal(parse(&o, err, "--ring-buffer", "1", NULL), 0);
	assert_int_equal(o.loader.ring_buffer_mb, 1);
	assert_int_equal(parse(&o, err, "--enforce", "--backend=lsm", NULL), 0);
	assert_true(o.loader.enforce);
	assert_int_equal(parse(&o, err, "--enforce", "--pin", NULL), 0);
	assert_true(o.loader.pin);
	assert_int_equal(parse(&o, err, "--unpin", NULL), 0);
	assert_int_equal(o.action, CLI_UNPIN);
	assert_int_equal(parse(&o, err, "--check", NULL), 0);
	assert_int_equal(o.action, CLI_CHECK);
	assert_int_equal(parse(&o, err, "--seccomp", "off", NULL), 0);
	assert_int_equal(o.seccomp, CONFINE_OFF);
	assert_int_equal(parse(&o, err, "--seccomp=log", NULL), 0);
	assert_int_equal(o.seccomp, CONFINE_LOG);
}

static void test_errors_name_the_problem(void **state)
{
	struct vigil_opts o;
	char err[256];

	(void)state;
	assert_int_not_equal(parse(&o, err, "--bogus", NULL), 0);
	assert_non_null(strstr(err, "--bogus"));
	assert_int_not_equal(parse(&o, err, "--backend", "ebpf", NULL), 0);
	assert_non_null(strstr(err, "ebpf"));
	assert_int_not_equal(parse(&o, err, "--cap-window", "0", NULL), 0);
	assert_int_not_equal(parse(&o, err, "--cap-window", "-3", NULL), 0);
	assert_int_not_equal(parse(&o, err, "--cap-window", "10s", NULL), 0);
	assert_int_not_equal(parse(&o, err, "--cap-window", "86401", NULL), 0);
	assert_int_not_equal(parse(&o, err, "--ring-buffer", "3", NULL), 0);
	assert_non_null(strstr(err, "power of two"));
	assert_int_not_equal(parse(&o, err, "--ring-buffer", "2048", NULL), 0);
	assert_int_not_equal(parse(&o, err, "--output", NULL), 0);
	assert_non_null(strstr(err, "missing"));
	assert_int_not_equal(parse(&o, err, "--output", "", NULL), 0);
	assert_int_not_equal(parse(&o, err, "stray", NULL), 0);
	assert_int_not_equal(parse(&o, err, "--enforce", "--backend", "tracepoint", NULL), 0);
	assert_non_null(strstr(err, "lsm"));
	assert_int_not_equal(parse(&o, err, "--pin", NULL), 0);
	assert_non_null(strstr(err, "--enforce"));
	assert_int_not_equal(parse(&o, err, "--seccomp", "yes", NULL), 0);
	assert_non_null(strstr(err, "'yes' is not on, log or off"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_all_flags),
		cmocka_unit_test(test_sinks),
		cmocka_unit_test(test_runtime_sources_and_host_name),
		cmocka_unit_test(test_errors_name_the_problem),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
