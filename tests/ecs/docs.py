#!/usr/bin/env python3
"""docs/events.md's examples (and README's sample alert) are what vigil writes.

Every ```json block of docs/events.md must be an ECS 9.4 line
(tests/ecs/check.py). A block after a marker <!-- golden: TEST[#N] --> must
be, field for field, the N-th line (default 1) the golden test TEST of
tests/unit/detect/test_format.c writes: the formatter's exact output.

  tests/ecs/docs.py build/tests/test_format           check
  tests/ecs/docs.py build/tests/test_format --write   rewrite the golden blocks
"""
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
DOC = os.path.join(ROOT, "docs", "events.md")
README = os.path.join(ROOT, "README.md")  # its sample alert: an ECS line too
MARK = re.compile(r"^<!-- golden: (\w+)(?:#(\d+))? -->$")


def golden_lines(binary):
    """{(test, n): line} from the test's GOLDEN_PRINT output."""
    out = subprocess.run([binary], env=dict(os.environ, GOLDEN_PRINT="1"), capture_output=True, text=True)
    lines, test, n = {}, None, 0
    for text in out.stdout.splitlines():
        m = re.match(r"^\[ RUN +\] (\w+)", text)
        if m:
            test, n = m.group(1), 0
        elif text.startswith("{") and test:
            n += 1
            lines[(test, n)] = json.loads(text)
    return lines


def blocks(doc_lines):
    """(marker or None, first line index, last line index) of each json block."""
    i, marker = 0, None
    while i < len(doc_lines):
        m = MARK.match(doc_lines[i].strip())
        if m:
            marker = (m.group(1), int(m.group(2) or 1))
        elif doc_lines[i].strip() == "```json":
            end = doc_lines.index("```", i + 1)
            yield marker, i + 1, end
            marker, i = None, end
        elif doc_lines[i].strip():
            marker = None if not doc_lines[i].startswith("<!--") else marker
        i += 1


def main(argv):
    golden = golden_lines(argv[1])
    write = "--write" in argv
    doc_lines = open(DOC).read().split("\n")
    failures = checked = compared = 0
    edits = []
    for marker, start, end in blocks(doc_lines):
        text = "\n".join(doc_lines[start:end])
        try:
            doc = json.loads(text)
        except ValueError as e:
            print("FAIL docs/events.md:%d: not JSON: %s" % (start, e))
            failures += 1
            continue
        checked += 1
        for rule, detail in check.check_line(doc):
            print("FAIL docs/events.md:%d: %s" % (start, detail))
            failures += 1
        if marker:
            want = golden.get(marker)
            if want is None:
                print("FAIL docs/events.md:%d: no golden line %s#%d" % (start, *marker))
                failures += 1
            elif write:
                edits.append((start, end, json.dumps(want, indent=2, ensure_ascii=False).split("\n")))
            elif doc != want:
                print("FAIL docs/events.md:%d: differs from %s#%d (tests/ecs/docs.py --write)" % (start, *marker))
                failures += 1
            compared += 1
    for start, end, new in reversed(edits):
        doc_lines[start:end] = new
    if edits:
        open(DOC, "w").write("\n".join(doc_lines))
    readme = open(README).read().split("\n")
    for _, start, end in blocks(readme):
        checked += 1
        for rule, detail in check.check_line(json.loads("\n".join(readme[start:end]))):
            print("FAIL README.md:%d: %s" % (start, detail))
            failures += 1
    print("docs: %d examples are ECS lines, %d of them the formatters' golden lines; %d failed"
          % (checked, compared, failures))
    return 1 if failures or not compared else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
