#!/usr/bin/env python3
"""tests/ecs/check.py against lines made to break each of its rules (run by tests/run-unit.sh)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check  # noqa: E402

GOOD = {"@timestamp": "2026-12-05T12:00:00.000001234Z", "ecs": {"version": "9.4.0"},
        "event": {"kind": "alert", "category": ["file", "intrusion_detection"], "type": ["deletion", "denied"],
                  "outcome": "failure"},
        "process": {"pid": 1, "user": {"id": "0"}}, "container": {"labels": {"a_b": "x"}},
        "vigil": {"anything": {"goes": [1, "x"]}}}


def rules(doc):
    return sorted(r for r, _ in check.check_line(doc))


def variant(path, value):
    import copy
    doc = copy.deepcopy(GOOD)
    d = doc
    for k in path[:-1]:
        d = d.setdefault(k, {})
    if value is None:
        del d[path[-1]]
    else:
        d[path[-1]] = value
    return doc


CASES = [
    (GOOD, []),
    (variant(["capability"], {"name": "CAP_CHOWN"}), ["not-ecs capability.name"]),
    (variant(["process", "pid"], "1"), ["type process.pid"]),
    (variant(["process", "user", "id"], 0), ["type process.user.id"]),
    (variant(["@timestamp"], "yesterday"), ["type @timestamp"]),
    (variant(["event", "category"], "file"), ["not-array event.category", "combination file/denied"]),
    (variant(["event", "category"], ["file"]), ["combination file/denied"]),
    (variant(["event", "kind"], "news"), ["value event.kind"]),
    (variant(["event", "outcome"], "maybe"), ["value event.outcome"]),
    (variant(["ecs"], None), ["required ecs.version"]),
    (variant(["container", "labels"], {"a": {"b": "x"}}), ["object-key-nests container.labels"]),
    (variant(["container", "labels"], {"com.docker.compose.project": "x"}), ["object-key-nests container.labels"]),
]

failed = 0
for doc, want in CASES:
    got = rules(doc)
    if got != sorted(want):
        failed += 1
        print("FAIL check.py: want %s, got %s for %s" % (want, got, doc))
print("ecs selftest: %d cases, %d failed" % (len(CASES), failed))
sys.exit(1 if failed else 0)
