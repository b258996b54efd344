# shellcheck shell=bash
# The adversarial table (tests/cases/adversarial.tsv) on this kernel's
# tracepoint backend, in a default Docker container (Docker's default
# capabilities, SYS_CHROOT among them): each row's alerts, and the rootfs
# on disk: the container's upper layer (docker diff misses changes that keep
# size, mode and mtime, such as an xattr). tests/vm runs the same table on both backends and
# under --enforce.
. tests/cases/lib.sh

test_adversarial_tracepoint_backend() {
	local backend
	mkdir -p "$WORK/adv-vol"
	adv_script >"$WORK/adv.sh"
	[ "$(cat /proc/sys/kernel/core_pattern)" = core ] || echo core >/proc/sys/kernel/core_pattern
	# Docker 25+ refuses io_uring in its default seccomp profile (20.10, Debian 12's, allows it)
	local no_uring=
	docker run --rm --network none "$IMAGE" probe uring read /usr/bin/probe >/dev/null 2>&1 ||
		no_uring="this Docker's default seccomp profile refuses io_uring"
	vigil_start --backend tracepoint --watch-ia32
	backend=$(jq -r -s '.[0].vigil.backend' "$OUT")
	# a blind spot of this backend is declared where a SIEM reads it
	jq -e -s '.[0].vigil.blind_spots | map(test("core dumps")) | any' "$OUT" >/dev/null ||
		die "agent-start does not declare the core-dump blind spot: $(head -1 "$OUT" | jq -c .vigil.blind_spots)"
	docker run --name vigil-adv --network none --ulimit core=-1 -v "$WORK/adv-vol:/data" -v "$WORK/adv.sh:/adv.sh:ro" \
		"$IMAGE" sh /adv.sh >"$WORK/adv.out" 2>&1 || die "adversarial container failed: $(tail -3 "$WORK/adv.out")"
	# what the container changed on its rootfs, as ./path lines (a deletion is a whiteout there)
	local upper
	upper=$(docker inspect -f '{{.GraphDriver.Data.UpperDir}}' vigil-adv)
	[ -d "$upper" ] || die "no upper layer for vigil-adv: $upper"
	(cd "$upper" && find . -mindepth 1 | sort) >"$WORK/adv.changes"
	local id
	id=$(docker inspect -f '{{.Id}}' vigil-adv)
	docker rm -f vigil-adv >/dev/null
	vigil_stop
	ADV_NO_URING=$no_uring ADV_SKIPS="$WORK/$TEST.skips" adv_check "$OUT" "$id" "$backend" false "$WORK/adv.changes"
}
