#!/usr/bin/env bash
# Builds the agent image's build stage base, vigil-build/debian:bookworm, from
# Debian's archive with debootstrap: no container registry is needed (or
# reachable here). The runtime stage starts from scratch and needs no base.
# Usage: deploy/container/base-image.sh [MIRROR]   (root; reuses an existing image)
set -euo pipefail

IMAGE=vigil-build/debian:bookworm
MIRROR=${1:-http://deb.debian.org/debian}
# What `make deps` installs, plus the C library headers.
PACKAGES=clang,llvm,bpftool,libbpf-dev,libelf-dev,zlib1g-dev,uthash-dev,libcurl4-openssl-dev,libjson-c-dev
PACKAGES=$PACKAGES,libprotobuf-c-dev,protobuf-c-compiler,libmicrohttpd-dev,make,gcc,libc6-dev,pkg-config
# the CA bundle the runtime stage takes for https --http sinks
PACKAGES=$PACKAGES,ca-certificates

if docker image inspect "$IMAGE" >/dev/null 2>&1; then
	echo "$IMAGE exists"
	exit 0
fi
root=$(mktemp -d /tmp/vigil-base.XXXXXX)
trap 'rm -rf "$root"' EXIT
debootstrap --variant=minbase --include="$PACKAGES" bookworm "$root" "$MIRROR" >"$root.log" 2>&1 ||
	{ tail -20 "$root.log" >&2; echo "debootstrap failed (log: $root.log)" >&2; exit 1; }
rm -f "$root.log"
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
tar -C "$root" -c . | docker import - "$IMAGE" >/dev/null
echo "built $IMAGE"
