// SPDX-License-Identifier: GPL-2.0
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "confine.h"
#include "landlock.h"
#include "containerd_api.h"
#include "containers_storage.h"
#include "docker_api.h"
#include "hostport.h"
#include "policy.h"
#include "sink_syslog.h"

const char cli_usage[] =
	"Usage: vigil [--output FILE|-] [--syslog TARGET]... [--http URL]... [--queue MB]\n"
	"             [--backend auto|lsm|tracepoint] [--enforce | --policy FILE] [--require all]\n"
	"             [--pin] [--watch-ia32] [--cap-window SECONDS] [--ring-buffer MB] [--metrics ADDR:PORT]\n"
	"             [--docker-socket PATH] [--docker-root DIR] [--containerd-socket PATH]\n"
	"             [--storage-root DIR]\n"
	"             [--host-name NAME] [--no-metadata] [--posture off|CHECK=on|off|0..7,...]\n"
	"             [--drift off|monitor|enforce] [--drift-volumes on|off] [--seccomp on|log|off]\n"
	"             [--landlock on|off] [-v]\n"
	"       vigil --check | --check-policy FILE | --unpin | --help | --version\n"
	"\n"
	"Reports, as ECS JSON lines, container processes that write to their root\n"
	"filesystem, change uid/gid, mount, or use capabilities.\n"
	"\n"
	"  --output FILE|-      append the stream to FILE (-: stdout). With no --output,\n"
	"                       --syslog or --http, the stream goes to stdout\n"
	"  --syslog TARGET      also send each line as an RFC 5424 message (facility\n"
	"                       authpriv) to unix:PATH (e.g. /dev/log), udp:HOST:PORT or\n"
	"                       tcp:HOST:PORT; repeatable\n"
	"  --http URL           also POST the lines as NDJSON batches to URL; repeatable\n"
	"  --queue MB           buffer of each --syslog and --http sink while its receiver\n"
	"                       is slow or down; lines beyond it are dropped and counted\n"
	"                       (default 16)\n"
	"  --backend NAME       auto (default): BPF LSM if it loads, else tracepoints\n"
	"  --enforce            deny root filesystem writes (needs BPF LSM)\n"
	"  --policy FILE        per workload: rootfs off, monitor or enforce, allowed paths,\n"
	"                       alerts and capabilities (docs/policy.md); reloaded on SIGHUP\n"
	"                       and when the file changes\n"
	"  --require all        exit 1 when the kernel refuses any program or lacks any\n"
	"                       feature, instead of running degraded and saying so\n"
	"  --pin                with --enforce: enforcement stays pinned in bpffs after vigil\n"
	"                       exits or crashes; the next vigil --pin adopts it\n"
	"  --unpin              remove pinned enforcement, then exit\n"
	"  --watch-ia32         tracepoint backend: also watch 32-bit syscalls (int 0x80),\n"
	"                       which skip the per-syscall tracepoints; adds a program\n"
	"                       to every syscall on the host (the LSM backend sees them)\n"
	"  --cap-window SECONDS fold repeated capability alerts (default 60)\n"
	"  --ring-buffer MB     kernel-to-agent buffer, a power of two (default 16)\n"
	"  --docker-socket PATH Docker Engine API socket for container names, images and\n"
	"                       labels (default /var/run/docker.sock)\n"
	"  --containerd-socket PATH  containerd API socket, for ctr, nerdctl and Kubernetes\n"
	"                       (CRI) containers (default /run/containerd/containerd.sock)\n"
	"  --docker-root DIR    Docker's data root, where a container's configuration is\n"
	"                       readable before it starts (default /var/lib/docker)\n"
	"  --storage-root DIR   containers/storage root of Podman and CRI-O\n"
	"                       (default /var/lib/containers/storage)\n"
	"  --no-metadata        no runtime lookups: alerts carry the container id only\n"
	"  --posture LIST       the hardening checks at each container's start\n"
	"                       (docs/posture.md): CHECK=on, CHECK=off or CHECK=SEVERITY\n"
	"                       (0..7), comma-separated; 'off': no container-start event\n"
	"                       and no posture alert\n"
	"  --drift MODE         programs the image did not ship (written after the start,\n"
	"                       memfd, deleted, on a writable volume or tmpfs; docs/drift.md):\n"
	"                       off, monitor (default: alerts) or enforce (denied; BPF LSM)\n"
	"  --drift-volumes on|off  whether an exec from a writable volume or tmpfs is drift\n"
	"                       (default on)\n"
	"  --seccomp on|log|off once started, vigil's own system calls are limited to those\n"
	"                       of deploy/seccomp/vigil.syscalls (default on: others fail\n"
	"                       with EPERM); log: others are allowed and logged by the kernel\n"
	"  --landlock on|off    once started, vigil writes nothing on the host but in the\n"
	"                       --output file's directory (default on; Landlock)\n"
	"  --host-name NAME     host.name on every line (default: this UTS namespace's host\n"
	"                       name; in a pod, pass the node's name)\n"
	"  --metrics ADDR:PORT  serve Prometheus metrics at /metrics and a liveness check\n"
	"                       at /healthz (ADDR may be empty: all addresses; [v6]:PORT)\n"
	"  --check              report what this kernel supports, then exit\n"
	"  --check-policy FILE  validate a policy file (docs/policy.md), then exit 0 (valid)\n"
	"                       or 1 (its first error, with line and column)\n"
	"  -v, --verbose        libbpf debug output on stderr\n";

const char *cli__backend_name(enum backend b)
{
	switch (b) {
	case BACKEND_LSM: return "lsm";
	case BACKEND_TRACEPOINT: return "tracepoint";
	default: return "auto";
	}
}

static int parse_backend(const char *s, enum backend *b)
{
	if (!strcmp(s, "auto"))
		*b = BACKEND_AUTO;
	else if (!strcmp(s, "lsm"))
		*b = BACKEND_LSM;
	else if (!strcmp(s, "tracepoint"))
		*b = BACKEND_TRACEPOINT;
	else
		return -1;
	return 0;
}

static int parse_mode(const char *s, unsigned char *mode)
{
	*mode = policy__mode_parse(s); /* the same numbers as enum vigil_mode */
	return *mode == POLICY_MODE_UNSET ? -1 : 0;
}

/* A whole number in [1, max], nothing else (no sign, no suffix). */
static int parse_count(const char *s, unsigned int max, unsigned int *out)
{
	char *end;
	unsigned long v;

	if (!*s || *s == '-' || *s == '+')
		return -1;
	v = strtoul(s, &end, 10);
	if (*end || v == 0 || v > max)
		return -1;
	*out = v;
	return 0;
}

static int add_sink(struct vigil_opts *o, bool is_syslog, const char *arg, char *err, size_t errlen)
{
	if (o->out.nsyslog + o->out.nhttp >= OUTPUT_MAX_SINKS) {
		snprintf(err, errlen, "at most %d --syslog and --http sinks", OUTPUT_MAX_SINKS);
		return -1;
	}
	if (is_syslog) {
		if (syslog_target__parse(arg, &o->out.syslog_target[o->out.nsyslog], err, errlen))
			return -1;
		o->out.syslog[o->out.nsyslog++] = arg;
		return 0;
	}
	if ((strncmp(arg, "http://", 7) || !arg[7]) && (strncmp(arg, "https://", 8) || !arg[8])) {
		snprintf(err, errlen, "--http: '%s' is not an http:// or https:// URL", arg);
		return -1;
	}
	o->out.http[o->out.nhttp++] = arg;
	return 0;
}

/* A unix socket path fits sun_path: 108 bytes with its NUL. */
static int parse_socket_path(const char *flag, const char *arg, char *err, size_t errlen)
{
	if (*arg && strlen(arg) < 108)
		return 0;
	snprintf(err, errlen, "%s: '%s' is not a unix socket path (1 to 107 bytes)", flag, arg);
	return -1;
}

int cli__parse(int argc, char **argv, struct vigil_opts *o, char *err, size_t errlen)
{
	enum {
		OPT_BACKEND = 256,
		OPT_ENFORCE,
		OPT_PIN,
		OPT_UNPIN,
		OPT_CAP_WINDOW,
		OPT_RING_BUFFER,
		OPT_CHECK,
		OPT_CHECK_POLICY,
		OPT_POLICY,
		OPT_VERSION,
		OPT_DOCKER_SOCKET,
		OPT_CONTAINERD_SOCKET,
		OPT_STORAGE_ROOT,
		OPT_DOCKER_ROOT,
		OPT_HOST_NAME,
		OPT_POSTURE,
		OPT_NO_METADATA,
		OPT_SYSLOG,
		OPT_HTTP,
		OPT_QUEUE,
		OPT_METRICS,
		OPT_REQUIRE,
		OPT_WATCH_IA32,
		OPT_DRIFT,
		OPT_DRIFT_VOLUMES,
		OPT_SECCOMP,
		OPT_LANDLOCK
	};
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "syslog", required_argument, NULL, OPT_SYSLOG },
		{ "http", required_argument, NULL, OPT_HTTP },
		{ "queue", required_argument, NULL, OPT_QUEUE },
		{ "metrics", required_argument, NULL, OPT_METRICS },
		{ "backend", required_argument, NULL, OPT_BACKEND },
		{ "enforce", no_argument, NULL, OPT_ENFORCE },
		{ "require", required_argument, NULL, OPT_REQUIRE },
		{ "pin", no_argument, NULL, OPT_PIN },
		{ "watch-ia32", no_argument, NULL, OPT_WATCH_IA32 },
		{ "unpin", no_argument, NULL, OPT_UNPIN },
		{ "cap-window", required_argument, NULL, OPT_CAP_WINDOW },
		{ "ring-buffer", required_argument, NULL, OPT_RING_BUFFER },
		{ "check", no_argument, NULL, OPT_CHECK },
		{ "check-policy", required_argument, NULL, OPT_CHECK_POLICY },
		{ "policy", required_argument, NULL, OPT_POLICY },
		{ "docker-socket", required_argument, NULL, OPT_DOCKER_SOCKET },
		{ "containerd-socket", required_argument, NULL, OPT_CONTAINERD_SOCKET },
		{ "storage-root", required_argument, NULL, OPT_STORAGE_ROOT },
		{ "docker-root", required_argument, NULL, OPT_DOCKER_ROOT },
		{ "host-name", required_argument, NULL, OPT_HOST_NAME },
		{ "no-metadata", no_argument, NULL, OPT_NO_METADATA },
		{ "posture", required_argument, NULL, OPT_POSTURE },
		{ "drift", required_argument, NULL, OPT_DRIFT },
		{ "drift-volumes", required_argument, NULL, OPT_DRIFT_VOLUMES },
		{ "seccomp", required_argument, NULL, OPT_SECCOMP },
		{ "landlock", required_argument, NULL, OPT_LANDLOCK },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ "verbose", no_argument, NULL, 'v' },
		{ 0 },
	};
	int c;

	memset(o, 0, sizeof(*o));
	o->meta.docker_socket = DOCKER_SOCKET_DEFAULT;
	o->meta.containerd_socket = CONTAINERD_SOCKET_DEFAULT;
	o->meta.storage_root = STORAGE_ROOT_DEFAULT;
	o->meta.docker_root = DOCKER_ROOT_DEFAULT;
	o->loader.cap_window_s = CAP_WINDOW_DEFAULT_S;
	o->loader.ring_buffer_mb = RING_BUFFER_DEFAULT_MB;
	o->out.queue_mb = QUEUE_DEFAULT_MB;
	posture_config__defaults(&o->posture);
	o->loader.drift = VIGIL_MODE_MONITOR;
	o->loader.drift_volumes = true;
	opterr = 0;
	/* 0, not 1: glibc then also forgets its position inside the previous argv (found by fuzz_cli) */
	optind = 0;
	while ((c = getopt_long(argc, argv, ":o:hv", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			if (!*optarg) {
				snprintf(err, errlen, "--output: empty file name");
				return -1;
			}
			o->out.output = optarg;
			break;
		case OPT_SYSLOG:
		case OPT_HTTP:
			if (add_sink(o, c == OPT_SYSLOG, optarg, err, errlen))
				return -1;
			break;
		case OPT_QUEUE:
			if (parse_count(optarg, QUEUE_MAX_MB, &o->out.queue_mb)) {
				snprintf(err, errlen, "--queue: '%s' is not a number of MiB from 1 to %d", optarg,
					 QUEUE_MAX_MB);
				return -1;
			}
			break;
		case OPT_METRICS: {
			if (hostport__parse(optarg, &o->metrics_addr, true)) {
				snprintf(err, errlen,
					 "--metrics: '%s' is not ADDR:PORT (:PORT for all addresses, [v6]:PORT)",
					 optarg);
				return -1;
			}
			o->metrics = optarg;
			break;
		}
		case OPT_BACKEND:
			if (parse_backend(optarg, &o->loader.backend)) {
				snprintf(err, errlen, "--backend: '%s' is not auto, lsm or tracepoint", optarg);
				return -1;
			}
			break;
		case OPT_ENFORCE: o->loader.enforce = true; break;
		case OPT_PIN: o->loader.pin = true; break;
		case OPT_WATCH_IA32: o->loader.watch_ia32 = true; break;
		case OPT_UNPIN: o->action = CLI_UNPIN; break;
		case OPT_CAP_WINDOW:
			if (parse_count(optarg, CAP_WINDOW_MAX_S, &o->loader.cap_window_s)) {
				snprintf(err, errlen, "--cap-window: '%s' is not a number of seconds from 1 to %d",
					 optarg, CAP_WINDOW_MAX_S);
				return -1;
			}
			break;
		case OPT_RING_BUFFER:
			if (parse_count(optarg, RING_BUFFER_MAX_MB, &o->loader.ring_buffer_mb) ||
			    (o->loader.ring_buffer_mb & (o->loader.ring_buffer_mb - 1))) {
				snprintf(err, errlen, "--ring-buffer: '%s' is not a power of two from 1 to %d (MiB)",
					 optarg, RING_BUFFER_MAX_MB);
				return -1;
			}
			break;
		case OPT_CHECK: o->action = CLI_CHECK; break;
		case OPT_POSTURE:
			if (posture_config__parse(&o->posture, optarg, err, errlen))
				return -1;
			break;
		case OPT_DRIFT:
			if (parse_mode(optarg, &o->loader.drift)) {
				snprintf(err, errlen, "--drift: '%s' is not off, monitor or enforce", optarg);
				return -1;
			}
			break;
		case OPT_DRIFT_VOLUMES:
			if (strcmp(optarg, "on") && strcmp(optarg, "off")) {
				snprintf(err, errlen, "--drift-volumes: '%s' is not on or off", optarg);
				return -1;
			}
			o->loader.drift_volumes = !strcmp(optarg, "on");
			break;
		case OPT_SECCOMP:
			o->seccomp = confine__mode_parse(optarg);
			if (o->seccomp < 0) {
				snprintf(err, errlen, "--seccomp: '%s' is not on, log or off", optarg);
				return -1;
			}
			break;
		case OPT_LANDLOCK:
			o->landlock = landlock__mode_parse(optarg);
			if (o->landlock < 0) {
				snprintf(err, errlen, "--landlock: '%s' is not on or off", optarg);
				return -1;
			}
			break;
		case OPT_POLICY:
			if (!*optarg) {
				snprintf(err, errlen, "--policy: empty file name");
				return -1;
			}
			o->policy_file = optarg;
			o->loader.policy = true;
			break;
		case OPT_CHECK_POLICY:
			o->action = CLI_CHECK_POLICY;
			o->policy_file = optarg;
			break;
		case OPT_DOCKER_SOCKET:
			if (parse_socket_path("--docker-socket", optarg, err, errlen))
				return -1;
			o->meta.docker_socket = optarg;
			break;
		case OPT_CONTAINERD_SOCKET:
			if (parse_socket_path("--containerd-socket", optarg, err, errlen))
				return -1;
			o->meta.containerd_socket = optarg;
			break;
		case OPT_DOCKER_ROOT:
			if (optarg[0] != '/' || strlen(optarg) >= 4000) {
				snprintf(err, errlen, "--docker-root: '%s' is not an absolute directory path", optarg);
				return -1;
			}
			o->meta.docker_root = optarg;
			break;
		case OPT_STORAGE_ROOT:
			if (optarg[0] != '/' || strlen(optarg) >= 4000) {
				snprintf(err, errlen, "--storage-root: '%s' is not an absolute directory path", optarg);
				return -1;
			}
			o->meta.storage_root = optarg;
			break;
		case OPT_REQUIRE:
			if (strcmp(optarg, "all")) {
				snprintf(err, errlen, "--require: '%s' is not all", optarg);
				return -1;
			}
			o->loader.require_all = true;
			break;
		case OPT_HOST_NAME:
			if (!*optarg || strlen(optarg) > 253) {
				snprintf(err, errlen, "--host-name: '%s' is not a host name (1 to 253 bytes)", optarg);
				return -1;
			}
			o->host_name = optarg;
			break;
		case OPT_NO_METADATA: o->no_metadata = true; break;
		case 'h': o->action = CLI_HELP; break;
		case OPT_VERSION: o->action = CLI_VERSION; break;
		case 'v': o->loader.verbose = true; break;
		case ':': snprintf(err, errlen, "%s: missing value", argv[optind - 1]); return -1;
		default: snprintf(err, errlen, "unknown option '%s' (see --help)", argv[optind - 1]); return -1;
		}
	}
	if (optind < argc) {
		snprintf(err, errlen, "unexpected argument '%s' (see --help)", argv[optind]);
		return -1;
	}
	if (o->loader.policy && o->loader.enforce) {
		snprintf(err, errlen, "--enforce and --policy: the policy says which containers are enforced");
		return -1;
	}
	if (o->loader.pin && !o->loader.enforce && !o->loader.policy && o->loader.drift != VIGIL_MODE_ENFORCE) {
		snprintf(err, errlen, "--pin keeps enforcement in place; it needs --enforce");
		return -1;
	}
	if (o->loader.enforce && o->loader.backend == BACKEND_TRACEPOINT) {
		snprintf(err, errlen, "--enforce needs the lsm backend; tracepoints cannot deny");
		return -1;
	}
	if (o->loader.drift == VIGIL_MODE_ENFORCE && o->loader.backend == BACKEND_TRACEPOINT) {
		snprintf(err, errlen, "--drift enforce needs the lsm backend; tracepoints cannot deny");
		return -1;
	}
	/* the one check the kernel decides: it is told the names only when the check is on */
	o->loader.ssh_server = !o->posture.off && o->posture.on[POSTURE_SSH_SERVER];
	return 0;
}
