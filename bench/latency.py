#!/usr/bin/env python3
"""Reads vigil's stream on stdin; for each rootfs-write alert whose file.path
starts with argv[1], the time from the alert's @timestamp (when the kernel saw
the write) to the line's arrival here. Prints count, p50, p99 and max."""
import json
import sys
import time
from datetime import datetime, timezone


def epoch_ns(ts):
    # "2026-11-23T05:53:45.583352536Z": whole seconds, then nanoseconds
    whole, frac = ts.rstrip("Z").split(".")
    sec = datetime.strptime(whole, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=timezone.utc).timestamp()
    return int(sec) * 1_000_000_000 + int(frac.ljust(9, "0")[:9])


def main():
    prefix = sys.argv[1]
    lat = []
    for line in sys.stdin:
        arrived = time.time_ns()
        if '"rootfs-write"' not in line:
            continue
        ev = json.loads(line)
        if ev.get("file", {}).get("path", "").startswith(prefix):
            lat.append(arrived - epoch_ns(ev["@timestamp"]))
    if not lat:
        print("latency: no events")
        return 1
    lat.sort()
    pick = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] / 1e6
    print(f"latency from the write to the JSON line ({len(lat)} events, ~10k/s): "
          f"p50 {pick(0.50):.2f} ms, p99 {pick(0.99):.2f} ms, max {lat[-1] / 1e6:.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
