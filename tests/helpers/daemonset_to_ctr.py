#!/usr/bin/python3
"""Prints the ctr run flags that start vigil's container as the DaemonSet in
deploy/kubernetes/vigil.yaml would: its capabilities (all others dropped),
its seccomp profile, read-only root, host pid namespace, hostPath mounts, ConfigMap volumes (laid
out in $CONFIGMAP_ROOT as the kubelet does: a timestamped directory, the
"..data" symlink to it, a symlink per key) and args. One flag or
argument per line; then "ARG <arg>" for the container's args and
"CAPS cap_a,cap_b,..." for the capabilities it must end up with.
Usage: daemonset_to_ctr.py YAML NODE_NAME ALL_CAPS..."""
import os
import sys

import yaml

path, node, all_caps = sys.argv[1], sys.argv[2], sys.argv[3:]
docs = list(yaml.safe_load_all(open(path)))
ds = next(d for d in docs if d["kind"] == "DaemonSet")
configmaps = {d["metadata"]["name"]: d["data"] for d in docs if d["kind"] == "ConfigMap"}
pod = ds["spec"]["template"]["spec"]
c = pod["containers"][0]
sc = c["securityContext"]
out = []
assert pod.get("hostPID") is True, "the DaemonSet must use hostPID"
out += ["--with-ns", "pid:/proc/self/ns/pid"]
if sc.get("readOnlyRootFilesystem"):
    out.append("--read-only")
assert sc["capabilities"]["drop"] == ["ALL"]
keep = {"CAP_" + name for name in sc["capabilities"]["add"]}
for cap in all_caps:
    out += ["--cap-drop", cap] if cap not in keep else ["--cap-add", cap]
profile = sc.get("seccompProfile", {})
assert profile.get("type") == "Localhost", "the DaemonSet must run under vigil's seccomp profile"
# the kubelet's seccomp root is $SECCOMP_ROOT here (deploy/seccomp, the profile's home)
seccomp_root = os.environ.get("SECCOMP_ROOT", "deploy/seccomp")
out += ["--seccomp", "--seccomp-profile", os.path.join(seccomp_root, profile["localhostProfile"])]
host = {v["name"]: v["hostPath"]["path"] for v in pod["volumes"] if "hostPath" in v}
for v in pod["volumes"]:
    if "configMap" in v:
        d = os.path.join(os.environ.get("CONFIGMAP_ROOT", "/tmp/vigil-configmaps"), v["name"])
        ts = os.path.join(d, "..2026_01_01_00_00_00.000000001")
        os.makedirs(ts, exist_ok=True)
        for key, value in configmaps[v["configMap"]["name"]].items():
            with open(os.path.join(ts, key), "w") as f:
                f.write(value)
            if not os.path.lexists(os.path.join(d, key)):
                os.symlink(os.path.join("..data", key), os.path.join(d, key))
        if not os.path.lexists(os.path.join(d, "..data")):
            os.symlink(os.path.basename(ts), os.path.join(d, "..data"))
        host[v["name"]] = d
for m in c["volumeMounts"]:
    ro = "ro" if m.get("readOnly") else "rw"
    out += ["--mount", f"type=bind,src={host[m['name']]},dst={m['mountPath']},options=rbind:{ro}"]
print("\n".join(out))
for arg in c.get("args", []):
    print("ARG " + arg.replace("$(NODE_NAME)", node))
print("CAPS " + ",".join(sorted(cap.lower() for cap in keep)))
