#!/usr/bin/env bash
# Prints the path of a promtool binary (Prometheus's own checker of the exposition format),
# installing Debian's `prometheus` package when none is on PATH. Fails loudly otherwise: the
# metrics suite must not pass without the check.
#
# Needs root or password-less sudo, and an apt-based system. Note: on a machine running systemd,
# the package also enables and starts a Prometheus server (port 9090); CI containers have none.
set -euo pipefail

die() {
  echo "promtool.sh: $*" >&2
  exit 1
}

if path="$(command -v promtool)"; then
  echo "$path"
  exit 0
fi

command -v apt-get >/dev/null 2>&1 || die "promtool is not on PATH and apt-get is missing: install Prometheus's promtool"
if [[ "$(id -u)" == 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  die "promtool is not on PATH and installing the 'prometheus' package needs root or password-less sudo"
fi

export DEBIAN_FRONTEND=noninteractive
# Fresh images ship without package lists: fetch them only when the package is unknown.
if ! apt-cache policy prometheus 2>/dev/null | grep -q 'Candidate: [0-9]'; then
  "${as_root[@]}" apt-get update -q >&2 || die "apt-get update failed"
fi
"${as_root[@]}" apt-get install -y --no-install-recommends prometheus >&2 ||
  die "apt-get install prometheus failed"

path="$(command -v promtool)" || die "the prometheus package is installed but promtool is not on PATH"
echo "$path"
