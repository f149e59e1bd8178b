#!/bin/sh
# Installs the Debian packages the test suite starts itself, when they are missing:
#   virtuoso-opensource  a second, independent SPARQL 1.1 store (tests/test_virtuoso.py)
#   chromium, chromium-driver  a headless browser for the report (tests/test_report_browser.py)
# Run as root, or as a user who may sudo. Does nothing when everything is there.
set -eu
need=""
command -v virtuoso-t >/dev/null 2>&1 || need="$need virtuoso-opensource"
command -v chromium >/dev/null 2>&1 || need="$need chromium"
command -v chromedriver >/dev/null 2>&1 || need="$need chromium-driver"
[ -z "$need" ] && exit 0
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
echo "tests/system-packages.sh: installing the Debian packages$need (without recommended packages), for the tests that start them" >&2
# shellcheck disable=SC2086
$sudo apt-get install -y -q --no-install-recommends $need >/dev/null 2>&1 || {
  $sudo apt-get update -q >/dev/null
  $sudo apt-get install -y -q --no-install-recommends $need >/dev/null
}
echo "tests/system-packages.sh: installed$need" >&2
