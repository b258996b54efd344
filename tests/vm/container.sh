#!/bin/sh
# The container's entrypoint in the VM tests: one write of each kind, and
# ways a path string could dodge a string match (relative, "..", symlink).
echo x > /written
echo u > /tmp/user-file	# /tmp is 1777: writable without root
mkdir /newdir
echo v > /data/volume-file
cd /tmp && echo y > ../etc/dotdot
echo z > /tmp/etc-link/via-symlink	# the image has /tmp/etc-link -> /etc
grep -q localhost /etc/hosts && echo hosts-readable
probe setresuid 1000 1000 1000
exit 0
