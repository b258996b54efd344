#!/bin/sh
# The container's part of the VM's drift scenario (guest.sh: --drift enforce on the LSM backend):
# each way to run what the image did not ship, denied before it runs (no side effect: its mark is
# absent), the caller surviving to say so; and what must still run. Results go to the volume
# (/data, a tmpfs: itself a drift location, so the marks are written by image binaries only).
R=/data/drift-results
D=/data/marks
mkdir -p $D
cp /usr/bin/probe /dropped && chmod 755 /dropped
/dropped mark $D/dropped 2>/dev/null || echo dropped-denied >>$R
cp /usr/bin/probe /data/t
/data/t mark $D/volume 2>/dev/null || echo volume-denied >>$R
probe memfd-exec mark $D/memfd 2>/dev/null || echo memfd-denied >>$R
probe deleted-exec /tmp mark $D/deleted 2>/dev/null || echo deleted-denied >>$R
# a script run by its #! line is judged itself; "sh script" runs the image's sh (not drift)
printf '#!/bin/sh\nprobe mark $1\n' >/s.sh && chmod 755 /s.sh
/s.sh $D/script 2>/dev/null || echo script-denied >>$R
sh /s.sh $D/script-by-sh && echo script-by-sh-ran >>$R
# what ld.so and dlopen do: map the dropped file executable, at once or by mprotect
probe map-exec /dropped 2>/dev/null || echo mmap-denied >>$R
probe mprotect-exec /dropped 2>/dev/null || echo mprotect-denied >>$R
# must still run: a JIT's anonymous executable memory, image binaries after chmod 755 / touch / chown,
# a mapping of an image file
probe anon-exec && echo anon-ran >>$R
chmod 755 /bin/busybox && touch /usr/bin/probe && chown 0:0 /usr/bin/probe-suid &&
	/bin/busybox true && probe mark $D/image && probe-suid mark $D/image-suid && echo image-ran >>$R
probe map-exec /usr/bin/probe-suid && echo image-map-ran >>$R
# chmod +x of an image file that was not executable makes it the container's (LSM backend);
# an image program rewritten in place is the container's too
chmod 755 /usr/lib/probe-data && { /usr/lib/probe-data mark $D/chmodx 2>/dev/null || echo chmodx-denied >>$R; }
cp /usr/bin/probe /usr/bin/probe-copy && cat /usr/bin/probe-copy >/usr/bin/probe-suid
/usr/bin/probe-suid mark $D/rewritten 2>/dev/null || echo rewritten-denied >>$R
ls $D >/data/marks.txt
