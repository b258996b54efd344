#!/usr/bin/env python3
"""bzImage -> the uncompressed kernel ELF, which qemu boots directly (PVH):
decompressing xz under software emulation costs ~2 s per boot."""
import lzma
import subprocess
import sys

data = open(sys.argv[1], "rb").read()
xz = data.find(b"\xfd7zXZ\x00")
if xz >= 0:
    elf = lzma.LZMADecompressor().decompress(data[xz:])
else:
    zstd = data.find(b"\x28\xb5\x2f\xfd")
    # zstd complains about the bytes after the frame; the frame itself is whole
    elf = subprocess.run(["zstd", "-dcq"], input=data[zstd:], capture_output=True, check=False).stdout
if elf[:4] != b"\x7fELF":
    sys.exit("extract-vmlinux: no ELF kernel inside " + sys.argv[1])
open(sys.argv[2], "wb").write(elf)
