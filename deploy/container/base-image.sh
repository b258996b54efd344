#!/usr/bin/env bash
# Builds the agent image's build stage base, vigil-build/debian:bookworm, from
# Debian's archive with debootstrap: no container registry is needed (or
# reachable here). The runtime stage starts from scratch and needs no base.
# Usage: deploy/container/base-image.sh [MIRROR]   (root; reuses an existing image)
set -euo pipefail

IMAGE=vigil-build/debian:bookworm
MIRROR=${1:-http://deb.debian.org/debian}
# What `make deps` installs, the C library headers, and the CA bundle the
# runtime stage takes for https --http sinks.
PACKAGES=$(make -s -C "$(dirname "$0")/../.." print-build-deps | tr ' ' ','),libc6-dev,ca-certificates

# An image made from another package list (an older checkout's) is rebuilt.
if [ "$(docker image inspect -f '{{index .Config.Labels "vigil.packages"}}' "$IMAGE" 2>/dev/null)" = "$PACKAGES" ]; then
	echo "$IMAGE exists"
	exit 0
fi
root=$(mktemp -d /tmp/vigil-base.XXXXXX)
trap 'rm -rf "$root"' EXIT
debootstrap --variant=minbase --include="$PACKAGES" bookworm "$root" "$MIRROR" >"$root.log" 2>&1 ||
	{ tail -20 "$root.log" >&2; echo "debootstrap failed (log: $root.log)" >&2; exit 1; }
rm -f "$root.log"
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
tar -C "$root" -c . | docker import --change "LABEL vigil.packages=$PACKAGES" - "$IMAGE" >/dev/null
echo "built $IMAGE"
