# shellcheck shell=bash
# What every bench script starts with (sourced from the project root): the
# integration helpers (dockerd, the busybox image, vigil_start/vigil_stop),
# the results directory, and bench_setup.
. tests/integration/lib.sh
RESULTS=${RESULTS:-bench/results}
mkdir -p "$RESULTS"

# bench_setup [make targets...]: root, vigil built (and the targets), dockerd, the image.
bench_setup() {
	[ "$(id -u)" = 0 ] || die "needs root"
	make -s build/vigil "$@"
	ensure_dockerd
	build_image
}
