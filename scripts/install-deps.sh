#!/usr/bin/env bash
# Installs the Debian 12 packages Licensor builds, tests and benchmarks with, when any is missing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libboost-dev libboost-system-dev libsodium-dev libsqlite3-dev libpq-dev libssl-dev
  nlohmann-json3-dev libspdlog-dev libcli11-dev libcurl4-openssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  sqlite3 clang-format
  clang libclang-rt-14-dev  # the libFuzzer target and its sanitizers (tests/fuzz/run.sh)
  postgresql  # a throwaway server for the PostgreSQL tests (tests/support/postgres.sh)
  curl  # tests/openapi/run.sh fetches the served API description
  python3  # the Python binding's tests (bindings/python) and the test scripts' JSON
  # the Python package installed offline into a virtual environment (tests/sdk_install.sh)
  python3-venv python3-pip python3-setuptools python3-wheel
  openssl  # the SDK's TLS tests: a certificate and a TLS server (tests/sdk_network_test.cpp)
  python3-aiosmtpd  # the SMTP relay e-mail is tested against (tests/support/smtp_sink.hpp)
  chromium  # the console's browser tests (web/console/e2e), driven by Playwright
  lintian  # make package's Debian packages are checked (tests/package_test.sh)
)
# Node.js runs the API description's checks (tests/openapi); a Node.js that ships its own npm
# (as NodeSource's does) must not be paired with Debian's npm package.
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)
if [ "${1:-}" = "--bench" ]; then packages+=(wrk nginx-light); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
