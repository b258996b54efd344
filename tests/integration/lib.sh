# shellcheck shell=bash
# Helpers for the integration tests: a real dockerd, a locally imported
# busybox image, and vigil started and stopped around each test.

VIGIL=${VIGIL:-$PWD/build/vigil}
IMAGE=vigil-test/busybox:latest
WORK=${WORK:-$(mktemp -d /tmp/vigil-it.XXXXXX)}

die() { echo "integration: $*" >&2; exit 1; }
# skip REASON: this test cannot run here; the runner counts and names it (never a pass).
skip() { echo "$*"; exit 77; }

# start_daemon NAME PROBE... -- COMMAND...: run COMMAND detached unless PROBE
# already succeeds, then wait up to 30 s for PROBE.
start_daemon() {
	local name=$1 probe=() _
	shift
	while [ "$1" != -- ]; do probe+=("$1"); shift; done
	shift
	"${probe[@]}" >/dev/null 2>&1 && return 0
	echo "# starting $name"
	(setsid "$@" >"$WORK/$name.log" 2>&1 &)
	for _ in $(seq 1 60); do
		"${probe[@]}" >/dev/null 2>&1 && return 0
		sleep 0.5
	done
	tail -20 "$WORK/$name.log" >&2
	die "$name did not start"
}

# One containerd for Docker and for ctr/CRI tests alike. dockerd would pick
# up /run/containerd/containerd.sock on its own if the file exists, and fail
# outright when that is a stale socket a killed containerd left behind; so
# containerd is started first (it replaces a stale socket) and named.
CONTAINERD_SOCK=/run/containerd/containerd.sock
ensure_dockerd() {
	start_daemon containerd ctr --address "$CONTAINERD_SOCK" version -- containerd
	start_daemon dockerd docker info -- dockerd --iptables=false --ip6tables=false \
		--bridge=none --containerd="$CONTAINERD_SOCK"
}

# busybox-static plus the probe helper; /usr/bin/probe-suid is set-uid root, /usr/bin/python3 a
# stand-in interpreter.
build_image() {
	local root="$WORK/rootfs" a
	rm -rf "$root"
	mkdir -p "$root"/{bin,etc,tmp,proc,sys,dev,mnt,data,usr/bin}
	cp /bin/busybox "$root/bin/"
	for a in $("$root/bin/busybox" --list); do
		[ -e "$root/bin/$a" ] || ln -s busybox "$root/bin/$a"
	done
	gcc -static -O2 -Wall -Wextra -Werror -o "$root/usr/bin/probe" tests/helpers/probe.c
	cp "$root/usr/bin/probe" "$root/usr/bin/probe-suid"
	cp "$root/usr/bin/probe" "$root/usr/bin/python3" # a stand-in interpreter (probe.c)
	chmod 4755 "$root/usr/bin/probe-suid"
	printf 'root:x:0:0:root:/root:/bin/sh\nuser:x:1000:1000::/tmp:/bin/sh\n' >"$root/etc/passwd"
	printf 'root:x:0:\nuser:x:1000:\n' >"$root/etc/group"
	echo vigil >"$root/etc/motd"
	echo vigil >"$root/etc/issue"
	chmod 1777 "$root/tmp"
	tar -C "$root" -c . | docker import - "$IMAGE" >/dev/null
}

# wait_for_start FILE [TENTHS]: up to TENTHS/10 s (default 10 s) for agent-start in FILE,
# returning early, and failing, if $VIGIL_PID exits first.
wait_for_start() {
	for _ in $(seq 1 "${2:-100}"); do
		grep -q '"agent-start"' "$1" 2>/dev/null && return 0
		kill -0 "${VIGIL_PID:-$$}" 2>/dev/null || break
		sleep 0.1
	done
	grep -q '"agent-start"' "$1" 2>/dev/null
}

# vigil_start [vigil args...]: waits for agent-start.
# The suite's agents start under the seccomp profile the agent image and the
# DaemonSet ship (deploy/seccomp/vigil.json, applied as runc would by
# build/tests/seccomp_exec): a system call missing from
# deploy/seccomp/vigil.syscalls fails the test that needs it. AGENT_PROFILE=
# (empty) starts one without (a control); stand-ins run without.
AGENT_PROFILE=${AGENT_PROFILE-$PWD/deploy/seccomp/vigil.json}

vigil_start() {
	local under=()
	OUT="$WORK/$TEST.json"
	: >"$OUT"
	[ -z "$AGENT_PROFILE" ] || [ "$VIGIL" != "$PWD/build/vigil" ] ||
		under=("$PWD/build/tests/seccomp_exec" "$AGENT_PROFILE")
	"${under[@]}" "$VIGIL" --output "$OUT" "$@" 2>"$WORK/$TEST.stderr" &
	VIGIL_PID=$!
	wait_for_start "$OUT" && return 0
	cat "$WORK/$TEST.stderr" >&2
	die "vigil did not start"
}

# vigil_stop: SIGTERM, exit 0, agent-stop as the last line.
vigil_stop() {
	local rc=0
	kill -TERM "$VIGIL_PID"
	wait "$VIGIL_PID" || rc=$?
	[ "$rc" = 0 ] || { cat "$WORK/$TEST.stderr" >&2; die "vigil exited $rc"; }
	tail -1 "$OUT" | json_ok '.event.action == "agent-stop"' >/dev/null || die "last line is not agent-stop"
	jq -c . "$OUT" >/dev/null || die "invalid JSON in the stream"
}

# run_ctr NAME [docker run args...] -- runs a container to completion, records its full
# id and exit status (a container may fail on purpose: ctr_rc tells, ctr_ok insists on 0).
run_ctr() {
	local name=$1 rc=0
	shift
	rm -f "$WORK/$name.cid"
	docker run --rm --network none --cidfile "$WORK/$name.cid" "$@" >"$WORK/$name.out" 2>&1 || rc=$?
	echo "$rc" >"$WORK/$name.rc"
	# a container that never started (125: docker's own error) proves nothing, quiet or loud
	[ "$rc" != 125 ] || die "container $name did not start: $(tail -3 "$WORK/$name.out")"
	[ -s "$WORK/$name.cid" ] || die "container $name has no id"
}
cid() { cat "$WORK/$1.cid"; }
ctr_rc() { cat "$WORK/$1.rc"; }
# ctr_ok NAME: the container ran its command to the end (exit 0), so "nothing happened" means something.
ctr_ok() { [ "$(ctr_rc "$1")" = 0 ] || die "container $1 exited $(ctr_rc "$1"): $(tail -3 "$WORK/$1.out")"; }

# alerts [jq condition]: the detections' alert lines matching it, one compact JSON each
# (posture alerts, made at every container's start, have their own: posture_alerts).
alerts() { jq -c "select(.event.kind == \"alert\" and .event.action != \"posture\") | select(${1:-true})" "$OUT"; }
posture_alerts() { jq -c "select(.event.action == \"posture\") | select(${1:-true})" "$OUT"; }
count() { alerts "$@" | wc -l; }
# records the kernel could not queue, as the events-lost lines told
lost_total() { jq -s '[.[] | select(.event.action == "events-lost") | .vigil.lost] | add // 0' "$OUT"; }

# wait_for_alert JQ-CONDITION FILE: up to 5 s for one matching alert.
wait_for_alert() {
	for _ in $(seq 1 50); do
		[ "$(jq -c "select(.event.kind == \"alert\" and .event.action != \"posture\") | select($1)" "$2" | wc -l)" -ge 1 ] && return 0
		sleep 0.1
	done
	return 1
}

# json_ok JQ-ARGS...: stdin holds at least one JSON value and jq -e of it is true.
# (jq 1.6 -e exits 0 on empty input: a check of "the alert" must not pass without one.)
# start_hanging_engine SOCK: a runtime engine that accepts connections and never answers; its pid in
# HANG_PID (the test kills it)
start_hanging_engine() {
	rm -f "$1"
	python3 -c 'import socket, sys
s = socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.listen(64)
conns = []
while True:
    c, _ = s.accept(); conns.append(c)' "$1" &
	HANG_PID=$!
	for _ in $(seq 1 50); do [ -S "$1" ] && return 0; sleep 0.1; done
	die "the hanging engine did not start"
}

json_ok() {
	local in
	in=$(cat)
	[ -n "$in" ] || { echo "json_ok: no input (no matching line)" >&2; return 1; }
	jq -e "$@" <<<"$in" >/dev/null
}

expect_eq() {
	[ "$1" = "$2" ] || die "${3:-value}: expected '$2', got '$1'"
}
expect_ge() {
	[ "$1" -ge "$2" ] || die "${3:-value}: expected >= $2, got $1"
}
