# vigil — eBPF runtime-security agent for containers.
# `make` builds build/vigil; `make test` runs unit and integration tests (root).

ARCH ?= $(shell uname -m | sed -e 's/x86_64/x86/' -e 's/aarch64/arm64/')
CLANG ?= clang
BPFTOOL ?= bpftool
CC ?= cc
BUILD := build
VMLINUX := vmlinux/$(ARCH)/vmlinux.h

ifeq ($(V),1)
Q :=
else
Q := @
endif

WARN := -Wall -Wextra -Werror
CFLAGS ?= -O2 -g
VERSION := 0.1.0
CFLAGS += -DVIGIL_VERSION=\"$(VERSION)\"
# user/ is in folders by subsystem (docs/architecture.md); a header is included by its name alone.
USER_INC := -Iuser $(addprefix -I,$(patsubst %/,%,$(sort $(dir $(wildcard user/*/*.h)))))
CFLAGS += $(WARN) -std=gnu11 -Iinclude -I$(BUILD) $(USER_INC) -MMD -MP -D_GNU_SOURCE
LDLIBS := -lbpf -lelf -lz -lcurl -ljson-c -lprotobuf-c -lmicrohttpd -lcap -lyaml -lcrypto -lseccomp -lpthread
BPF_CFLAGS := -g -O2 -target bpf -D__TARGET_ARCH_$(ARCH) $(WARN) -Wno-unused-function -Wno-unused-parameter \
	-Ivmlinux/$(ARCH) -Iinclude -Ibpf -Ibpf/lib -MMD -MP

# maps.bpf.c defines the maps the other objects declare extern: it links first.
BPF_SRCS := bpf/maps.bpf.c $(filter-out bpf/maps.bpf.c,$(wildcard bpf/*.bpf.c))
BPF_OBJS := $(patsubst bpf/%.bpf.c,$(BUILD)/bpf/%.bpf.o,$(BPF_SRCS))
USER_SRCS := $(wildcard user/*.c user/*/*.c)
# protobuf-c code for the part of containerd's gRPC API vigil reads, generated into $(BUILD).
PROTO_C := $(BUILD)/containerd.pb-c.c
USER_OBJS := $(patsubst user/%.c,$(BUILD)/user/%.o,$(USER_SRCS)) $(BUILD)/user/containerd.pb-c.o
# Pure modules the unit tests link without the loader.
PURE := confine landlock cgroup ecs selection sink_file containers metadata path_resolver cap_windows record alert rootfs_write setuid mount capability drift json programs proc_status capnames mountinfo rootfs cli pathbuf syscall_table syscall_table_ia32 kallsyms container_meta docker_api json_in unix_http containerd_api containers_storage line_queue sink_queue sink_syslog hostport metrics_text safe_path yaml_tree policy policy_match policy_apply advise advise_print posture posture_format
PURE_SRCS := $(foreach m,$(PURE),$(wildcard user/$(m).c user/*/$(m).c)) $(PROTO_C)
# Unit tests mirror user/'s folders; their binaries sit side by side in $(BUILD)/tests.
UNIT_SRCS := $(wildcard tests/unit/test_*.c tests/unit/*/test_*.c)
UNIT_TESTS := $(addprefix $(BUILD)/tests/,$(basename $(notdir $(UNIT_SRCS))))
vpath test_%.c $(sort $(dir $(UNIT_SRCS)))
SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
# libFuzzer targets over the parsers of outside input (tests/fuzz), and the seconds each runs in `make fuzz`.
FUZZERS := $(patsubst tests/fuzz/fuzz_%.c,$(BUILD)/fuzz/fuzz_%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_SECONDS ?= 10

.DELETE_ON_ERROR:
.PHONY: all clean format-check test require-tools fresh test-the-tests unit fuzz integration vm run deps test-deps print-build-deps vmlinux bench bench-deps check

all: $(BUILD)/vigil

$(BUILD)/bpf/%.bpf.o: bpf/%.bpf.c | $(BUILD)/bpf
	@echo "  BPF     $@"
	$(Q)$(CLANG) $(BPF_CFLAGS) -c $< -o $@

# The dedup counter takes its tail with an atomic exchange (include/cap_dedup.h): BPF ISA v3 (Linux 5.12+).
$(BUILD)/bpf/capability.bpf.o: BPF_CFLAGS += -mcpu=v3

$(BUILD)/vigil.bpf.o: $(BPF_OBJS)
	@echo "  LINK    $@"
	$(Q)$(BPFTOOL) gen object $@ $^

$(BUILD)/vigil.skel.h: $(BUILD)/vigil.bpf.o
	@echo "  SKEL    $@"
	$(Q)$(BPFTOOL) gen skeleton $< name vigil_bpf > $@

# The filter vigil installs on itself (user/sys/confine.c), from the one list of its system calls.
$(BUILD)/seccomp_syscalls.h: deploy/seccomp/vigil.syscalls | $(BUILD)
	@echo "  GEN     $@"
	$(Q)awk 'BEGIN { print "/* generated from deploy/seccomp/vigil.syscalls */" } \
		$$1 == "run" { n = n "\"" $$2 "\", " } $$1 == "run-bpf" { b = b $$2 ", " } \
		$$1 == "helper" { h = h "\"" $$2 "\", " } \
		END { print "#define SECCOMP_RUN_NAMES " n; print "#define SECCOMP_RUN_BPF_CMDS " b; \
		      print "#define SECCOMP_HELPER_NAMES " h }' $< > $@

$(BUILD)/user/%.o: user/%.c $(BUILD)/vigil.skel.h $(BUILD)/seccomp_syscalls.h $(PROTO_C) | $(BUILD)/user
	@echo "  CC      $@"
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) -c $< -o $@

$(PROTO_C): user/metadata/containerd.proto | $(BUILD)
	@echo "  PROTOC  $@"
	$(Q)protoc-c --proto_path=user/metadata --c_out=$(BUILD) $<

$(BUILD)/user/containerd.pb-c.o: $(PROTO_C) | $(BUILD)/user
	@echo "  CC      $@"
	$(Q)$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/vigil: $(USER_OBJS)
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $^ $(LDLIBS) -o $@

$(BUILD)/tests/test_%: test_%.c $(PURE_SRCS) $(BUILD)/vigil.skel.h $(BUILD)/seccomp_syscalls.h | $(BUILD)/tests
	@echo "  TEST    $@"
	$(Q)$(CC) $(CFLAGS) $(SAN) -Itests/helpers $< $(PURE_SRCS) -lcmocka -lbpf -lelf -lz -lcurl -ljson-c -lprotobuf-c -lcap -lyaml -lcrypto -lseccomp -lpthread -o $@

$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(PURE_SRCS) $(BUILD)/vigil.skel.h $(BUILD)/seccomp_syscalls.h | $(BUILD)/fuzz
	@echo "  FUZZER  $@"
	$(Q)$(CLANG) -g -O1 $(WARN) -std=gnu11 -Iinclude -Itests/helpers -I$(BUILD) $(USER_INC) -D_GNU_SOURCE -DVIGIL_VERSION=\"$(VERSION)\" \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all $< $(PURE_SRCS) \
		-lbpf -lcurl -ljson-c -lprotobuf-c -lcap -lyaml -lcrypto -lseccomp -lpthread -o $@

# The BPF path walk, test-run in the caller's context (tests/helpers/path_walk.c).
$(BUILD)/tests/path_walk.bpf.o: tests/helpers/path_walk.bpf.c bpf/lib/path.bpf.h | $(BUILD)/tests
	$(Q)$(CLANG) $(BPF_CFLAGS) -c $< -o $@
$(BUILD)/tests/path_walk.skel.h: $(BUILD)/tests/path_walk.bpf.o
	$(Q)$(BPFTOOL) gen skeleton $< name path_walk_bpf > $@
$(BUILD)/tests/path_walk: tests/helpers/path_walk.c user/sys/pathbuf.c $(BUILD)/tests/path_walk.skel.h
	$(Q)$(CC) $(CFLAGS) -I$(BUILD)/tests tests/helpers/path_walk.c user/sys/pathbuf.c $(LDLIBS) -o $@

# The VM tests' stand-in for a hardened host's BPF policy (tests/helpers/refuse.c).
$(BUILD)/tests/refuse.bpf.o: tests/helpers/refuse.bpf.c | $(BUILD)/tests
	$(Q)$(CLANG) $(BPF_CFLAGS) -c $< -o $@
$(BUILD)/tests/refuse.skel.h: $(BUILD)/tests/refuse.bpf.o
	$(Q)$(BPFTOOL) gen skeleton $< name refuse_bpf > $@
$(BUILD)/tests/refuse: tests/helpers/refuse.c $(BUILD)/tests/refuse.skel.h
	$(Q)$(CC) $(CFLAGS) -I$(BUILD)/tests $< $(LDLIBS) -o $@

$(BUILD) $(BUILD)/bpf $(BUILD)/user $(BUILD)/tests $(BUILD)/fuzz:
	$(Q)mkdir -p $@

unit: $(UNIT_TESTS)
	$(Q)tests/run-unit.sh $(UNIT_TESTS)

fuzz: $(FUZZERS)
	$(Q)tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZERS)

# Runs a program under an OCI seccomp profile: the suite's agents run under deploy/seccomp/vigil.json.
$(BUILD)/tests/seccomp_exec: tests/helpers/seccomp_exec.c | $(BUILD)/tests
	$(Q)$(CC) $(CFLAGS) $< -ljson-c -lseccomp -o $@

integration: $(BUILD)/vigil $(BUILD)/tests/path_walk $(BUILD)/tests/seccomp_exec
	$(Q)tests/integration/run.sh

vm: $(BUILD)/vigil $(BUILD)/tests/refuse
	$(Q)tests/vm/run.sh

# First: every command the tests run is there (tests/tools.txt), before anything runs.
require-tools:
	$(Q)tests/require-tools.sh

# The README's first command in a pristine debootstrap root (tests/fresh/run.sh).
fresh:
	$(Q)tests/fresh/run.sh

# The integration suite against stand-ins that detect nothing / report everything (tests/stand-in).
test-the-tests: $(BUILD)/vigil
	$(Q)tests/stand-in/run.sh

test: require-tools all unit fuzz integration test-the-tests vm fresh

run: $(BUILD)/vigil
	./$(BUILD)/vigil

check: $(BUILD)/vigil
	./$(BUILD)/vigil --check

# Build and runtime dependencies, from Debian.
BUILD_DEPS := clang llvm bpftool libbpf-dev libelf-dev zlib1g-dev uthash-dev libcurl4-openssl-dev libjson-c-dev \
	libprotobuf-c-dev protobuf-c-compiler libmicrohttpd-dev libcap-dev libyaml-dev libssl-dev libseccomp-dev make gcc \
	pkg-config
deps:
	apt-get install -y -qq --no-install-recommends $(BUILD_DEPS)
# The list alone (the agent image's build stage installs it: deploy/container/base-image.sh).
print-build-deps:
	@echo $(BUILD_DEPS)
# The packages of the commands the tests run (tests/tools.txt, checked by
# make test), and the libraries they build against.
TEST_TOOL_PKGS = $(shell awk '!/^\#/ && NF == 2 { print $$2 }' tests/tools.txt | sort -u)
test-deps: deps
	apt-get install -y -qq --no-install-recommends $(TEST_TOOL_PKGS) \
		libcmocka-dev libclang-rt-14-dev libc6-dev python3-yaml

# Regenerate the committed vmlinux.h from this machine's kernel BTF.
vmlinux:
	$(BPFTOOL) btf dump file /sys/kernel/btf/vmlinux format c > vmlinux/$(ARCH)/vmlinux_$$(uname -r | cut -d. -f1-2 | tr -d .).h

$(BUILD)/bench/floor.bpf.o: bench/floor.bpf.c | $(BUILD)/bench
	$(Q)$(CLANG) $(BPF_CFLAGS) -c $< -o $@
$(BUILD)/bench/floor.skel.h: $(BUILD)/bench/floor.bpf.o
	$(Q)$(BPFTOOL) gen skeleton $< name floor_bpf > $@
$(BUILD)/bench/floor: bench/floor.c $(BUILD)/bench/floor.skel.h
	$(Q)$(CC) $(CFLAGS) -I$(BUILD)/bench $< $(LDLIBS) -o $@
$(BUILD)/bench:
	$(Q)mkdir -p $@

# The peers bench/run.sh measures vigil against, and gnuplot for bench/plot.
bench-deps: test-deps
	apt-get install -y -qq --no-install-recommends auditd bpftrace gnuplot-nox
bench: $(BUILD)/vigil $(BUILD)/bench/floor
	$(Q)bench/run.sh
	$(Q)bench/plot
	$(Q)bench/rate.sh
	$(Q)bench/churn.sh
	$(Q)bench/drift.sh
	$(Q)bench/vm.sh

clean:
	rm -rf $(BUILD)

-include $(wildcard $(BUILD)/bpf/*.d $(BUILD)/user/*.d $(BUILD)/user/*/*.d $(BUILD)/tests/*.d)

# Files that differ from .clang-format (applied to the whole tree once, on 2026-12-05).
format-check:
	@for f in $$(find bpf include user tests/unit tests/fuzz tests/helpers -name '*.[ch]' | sort); do \
		clang-format --dry-run -Werror "$$f" >/dev/null 2>&1 || echo "differs: $$f"; done
