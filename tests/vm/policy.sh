#!/bin/sh
# The container's part of the VM's policy scenario (guest.sh policy_scenario), under the policy
# there: allowed /allowed/, /both/, /a/, /b/, /run-app.pid and the directory /c; everything else
# on the root filesystem denied. Each result goes to the volume (/data), which is not the rootfs.
R=/data/policy-results
mkdir /allowed && echo a > /allowed/file && mkdir /allowed/sub && echo s > /allowed/sub/f &&
	echo p > /run-app.pid && echo allowed-ok >>$R
echo x > /allowed-evil 2>/dev/null || echo sibling-denied >>$R
mkdir /allowed-evil-dir 2>/dev/null || echo sibling-dir-denied >>$R
echo y > /run-app.pid.x 2>/dev/null || echo neighbour-denied >>$R
ln /etc/passwd /allowed/passwd-link 2>/dev/null || echo link-in-denied >>$R
mv /allowed/file /escaped 2>/dev/null || echo rename-out-denied >>$R
mv /etc/motd /allowed/motd 2>/dev/null || echo rename-in-denied >>$R
(cd /allowed/sub && echo z > ../../etc/dotdot 2>/dev/null) || echo dotdot-denied >>$R
mkdir /both /a /b /c && echo dirs-ok >>$R
# /c is allowed as a name, not its contents: moving the directory (and what it holds) is not
mv /c /allowed/c-moved 2>/dev/null || echo dir-rename-denied >>$R
# a file with a second name: the other name could be anywhere, so neither is written through
echo a > /allowed/h1 && ln /allowed/h1 /allowed/h2 && echo linked >>$R
echo b >> /allowed/h2 2>/dev/null || echo multi-link-denied >>$R
# reload under load: guest.sh swaps the policy between two versions while this runs
[ -f /data/run-reload ] || exit 0
i=0
touch /data/reload-started
while [ ! -f /data/reload-stop ] && [ $i -lt 5000 ]; do
	echo x > /both/$i 2>/dev/null || echo $i >>/data/both-denied
	echo x > /c/$i 2>/dev/null && echo $i >>/data/c-written
	echo x > /a/$i 2>/dev/null
	echo x > /b/$i 2>/dev/null
	i=$((i + 1))
done
echo $i >/data/reload-count
