#!/usr/bin/env bash
# The README's first command on a pristine Debian 12 root: a minimal
# bookworm made by debootstrap (cached between runs, keyed by what makes
# it), this tree copied in, then in a chroot
#     apt-get update && apt-get install -y make && make deps
# and the agent built there started for a few seconds: it must print
# agent-start (a chroot shares this kernel). A build dependency that only a
# hand-tuned machine has fails here instead of for a user.
# The mirrors are this host's own (its apt sources), so the root gets the
# packages a user of this machine would.
set -euo pipefail
cd "$(dirname "$0")/../.."
CACHE=${FRESH_CACHE:-/var/cache/vigil-fresh}
SOURCES=/etc/apt/sources.list.d/debian.sources
ROOT=build/fresh-root

die() { echo "FAIL fresh: $*"; echo "fresh: 0 passed, 1 failed"; exit 1; }

mirror() { # the host's first Debian mirror
	if [ -f "$SOURCES" ]; then
		awk '/^URIs:/ { print $2; exit }' "$SOURCES"
	else
		awk '$1 == "deb" { print $2; exit }' /etc/apt/sources.list
	fi
}

cleanup() {
	local m
	for m in dev/pts dev proc sys/fs/bpf sys/kernel/tracing sys/kernel/security sys/fs/cgroup/unified sys/fs/cgroup sys \
		var/cache/apt/archives; do
		mountpoint -q "$ROOT/$m" 2>/dev/null && umount -l "$ROOT/$m" || true
	done
}
trap cleanup EXIT

command -v debootstrap >/dev/null || die "debootstrap missing (make test-deps)"
MIRROR=$(mirror)
[ -n "$MIRROR" ] || die "no Debian mirror in this host's apt sources"
key=$( (echo "bookworm minbase $MIRROR"; debootstrap --version) | sha256sum | cut -c1-16)
tarball=$CACHE/bookworm-minbase-$key.tar.gz
mkdir -p "$CACHE"
cleanup
rm -rf "$ROOT"
mkdir -p "$ROOT"
if [ ! -f "$tarball" ]; then
	echo "# debootstrap bookworm (minbase) from $MIRROR, cached as $tarball"
	debootstrap --variant=minbase bookworm "$ROOT" "$MIRROR" >build/fresh-debootstrap.log 2>&1 ||
		{ tail -5 build/fresh-debootstrap.log; die "debootstrap failed"; }
	tar -C "$ROOT" -czf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
else
	tar -C "$ROOT" -xzf "$tarball"
fi

# The tree as committed and as changed now (untracked files included, build/ not).
mkdir -p "$ROOT/src/vigil"
git ls-files -co --exclude-standard -z | tar --null -T - -c | tar -C "$ROOT/src/vigil" -x
[ -f "$SOURCES" ] && cp "$SOURCES" "$ROOT/etc/apt/sources.list.d/" && rm -f "$ROOT/etc/apt/sources.list"
cp /etc/resolv.conf "$ROOT/etc/resolv.conf" 2>/dev/null || true

mount --rbind /dev "$ROOT/dev"
mount -t proc proc "$ROOT/proc"
mount --rbind /sys "$ROOT/sys"	# cgroups, BTF, bpffs, tracefs: the agent's kernel interfaces
# The host's downloaded packages: the same versions need no second download.
mount --bind /var/cache/apt/archives "$ROOT/var/cache/apt/archives"

cat >"$ROOT/fresh.sh" <<'SCRIPT'
set -e
export DEBIAN_FRONTEND=noninteractive
cd /src/vigil
apt-get update -qq && apt-get install -y -qq make >/dev/null && make deps >/dev/null && make >/dev/null
echo "built: $(./build/vigil --version)"
rc=0
timeout --preserve-status -s INT 10 ./build/vigil --no-metadata --output /tmp/stream.json 2>/tmp/stream.err || rc=$?
echo "agent exit: $rc"
cat /tmp/stream.err
head -c 2000 /tmp/stream.json
SCRIPT
echo "# README's first command in a fresh bookworm root"
start=$(date +%s)
if ! chroot "$ROOT" /bin/bash /fresh.sh >build/fresh.log 2>&1; then
	tail -20 build/fresh.log
	die "apt-get, make deps or the build failed in a fresh root (log: build/fresh.log)"
fi
grep -q '"action":"agent-start"' build/fresh.log || { tail -20 build/fresh.log; die "no agent-start from the fresh build"; }
grep -q '^agent exit: 0$' build/fresh.log || { tail -20 build/fresh.log; die "the agent did not exit 0 on SIGINT"; }
echo "ok   fresh: make deps and make in a pristine bookworm root, agent-start in $(($(date +%s) - start)) s"
echo "fresh: 1 passed, 0 failed"
