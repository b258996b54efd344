# shellcheck shell=bash
# --metrics: scraped for real while vigil watches containers; the numbers
# must agree with the stream.

METRICS_PORT=19090

scrape() { curl -sf "http://127.0.0.1:$METRICS_PORT/metrics"; }
metric() { scrape | awk -v m="$1" '$1 == m { print $2 }'; }

test_metrics_agree_with_the_stream() {
	local text programs
	# an HTTP sink with nobody listening: its errors and queue show up
	vigil_start --metrics "127.0.0.1:$METRICS_PORT" --http "http://127.0.0.1:9/"
	run_ctr m1 "$IMAGE" sh -c 'echo x > /metric-a; echo y > /metric-b; probe setresuid 1000 1000 1000'
	wait_for_alert '.event.action == "setuid"' "$OUT" || die "no setuid alert"
	sleep 0.5
	text=$(scrape) || die "no answer on /metrics"
	# every sample line is NAME[{labels}] VALUE (seconds in decimals, as Prometheus has them)
	echo "$text" | grep -v '^#' | grep -vE '^[a-z_]+(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? [0-9]+(\.[0-9]+)?$' &&
		die "malformed sample lines above"
	expect_eq "$(metric vigil_containers_started_total)" \
		"$(jq -c 'select(.event.action == "container-start")' "$OUT" | wc -l)" "container starts, as container-start lines"
	expect_eq "$(metric vigil_posture_alerts_total)" "$(posture_alerts | wc -l)" "posture alerts"
	expect_eq "$(metric 'vigil_events_total{action="rootfs-write",outcome="success"}')" \
		"$(count '.event.action == "rootfs-write" and .event.outcome == "success"')" "rootfs-write alerts"
	expect_eq "$(metric 'vigil_events_total{action="setuid",outcome="success"}')" \
		"$(count '.event.action == "setuid"')" "setuid alerts"
	programs=$(jq -s '.[0].vigil.programs | length' "$OUT")
	expect_eq "$(metric vigil_programs_attached)" "$programs" "programs attached, as agent-start lists them"
	local version backend
	version=$("$VIGIL" --version | awk '{ print $2 }')
	backend=$(jq -r -s '.[0].vigil.backend' "$OUT")
	echo "$text" | grep -q '^vigil_build_info{version="'"$version"'",backend="'"$backend"'",kernel="'"$(uname -r)"'"} 1$' ||
		die "build_info"
	expect_ge "$(metric vigil_metadata_lookups_total)" 1 "metadata lookups"
	expect_eq "$(metric vigil_ringbuf_size_bytes)" $((16 << 20)) "ring buffer size"
	expect_ge "$(metric 'vigil_output_errors_total{output="http:http://127.0.0.1:9/"}')" 1 "http sink errors"
	expect_ge "$(metric 'vigil_output_queue_bytes{output="http:http://127.0.0.1:9/"}')" 1 "http sink queue"
	expect_eq "$(metric 'vigil_output_queue_capacity_bytes{output="http:http://127.0.0.1:9/"}')" $((16 << 20)) \
		"http sink queue capacity"
	expect_eq "$(metric 'vigil_output_dropped_total{output="file:'"$OUT"'"}')" 0 "file drops"
	expect_eq "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$METRICS_PORT/healthz")" 200 "/healthz"
	expect_eq "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$METRICS_PORT/nope")" 404 "unknown path"
	expect_eq "$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$METRICS_PORT/metrics")" 405 "POST"
	# containers: a running one is tracked, and forgotten once removed
	docker run -d --name vigil-metrics --network none "$IMAGE" sleep 60 >/dev/null
	sleep 0.5
	expect_ge "$(metric vigil_containers_tracked)" 1 "a running container is tracked"
	docker rm -f vigil-metrics >/dev/null
	local tracked=
	for _ in $(seq 1 50); do tracked=$(metric vigil_containers_tracked); [ "$tracked" = 0 ] && break; sleep 0.1; done
	expect_eq "$tracked" 0 "tracked containers once it is removed"
	vigil_stop
}

healthz() { curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$METRICS_PORT/healthz"; }

# /healthz answers 503 once the event loop has not turned for 5 s, and 200
# when it turns again. The stall is real: the output is a FIFO whose reader
# is stopped, so once the pipe is full the loop blocks writing an alert.
test_metrics_healthz_503_while_the_event_loop_stalls() {
	local fifo="$WORK/stall.fifo" reader code
	mkfifo "$fifo"
	cat "$fifo" >"$WORK/stall.json" &
	reader=$!
	"$VIGIL" --output "$fifo" --metrics "127.0.0.1:$METRICS_PORT" 2>"$WORK/$TEST.stderr" &
	VIGIL_PID=$!
	wait_for_start "$WORK/stall.json" || die "vigil did not start"
	expect_eq "$(healthz)" 200 "/healthz while the event loop turns"
	kill -STOP "$reader"
	# far more than a pipe holds (64 KiB; an alert is about 1 KiB)
	run_ctr stall "$IMAGE" sh -c 'i=0; while [ $i -lt 300 ]; do echo x > /stall-$i; i=$((i + 1)); done'
	ctr_ok stall
	for _ in $(seq 1 60); do code=$(healthz); [ "$code" = 503 ] && break; sleep 0.25; done
	expect_eq "$code" 503 "/healthz once the event loop has stalled 5 s"
	kill -CONT "$reader"
	for _ in $(seq 1 40); do code=$(healthz); [ "$code" = 200 ] && break; sleep 0.25; done
	expect_eq "$code" 200 "/healthz once the event loop turns again"
	kill -TERM "$VIGIL_PID"
	wait "$VIGIL_PID" || die "vigil exited $?"
	wait "$reader" || true
	expect_ge "$(jq -c 'select(.event.action == "rootfs-write")' "$WORK/stall.json" | wc -l)" 300 \
		"every alert written once the reader came back"
}

# A --metrics address vigil cannot listen on: one clear line, no agent.
test_metrics_port_in_use_fails_clearly() {
	local rc=0
	python3 -c 'import socket,time
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", '"$METRICS_PORT"'))
s.listen()
print("up", flush=True)
time.sleep(30)' >"$WORK/busy.out" 2>&1 &
	local busy=$!
	for _ in $(seq 1 50); do grep -q up "$WORK/busy.out" && break; sleep 0.1; done
	grep -q up "$WORK/busy.out" || die "could not occupy the port: $(cat "$WORK/busy.out")"
	timeout 30 "$VIGIL" --output "$WORK/$TEST.json" --metrics "127.0.0.1:$METRICS_PORT" 2>"$WORK/$TEST.stderr" || rc=$?
	kill "$busy"
	expect_eq "$rc" 1 "exit status"
	grep -q "metrics 127.0.0.1:$METRICS_PORT: cannot listen" "$WORK/$TEST.stderr" || die "no clear message"
	rc=0; "$VIGIL" --metrics nonsense 2>"$WORK/e" || rc=$?
	expect_eq "$rc" 2 "a malformed address is a usage error"
}
