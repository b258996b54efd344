# shellcheck shell=bash
# mount: mounts and unmounts inside containers, allowed or refused.

test_mount_and_umount_in_privileged_container() {
	vigil_start
	run_ctr m --cap-add SYS_ADMIN "$IMAGE" sh -c 'mount -t tmpfs none /mnt && umount /mnt'
	vigil_stop
	expect_eq "$(count '.event.action == "mount" and .vigil.syscall == "mount" and .vigil.mount.source == "none" and .vigil.mount.target == "/mnt" and .vigil.mount.fstype == "tmpfs" and .event.outcome == "success"')" 1 "mount"
	expect_eq "$(count '.event.action == "mount" and .vigil.syscall == "umount2" and .vigil.mount.target == "/mnt"')" 1 "umount"
}

test_mount_refused_attempt_is_reported() {
	vigil_start
	run_ctr r "$IMAGE" sh -c 'mount -t tmpfs none /mnt'
	vigil_stop
	expect_eq "$(count '.event.action == "mount" and .event.outcome == "failure" and .vigil.mount.target == "/mnt"')" 1 "refused mount"
}
