# shellcheck shell=bash
# --policy: a rule per workload (docs/policy.md), chosen by image, name or label; rootfs off or
# monitor with an allow-list here (enforce: tests/vm); alert switches; --check-policy.

# A policy and three containers: one under a rule that allows paths, one whose rootfs is off, one
# under the defaults. Each waits before writing: the rule is placed once its metadata is known
# (the race itself is measured in bench/, and a write before it gets the pending mode, said).
test_policy_rules_by_label_name_and_defaults() {
	local pol=$WORK/policy.yaml
	cat >"$pol" <<-'EOF'
		version: 1
		defaults:
		  rootfs: monitor
		rules:
		  - name: quiet-by-name
		    match: {name: "vigil-pol-off-*"}
		    rootfs: off
		  - name: cache-writer
		    match:
		      image: vigil-test/busybox
		      labels: {vigil.test: allow}
		    allow_writes: [/allowed/, /run/app.pid]
	EOF
	vigil_start --policy "$pol"
	jq -e 'select(.event.action == "policy-loaded") | .vigil.policy.rules == 2' "$OUT" >/dev/null ||
		die "no policy-loaded line with 2 rules: $(grep policy "$OUT" | head -2)"
	run_ctr allow --name vigil-pol-allow-$$ --label vigil.test=allow "$IMAGE" sh -c '
		sleep 0.5
		mkdir -p /run && mkdir /allowed && mkdir /allowed/sub && echo a > /allowed/sub/file && echo p > /run/app.pid &&
		rm /allowed/sub/file && mv /allowed/sub /allowed/moved &&
		echo x > /allowed-evil && echo y > /run/app.pid.x && mkdir /allowed-evil-dir &&
		mv /allowed/moved /allowed-escaped && ln /etc/passwd /allowed/passwd-link; true'
	ctr_ok allow
	run_ctr off --name vigil-pol-off-$$ "$IMAGE" sh -c 'sleep 0.5; echo x > /off-file; mkdir /off-dir'
	ctr_ok off
	run_ctr dflt --name vigil-pol-dflt-$$ "$IMAGE" sh -c 'sleep 0.5; echo x > /dflt-file'
	ctr_ok dflt
	vigil_stop
	local a backend
	a=$(cid allow)
	backend=$(head -1 "$OUT" | jq -r .vigil.backend)
	# allowed writes through an object the kernel holds (open): no alert on either backend
	expect_eq "$(count '.container.id == "'"$a"'" and .vigil.operation == "open" and
		(.file.path == "/allowed/sub/file" or .file.path == "/run/app.pid")')" 0 \
		"alerts for allowed opens"
	# allowed path-only operations: silent where BPF LSM judges the dentry; the tracepoint backend has only the
	# path string (a symlink or ".." could lead elsewhere), so it reports them
	if [ "$backend" = lsm ]; then
		expect_eq "$(count '.container.id == "'"$a"'" and ((.file.path // "") | test("^/allowed(/|$)")) and
			.vigil.operation != "rename" and .vigil.operation != "link"')" 0 "alerts for allowed path operations (lsm)"
	else
		expect_eq "$(count '.container.id == "'"$a"'" and .file.path == "/allowed/sub" and .vigil.operation == "mkdir"')" 1 \
			"path-only mkdir in an allowed directory reported (tracepoint)"
	fi
	# a sibling, the prefix's neighbour, a rename out of it, a hard link of an image file into it: alerted, under
	# the rule's name
	for p in /allowed-evil /run/app.pid.x /allowed-evil-dir; do
		expect_eq "$(count '.container.id == "'"$a"'" and .file.path == "'"$p"'" and .rule.name == "cache-writer" and
			.vigil.policy.rule == "cache-writer" and .vigil.policy.pending == false')" 1 "alert for $p"
	done
	expect_eq "$(count '.container.id == "'"$a"'" and .vigil.operation == "rename" and .file.path == "/allowed/moved"')" 1 \
		"rename out of the allowed directory"
	expect_eq "$(count '.container.id == "'"$a"'" and .vigil.operation == "link"')" 1 "hard link of /etc/passwd into it"
	expect_eq "$(count '.container.id == "'"$(cid off)"'"')" 0 "alerts from the rootfs-off container"
	expect_eq "$(count '.container.id == "'"$(cid dflt)"'" and .file.path == "/dflt-file" and .rule.name == "defaults"')" 1 \
		"the defaults' alert"
	jq -e 'select(.event.action == "agent-stop") | .vigil.policy.allowed_writes >= 2' "$OUT" >/dev/null ||
		die "allowed writes not counted: $(jq -c 'select(.event.action == "agent-stop") | .vigil.policy' "$OUT")"
}

# A rule switches detections off for its containers only.
test_policy_alert_switches_and_capabilities_allowed() {
	local pol=$WORK/policy.yaml
	cat >"$pol" <<-'EOF'
		version: 1
		rules:
		  - name: no-setuid
		    match: {labels: {vigil.test: quiet}}
		    alert: {setuid: false}
		    capabilities_allowed: [CAP_SETUID, CAP_SETGID]
	EOF
	vigil_start --policy "$pol"
	run_ctr quiet --name vigil-pol-quiet-$$ --label vigil.test=quiet "$IMAGE" sh -c 'sleep 0.5; probe setresuid 1000 1000 1000'
	run_ctr loud --name vigil-pol-loud-$$ "$IMAGE" sh -c 'sleep 0.5; probe setresuid 1000 1000 1000'
	vigil_stop
	expect_eq "$(count '.container.id == "'"$(cid loud)"'" and .event.action == "setuid"')" 1 "setuid alert without the rule"
	expect_eq "$(count '.container.id == "'"$(cid quiet)"'" and .event.action == "setuid"')" 0 "setuid alert under the rule"
	expect_eq "$(count '.container.id == "'"$(cid quiet)"'" and .vigil.capability.name == "CAP_SETUID"')" 0 \
		"CAP_SETUID alert under the rule"
}

test_policy_check_policy_and_bad_files() {
	local rc=0
	# docs/policy.md's complete example is a valid policy
	awk '/<!-- policy-example/ { on = 1; next } on && /^```yaml/ { inside = 1; next } inside && /^```/ { exit }
		inside { print }' docs/policy.md >"$WORK/doc.yaml"
	"$VIGIL" --check-policy "$WORK/doc.yaml" | grep -q 'valid, 3 rules, 2 allowed paths' ||
		die "docs/policy.md's example: $("$VIGIL" --check-policy "$WORK/doc.yaml" 2>&1)"
	printf 'version: 1\nrules:\n  - name: a\n    match: {image: x}\n    rootfs: enforce\n' >"$WORK/good.yaml"
	"$VIGIL" --check-policy "$WORK/good.yaml" | grep -q 'valid, 1 rules' || die "good policy not valid"
	printf 'version: 1\nrules:\n  - name: a\n    allow_writes: [/var/../etc/]\n' >"$WORK/bad.yaml"
	"$VIGIL" --check-policy "$WORK/bad.yaml" 2>"$WORK/bad.err" || rc=$?
	expect_eq "$rc" 1 "--check-policy of a bad file"
	grep -q "bad.yaml:4:20: allow_writes: '/var/../etc/' is not canonical" "$WORK/bad.err" ||
		die "error without its place: $(cat "$WORK/bad.err")"
	rc=0
	timeout 20 "$VIGIL" --policy "$WORK/bad.yaml" --output "$WORK/bad.json" 2>"$WORK/start.err" || rc=$?
	expect_eq "$rc" 2 "start with a bad policy"
	grep -q 'bad.yaml:4:20' "$WORK/start.err" || die "start error: $(cat "$WORK/start.err")"
	[ ! -s "$WORK/bad.json" ] || die "vigil wrote events with a bad policy"
	rc=0
	timeout 20 "$VIGIL" --policy "$WORK/good.yaml" --enforce 2>"$WORK/both.err" || rc=$?
	expect_eq "$rc" 2 "--policy with --enforce"
}

# A rule that enforces needs BPF LSM: refused at start where it cannot load, never monitoring instead.
test_policy_enforce_refused_on_kernel_without_bpf_lsm() {
	local rc=0
	timeout 60 "$VIGIL" --check | grep -q '^BPF LSM program loadable: no' ||
		skip "BPF LSM loads on this kernel: enforcing policies run here (tested in tests/vm)"
	printf 'version: 1\nrules:\n  - name: a\n    match: {image: x}\n    rootfs: enforce\n' >"$WORK/enf.yaml"
	timeout 20 "$VIGIL" --policy "$WORK/enf.yaml" --output "$WORK/enf.json" 2>"$WORK/enf.err" || rc=$?
	[ "$rc" != 124 ] && [ "$rc" != 0 ] || die "an enforcing policy ran without BPF LSM (rc $rc)"
	grep -q 'BPF LSM' "$WORK/enf.err" || die "message does not name BPF LSM: $(cat "$WORK/enf.err")"
}

# Live reload the way a Kubernetes ConfigMap changes (kubelet swaps the "..data" symlink), a broken
# file (rejected, the policy in force stays), and SIGHUP. A container running across the swap moves
# to its new rule.
test_policy_reload_configmap_swap_broken_file_and_sighup() {
	local d=$WORK/configmap n
	mkdir -p "$d/..v1" "$d/..v2" "$d/..v3"
	printf 'version: 1\nrules:\n  - name: live\n    match: {labels: {vigil.test: live}}\n    rootfs: off\n' >"$d/..v1/policy.yaml"
	printf 'version: 1\nrules:\n  - name: live\n    match: {labels: {vigil.test: live}}\n    rootfs: monitor\n' >"$d/..v2/policy.yaml"
	printf 'version: 1\nrules:\n  - name: live\n    rootfs: sometimes\n' >"$d/..v3/policy.yaml"
	ln -s ..v1 "$d/..data"
	ln -s ..data/policy.yaml "$d/policy.yaml"
	vigil_start --policy "$d/policy.yaml"
	docker run -d --rm --network none --name vigil-pol-live-$$ --label vigil.test=live "$IMAGE" sh -c '
		sleep 0.5; i=0; while [ $i -lt 40 ]; do echo x > /live-$i; i=$((i + 1)); usleep 100000; done' >"$WORK/live.cid"
	sleep 1
	ln -s ..v2 "$d/..data_tmp" && mv -T "$d/..data_tmp" "$d/..data"
	n=0
	until [ "$(jq -s '[.[] | select(.event.action == "policy-loaded")] | length' "$OUT")" -ge 2 ]; do
		n=$((n + 1)); [ $n -lt 50 ] || die "no policy-loaded after the ..data swap"; sleep 0.1
	done
	docker wait "$(cat "$WORK/live.cid")" >/dev/null 2>&1 || true
	n=$(count '.container.id == "'"$(cat "$WORK/live.cid")"'" and (.file.path | startswith("/live-"))')
	[ "$n" -ge 5 ] && [ "$n" -le 35 ] || die "alerts of the running container across the swap: $n of 40 (off, then monitor)"
	alerts '.container.id == "'"$(cat "$WORK/live.cid")"'"' | json_ok -s 'map(.rule.name == "live") | all' >/dev/null ||
		die "rule names: $(alerts '.container.id == "'"$(cat "$WORK/live.cid")"'"' | jq -c '[.file.path, .rule.name]' | head -3)"
	# a broken file: rejected with its place, the policy in force stays
	ln -s ..v3 "$d/..data_tmp" && mv -T "$d/..data_tmp" "$d/..data"
	n=0
	until jq -e 'select(.event.action == "policy-rejected")' "$OUT" >/dev/null; do
		n=$((n + 1)); [ $n -lt 50 ] || die "no policy-rejected for a broken file"; sleep 0.1
	done
	jq -e 'select(.event.action == "policy-rejected") | .event.outcome == "failure" and .vigil.policy.line == 4 and
		.vigil.policy.column == 13 and (.vigil.policy.reason | test("sometimes"))' "$OUT" >/dev/null ||
		die "rejection: $(jq -c 'select(.event.action == "policy-rejected")' "$OUT")"
	run_ctr after --name vigil-pol-after-$$ --label vigil.test=live "$IMAGE" sh -c 'sleep 0.5; echo x > /after'
	expect_eq "$(count '.container.id == "'"$(cid after)"'" and .file.path == "/after" and .rule.name == "live"')" 1 \
		"the policy in force (v2) after a rejected reload"
	# SIGHUP: read again (still broken: rejected again), then the good one back and SIGHUP: loaded
	kill -HUP "$VIGIL_PID"
	n=0
	until [ "$(jq -s '[.[] | select(.event.action == "policy-rejected")] | length' "$OUT")" -ge 2 ]; do
		n=$((n + 1)); [ $n -lt 50 ] || die "SIGHUP did not reload"; sleep 0.1
	done
	vigil_stop
}

# A container whose rule cannot be known yet (its engine hangs) runs under the pending rule: its alerts
# say so, and one container-pending line names it, once.
test_policy_pending_while_the_engine_hangs() {
	local sock="$WORK/pending-engine.sock"
	start_hanging_engine "$sock"
	printf 'version: 1\ndefaults: {pending: monitor}\nrules:\n  - name: quiet\n    match: {name: "vigil-pend-*"}\n    rootfs: off\n' \
		>"$WORK/pend.yaml"
	vigil_start --policy "$WORK/pend.yaml" --docker-socket "$sock" --docker-root "$WORK/no-docker-root"
	run_ctr pend --name vigil-pend-$$ "$IMAGE" sh -c 'echo x > /p1; echo y > /p2'
	for _ in $(seq 1 30); do [ "$(count '.file.path == "/p2"')" = 1 ] && break; sleep 0.1; done
	vigil_stop
	kill "$HANG_PID" 2>/dev/null || true
	expect_eq "$(count '.container.id == "'"$(cid pend)"'" and (.file.path == "/p1" or .file.path == "/p2") and
		.vigil.policy.pending == true and .rule.name == "defaults"')" 2 "alerts under the pending rule"
	expect_eq "$(jq -s '[.[] | select(.event.action == "container-pending" and .container.id == "'"$(cid pend)"'")] | length' \
		"$OUT")" 1 "container-pending lines"
}
