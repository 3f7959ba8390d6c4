#!/usr/bin/env bash
# ns-3 IPsec quick start, for a fresh Debian bookworm machine.
#
#   ./quickstart.sh example   install what is missing, build, run the flagship example
#   ./quickstart.sh test      install what is missing, build, run the whole test suite
#
# "test" is what CI runs: a Release build (-Werror) with every CTest test (unit, integration,
# example), an AddressSanitizer + UndefinedBehaviorSanitizer build running the unit and
# integration tests, and the clang-format / build-file checks.
set -euo pipefail
cd "$(dirname "$0")"

readonly PACKAGES=(
    cmake ninja-build g++ pkg-config python3
    ns3 libns3-dev libgsl-dev
    # Debian's ns-3 CMake targets name these headers and libraries; CMake rejects missing ones.
    libxml2-dev libsqlite3-dev libpython3-dev
    libssl-dev libboost-graph-dev libgtest-dev
    tshark clang-format
)
readonly JOBS="${IPSEC_JOBS:-$(nproc)}"

log() { printf '\n== %s\n' "$*"; }

install_missing() {
    local missing=()
    for package in "${PACKAGES[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$package")
        fi
    done
    if [ "${#missing[@]}" -eq 0 ]; then
        log "all packages present"
        return
    fi
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        sudo=(sudo)
    fi
    log "installing: ${missing[*]}"
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
        "${missing[@]}"
}

# configure_and_build <build-dir> [cmake options...]
configure_and_build() {
    local dir="$1"
    shift
    log "configure and build ${dir}"
    cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@" >"${dir}.configure.log" 2>&1 ||
        { cat "${dir}.configure.log"; return 1; }
    cmake --build "$dir" -j "$JOBS"
}

run_example() {
    configure_and_build build
    local out=build/example-output
    mkdir -p "$out"
    log "running the flagship example (outputs in ${out}/)"
    (cd "$out" && ../examples/ipsec-esp-tunnel "$@")
}

# run_ctest <build-dir> <label-regex-or-empty>: runs CTest and records its counts
TOTAL_PASSED=0
TOTAL_FAILED=0
run_ctest() {
    local dir="$1" labels="$2" args=(--output-on-failure -j "$JOBS")
    if [ -n "$labels" ]; then
        args+=(-L "$labels")
    fi
    log "ctest in ${dir} ${labels:+(labels: $labels)}"
    local status=0
    (cd "$dir" && ctest "${args[@]}") | tee "${dir}.ctest.log" || status=$?
    local line total failed
    line=$(grep -E 'tests passed, [0-9]+ tests failed out of [0-9]+' "${dir}.ctest.log" | tail -n 1)
    total=$(sed -E 's/.*out of ([0-9]+).*/\1/' <<<"$line")
    failed=$(sed -E 's/.* ([0-9]+) tests failed.*/\1/' <<<"$line")
    if [ -z "$line" ] || [ "$total" -eq 0 ]; then
        echo "no test ran in ${dir}"
        TOTAL_FAILED=$((TOTAL_FAILED + 1))
        return
    fi
    TOTAL_PASSED=$((TOTAL_PASSED + total - failed))
    TOTAL_FAILED=$((TOTAL_FAILED + failed))
    [ "$status" -eq 0 ] || [ "$failed" -gt 0 ] || TOTAL_FAILED=$((TOTAL_FAILED + 1))
}

run_checks() {
    log "source checks (clang-format, wscript syntax)"
    if scripts/check-format.sh; then
        TOTAL_PASSED=$((TOTAL_PASSED + 1))
    else
        TOTAL_FAILED=$((TOTAL_FAILED + 1))
    fi
}

run_tests() {
    local start=$SECONDS
    configure_and_build build
    run_ctest build ""
    configure_and_build build-asan -DIPSEC_SANITIZE=ON -DIPSEC_BUILD_EXAMPLES=OFF
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
        run_ctest build-asan 'unit|integration'
    run_checks
    log "done in $((SECONDS - start)) s"
    echo "total: ${TOTAL_PASSED} passed, ${TOTAL_FAILED} failed"
    [ "$TOTAL_FAILED" -eq 0 ]
}

case "${1:-}" in
example)
    shift
    install_missing
    run_example "$@"
    ;;
test)
    install_missing
    run_tests
    ;;
*)
    echo "usage: $0 example [example options] | test" >&2
    exit 2
    ;;
esac
