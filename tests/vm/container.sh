#!/bin/sh
# The container's entrypoint in the VM tests.
echo x > /written
echo v > /data/volume-file
probe setresuid 1000 1000 1000
