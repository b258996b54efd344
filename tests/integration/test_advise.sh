# shellcheck shell=bash
# vigil advise: a real workload watched in monitor mode, its alerts turned into a policy and into
# `docker run` hardening flags; the workload then runs under the policy with no alert (an extra write
# still alerted), and with the advised flags and no vigil at all, on a read-only root.

# A small service: a pid file, a log, a cache directory with churn, then it serves a page.
ADVISE_WORKLOAD='mkdir -p /run /var/log /var/cache/app /www && echo $$ > /run/app.pid &&
	echo start >> /var/log/app.log && for i in 1 2 3 4; do echo d > /var/cache/app/$i; done &&
	rm /var/cache/app/1 && echo hello > /www/index.html && httpd -p 127.0.0.1:8080 -h /www &&
	sleep 0.3 && wget -q -O /tmp/got http://127.0.0.1:8080/ && grep -q hello /tmp/got &&
	echo served >> /var/log/app.log && echo WORKLOAD-OK'

test_advise_round_trip_policy_and_read_only_flags() {
	local adv=$WORK/advised.yaml
	vigil_start
	run_ctr learn --name vigil-adv-learn-$$ "$IMAGE" sh -c "sleep 0.5; $ADVISE_WORKLOAD"
	ctr_ok learn
	vigil_stop
	expect_ge "$(count '.container.id == "'"$(cid learn)"'" and .event.action == "rootfs-write"')" 5 "writes learned"
	cp "$OUT" "$WORK/learned.json" # the next vigil_start starts a new stream in $OUT
	"$VIGIL" advise --input "$WORK/learned.json" >"$adv" || die "vigil advise failed"
	"$VIGIL" --check-policy "$adv" >/dev/null || die "the advice is no valid policy: $("$VIGIL" --check-policy "$adv" 2>&1)"
	grep -qE '^ *- "/var/cache/(app/)?"$' "$adv" || die "the cache directory is not allowed whole: $(cat "$adv")"
	"$VIGIL" advise --input "$WORK/learned.json" --format json | jq -e '.advise_version == 1 and (.workloads | length >= 1)' \
		>/dev/null || die "JSON advice"
	# under the advised policy (monitor here: BPF LSM enforces it in tests/vm): silent, but for a new write
	sed 's/rootfs: enforce/rootfs: monitor/' "$adv" >"$WORK/monitor.yaml"
	vigil_start --policy "$WORK/monitor.yaml"
	run_ctr again --name vigil-adv-again-$$ "$IMAGE" sh -c "sleep 0.5; $ADVISE_WORKLOAD; echo x > /extra"
	ctr_ok again
	vigil_stop
	# the tracepoint backend reports path-only operations even where allowed (only BPF LSM sees their dentry)
	local judged='.vigil.operation == "open" or .vigil.operation == "truncate"'
	[ "$(head -1 "$OUT" | jq -r .vigil.backend)" = lsm ] && judged=true
	expect_eq "$(count '.container.id == "'"$(cid again)"'" and .event.action == "rootfs-write" and .file.path != "/extra" and ('"$judged"')')" 0 \
		"alerts for what the policy allows: $(alerts '.container.id == "'"$(cid again)"'"' | jq -c '[.file.path, .vigil.operation]' | head -5)"
	expect_eq "$(count '.container.id == "'"$(cid again)"'" and .file.path == "/extra"')" 1 "the write the policy does not allow"
	# the advised docker run flags, no vigil: a read-only root where the workload still runs
	local flags
	flags=$("$VIGIL" advise --input "$WORK/learned.json" --format json | jq -r '.workloads[0].docker_run | map(select(startswith("--cap") | not)) | .[]')
	grep -qx -- --read-only <<<"$flags" || die "no --read-only among $flags"
	# shellcheck disable=SC2086
	docker run --rm --network none --name vigil-adv-ro-$$ $flags "$IMAGE" sh -c "sleep 0.1; $ADVISE_WORKLOAD" \
		>"$WORK/ro.out" 2>&1 || die "the workload failed on the advised read-only root: $(tail -3 "$WORK/ro.out")"
	grep -q WORKLOAD-OK "$WORK/ro.out" || die "workload output: $(cat "$WORK/ro.out")"
	docker volume ls -q | grep '^vigil-test-busybox-' | xargs -r docker volume rm >/dev/null
	# and the flags matter: without its mounts, the read-only root stops it
	if docker run --rm --network none --read-only "$IMAGE" sh -c "$ADVISE_WORKLOAD" >/dev/null 2>&1; then
		die "the workload ran on a read-only root with no writable mount: the test proves nothing"
	fi
}

test_advise_bad_input_and_flags() {
	local rc=0
	printf 'not json\n{"event":{"kind":"alert","action":"rootfs-write"}}\n' | "$VIGIL" advise --format text |
		grep -q '^2 lines, 1 alerts, 0 workloads' || die "bad lines not counted"
	"$VIGIL" advise --format xml </dev/null 2>"$WORK/err" || rc=$?
	expect_eq "$rc" 2 "advise --format xml"
	rc=0
	"$VIGIL" advise --input "$WORK/none" 2>"$WORK/err" || rc=$?
	expect_eq "$rc" 1 "advise --input of a missing file"
	grep -q 'No such file' "$WORK/err" || die "message: $(cat "$WORK/err")"
}
