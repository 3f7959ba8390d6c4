#!/usr/bin/env bash
# Builds the module inside an ns-3.37 source tree, as contrib/ipsec, and runs its GoogleTest
# suites there: the check that CMakeLists.txt also works with ns-3's own build_lib().
#
#   scripts/in-tree-build.sh [WORK_DIR]     (default WORK_DIR: /tmp/ipsec-in-tree)
#
# Gets the sources with `apt-get source ns3` (adding a deb-src entry when none is configured),
# copies this module to contrib/ipsec, configures only the modules ipsec needs (ns-3 resolves
# its dependencies; ns-3's own test-runner is not built), builds, and runs the module's
# GoogleTest suites with ctest.
set -euo pipefail
module_dir="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-/tmp/ipsec-in-tree}"
jobs="${IPSEC_JOBS:-$(nproc)}"
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
start=$SECONDS

if ! grep -rqsE '^(deb-src|Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    echo "== adding a deb-src entry for bookworm"
    "${sudo[@]}" tee /etc/apt/sources.list.d/ipsec-deb-src.sources >/dev/null <<'EOF'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    "${sudo[@]}" apt-get update -qq
fi
if ! command -v dpkg-source >/dev/null; then
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq dpkg-dev
fi

mkdir -p "$work"
cd "$work"
if [ ! -d ns3-3.37/ns-3.37 ]; then
    echo "== apt-get source ns3"
    apt-get source -qq ns3
fi
tree="$work/ns3-3.37/ns-3.37"

echo "== placing the module at contrib/ipsec"
rm -rf "$tree/contrib/ipsec"
mkdir -p "$tree/contrib/ipsec"
(cd "$module_dir" && git ls-files --cached --others --exclude-standard -z |
    xargs -0 cp --parents -t "$tree/contrib/ipsec")

echo "== configure (modules: ipsec and its dependencies)"
cmake -S "$tree" -B "$tree/cmake-cache" -G Ninja -DCMAKE_BUILD_TYPE=release \
    -DNS3_ENABLED_MODULES=ipsec -DNS3_TESTS=OFF -DNS3_EXAMPLES=ON -DNS3_WARNINGS_AS_ERRORS=OFF \
    -DNS3_PYTHON_BINDINGS=OFF >"$work/configure.log"
echo "== build"
cmake --build "$tree/cmake-cache" -j "$jobs" >"$work/build.log" 2>&1 ||
    { tail -n 60 "$work/build.log"; exit 1; }
echo "== test"
(cd "$tree/cmake-cache/contrib/ipsec" && ctest --output-on-failure -j "$jobs" -L 'unit|integration')
echo "== in-tree build and tests done in $((SECONDS - start)) s"
