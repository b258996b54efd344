// SPDX-License-Identifier: GPL-2.0
/*
 * vigil: parse flags -> probe the kernel -> load and attach BPF -> start the
 * metadata worker -> learn the containers that already exist -> agent-start -> poll the ring buffer until
 * SIGINT/SIGTERM -> agent-stop -> detach.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <string.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/utsname.h>
#include <bpf/libbpf.h>
#include "advise.h"
#include "cli.h"
#include "containers.h"
#include "drift_map.h"
#include "events.h"
#include "loader.h"
#include "readback.h"
#include "log.h"
#include "metadata.h"
#include "metrics.h"
#include "output.h"
#include "pin.h"
#include "policy.h"
#include "policy_apply.h"
#include "policy_watch.h"
#include "path_resolver.h"
#include "privilege.h"
#include "confine.h"
#include "landlock.h"
#include "safe_path.h"
#include "state.h"

#define EXIT_USAGE 2
#define POLL_MS	   100

static volatile sig_atomic_t stopping, reopen_output, reload_policy;

static void on_stop_signal(int sig)
{
	(void)sig;
	stopping = 1;
}

static void on_hangup(int sig)
{
	(void)sig;
	reopen_output = 1;
	reload_policy = 1;
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
 * A reload: the whole file parsed and checked, then swapped in
 * (policy_apply__load); a bad file changes nothing and says why. A change
 * the watch saw whose content is the same (a ConfigMap update touches more
 * than one file) is no reload; SIGHUP always says what is in force.
 */
static void policy_reload(const char *file, struct policy_apply *pa, const struct loader *ld, struct events *ev,
			  struct stream_id *stream, bool asked)
{
	static char last_rejected[65]; /* a bad file is said once, not at each change beside it */
	struct policy_error e = { 0 };
	struct policy *p = calloc(1, sizeof(*p));
	char current[65];

	if (!p)
		return;
	if (policy__load_file(file, p, &e)) {
		if (asked || !e.sha256[0] || strcmp(e.sha256, last_rejected))
			state__policy_rejected(&ev->json, stream, file, &e);
		snprintf(last_rejected, sizeof(last_rejected), "%s", e.sha256);
		free(p);
		return;
	}
	last_rejected[0] = 0;
	policy_apply__sha256(pa, current);
	if (!asked && !strcmp(current, p->sha256)) {
		policy__free(p);
		free(p);
		return;
	}
	if (policy__enforces(p) && !loader__can_enforce(ld, policy__enforces_drift(p))) {
		snprintf(e.msg, sizeof(e.msg), "a rule enforces, and vigil cannot deny here (%s backend%s)",
			 loader__status(ld)->backend, loader__status(ld)->lsm ? ", a rootfs hook refused" : "");
		state__policy_rejected(&ev->json, stream, file, &e);
		policy__free(p);
		free(p);
		return;
	}
	if (policy_apply__load(pa, p)) { /* p is pa's now, freed there on failure */
		snprintf(e.msg, sizeof(e.msg), "the kernel's maps refused it (the previous policy stays)");
		state__policy_rejected(&ev->json, stream, file, &e);
		return;
	}
	state__policy_loaded(&ev->json, stream, file, p); /* the policy in force: only this thread replaces it */
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
static int run(const struct vigil_opts *o, const struct kernel_features *f, struct policy *policy)
{
	struct policy_apply pa = { 0 };
	struct policy_watch watch = { .fd = -1 };
	struct metrics_server metrics = { .listen_fd = -1 };
	struct metrics_snapshot snap = { 0 };
	struct containers cs = { 0 };
	struct metadata md = { 0 };
	struct events ev = { 0 };
	struct path_resolver resolver = { .fd = -1 };
	struct privilege_kept kept = { 0 };
	struct loader_maps maps;
	struct drift_learn learn = { .fd = -1, .resolver = &resolver };
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
	if (policy) {
		policy_apply__init(&pa,
				   &(struct policy_maps){ maps.container_policy, maps.policy_config, maps.allow_paths,
							  maps.allowed_writes },
				   !o->no_metadata);
		err = policy_apply__load(&pa, policy); /* owns it from here */
		policy = NULL;
		if (err) {
			loader__stop(&ld);
			output__close();
			return 1;
		}
		metadata__on_lookup(&md, policy_apply__metadata, &pa);
	}
	/* a first pass tells vigil its own cgroup; the second, after the scan, snapshots container tasks */
	err = readback__snapshot_tasks(&ld, NULL);
	if (!err && o->metrics)
		err = metrics__listen(&metrics, o->metrics, &o->metrics_addr);
	/* before the drop: the helper keeps CAP_SYS_PTRACE, and only that (path_resolver.h) */
	if (!err)
		err = path_resolver__start(&resolver, o->seccomp);
	if (!err)
		err = drop_privileges(o, &ld, &maps, &kept);
	if (!err) { /* after no_new_privs, before the first thread: Landlock binds a thread and what it starts */
		int ll = landlock__confine(o->landlock, o->out.output);

		kept.landlock = landlock__state_name(o->landlock, ll);
		if (ll && ll != -EOPNOTSUPP)
			err = ll;
	}
	if (!err && output__start())
		err = -EIO;
	if (!err && !o->no_metadata && metadata__start(&md, &o->meta))
		err = -EIO;
	if (!err)
		err = containers__init(&cs, maps.containers, &md, o->meta.containerd_socket,
				       readback__agent_cgroup_id(&ld));
	if (!err && resolver.fd >= 0)
		cs.resolver = &resolver;
	if (!err && pa.policy)
		cs.policy = &pa;
	loader__set_path_resolution(&ld, resolver.fd >= 0);
	if (!err && !cs.self_cgroup_id) /* no program could tell it: /proc/self/cgroup */
		cs.self_cgroup_id = readback__set_agent_cgroup(&ld, cs.cgroup2_root);
	/* drift-script: each container's interpreters, by inode (drift_map.h) */
	if ((o->loader.drift != VIGIL_MODE_OFF || pa.policy) && loader__program_runs(&ld, "vigil_drift_script_exec")) {
		learn.fd = maps.drift_interpreter_inodes;
		cs.on_root = drift_map__learn_interpreters;
		cs.on_root_ctx = &learn;
	}
	if (!err)
		err = containers__scan(&cs);
	if (!err)
		err = readback__snapshot_tasks(&ld, cs.cgroup2_root);
	if (!err)
		err = events__open(&ev, &ld, &cs, &stream, o->loader.cap_window_s);
	if (!err)
		events__set_posture(&ev, &o->posture);
	if (!err && o->metrics) {
		metrics_constants(&snap, &ld);
		err = metrics__start(&metrics);
	}
	if (!err) {
		/* start-up is over: from here on only the running phase's system calls */
		err = confine__self(o->seccomp, resolver.fd >= 0 ? resolver.pid : 0);
		kept.seccomp = confine__state_name(o->seccomp, err);
		if (err == -EOPNOTSUPP)
			err = 0; /* said; vigil runs unconfined */
	}
	if (err)
		goto out;

	state__agent_start(&ev.json, &stream, loader__status(&ld), &kept, cs.count);
	if (pa.policy) {
		state__policy_loaded(&ev.json, &stream, o->policy_file, pa.policy);
		policy_watch__start(&watch, o->policy_file);
	}
	/* before the first poll returns: /healthz must not call a starting agent stalled */
	publish_metrics(&metrics, &snap, &ev, &cs, &md);
	while (!stopping) {
		if (reopen_output) {
			reopen_output = 0;
			/* whole lines only: what is buffered goes to the old file first */
			output__reopen();
		}
		if (pa.policy && (reload_policy || policy_watch__changed(&watch))) {
			policy_reload(o->policy_file, &pa, &ld, &ev, &stream, reload_policy);
			reload_policy = 0;
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
	state__agent_stop(&ev.json, &stream, events__alerts(&ev), ev.lost_reported,
			  pa.policy ? (__s64)policy_apply__allowed_writes(&pa) : -1);
out:
	metrics__stop(&metrics);
	events__close(&ev);
	containers__free(&cs);
	path_resolver__stop(&resolver);
	metadata__stop(&md);
	policy_watch__stop(&watch);
	if (pa.policy)
		policy_apply__free(&pa);
	loader__stop(&ld);
	output__close();
	return err ? 1 : 0;
}

static void policy_error(const char *file, const struct policy_error *e)
{
	if (e->line)
		fprintf(stderr, "vigil: %s:%u:%u: %s\n", file, e->line, e->column, e->msg);
	else
		fprintf(stderr, "vigil: %s: %s\n", file, e->msg);
}

/* --check-policy: the whole file checked, as a reload would; its first error, or what it holds. */
static int check_policy(const char *file)
{
	struct policy p;
	struct policy_error e;

	if (policy__load_file(file, &p, &e)) {
		policy_error(file, &e);
		return 1;
	}
	printf("%s: valid, %u rules, %u allowed paths, defaults rootfs %s, pending %s, sha256 %s\n", file, p.n_rules,
	       p.n_paths, policy__mode_name(p.defaults.rootfs), policy__mode_name(p.pending), p.sha256);
	policy__free(&p);
	return 0;
}

/* vigil advise [--input FILE] [--format yaml|json|text] (docs/advise.md). */
static int advise_main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "input", required_argument, NULL, 'i' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	enum advise_format fmt = ADVISE_YAML;
	struct advice a = { 0 };
	const char *input = NULL;
	FILE *in = stdin;
	int c, ret;

	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'i': input = optarg; break;
		case 'f':
			if (!strcmp(optarg, "yaml"))
				fmt = ADVISE_YAML;
			else if (!strcmp(optarg, "json"))
				fmt = ADVISE_JSON;
			else if (!strcmp(optarg, "text"))
				fmt = ADVISE_TEXT;
			else {
				fprintf(stderr, "vigil advise: --format: '%s' is not yaml, json or text\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'h':
			puts("Usage: vigil advise [--input FILE] [--format yaml|json|text]\n"
			     "Reads a vigil stream (stdin by default) and prints, per workload, the policy rule\n"
			     "allowing what it wrote and the hardening that makes the rule unnecessary.");
			return 0;
		default:
			fprintf(stderr, "vigil advise: unknown option or missing value '%s'\n", argv[optind - 1]);
			return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "vigil advise: unexpected argument '%s'\n", argv[optind]);
		return EXIT_USAGE;
	}
	if (input && !(in = fopen(input, "re"))) {
		fprintf(stderr, "vigil advise: %s: %s\n", input, strerror(errno));
		return 1;
	}
	advise__read(&a, in);
	if (in != stdin)
		fclose(in);
	ret = advise__print(&a, fmt, stdout);
	advise__free(&a);
	if (ret)
		fprintf(stderr, "vigil advise: writing the output failed\n");
	return ret ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct kernel_features f;
	struct policy *policy = NULL;
	struct vigil_opts o;
	char err[256];

	if (argc > 1 && !strcmp(argv[1], "advise"))
		return advise_main(argc - 1, argv + 1);
	if (cli__parse(argc, argv, &o, err, sizeof(err))) {
		fprintf(stderr, "vigil: %s\n", err);
		return EXIT_USAGE;
	}
	switch (o.action) {
	case CLI_HELP: fputs(cli_usage, stdout); return 0;
	case CLI_VERSION: printf("vigil %s\n", VIGIL_VERSION); return 0;
	case CLI_UNPIN: return pin__remove() ? 1 : 0;
	case CLI_CHECK_POLICY: return check_policy(o.policy_file);
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
	if (o.policy_file) {
		struct policy_error e;

		policy = calloc(1, sizeof(*policy));
		if (!policy || policy__load_file(o.policy_file, policy, &e)) {
			if (policy)
				policy_error(o.policy_file, &e);
			free(policy);
			return EXIT_USAGE;
		}
		/* a rule that enforces needs BPF LSM, checked at start as --enforce is: never monitoring instead */
		o.loader.enforce = policy__enforces(policy);
		o.loader.drift_policy_enforce = policy__enforces_drift(policy);
		if (o.loader.pin && !o.loader.enforce) {
			fprintf(stderr, "vigil: --pin keeps enforcement in place; %s enforces nothing\n",
				o.policy_file);
			policy__free(policy);
			free(policy);
			return EXIT_USAGE;
		}
	}
	return run(&o, &f, policy);
}
