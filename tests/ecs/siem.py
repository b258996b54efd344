#!/usr/bin/env python3
"""deploy/siem/ says what vigil writes.

- Every vigil.* field in the given streams (files or directories of JSON
  lines) and in docs/events.md's examples is mapped by
  deploy/siem/elasticsearch/vigil@mappings.json with a type that takes its
  values; the component template maps nothing outside vigil.* (ECS's
  fields come from ecs@mappings, which the index template composes).
- The index template composes both, for the logs-vigil-* data streams.
- vector.yaml and fluent-bit.yaml parse, receive NDJSON over HTTP and write
  to that data stream without indexing a retried batch twice.

  tests/ecs/siem.py STREAM...
"""
import json
import os
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
SIEM = os.path.join(ROOT, "deploy", "siem")
sys.path.insert(0, HERE)
import check  # noqa: E402
import docs  # noqa: E402

TAKES = {  # mapping type -> what a JSON value of it may be
    "keyword": lambda v: isinstance(v, str),
    "long": lambda v: isinstance(v, int) and not isinstance(v, bool) and -2**63 <= v < 2**63,
    "unsigned_long": lambda v: isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 2**64,
    "boolean": lambda v: isinstance(v, bool),
}
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL " + msg)


def mapped_leaves(props, prefix=""):
    for name, m in props.items():
        if "properties" in m:
            yield from mapped_leaves(m["properties"], prefix + name + ".")
        else:
            yield prefix + name, m["type"]


def vigil_fields(doc):
    for name, v in check.flatten(doc):
        if name.startswith("vigil."):
            yield name, v


def lines_of(paths):
    for path in check.files_of(paths):
        for text in open(path, errors="replace"):
            if text.strip():
                yield path, json.loads(text)


def docs_examples():
    doc_lines = open(docs.DOC).read().split("\n")
    for _, start, end in docs.blocks(doc_lines):
        yield "docs/events.md:%d" % start, json.loads("\n".join(doc_lines[start:end]))


def main(argv):
    comp = json.load(open(os.path.join(SIEM, "elasticsearch", "vigil@mappings.json")))
    tmpl = json.load(open(os.path.join(SIEM, "elasticsearch", "logs-vigil.json")))
    props = comp["template"]["mappings"]["properties"]
    if set(props) != {"vigil"}:
        fail("vigil@mappings maps fields outside vigil.*: %s" % sorted(set(props) - {"vigil"}))
    mapping = dict(mapped_leaves(props))
    for name, t in mapping.items():
        if t not in TAKES:
            fail("vigil@mappings: %s has type %s, which this check does not know" % (name, t))
    if tmpl.get("composed_of") != ["ecs@mappings", "vigil@mappings"] or "data_stream" not in tmpl \
            or tmpl.get("index_patterns") != ["logs-vigil-*"]:
        fail("logs-vigil: not a logs-vigil-* data stream template composed of ecs@mappings and vigil@mappings")

    seen, unmapped, lines = {}, set(), 0
    sources = list(lines_of(argv[1:])) + list(docs_examples())
    for where, doc in sources:
        lines += 1
        for name, v in vigil_fields(doc):
            seen.setdefault(name, where)
            t = mapping.get(name)
            values = v if isinstance(v, list) else [v]
            if t is None:
                if name not in unmapped:
                    fail("%s: %s is not mapped in vigil@mappings" % (where, name))
                    unmapped.add(name)
            elif not all(TAKES[t](x) for x in values):
                fail("%s: %s is %s in vigil@mappings, got %s" % (where, name, t, json.dumps(v)[:80]))

    vector = yaml.safe_load(open(os.path.join(SIEM, "vector.yaml")))
    src = vector["sources"]["vigil"]
    sink = vector["sinks"]["elasticsearch"]
    if src["type"] != "http_server" or src["decoding"]["codec"] != "json" \
            or src["framing"]["method"] != "newline_delimited":
        fail("vector.yaml: the source is not an http_server taking NDJSON")
    if sink["type"] != "elasticsearch" or sink["inputs"] != ["vigil"] or sink["mode"] != "data_stream" \
            or sink["data_stream"] != {"type": "logs", "dataset": "vigil", "namespace": "default"} \
            or sink.get("id_key") != "event.id":
        fail("vector.yaml: the sink does not write logs-vigil-default with event.id as the document id")

    fb = yaml.safe_load(open(os.path.join(SIEM, "fluent-bit.yaml")))["pipeline"]
    inp, out = fb["inputs"][0], fb["outputs"][0]
    if inp["name"] != "http" or out["name"] != "es" or out["match"] != inp["tag"] \
            or out["index"] != "logs-vigil-default" or out["write_operation"] != "create" \
            or out.get("generate_id") is not True or out.get("time_key") == "@timestamp":
        fail("fluent-bit.yaml: not http into logs-vigil-default, created once, keeping vigil's @timestamp")

    unused = sorted(set(mapping) - set(seen))
    print("siem: %d lines, %d vigil.* fields seen, all mapped: %s; mapped but not seen here: %d (%s)"
          % (lines, len(seen), "yes" if not failures else "NO", len(unused), ", ".join(unused[:8])))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
