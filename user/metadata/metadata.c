// SPDX-License-Identifier: GPL-2.0
/*
 * The metadata cache and its worker thread. The event loop takes the lock
 * for a hash lookup or an insert, and at most once per container waits on
 * it for a lookup under way (metadata__lock); the lookups themselves (a
 * socket round trip) happen in the worker, outside the lock.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <curl/curl.h>
#include <uthash.h>
#include "cgroup.h"
#include "containerd_api.h"
#include "containers_storage.h"
#include "docker_api.h"
#include "log.h"
#include "metadata.h"

#define RETRY_AFTER_S 10 /* a failed lookup is tried again when wanted after this */

enum meta_state { META_PENDING, META_READY, META_FAILED };

struct meta_entry {
	char id[CONTAINER_ID_MAX + 1];
	unsigned int sources; /* enum meta_source bits */
	enum meta_state state;
	bool waited; /* an alert already waited for this lookup */
	time_t failed_at;
	struct container_meta meta;
	struct meta_entry *next_queued;
	UT_hash_handle hh;
};

enum meta_source {
	SRC_CONTAINERD = 1 << 0, /* containerd's gRPC API */
	SRC_DOCKER = 1 << 1,	 /* the Docker Engine API */
	SRC_STORAGE = 1 << 2,	 /* containers/storage files */
};

/* Who keeps what about a container, by the runtime its cgroup names; tried in the order above. */
static const struct {
	const char *runtime;
	unsigned int sources;
} runtime_sources[] = {
	{ "docker", SRC_DOCKER },
	{ "containerd", SRC_CONTAINERD },
	{ "cri", SRC_CONTAINERD | SRC_DOCKER }, /* a kubepods cgroup: containerd's or cri-dockerd's */
	{ "cri-o", SRC_STORAGE },
	{ "podman", SRC_STORAGE },
};

static unsigned int sources_of(const char *runtime)
{
	unsigned int i;

	for (i = 0; i < sizeof(runtime_sources) / sizeof(runtime_sources[0]); i++)
		if (!strcmp(runtime, runtime_sources[i].runtime))
			return runtime_sources[i].sources;
	return 0;
}

static int ask(const struct metadata_sources *src, unsigned int source, const char *id, struct container_meta *out)
{
	switch (source) {
	case SRC_CONTAINERD: return containerd_api__inspect(src->containerd_socket, id, out);
	case SRC_DOCKER:
		/* the engine holds a container's lock while it starts it: its inspect answers after the entrypoint ran */
		if (!docker_api__read_config(src->docker_root, id, out))
			return 0;
		return docker_api__inspect(src->docker_socket, id, out);
	default: return containers_storage__inspect(src->storage_root, id, out);
	}
}

/* The first source that knows the container answers; a failed one leaves nothing behind. */
static int lookup(struct metadata *md, const char *id, unsigned int sources, struct container_meta *out)
{
	unsigned int source;
	int err = -ENOENT;

	memset(out, 0, sizeof(*out));
	for (source = SRC_CONTAINERD; source <= SRC_STORAGE && err; source <<= 1) {
		if (!(sources & source))
			continue;
		container_meta__free(out);
		err = ask(&md->src, source, id, out);
	}
	return err;
}

static bool retry_due(const struct meta_entry *e)
{
	return e->state == META_FAILED && time(NULL) - e->failed_at >= RETRY_AFTER_S;
}

/* Takes the next queued entry; NULL when stopping. Called and returns with the lock held. */
static struct meta_entry *next_request(struct metadata *md)
{
	struct meta_entry *e;

	while (!md->queue && !md->stopping)
		pthread_cond_wait(&md->wake, &md->lock);
	if (md->stopping)
		return NULL;
	e = md->queue;
	md->queue = e->next_queued;
	e->next_queued = NULL;
	return e;
}

static void *worker(void *arg)
{
	struct metadata *md = arg;
	struct container_meta found;
	char id[CONTAINER_ID_MAX + 1];
	unsigned int sources;
	struct meta_entry *e;
	int err;

	pthread_mutex_lock(&md->lock);
	while ((e = next_request(md))) {
		/* the entry may be forgotten while we look: work on a copy of its id */
		snprintf(id, sizeof(id), "%s", e->id);
		sources = e->sources;
		pthread_mutex_unlock(&md->lock);
		err = lookup(md, id, sources, &found);
		pthread_mutex_lock(&md->lock);
		md->lookups++;
		HASH_FIND_STR(md->by_id, id, e);
		if (md->on_lookup && e)
			md->on_lookup(md->on_lookup_ctx, id, err ? NULL : &found);
		if (err) {
			md->lookup_failures++;
			container_meta__free(&found);
			if (e) {
				e->state = META_FAILED;
				e->failed_at = time(NULL);
			}
		} else if (e && e->state == META_PENDING) {
			e->meta = found;
			e->state = META_READY;
			md->engine_slow = false;
		} else {
			container_meta__free(&found);
		}
		pthread_cond_broadcast(&md->done);
	}
	pthread_mutex_unlock(&md->lock);
	return NULL;
}

void metadata__on_lookup(struct metadata *md, void (*fn)(void *, const char *, const struct container_meta *),
			 void *ctx)
{
	md->on_lookup = fn;
	md->on_lookup_ctx = ctx;
}

int metadata__start(struct metadata *md, const struct metadata_sources *src)
{
	pthread_condattr_t monotonic;
	int err;

	void (*on_lookup)(void *, const char *, const struct container_meta *) = md->on_lookup;
	void *on_lookup_ctx = md->on_lookup_ctx;

	memset(md, 0, sizeof(*md));
	md->src = *src;
	md->on_lookup = on_lookup; /* set before start (metadata__on_lookup) */
	md->on_lookup_ctx = on_lookup_ctx;
	if (curl_global_init(CURL_GLOBAL_NOTHING))
		return log_err(-EINVAL, "libcurl initialisation failed");
	pthread_mutex_init(&md->lock, NULL);
	pthread_cond_init(&md->wake, NULL);
	pthread_condattr_init(&monotonic);
	pthread_condattr_setclock(&monotonic, CLOCK_MONOTONIC);
	pthread_cond_init(&md->done, &monotonic);
	pthread_condattr_destroy(&monotonic);
	err = pthread_create(&md->worker, NULL, worker, md);
	if (err)
		return log_err(-err, "metadata worker thread: %s", strerror(err));
	md->started = true;
	return 0;
}

void metadata__stop(struct metadata *md)
{
	struct meta_entry *e, *tmp;

	if (!md->started)
		return;
	pthread_mutex_lock(&md->lock);
	md->stopping = true;
	pthread_cond_signal(&md->wake);
	pthread_mutex_unlock(&md->lock);
	pthread_join(md->worker, NULL);
	HASH_ITER (hh, md->by_id, e, tmp) {
		HASH_DEL(md->by_id, e);
		container_meta__free(&e->meta);
		free(e);
	}
	pthread_mutex_destroy(&md->lock);
	pthread_cond_destroy(&md->wake);
	pthread_cond_destroy(&md->done);
	curl_global_cleanup();
	md->started = false;
}

static void enqueue(struct metadata *md, struct meta_entry *e)
{
	struct meta_entry **tail = &md->queue;

	while (*tail)
		tail = &(*tail)->next_queued;
	*tail = e;
	e->state = META_PENDING;
	pthread_cond_signal(&md->wake);
}

void metadata__want(struct metadata *md, const char *id, const char *runtime)
{
	unsigned int sources = sources_of(runtime);
	struct meta_entry *e;

	if (!md || !md->started || !sources) /* no source: alerts carry the id alone */
		return;
	pthread_mutex_lock(&md->lock);
	HASH_FIND_STR(md->by_id, id, e);
	if (!e) {
		e = calloc(1, sizeof(*e));
		if (e) {
			snprintf(e->id, sizeof(e->id), "%s", id);
			e->sources = sources;
			HASH_ADD_STR(md->by_id, id, e);
			enqueue(md, e);
		}
	} else if (retry_due(e)) {
		enqueue(md, e);
	}
	pthread_mutex_unlock(&md->lock);
}

void metadata__forget(struct metadata *md, const char *id)
{
	struct meta_entry *e, **q;

	if (!md || !md->started)
		return;
	pthread_mutex_lock(&md->lock);
	HASH_FIND_STR(md->by_id, id, e);
	if (e) {
		for (q = &md->queue; *q; q = &(*q)->next_queued)
			if (*q == e) {
				*q = e->next_queued;
				break;
			}
		HASH_DEL(md->by_id, e);
		container_meta__free(&e->meta);
		free(e);
	}
	pthread_mutex_unlock(&md->lock);
}

/* Called with the lock held; forget() runs on this thread only, so e stays valid. */
static void wait_for_lookup(struct metadata *md, struct meta_entry *e)
{
	struct timespec deadline;

	if (e->state != META_PENDING || e->waited || md->engine_slow)
		return;
	e->waited = true;
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_nsec += META_WAIT_MS * 1000000L;
	if (deadline.tv_nsec >= 1000000000L) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000L;
	}
	while (e->state == META_PENDING)
		if (pthread_cond_timedwait(&md->done, &md->lock, &deadline) == ETIMEDOUT)
			break;
	if (e->state == META_PENDING)
		md->engine_slow = true;
}

const struct container_meta *metadata__lock(struct metadata *md, const char *id)
{
	struct meta_entry *e;

	if (!md || !md->started)
		return NULL;
	pthread_mutex_lock(&md->lock);
	HASH_FIND_STR(md->by_id, id, e);
	if (e)
		wait_for_lookup(md, e);
	if (e && e->state == META_READY)
		return &e->meta;
	/* failed a while ago: try again, the engine may be back */
	if (e && retry_due(e))
		enqueue(md, e);
	pthread_mutex_unlock(&md->lock);
	return NULL;
}

void metadata__unlock(struct metadata *md)
{
	pthread_mutex_unlock(&md->lock);
}

void metadata__counters(struct metadata *md, uint64_t *lookups, uint64_t *failures)
{
	*lookups = *failures = 0;
	if (!md->started)
		return;
	pthread_mutex_lock(&md->lock);
	*lookups = md->lookups;
	*failures = md->lookup_failures;
	pthread_mutex_unlock(&md->lock);
}
