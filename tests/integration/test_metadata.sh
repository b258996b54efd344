# shellcheck shell=bash
# Container metadata from the Docker Engine API on alerts: name, image,
# labels, Kubernetes pod fields; alerts keep flowing when the engine is
# absent or hangs.

test_metadata_name_image_labels_on_first_alert() {
	vigil_start
	run_ctr meta --name vigil-meta-test --label team=blue --label 'odd="q"' --label 'k"}ey=v' "$IMAGE" sh -c 'echo x > /m'
	vigil_stop
	alerts '.file.path == "/m"' | json_ok --arg id "$(cid meta)" '
		.container.id == $id and .container.name == "vigil-meta-test" and
		.container.image.name == "vigil-test/busybox" and .container.image.tag == ["latest"] and
		(.container.image.hash.all[0] | startswith("sha256:")) and
		.container.labels == {"team": "blue", "odd": "\"q\"", "k\"}ey": "v"} and (has("orchestrator") | not)' >/dev/null
}

# The lookup starts when the cgroup appears; how often is it done by the first alert?
test_metadata_first_alert_of_short_lived_containers_has_the_name() {
	local i n=20 named
	vigil_start
	for i in $(seq 1 $n); do
		docker run --rm --network none --name "vigil-short-$i" "$IMAGE" sh -c 'echo x > /s' >/dev/null 2>&1
	done
	vigil_stop
	named=$(count '.file.path == "/s" and (.container.name // "" | startswith("vigil-short-"))')
	echo "first alerts carrying the name: $named of $n"
	expect_eq "$(count '.file.path == "/s"')" "$n" "alerts"
	expect_ge "$named" $((n * 9 / 10)) "named first alerts"
}

test_metadata_kubernetes_labels_become_pod_fields() {
	vigil_start
	run_ctr k8s --label io.kubernetes.pod.name=web-0 --label io.kubernetes.pod.namespace=shop \
		--label io.kubernetes.pod.uid=4f1c-uid --label io.kubernetes.container.name=app \
		"$IMAGE" sh -c 'echo x > /k'
	vigil_stop
	alerts '.file.path == "/k"' | json_ok '
		.orchestrator == {"type": "kubernetes", "namespace": "shop",
				  "resource": {"type": "pod", "name": "web-0", "id": "4f1c-uid"}} and
		.container.name == "app"' >/dev/null
}

test_metadata_engine_absent_alerts_carry_the_id() {
	vigil_start --docker-socket "$WORK/no-such.sock" --docker-root "$WORK/no-docker-root"
	run_ctr gone "$IMAGE" sh -c 'echo x > /g'
	vigil_stop
	alerts '.file.path == "/g"' | json_ok --arg id "$(cid gone)" '.container.id == $id and (.container | has("name") | not)' >/dev/null
}

# An engine that accepts and never answers: the event path does not wait for it.
test_metadata_engine_hanging_does_not_stall_alerts() {
	local sock="$WORK/hang.sock" start took
	start_hanging_engine "$sock"
	vigil_start --docker-socket "$sock" --docker-root "$WORK/no-docker-root"
	start=$(date +%s%N)
	run_ctr h1 "$IMAGE" sh -c 'echo x > /h1'
	run_ctr h2 "$IMAGE" sh -c 'echo x > /h2'
	for _ in $(seq 1 30); do [ "$(count '.file.path == "/h2"')" = 1 ] && break; sleep 0.1; done
	took=$((($(date +%s%N) - start) / 1000000))
	echo "two containers' alerts out in $took ms with a hanging engine"
	expect_eq "$(count '.file.path == "/h2"')" 1 "second container's alert within 3 s of its start"
	vigil_stop
	kill "$HANG_PID"
	expect_eq "$(count '(.file.path == "/h1" or .file.path == "/h2") and (.container | has("name") | not)')" 2 "alerts without metadata"
}

# The engine holds a container's lock while it starts it, so its inspect answers after the entrypoint
# ran; the configuration it stored at create is read from disk instead (a policy's rule then applies
# from the first write: bench/policy.sh). Proved with the engine's API out of reach.
test_metadata_docker_config_read_from_disk_before_the_engine_answers() {
	vigil_start --docker-socket "$WORK/no-such.sock"
	run_ctr disk --name vigil-disk-$$ --label vigil.test=disk "$IMAGE" sh -c 'echo x > /d'
	vigil_stop
	alerts '.file.path == "/d"' | json_ok --arg id "$(cid disk)" --arg name "vigil-disk-$$" '
		.container.id == $id and .container.name == $name and .container.labels["vigil_test"] == "disk" and
		.container.image.name == "vigil-test/busybox"' >/dev/null ||
		die "alert: $(alerts '.file.path == "/d"' | jq -c .container)"
}

test_metadata_off_with_no_metadata() {
	vigil_start --no-metadata
	run_ctr nm --name vigil-nometa "$IMAGE" sh -c 'echo x > /n'
	vigil_stop
	alerts '.file.path == "/n"' | json_ok '.container | keys == ["id", "runtime"]' >/dev/null
}
