#!/bin/sh
# The container's entrypoint in the VM tests: one write of each kind.
echo x > /written
mkdir /newdir
echo v > /data/volume-file
grep -q localhost /etc/hosts && echo hosts-readable
probe setresuid 1000 1000 1000
exit 0
