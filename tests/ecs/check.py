#!/usr/bin/env python3
"""Checks vigil's stream against ECS (tests/ecs/ecs-fields.json, see make-fixture.py).

Every line must be a JSON object whose every field is an ECS field with its
ECS type (keyword -> string, long -> integer, date -> RFC 3339, boolean,
an array where ECS normalizes the field to one), or sits under vigil.*;
event.kind/category/type/outcome take ECS's allowed values, each event.type
one its categories expect; ecs.version and @timestamp are on every line.

  tests/ecs/check.py FILE_OR_DIR...

Directories are searched for *.json and *.jsonl files. Prints the first
line breaking each rule. Exit status: 0 when every line passes, 1 otherwise.
"""
import ipaddress
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC = json.load(open(os.path.join(HERE, "ecs-fields.json")))
FIELDS = SPEC["fields"]
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?(Z|[+-]\d\d:\d\d)$")
STRING_TYPES = {"keyword", "wildcard", "constant_keyword", "match_only_text", "text"}


def value_ok(ecs_type, v):
    """Whether one (scalar) value fits the ECS type."""
    if ecs_type in STRING_TYPES:
        return isinstance(v, str)
    if ecs_type in ("long", "integer", "short", "byte", "unsigned_long"):
        return isinstance(v, int) and not isinstance(v, bool)
    if ecs_type in ("float", "double", "scaled_float", "half_float"):
        return isinstance(v, (int, float)) and not isinstance(v, bool)
    if ecs_type == "boolean":
        return isinstance(v, bool)
    if ecs_type == "date":
        return isinstance(v, str) and RFC3339.match(v) is not None
    if ecs_type == "ip":
        try:
            ipaddress.ip_address(v)
            return True
        except (ValueError, TypeError):
            return False
    return True  # geo_point, flattened, ...: not checked further


def flatten(obj, prefix=""):
    """(flat name, value) for each leaf; arrays of scalars stay one value."""
    for k, v in obj.items():
        name = prefix + k
        if isinstance(v, dict) and v:
            yield from flatten(v, name + ".")
        else:
            yield name, v


def object_parent(name):
    """The ECS object field (container.labels) a name sits under, if any."""
    parts = name.split(".")
    for i in range(len(parts) - 1, 0, -1):
        parent = ".".join(parts[:i])
        f = FIELDS.get(parent)
        if f and f[0] in ("object", "flattened"):
            return parent, f
    return None, None


def check_field(name, v):
    """Rules a field breaks, as (rule, detail)."""
    if name.startswith("vigil."):
        return []
    f = FIELDS.get(name)
    if f is None:
        parent, pf = object_parent(name)
        if parent is None:
            return [("not-ecs " + name, "not an ECS field and not under vigil.*")]
        ecs_type, is_array = pf[2] or "keyword", False
        # a dotted key ("a.b") is an object path to Elasticsearch, as a nested object is
        if "." in name[len(parent) + 1:] or isinstance(v, dict):
            return [("object-key-nests " + parent, "a key under %s is an object path: %s" % (parent, name))]
    else:
        ecs_type, is_array = f[0], f[1]
        if ecs_type in ("object", "flattened", "nested"):
            return []
    values = v if isinstance(v, list) else [v]
    if is_array and not isinstance(v, list):
        return [("not-array " + name, "ECS normalizes %s to an array" % name)]
    bad = [x for x in values if not value_ok(ecs_type, x)]
    if bad:
        return [("type " + name, "%s is %s in ECS, got %s" % (name, ecs_type, json.dumps(bad[0])))]
    return []


def check_categorization(doc):
    ev = doc.get("event") or {}
    allowed, out = SPEC["allowed"], []
    for key in ("kind", "outcome"):
        if key in ev and ev[key] not in allowed["event." + key]:
            out.append(("value event.%s" % key, "event.%s %s is not an ECS allowed value" % (key, ev[key])))
    cats, types = ev.get("category") or [], ev.get("type") or []
    cats = cats if isinstance(cats, list) else [cats]
    types = types if isinstance(types, list) else [types]
    for c in cats:
        if c not in allowed["event.category"]:
            out.append(("value event.category", "%s is not an ECS category" % c))
    for t in types:
        if t not in allowed["event.type"]:
            out.append(("value event.type", "%s is not an ECS type" % t))
        elif cats and not any(t in SPEC["expected_types"].get(c, []) for c in cats):
            out.append(("combination %s/%s" % ("+".join(cats), t),
                        "event.type %s is not expected with event.category %s" % (t, cats)))
    return out


def check_line(doc):
    if not isinstance(doc, dict):
        return [("not-object", "a line is not a JSON object")]
    out = []
    for name, v in flatten(doc):
        out += check_field(name, v)
    out += check_categorization(doc)
    if not (doc.get("ecs") or {}).get("version"):
        out.append(("required ecs.version", "ecs.version is required on every event"))
    if "@timestamp" not in doc:
        out.append(("required @timestamp", "@timestamp is required on every event"))
    return out


def files_of(paths):
    for p in paths:
        if os.path.isdir(p):
            for root, _, names in os.walk(p):
                for n in sorted(names):
                    if n.endswith((".json", ".jsonl")):
                        yield os.path.join(root, n)
        else:
            yield p


def main(argv):
    lines = failures = 0
    first = {}
    for path in files_of(argv[1:]):
        for n, text in enumerate(open(path, errors="replace"), 1):
            if not text.strip():
                continue
            lines += 1
            try:
                doc = json.loads(text)
            except ValueError as e:
                problems = [("not-json", "%s" % e)]
            else:
                problems = check_line(doc)
            for rule, detail in problems:
                failures += 1
                first.setdefault(rule, "%s:%d: %s" % (path, n, detail))
    for rule, where in sorted(first.items()):
        print("FAIL %s\n     %s" % (rule, where))
    print("ecs: %d lines, %d violations of %d rules, ECS %s" % (lines, failures, len(first), SPEC["ecs_version"]))
    if not lines:
        print("FAIL no line to check")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
