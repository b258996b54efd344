/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vigil advise: from a vigil stream (a day of monitor mode, say) to, per
 * workload, the policy rule that allows exactly what it wrote, and the
 * hardening that makes the rule unnecessary (docs/advise.md). Pure: lines
 * in, a model out (advise.c); its printing is advise_print.c.
 */
#ifndef VIGIL_ADVISE_H
#define VIGIL_ADVISE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define ADVISE_PATHS_MAX     4096 /* distinct paths kept per workload; more are counted, not kept */
#define ADVISE_WORKLOADS_MAX 4096

/* One path a workload wrote, and how. */
struct adv_path {
	char *path;
	unsigned int writes;
	bool made_dir; /* mkdir of it seen */
	bool removed;  /* unlink, rmdir, or renamed away */
	bool created;  /* created (open O_CREAT of a new file is not told apart: any write counts) */
};

/* A workload: an image, or a Kubernetes workload (namespace and pod name without its generated suffix). */
struct adv_workload {
	char *image;	 /* repository, without tag or digest */
	char *namespace; /* Kubernetes: with workload */
	char *workload;
	struct adv_path *paths;
	unsigned int n_paths;
	unsigned long paths_dropped; /* beyond ADVISE_PATHS_MAX */
	unsigned long writes;
	uint64_t caps; /* capabilities used (granted) */
};

struct advice {
	struct adv_workload *w;
	unsigned int n;
	unsigned long lines, alerts, unreadable, without_container;
};

/* One line of the stream (NDJSON). Not JSON, or not an alert: counted, skipped. */
void advise__line(struct advice *a, const char *line, size_t len);
/* Every line of in; lines longer than 1 MiB are unreadable. */
void advise__read(struct advice *a, FILE *in);
void advise__free(struct advice *a);

/* What one workload may write: a directory (prefix) or a file, and why. */
struct adv_entry {
	char *path; /* "/dir/" or "/file" */
	bool prefix;
	char reason[160];
	bool scratch; /* only scratch (created and removed again, or a temporary location): a tmpfs */
};

/* The allow-list for w, collapsed (advise.c's comment says how); *n entries, free with advise__entries_free. */
struct adv_entry *advise__entries(const struct adv_workload *w, unsigned int *n);
void advise__entries_free(struct adv_entry *e, unsigned int n);
/* The rule's name: the image or workload in the characters a policy allows. */
void advise__rule_name(const struct adv_workload *w, char *out, size_t len);
/* A Kubernetes pod name without its generated suffix: "web-7d9f8b6c5-x2x4z" -> "web". */
void advise__pod_workload(const char *pod, char *out, size_t len);

enum advise_format { ADVISE_YAML, ADVISE_JSON, ADVISE_TEXT };
/* Prints the advice; 0, or -1 if out failed. */
int advise__print(const struct advice *a, enum advise_format f, FILE *out);

#endif /* VIGIL_ADVISE_H */
