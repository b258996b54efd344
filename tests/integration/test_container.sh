# shellcheck shell=bash
# The agent image (deploy/container/Dockerfile), built here from a base made
# with debootstrap, run the way deploy/kubernetes/vigil.yaml runs it: through
# containerd and runc, with the DaemonSet's capabilities and no others, a
# read-only root, the host's pid namespace, its hostPath mounts and args. It
# must catch a rootfs write in another container and stay silent itself.

AGENT_IMAGE=vigil:test
DAEMONSET=deploy/kubernetes/vigil.yaml

build_agent_image() {
	deploy/container/base-image.sh || die "base image"
	docker build -q -f deploy/container/Dockerfile -t "$AGENT_IMAGE" . >"$WORK/build.log" 2>&1 ||
		die "docker build: $(tail -20 "$WORK/build.log")"
}

test_container_image_has_no_shell() {
	build_agent_image
	echo "image size: $(docker image inspect -f '{{.Size}}' "$AGENT_IMAGE") bytes"
	docker run --rm --network none --entrypoint /bin/sh "$AGENT_IMAGE" -c true >/dev/null 2>&1 &&
		die "the runtime image has a shell"
	docker run --rm --network none "$AGENT_IMAGE" --version | grep -q '^vigil ' || die "vigil --version"
}

# ctr flags for the DaemonSet's pod, with every known capability named.
daemonset_flags() {
	local all
	all=$(capsh --decode=000001ffffffffff | cut -d= -f2 | tr ',' '\n' | tr a-z A-Z)
	# shellcheck disable=SC2086
	/usr/bin/python3 tests/helpers/daemonset_to_ctr.py "$DAEMONSET" node-under-test $all
}

# Agents a failed run left behind would hold the metrics port.
remove_agents() {
	local c
	for c in $(ctr -n k8s.io containers ls -q | grep '^vigil-agent-'); do
		ctr -n k8s.io task kill -s KILL "$c" >/dev/null 2>&1
		ctr -n k8s.io task rm -f "$c" >/dev/null 2>&1
		ctr -n k8s.io containers rm "$c" >/dev/null 2>&1
	done
	return 0
}

test_container_daemonset_pod_catches_a_write_elsewhere() {
	local flags=() args=() line out="$WORK/agent" pid caps want
	build_agent_image
	remove_agents
	docker save "$AGENT_IMAGE" | ctr -n k8s.io images import - >/dev/null 2>&1 || die "import into containerd"
	while IFS= read -r line; do
		case $line in
		"ARG --output="*) ;;	# stdout is the pod's log: here a file on a volume
		"ARG --metrics="*) args+=(--metrics=127.0.0.1:19464) ;;	# a pod IP there, loopback here
		"ARG "*) args+=("${line#ARG }") ;;
		"CAPS "*) want=${line#CAPS } ;;
		*) flags+=("$line") ;;
		esac
	done < <(CONFIGMAP_ROOT=$WORK/configmaps daemonset_flags)
	mkdir -p "$out" /sys/fs/bpf /var/lib/containers/storage
	ctr -n k8s.io run -d --net-host "${flags[@]}" --mount "type=bind,src=$out,dst=/out,options=rbind:rw" \
		"docker.io/library/$AGENT_IMAGE" "vigil-agent-$$" /usr/bin/vigil --output=/out/events.json "${args[@]}" ||
		die "ctr run"
	OUT=$out/events.json
	VIGIL_PID=
	wait_for_start "$OUT" || die "the agent did not start"
	pid=$(ctr -n k8s.io task ls | awk -v id="vigil-agent-$$" '$1 == id { print $2 }')
	# the pod grants those six and no other; once attached, vigil keeps what agent-start lists
	caps=$(capsh --decode="$(awk '/^CapBnd/ { print $2 }' "/proc/$pid/status")" | cut -d= -f2)
	expect_eq "$(echo "$caps" | tr ',' '\n' | sort | paste -sd,)" "$want" "the pod's capability bound"
	caps=$(capsh --decode="$(awk '/^CapEff/ { print $2 }' "/proc/$pid/status")" | cut -d= -f2)
	expect_eq "$(echo "$caps" | tr ',' '\n' | sort | paste -sd,)" \
		"$(head -1 "$OUT" | jq -r '.vigil.capabilities | map(ascii_downcase) | sort | join(",")')" \
		"the agent's effective capabilities after start-up"
	# the pod's seccomp profile (deploy/seccomp/vigil.json), then vigil's own filter
	expect_eq "$(awk '/^Seccomp_filters:/ { print $2 }' "/proc/$pid/status")" 2 \
		"seccomp filters on the pod's agent (the profile's, then vigil's own)"
	expect_eq "$(curl -s 127.0.0.1:19464/healthz)" "ok" "/healthz"
	jq -e 'select(.event.action == "policy-loaded") | .vigil.policy.file == "/etc/vigil/policy.yaml"' "$OUT" >/dev/null ||
		die "the ConfigMap's policy is not loaded: $(grep -m2 policy "$OUT")"
	run_ctr victim --name vigil-victim "$IMAGE" sh -c 'echo x > /written-under-the-pod'
	wait_for_alert '.file.path == "/written-under-the-pod"' "$OUT" || die "no alert from the pod"
	# the ConfigMap edited, as the kubelet updates it: a new timestamped directory, "..data" swapped
	local cm=$WORK/configmaps/policy
	mkdir "$cm/..2026_01_01_00_00_01.000000002"
	printf 'version: 1\nrules:\n  - name: victims-off\n    match: {name: vigil-victim*}\n    rootfs: off\n' \
		>"$cm/..2026_01_01_00_00_01.000000002/policy.yaml"
	ln -s ..2026_01_01_00_00_01.000000002 "$cm/..data_tmp" && mv -T "$cm/..data_tmp" "$cm/..data"
	for _ in $(seq 1 50); do [ "$(grep -c '"policy-loaded"' "$OUT")" -ge 2 ] && break; sleep 0.1; done
	jq -s -e '[.[] | select(.event.action == "policy-loaded")] | length == 2 and .[1].vigil.policy.rules == 1' "$OUT" \
		>/dev/null || die "the ConfigMap's update did not reach the pod"
	run_ctr quiet --name vigil-victim-off "$IMAGE" sh -c 'sleep 0.5; echo x > /off-under-the-pod'
	ctr -n k8s.io task kill -s TERM "vigil-agent-$$"
	for _ in $(seq 1 50); do tail -1 "$OUT" | grep -q agent-stop && break; sleep 0.1; done
	remove_agents
	tail -1 "$OUT" | json_ok '.event.action == "agent-stop"' >/dev/null || die "no agent-stop after SIGTERM"
	alerts '.file.path == "/written-under-the-pod"' | json_ok --arg id "$(cid victim)" '
		.container.id == $id and .container.name == "vigil-victim" and .host.name == "node-under-test"' \
		>/dev/null || die "alert: $(alerts '.file.path == "/written-under-the-pod"')"
	expect_eq "$(count '.process.name == "vigil"')" 0 "alerts about vigil itself"
	expect_eq "$(count '.file.path == "/off-under-the-pod"')" 0 "alerts from a container the new rule switched off"
}
