# shellcheck shell=bash
# The other runtimes, for real: containerd driven by ctr (its own containers,
# and one shaped like a kubelet's through the CRI), and Podman. Each alert
# must carry the right id, name, image and runtime, and the runtime's own
# container setup (runc init) must stay silent.

CTR_IMAGE=docker.io/$IMAGE
PODMAN_IMAGE=localhost/$IMAGE
# runc: Debian's crun 1.8 refuses these hosts' hybrid cgroups. The limits:
# podman's defaults exceed what this sandbox lets runc set.
PODMAN_RUN=(podman --runtime runc --cgroup-manager cgroupfs run --rm --network none
	--ulimit nofile=1024:1024 --ulimit nproc=1024:1024)

import_ctr_image() {
	# the test image (built by this run), from a local tarball, in ctr's namespace and the CRI's
	# the marker is written only once both imports succeeded
	[ -e "$WORK/ctr-imported" ] && return 0
	docker save "$IMAGE" >"$WORK/image.tar" || die "docker save failed"
	ctr -n default images import "$WORK/image.tar" >/dev/null || die "ctr import (default) failed"
	ctr -n k8s.io images import "$WORK/image.tar" >/dev/null || die "ctr import (k8s.io) failed"
	touch "$WORK/ctr-imported"
}

ensure_podman_image() {
	[ -e "$WORK/podman-loaded" ] && return 0
	docker save "$IMAGE" | podman load >/dev/null 2>&1 || die "podman load failed"
	touch "$WORK/podman-loaded"
}

# No alert may come from the runtime's own init, whatever the runtime.
expect_no_runtime_setup_alerts() {
	expect_eq "$(count "$1"' and (.process.name | startswith("runc"))')" 0 "alerts from runc init"
}

test_runtime_ctr_container_name_image_labels() {
	local id=vigil-ctr-$$
	import_ctr_image
	vigil_start
	ctr -n default run --rm --label team=green "$CTR_IMAGE" "$id" sh -c 'echo x > /r1' >/dev/null
	ctr -n default run --rm "$CTR_IMAGE" "$id-quiet" true >/dev/null
	vigil_stop
	alerts '.file.path == "/r1"' | json_ok --arg id "$id" '
		.container.id == $id and .container.runtime == "containerd" and .container.name == $id and
		.container.image.name == "docker.io/vigil-test/busybox" and .container.image.tag == ["latest"] and
		.container.labels.team == "green"' >/dev/null || die "ctr alert: $(alerts '.file.path == "/r1"')"
	expect_eq "$(count ".container.id == \"$id-quiet\"")" 0 "alerts from ctr run ... true"
	expect_no_runtime_setup_alerts ".container.id == \"$id\""
}

# What a kubelet asks containerd's CRI for: a kubepods cgroup, the CRI annotations.
test_runtime_cri_annotations_become_pod_fields() {
	local id uid=5d6e7f80-aaaa-bbbb-cccc-$$
	id=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
	import_ctr_image
	vigil_start
	ctr -n k8s.io run --rm --cgroup "/kubepods/besteffort/pod$uid/$id" \
		--annotation io.kubernetes.cri.container-type=container \
		--annotation io.kubernetes.cri.container-name=app \
		--annotation io.kubernetes.cri.sandbox-name=web-0 \
		--annotation io.kubernetes.cri.sandbox-namespace=shop \
		--annotation "io.kubernetes.cri.sandbox-uid=$uid" \
		"$CTR_IMAGE" "$id" sh -c 'echo x > /r2' >/dev/null
	vigil_stop
	alerts '.file.path == "/r2"' | json_ok --arg id "$id" --arg uid "$uid" '
		.container.id == $id and .container.runtime == "cri" and .container.name == "app" and
		.container.image.name == "docker.io/vigil-test/busybox" and
		.orchestrator == {"type": "kubernetes", "namespace": "shop",
				  "resource": {"type": "pod", "name": "web-0", "id": $uid}}' >/dev/null ||
		die "CRI alert: $(alerts '.file.path == "/r2"')"
	expect_no_runtime_setup_alerts ".container.id == \"$id\""
}

test_runtime_podman_container_name_image() {
	local name=vigil-pod-$$
	ensure_podman_image
	vigil_start
	rm -f "$WORK/pod.cid" "$WORK/quiet.cid"
	"${PODMAN_RUN[@]}" --cidfile "$WORK/pod.cid" --name "$name" "$PODMAN_IMAGE" sh -c 'echo x > /r3' >/dev/null
	"${PODMAN_RUN[@]}" --cidfile "$WORK/quiet.cid" "$PODMAN_IMAGE" true >/dev/null || die "podman run ... true failed"
	vigil_stop
	alerts '.file.path == "/r3"' | json_ok --arg id "$(cat "$WORK/pod.cid")" --arg name "$name" '
		.container.id == $id and .container.runtime == "podman" and .container.name == $name and
		.container.image.name == "localhost/vigil-test/busybox" and .container.image.tag == ["latest"]' \
		>/dev/null || die "podman alert: $(alerts '.file.path == "/r3"')"
	expect_eq "$(count ".container.id == \"$(cat "$WORK/quiet.cid")\"")" 0 "alerts from podman run ... true"
	expect_no_runtime_setup_alerts ".container.id == \"$(cat "$WORK/pod.cid")\""
}

# The lookup starts when the cgroup appears: how often does the first alert of
# a short-lived container already carry its name, for containerd and Podman?
test_runtime_first_alerts_carry_the_name() {
	local i n=10 ctr_named pod_named
	import_ctr_image
	ensure_podman_image
	vigil_start
	for i in $(seq 1 $n); do
		ctr -n default run --rm "$CTR_IMAGE" "vigil-first-$$-$i" sh -c 'echo x > /f1' >/dev/null
		"${PODMAN_RUN[@]}" --name "vigil-first-$$-$i" "$PODMAN_IMAGE" sh -c 'echo x > /f2' >/dev/null
	done
	vigil_stop
	ctr_named=$(count '.file.path == "/f1" and (.container.name // "" | startswith("vigil-first-"))')
	pod_named=$(count '.file.path == "/f2" and (.container.name // "" | startswith("vigil-first-"))')
	echo "first alerts carrying the name: containerd $ctr_named of $n, podman $pod_named of $n"
	expect_eq "$(count '.file.path == "/f1"')" "$n" "containerd alerts"
	expect_eq "$(count '.file.path == "/f2"')" "$n" "podman alerts"
	expect_ge "$ctr_named" $((n * 8 / 10)) "named containerd first alerts"
	expect_ge "$pod_named" $((n * 8 / 10)) "named podman first alerts"
}

# A policy rule by the pod's labels: containerd's CRI keeps them on the pod sandbox's container,
# which the app container's io.kubernetes.cri.sandbox-id annotation names. Two pods, the same image:
# only the one whose labels match falls under the rule (rootfs off); the other alerts.
test_runtime_cri_pod_labels_select_a_policy_rule() {
	local uid=6e7f8091-aaaa-bbbb-cccc-$$ pod app sb1 sb2 app1 app2
	import_ctr_image
	printf 'version: 1\nrules:\n  - name: api-pods\n    match: {namespace: shop, pod_labels: {app: api}}\n    rootfs: off\n' \
		>"$WORK/pods.yaml"
	vigil_start --policy "$WORK/pods.yaml"
	for pod in 1 2; do
		sb=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
		app=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
		# the sandbox: the pod's labels, as containerd's CRI sets them on it
		ctr -n k8s.io run -d --cgroup "/kubepods/besteffort/pod$uid-$pod/$sb" \
			--label "app=$([ $pod = 1 ] && echo api || echo web)" --label io.cri-containerd.kind=sandbox \
			"$CTR_IMAGE" "$sb" sleep 30 >/dev/null
		ctr -n k8s.io run --rm --cgroup "/kubepods/besteffort/pod$uid-$pod/$app" \
			--annotation io.kubernetes.cri.container-type=container \
			--annotation io.kubernetes.cri.container-name=app \
			--annotation "io.kubernetes.cri.sandbox-id=$sb" \
			--annotation "io.kubernetes.cri.sandbox-name=pod-$pod" \
			--annotation io.kubernetes.cri.sandbox-namespace=shop \
			"$CTR_IMAGE" "$app" sh -c 'sleep 0.5; echo x > /pod-write' >/dev/null
		eval "sb$pod=$sb app$pod=$app"
		ctr -n k8s.io task kill -s KILL "$sb" >/dev/null 2>&1 || true
		sleep 0.2
		ctr -n k8s.io task rm -f "$sb" >/dev/null 2>&1 || true
		ctr -n k8s.io containers rm "$sb" >/dev/null 2>&1 || true
	done
	vigil_stop
	expect_eq "$(count '.container.id == "'"$app1"'" and .file.path == "/pod-write"')" 0 "alerts of the pod labelled app=api"
	expect_eq "$(count '.container.id == "'"$app2"'" and .file.path == "/pod-write" and .rule.name == "defaults"')" 1 \
		"alerts of the pod labelled app=web"
	: "$sb1" "$sb2"
}

# The kernel-read checks whatever the runtime: containerd (ctr, no seccomp by default) and Podman;
# and a container sharing another's PID namespace (not process 1) still has its start.
test_runtime_posture_of_ctr_podman_and_a_shared_pid_namespace() {
	local id=vigil-pz-ctr-$$
	import_ctr_image
	ensure_podman_image
	vigil_start
	ctr -n default run --rm "$CTR_IMAGE" "$id" sleep 1 >/dev/null
	"${PODMAN_RUN[@]}" --name "vigil-pz-podman-$$" --read-only "$PODMAN_IMAGE" sleep 1 >/dev/null
	docker run -d --name "vigil-pz-first-$$" --network none "$IMAGE" sleep 30 >/dev/null
	docker run --rm --name "vigil-pz-shared-$$" --cidfile "$WORK/pz-shared.cid" --network none \
		--pid "container:vigil-pz-first-$$" "$IMAGE" sleep 1
	docker rm -f "vigil-pz-first-$$" >/dev/null
	vigil_stop
	jq -c --arg id "$id" 'select(.event.action == "container-start" and .container.id == $id)' "$OUT" |
		json_ok '.container.runtime == "containerd" and .vigil.posture.seccomp == "disabled" and .vigil.posture.root_user' \
		>/dev/null || die "ctr: $(jq -c --arg id "$id" 'select(.event.action == "container-start" and .container.id == $id) | .vigil.posture' "$OUT")"
	jq -c 'select(.event.action == "container-start" and .container.runtime == "podman")' "$OUT" |
		json_ok '.vigil.posture.read_only_rootfs and .vigil.posture.seccomp == "filter"' >/dev/null ||
		die "podman: $(jq -c 'select(.event.action == "container-start" and .container.runtime == "podman") | .vigil.posture' "$OUT")"
	expect_eq "$(jq -c --arg id "$(cat "$WORK/pz-shared.cid")" 'select(.event.action == "container-start" and .container.id == $id)' "$OUT" | wc -l)" 1 \
		"container-start of a container in a shared PID namespace"
}
