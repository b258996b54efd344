// SPDX-License-Identifier: GPL-2.0
#include "output_config.h"
#include "log.h"
#include "output.h"

struct output_sink {
	struct sink *sink;
	uint64_t drops_reported;
};

static struct output_sink sinks[OUTPUT_MAX_SINKS + 1];
static unsigned int nsinks;

static int add(struct sink *s)
{
	if (!s)
		return -1;
	sinks[nsinks++].sink = s;
	return 0;
}

int output__open(const struct output_config *o)
{
	size_t queue_bytes = (size_t)o->queue_mb << 20;
	unsigned int i;

	if (o->output || (!o->nsyslog && !o->nhttp))
		if (add(sink_file__open(o->output)))
			goto fail;
	for (i = 0; i < o->nsyslog; i++)
		if (add(sink_syslog__open(o->syslog[i], &o->syslog_target[i], queue_bytes)))
			goto fail;
	for (i = 0; i < o->nhttp; i++)
		if (add(sink_http__open(o->http[i], queue_bytes)))
			goto fail;
	return 0;
fail:
	output__close();
	return -1;
}

int output__start(void)
{
	unsigned int i;

	for (i = 0; i < nsinks; i++)
		if (sinks[i].sink->ops->start && sinks[i].sink->ops->start(sinks[i].sink))
			return -1;
	return 0;
}

bool output__line(const struct line_tag *tag, const char *line, size_t len)
{
	bool ok = true;
	unsigned int i;

	for (i = 0; i < nsinks; i++)
		ok &= sinks[i].sink->ops->line(sinks[i].sink, tag, line, len);
	return ok;
}

bool output__flush(void)
{
	bool ok = true;
	unsigned int i;

	for (i = 0; i < nsinks; i++)
		ok &= sinks[i].sink->ops->flush(sinks[i].sink);
	return ok;
}

void output__reopen(void)
{
	unsigned int i;

	for (i = 0; i < nsinks; i++)
		sinks[i].sink->ops->reopen(sinks[i].sink);
}

void output__close(void)
{
	while (nsinks) {
		struct sink *s = sinks[--nsinks].sink;

		s->ops->close(s);
	}
}

unsigned int output__count(void)
{
	return nsinks;
}

const char *output__name(unsigned int i)
{
	return sinks[i].sink->name;
}

void output__stats(unsigned int i, struct sink_stats *st)
{
	sinks[i].sink->ops->stats(sinks[i].sink, st);
}

uint64_t output__new_drops(unsigned int i, uint64_t *total)
{
	struct sink_stats st;
	uint64_t fresh;

	output__stats(i, &st);
	fresh = st.dropped - sinks[i].drops_reported;
	sinks[i].drops_reported = st.dropped;
	*total = st.dropped;
	return fresh;
}
