#!/usr/bin/env python3
# Regenerates tests/ecs/ecs-fields.json, the part of the ECS specification
# tests/ecs/check.py needs, from Elastic's generated flat field list
# (ecs_flat.yml of github.com/elastic/ecs, the release's generated/ecs/
# folder). Needs PyYAML (python3-yaml); the check itself needs only python3.
#   tests/ecs/make-fixture.py ../shared/ecs/ecs_flat-9.4.0.yml 9.4.0 > tests/ecs/ecs-fields.json
import json
import sys

import yaml

src, version = sys.argv[1], sys.argv[2]
spec = yaml.safe_load(open(src))
out = {
    "ecs_version": version,
    "source": "elastic/ecs generated/ecs/ecs_flat.yml, release " + version,
    # flat name -> [type, is an array, type of the keys under an object field]
    "fields": {name: [f["type"], "array" in (f.get("normalize") or []), f.get("object_type")]
               for name, f in sorted(spec.items())},
    "allowed": {name: [v["name"] for v in spec[name]["allowed_values"]]
                for name in ("event.kind", "event.category", "event.type", "event.outcome")},
    "expected_types": {v["name"]: v["expected_event_types"]
                       for v in spec["event.category"]["allowed_values"] if "expected_event_types" in v},
}
# one field a line, so that a new ECS release reads as a diff
w = sys.stdout.write
w("{\n")
for key in ("ecs_version", "source", "allowed", "expected_types"):
    w("%s: %s,\n" % (json.dumps(key), json.dumps(out[key], sort_keys=True)))
w('"fields": {\n')
w(",\n".join("%s: %s" % (json.dumps(k), json.dumps(v)) for k, v in out["fields"].items()))
w("\n}\n}\n")
