// SPDX-License-Identifier: GPL-2.0
/*
 * vigil: parse flags -> probe the kernel -> load and attach BPF -> start the
 * metadata worker -> learn the containers that already exist -> agent-start -> poll the ring buffer until
 * SIGINT/SIGTERM -> agent-stop -> detach.
 */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>
#include <sys/utsname.h>
#include <bpf/libbpf.h>
#include "cli.h"
#include "containers.h"
#include "events.h"
#include "loader.h"
#include "readback.h"
#include "log.h"
#include "metadata.h"
#include "metrics.h"
#include "output.h"
#include "pin.h"
#include "path_resolver.h"
#include "privilege.h"
#include "safe_path.h"
#include "state.h"

#define EXIT_USAGE 2
#define POLL_MS	   100

static volatile sig_atomic_t stopping, reopen_output;

static void on_stop_signal(int sig)
{
	(void)sig;
	stopping = 1;
}

static void on_hangup(int sig)
{
	(void)sig;
	reopen_output = 1;
}

static int install_signals(void)
{
	struct sigaction sa = { .sa_handler = on_stop_signal };
	struct sigaction hup = { .sa_handler = on_hangup };

	sigemptyset(&sa.sa_mask);
	sigemptyset(&hup.sa_mask);
	if (sigaction(SIGINT, &sa, NULL) || sigaction(SIGTERM, &sa, NULL) || sigaction(SIGHUP, &hup, NULL))
		return -1;
	/* a closed stdout is a write error we report, not a silent death */
	signal(SIGPIPE, SIG_IGN);
	return 0;
}

static bool verbose;

static int libbpf_print(enum libbpf_print_level level, const char *fmt, va_list args)
{
	if (level == LIBBPF_DEBUG && !verbose)
		return 0;
	return vfprintf(stderr, fmt, args);
}

/* What stays as it is while vigil runs: build, kernel, programs, output names. */
static void metrics_constants(struct metrics_snapshot *s, const struct loader *ld)
{
	const struct loader_status *st = loader__status(ld);
	struct utsname u;
	unsigned int i;

	uname(&u);
	snprintf(s->version, sizeof(s->version), "%s", VIGIL_VERSION);
	snprintf(s->backend, sizeof(s->backend), "%s", st->backend);
	snprintf(s->kernel, sizeof(s->kernel), "%s", u.release);
	s->programs_attached = st->n_programs;
	s->programs_refused = loader__refused(ld);
	for (i = 0; i < DET_MAX && i < METRICS_DETECTIONS; i++) {
		snprintf(s->detections[i].name, sizeof(s->detections[i].name), "%s", detection__name(i));
		snprintf(s->detections[i].state, sizeof(s->detections[i].state), "%s",
			 loader__detection_state_name(st->detection[i]));
	}
	s->noutputs = output__count();
	for (i = 0; i < s->noutputs; i++)
		snprintf(s->outputs[i].name, sizeof(s->outputs[i].name), "%s", output__name(i));
}

static void publish_metrics(struct metrics_server *m, struct metrics_snapshot *s, const struct events *ev,
			    const struct containers *cs, struct metadata *md)
{
	unsigned int i;

	if (!m->daemon)
		return;
	s->containers = cs->count;
	metadata__counters(md, &s->metadata_lookups, &s->metadata_lookup_failures);
	events__metrics(ev, s);
	for (i = 0; i < s->noutputs; i++)
		output__stats(i, &s->outputs[i].st);
	clock_gettime(CLOCK_MONOTONIC, &s->published);
	metrics__publish(m, s);
}

/*
 * What vigil still needs once its programs are attached: CAP_BPF only where
 * the kernel gates map and iterator calls on it, and the runtime sockets
 * only when metadata is looked up.
 */
static int drop_privileges(const struct vigil_opts *o, const struct loader *ld, const struct loader_maps *maps,
			   struct privilege_kept *kept)
{
	struct privilege_needs needs = {
		.bpf_map_ops = privilege__map_ops_need_cap(maps->containers, readback__iter_link_fd(ld),
							   readback__test_run_fd(ld)),
		.runtime_sockets = !o->no_metadata,
	};

	return privilege__drop(&needs, kept);
}

/*
 * The order matters: everything that needs privilege (attaching, binding
 * the metrics port) comes first, then capabilities are dropped, and only
 * then do threads start (sinks, metadata worker, metrics server), because
 * capabilities belong to threads and a thread started earlier would keep
 * them.
 */
static int run(const struct vigil_opts *o, const struct kernel_features *f)
{
	struct metrics_server metrics = { .listen_fd = -1 };
	struct metrics_snapshot snap = { 0 };
	struct containers cs = { 0 };
	struct metadata md = { 0 };
	struct events ev = { 0 };
	struct path_resolver resolver = { .fd = -1 };
	struct privilege_kept kept = { 0 };
	struct loader_maps maps;
	struct loader ld;
	struct stream_id stream;
	char host[256] = "";
	int err;

	if (o->host_name) /* in a pod, the node's name (the pod has its own UTS namespace) */
		snprintf(host, sizeof(host), "%s", o->host_name);
	else
		gethostname(host, sizeof(host) - 1);
	stream_id__init(&stream, host);
	if (output__open(&o->out))
		return EXIT_USAGE;
	if (install_signals()) {
		log_errno(-errno, "install signal handlers");
		return 1;
	}
	err = loader__start(&ld, &o->loader, f);
	if (err) {
		output__close();
		return 1;
	}
	loader__maps(&ld, &maps);
	/* a first pass tells vigil its own cgroup; the second, after the scan, snapshots container tasks */
	err = readback__snapshot_tasks(&ld, NULL);
	if (!err && o->metrics)
		err = metrics__listen(&metrics, o->metrics, &o->metrics_addr);
	/* before the drop: the helper keeps CAP_SYS_PTRACE, and only that (path_resolver.h) */
	if (!err)
		err = path_resolver__start(&resolver);
	if (!err)
		err = drop_privileges(o, &ld, &maps, &kept);
	if (!err && output__start())
		err = -EIO;
	if (!err && !o->no_metadata && metadata__start(&md, &o->meta))
		err = -EIO;
	if (!err)
		err = containers__init(&cs, maps.containers, &md, o->meta.containerd_socket,
				       readback__agent_cgroup_id(&ld));
	if (!err && resolver.fd >= 0)
		cs.resolver = &resolver;
	loader__set_path_resolution(&ld, resolver.fd >= 0);
	if (!err && !cs.self_cgroup_id) /* no program could tell it: /proc/self/cgroup */
		cs.self_cgroup_id = readback__set_agent_cgroup(&ld, cs.cgroup2_root);
	if (!err)
		err = containers__scan(&cs);
	if (!err)
		err = readback__snapshot_tasks(&ld, cs.cgroup2_root);
	if (!err)
		err = events__open(&ev, &ld, &cs, &stream, o->loader.cap_window_s);
	if (!err && o->metrics) {
		metrics_constants(&snap, &ld);
		err = metrics__start(&metrics);
	}
	if (err)
		goto out;

	state__agent_start(&ev.json, &stream, loader__status(&ld), &kept, cs.count);
	/* before the first poll returns: /healthz must not call a starting agent stalled */
	publish_metrics(&metrics, &snap, &ev, &cs, &md);
	while (!stopping) {
		if (reopen_output) {
			reopen_output = 0;
			/* whole lines only: what is buffered goes to the old file first */
			output__reopen();
		}
		err = events__poll(&ev, POLL_MS);
		publish_metrics(&metrics, &snap, &ev, &cs, &md);
		if (err) {
			log_errno(err, "event loop stopped");
			break;
		}
	}
	if (!err)
		err = events__poll(&ev, 0); /* what was queued before the signal */
	if (!err)
		events__end_cap_windows(&ev);
	events__report_output_drops(&ev);
	state__agent_stop(&ev.json, &stream, events__alerts(&ev), ev.lost_reported);
out:
	metrics__stop(&metrics);
	events__close(&ev);
	containers__free(&cs);
	path_resolver__stop(&resolver);
	metadata__stop(&md);
	loader__stop(&ld);
	output__close();
	return err ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct kernel_features f;
	struct vigil_opts o;
	char err[256];

	if (cli__parse(argc, argv, &o, err, sizeof(err))) {
		fprintf(stderr, "vigil: %s\n", err);
		return EXIT_USAGE;
	}
	switch (o.action) {
	case CLI_HELP: fputs(cli_usage, stdout); return 0;
	case CLI_VERSION: printf("vigil %s\n", VIGIL_VERSION); return 0;
	case CLI_UNPIN: return pin__remove() ? 1 : 0;
	default: break;
	}
	verbose = o.loader.verbose;
	libbpf_set_print(libbpf_print);
	features__probe(&f);
	if (o.action == CLI_CHECK)
		return features__report(&f) | loader__check(&o.loader, &f);
	if (safe_path__check("/proc/self/exe", err, sizeof(err))) {
		fprintf(stderr, "vigil: %s\n", err);
		return 1;
	}
	return run(&o, &f);
}
