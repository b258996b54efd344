# shellcheck shell=bash
# What never alerts, containers of every lifetime, the stream's own lines, the CLI.

test_runtime_setup_never_alerts() {
	mkdir -p "$WORK/vol2"
	vigil_start
	run_ctr t1 "$IMAGE" true
	run_ctr t2 --user 1000 "$IMAGE" true
	run_ctr t3 --user 1000:1000 -v "$WORK/vol2:/data" --tmpfs /scratch "$IMAGE" true
	vigil_stop
	ctr_ok t1; ctr_ok t2; ctr_ok t3
	expect_eq "$(count)" 0 "alerts"
}

test_host_processes_never_alert() {
	vigil_start
	touch "$WORK/host-file"; mkdir "$WORK/host-dir"; rm -r "$WORK/host-dir" "$WORK/host-file"
	# the same in a container is an alert: the agent was watching
	run_ctr hp "$IMAGE" sh -c 'touch /host-file-control'
	wait_for_alert '.file.path == "/host-file-control"' "$OUT" || die "no alert from the control container"
	vigil_stop
	expect_eq "$(count '.file.path != "/host-file-control"')" 0 "alerts from host processes"
}

test_short_lived_container_has_full_id() {
	vigil_start
	run_ctr sl "$IMAGE" sh -c 'echo x > /a'
	vigil_stop
	[[ $(cid sl) =~ ^[0-9a-f]{64}$ ]] || die "no cid"
	expect_eq "$(count ".container.id == \"$(cid sl)\" and .file.path == \"/a\"")" 1 "alert with the full id"
}

test_docker_exec_is_watched_but_its_setup_is_not() {
	docker run -d --name vigil-exec --network none "$IMAGE" sleep 60 >/dev/null
	vigil_start
	docker exec vigil-exec sh -c 'echo e > /exec_file'
	docker exec --user 1000 vigil-exec id >/dev/null
	vigil_stop
	docker rm -f vigil-exec >/dev/null
	expect_eq "$(count '.file.path == "/exec_file"')" 1 "exec write"
	expect_eq "$(count)" 1 "alerts in all"
}

test_container_started_before_vigil_is_covered() {
	# it writes once vigil has started (told through a volume), however long vigil takes to start
	mkdir -p "$WORK/early-go"
	docker run -d --name vigil-early --network none -v "$WORK/early-go:/go" "$IMAGE" \
		sh -c 'until [ -f /go/now ]; do usleep 100000; done; echo x > /late; sleep 60' >/dev/null
	vigil_start
	touch "$WORK/early-go/now"
	sleep 1
	vigil_stop
	local id
	id=$(docker inspect -f '{{.Id}}' vigil-early)
	docker rm -f vigil-early >/dev/null
	jq -e -s '.[0].event.action == "agent-start" and .[0].vigil.containers >= 1' "$OUT" >/dev/null ||
		die "agent-start does not count the running container: $(head -1 "$OUT")"
	expect_eq "$(count ".container.id == \"$id\" and .file.path == \"/late\"")" 1 "write in an early container"
}

test_agent_start_is_first_and_names_backend() {
	vigil_start
	vigil_stop
	local backend
	# the backend --check predicts for this kernel (tracepoint here, lsm where BPF LSM loads)
	backend=$(timeout 60 "$VIGIL" --check | awk '$1 == "backend:" { print $2 }')
	[ -n "$backend" ] || die "--check names no backend"
	jq -e -s --arg b "$backend" '.[0].event.kind == "event" and .[0].event.action == "agent-start" and
		.[0].vigil.backend == $b and (.[0].vigil.detections | index("rootfs-write")) and
		.[0].vigil.detection_state["rootfs-write"] != "unavailable" and
		(.[0].vigil.kernel | length > 0)' "$OUT" >/dev/null || die "agent-start: $(head -1 "$OUT")"
}

test_burst_of_100k_writes_is_counted_or_reported_lost() {
	vigil_start
	run_ctr b "$IMAGE" probe loop-write 100000 /burst
	vigil_stop
	local got lost
	got=$(count '.file.path == "/burst"')
	lost=$(lost_total)
	echo "alerts=$got lost=$lost"
	expect_ge "$((got + lost))" 100000 "alerts + lost"
}

test_stalled_consumer_losses_are_counted() {
	# A stalled consumer and 1 MiB of ring buffer: most of a 100k burst cannot fit.
	vigil_start --ring-buffer 1
	kill -STOP "$VIGIL_PID"
	run_ctr of "$IMAGE" probe loop-write 100000 /overflow
	kill -CONT "$VIGIL_PID"
	vigil_stop
	local got lost
	got=$(count '.file.path == "/overflow"')
	lost=$(lost_total)
	echo "alerts=$got lost=$lost"
	expect_ge "$lost" 1 "events-lost reported"
	# lost also counts the container's few other records (cgroup removal, ...)
	expect_ge "$((got + lost))" 100000 "alerts + lost"
	expect_ge 100010 "$((got + lost))" "alerts + lost, at most a few other records"
}

# One container flooding the ring while the consumer stalls cannot blind vigil
# to another: the ring's last quarter is a reserve each container gets a small
# share of a second, and what the flooder loses is reported as its own.
test_flood_of_one_container_leaves_room_for_another() {
	vigil_start --ring-buffer 1
	kill -STOP "$VIGIL_PID"
	run_ctr flood "$IMAGE" probe loop-write 100000 /flood
	ctr_ok flood
	run_ctr other "$IMAGE" sh -c 'echo x > /etc/after-the-flood'
	ctr_ok other
	kill -CONT "$VIGIL_PID"
	wait_for_alert '.file.path == "/etc/after-the-flood"' "$OUT" || die "the other container's alert was lost"
	sleep 1.5	# the loss report comes once a second
	vigil_stop
	expect_eq "$(count '.file.path == "/etc/after-the-flood" and .container.id == "'"$(cid other)"'"')" 1 \
		"the other container's alert, with its container"
	local flood_lost other_lost attributed
	flood_lost=$(jq -s --arg id "$(cid flood)" \
		'[.[] | select(.event.action == "container-events-lost" and .container.id == $id) | .vigil.lost] | add // 0' "$OUT")
	other_lost=$(jq -s --arg id "$(cid other)" \
		'[.[] | select(.event.action == "container-events-lost" and .container.id == $id) | .vigil.lost] | add // 0' "$OUT")
	attributed=$(jq -s '[.[] | select(.event.action == "container-events-lost") | .vigil.lost] | add // 0' "$OUT")
	echo "flood lost $flood_lost, other lost $other_lost, attributed $attributed of $(lost_total)"
	expect_ge "$flood_lost" 90000 "records the flooder lost, named as its own"
	expect_eq "$other_lost" 0 "records the other container lost"
	expect_eq "$attributed" "$(lost_total)" "every lost record attributed to its cgroup"
}

test_enforce_refused_on_kernel_without_bpf_lsm() {
	local rc=0
	timeout 60 "$VIGIL" --check | grep -q '^BPF LSM program loadable: no' ||
		skip "BPF LSM loads on this kernel: --enforce runs here (tested in tests/vm)"
	timeout 20 "$VIGIL" --enforce --output "$WORK/enforce.json" 2>"$WORK/enforce.err" || rc=$?
	[ "$rc" != 124 ] || die "--enforce neither ran nor exited"
	[ "$rc" != 0 ] || die "--enforce ran"
	grep -q 'BPF LSM' "$WORK/enforce.err" || die "message does not name BPF LSM: $(cat "$WORK/enforce.err")"
	[ ! -s "$WORK/enforce.json" ] || die "--enforce wrote events"
}

test_bad_flags_and_unwritable_output_exit_2() {
	local rc=0
	timeout 10 "$VIGIL" --no-such-flag 2>"$WORK/e1" || rc=$?
	expect_eq "$rc" 2 "bad flag exit"
	expect_eq "$(wc -l <"$WORK/e1")" 1 "one line on stderr"
	rc=0; timeout 10 "$VIGIL" --cap-window 0 2>/dev/null || rc=$?
	expect_eq "$rc" 2 "bad window exit"
	rc=0; timeout 10 "$VIGIL" --output /nonexistent-dir/x.json 2>"$WORK/e2" || rc=$?
	expect_eq "$rc" 2 "unwritable output exit"
	grep -q 'nonexistent-dir' "$WORK/e2" || die "message does not name the file"
}

# With a syslog and an HTTP sink whose receivers are absent (their threads,
# retries and the exit drain, 5 s) and the metrics server, scraped once.
test_agent_is_valgrind_clean() {
	OUT="$WORK/$TEST.json"
	valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite,indirect,possible \
		--suppressions=tests/valgrind.supp --error-exitcode=3 \
		"$VIGIL" --output "$OUT" --syslog udp:127.0.0.1:9 --http http://127.0.0.1:9/ --metrics 127.0.0.1:19091 \
		2>"$WORK/$TEST.valgrind" &
	VIGIL_PID=$!
	wait_for_start "$OUT" 300 || die "vigil did not start under valgrind: $(cat "$WORK/$TEST.valgrind")"
	run_ctr vg "$IMAGE" sh -c 'echo x > /a; mkdir /d; probe setresuid 1000 1000 1000'
	sleep 1
	# the whole reply first: `curl | grep -q` under pipefail fails when grep leaves
	# before curl has written its last chunk (SIGPIPE), as it did once under valgrind
	local metrics
	metrics=$(curl -sf --max-time 30 http://127.0.0.1:19091/metrics) || die "no metrics under valgrind"
	grep -q '^vigil_events_total' <<<"$metrics" || die "no vigil_events_total under valgrind"
	local rc=0
	kill -TERM "$VIGIL_PID"
	wait "$VIGIL_PID" || rc=$?
	VIGIL_PID=
	grep -v -e 'unhandled eBPF command' -e 'retrying' -e 'lines dropped in all' "$WORK/$TEST.valgrind" || true
	expect_eq "$rc" 0 "exit status under valgrind (3: errors or leaks)"
	expect_ge "$(count)" 3 "alerts under valgrind"
}
