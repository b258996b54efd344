# shellcheck shell=bash
# --syslog and --http sinks against real receivers on loopback: rsyslogd
# (unix socket, UDP, TCP) and a plain HTTP collector that goes down and
# comes back. Nothing is lost within the queue; what overflows is counted.

SYSLOG_UDP=15514 SYSLOG_TCP=15515 HTTP_PORT=18080

start_rsyslog() {
	local dir=$WORK/rsyslog
	pkill -f "^rsyslogd -n -f .*/rsyslog/rsyslog.conf" || true	# left by a failed test or run
	rm -rf "$dir" && mkdir -p "$dir"
	sed -e "s|@DIR@|$dir|g" -e "s|@UDP@|$SYSLOG_UDP|" -e "s|@TCP@|$SYSLOG_TCP|" \
		tests/helpers/rsyslog.conf.in >"$dir/rsyslog.conf"
	rsyslogd -n -f "$dir/rsyslog.conf" -i "$dir/pid" >"$dir/rsyslogd.out" 2>&1 &
	RSYSLOG_PID=$!
	for _ in $(seq 1 50); do
		[ -S "$dir/log.sock" ] && ss -ltn | grep -q ":$SYSLOG_TCP " && return 0
		sleep 0.1
	done
	cat "$dir/rsyslogd.out" >&2
	die "rsyslogd did not start"
}

stop_rsyslog() { kill "$RSYSLOG_PID" && wait "$RSYSLOG_PID" || true; }

start_collector() { # [--status N]
	pkill -f "http_collector.py $HTTP_PORT " || true	# left by a failed test
	python3 tests/helpers/http_collector.py "$HTTP_PORT" "$WORK/http.ndjson" "$@" >"$WORK/collector.out" 2>&1 &
	COLLECTOR_PID=$!
	for _ in $(seq 1 50); do grep -q listening "$WORK/collector.out" && return 0; sleep 0.1; done
	die "the HTTP collector did not start"
}

stop_collector() { kill "$COLLECTOR_PID" && wait "$COLLECTOR_PID" || true; }

lines() { [ -e "$1" ] && wc -l <"$1" || echo 0; }

# waits until file $1 has at least $2 lines
wait_lines() {
	for _ in $(seq 1 150); do [ "$(lines "$1")" -ge "$2" ] && return 0; sleep 0.1; done
	die "$1: $(lines "$1") lines, expected at least $2"
}

test_sinks_syslog_and_http_at_once() {
	local dir=$WORK/rsyslog t id
	rm -f "$WORK/http.ndjson"*
	start_rsyslog
	start_collector
	# --posture off: the three lines counted below (agent-start, the alert, agent-stop), no container-start
	vigil_start --syslog "unix:$dir/log.sock" --syslog "udp:127.0.0.1:$SYSLOG_UDP" \
		--syslog "tcp:127.0.0.1:$SYSLOG_TCP" --http "http://127.0.0.1:$HTTP_PORT/ingest" --posture off
	run_ctr sinks "$IMAGE" sh -c 'echo x > /to-every-sink'
	id=$(cid sinks)
	wait_for_alert '.file.path == "/to-every-sink"' "$OUT" || die "no alert"
	vigil_stop
	stop_collector
	for t in unix udp tcp; do
		wait_lines "$dir/$t.log" 3
	done
	stop_rsyslog
	for t in unix udp tcp; do
		# facility, severity and MSGID from the line's kind; APP-NAME vigil; PROCID its pid
		expect_eq "$(grep -c "^authpriv info agent-start vigil $VIGIL_PID {" "$dir/$t.log")" 1 "$t: agent-start"
		expect_eq "$(grep -c "^authpriv warning rootfs-write vigil $VIGIL_PID {" "$dir/$t.log")" 1 "$t: alert"
		expect_eq "$(grep -c "^authpriv info agent-stop vigil $VIGIL_PID {" "$dir/$t.log")" 1 "$t: agent-stop"
		# the MSG is the stream's line, intact
		expect_eq "$(cut -d' ' -f6- "$dir/$t.log" | jq -r 'select(.event.kind == "alert" and .event.action != "posture") | .container.id + " " + .file.path')" \
			"$id /to-every-sink" "$t: the alert's JSON"
	done
	expect_eq "$(jq -r 'select(.event.kind == "alert" and .event.action != "posture") | .container.id + " " + .file.path' "$WORK/http.ndjson")" \
		"$id /to-every-sink" "http: the alert"
	expect_eq "$(jq -c . "$WORK/http.ndjson" | wc -l)" 3 "http: every line, valid JSON"
	expect_eq "$(sort -u "$WORK/http.ndjson.requests")" "application/x-ndjson" "http: content type"
	# the file got the same lines
	expect_eq "$(lines "$OUT")" 3 "the --output file"
}

# The collector is down while alerts happen: they wait in the queue and all
# arrive once it is back.
test_sinks_http_collector_down_then_back() {
	rm -f "$WORK/http.ndjson"*
	vigil_start --http "http://127.0.0.1:$HTTP_PORT/"
	run_ctr down "$IMAGE" sh -c 'for i in $(seq 1 300); do : > /down-$i; done'
	for _ in $(seq 1 100); do [ "$(count '.file.path | startswith("/down-")')" -ge 300 ] && break; sleep 0.1; done
	expect_eq "$(count '.file.path | startswith("/down-")')" 300 "alerts in the file"
	# vigil tried while the collector was down, and says so once
	for _ in $(seq 1 50); do grep -q 'retrying' "$WORK/$TEST.stderr" && break; sleep 0.1; done
	grep -q 'retrying' "$WORK/$TEST.stderr" || die "no delivery attempt while the collector was down"
	start_collector
	wait_lines "$WORK/http.ndjson" "$(lines "$OUT")"
	vigil_stop
	stop_collector
	expect_eq "$(jq -c 'select(.event.kind == "alert" and .event.action != "posture") | select(.file.path | startswith("/down-"))' \
		"$WORK/http.ndjson" | sort -u | wc -l)" 300 "every alert reached the collector once it was back"
	expect_eq "$(jq -c 'select(.event.action == "output-dropped")' "$OUT" | wc -l)" 0 "nothing dropped"
	# retries were logged once, not per attempt
	expect_eq "$(grep -c 'retrying' "$WORK/$TEST.stderr")" 1 "one log line for the outage"
}

# More alerts than a 1 MiB queue holds while the collector is down: the
# overflow is dropped, counted in output-dropped lines, and the counts add up:
# every line of the stream either reached the collector or was counted.
test_sinks_http_overflow_is_counted() {
	local dropped
	rm -f "$WORK/http.ndjson"*
	vigil_start --http "http://127.0.0.1:$HTTP_PORT/" --queue 1
	run_ctr burst "$IMAGE" sh -c 'for i in $(seq 1 3000); do : > /overflow-$i; done'
	for _ in $(seq 1 100); do [ "$(count '.file.path | startswith("/overflow-")')" -ge 3000 ] && break; sleep 0.1; done
	for _ in $(seq 1 30); do grep -q '"output-dropped"' "$OUT" && break; sleep 0.1; done
	start_collector
	sleep 1
	wait_lines "$WORK/http.ndjson" "$(($(lines "$OUT") - $(jq -s '[.[] | select(.event.action == "output-dropped") | .vigil.dropped] | add // 0' "$OUT")))"
	vigil_stop
	stop_collector
	dropped=$(jq -s '[.[] | select(.event.action == "output-dropped") | .vigil.dropped] | add // 0' "$OUT")
	expect_eq "$(jq -r 'select(.event.action == "output-dropped") | .vigil.output' "$OUT" | sort -u)" \
		"http:http://127.0.0.1:$HTTP_PORT/" "output-dropped names the sink"
	[ "$dropped" -gt 0 ] || die "3000 alerts fit a 1 MiB queue: nothing was dropped"
	expect_eq "$(jq -s 'map(select(.event.action == "output-dropped")) | last | .vigil.dropped_total' "$OUT")" \
		"$dropped" "dropped_total is the sum of the reports"
	expect_eq "$(($(lines "$WORK/http.ndjson") + dropped))" "$(lines "$OUT")" "delivered + dropped = the stream"
	jq -c . "$WORK/http.ndjson" >/dev/null || die "invalid JSON at the collector"
}

# A collector that refuses the body (400) gets no retries: the lines are dropped and counted.
test_sinks_http_refused_batches_are_counted() {
	rm -f "$WORK/http.ndjson"*
	start_collector --status 400
	vigil_start --http "http://127.0.0.1:$HTTP_PORT/"
	run_ctr refused "$IMAGE" sh -c 'echo x > /refused'
	wait_for_alert '.file.path == "/refused"' "$OUT" || die "no alert"
	for _ in $(seq 1 30); do
		[ "$(jq -s '[.[] | select(.event.action == "output-dropped")] | last | .vigil.dropped_total // 0' "$OUT")" -ge 2 ] && break
		sleep 0.1
	done
	vigil_stop
	stop_collector
	[ "$(jq -s '[.[] | select(.event.action == "output-dropped")] | last | .vigil.dropped_total // 0' "$OUT")" -ge 2 ] ||
		die "agent-start and the alert were refused but not counted"
	grep -q 'HTTP status 400' "$WORK/$TEST.stderr" || die "the refusal was not logged"
}
