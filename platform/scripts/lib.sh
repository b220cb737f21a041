# shellcheck shell=bash
# Shared helpers for every host script under platform/ (not platform/runner/judge.sh, which runs
# inside the sandbox image). Source it; do not run it. It is the one home of the repo root, the
# logger, apt-get, the Python check and venv, the Debian root file system (debootstrap) and the
# Docker Engine's options; the judge worker's command line is platform/scripts/judge-worker.sh.
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DOJO_RUN_DIR="${DOJO_RUN_DIR:-$REPO_ROOT/.run}"
mkdir -p "$DOJO_RUN_DIR"
_t0=${DOJO_T0:-$(date +%s)}; export DOJO_T0=$_t0

say() { printf '[dojo %3ss] %s\n' "$(( $(date +%s) - _t0 ))" "$*"; }
die() { printf '[dojo] error: %s\n' "$*" >&2; exit 1; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# ensure_packages PKG...: installs the Debian packages that are missing, once.
ensure_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing Debian packages: ${missing[*]} (one-time, may take a few minutes)"
  if [ ! -f "$DOJO_RUN_DIR/.apt-updated" ]; then
    as_root apt-get update -qq && touch "$DOJO_RUN_DIR/.apt-updated"
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
}

# Services this run started itself, so that stopping undoes exactly that.
mark_started() { echo "$1" >> "$DOJO_RUN_DIR/started-by-us"; }

# find_python: sets PYTHON to a Python 3.11 (Django 5.2 LTS): $PYTHON if given, else the first
# of python3.11 and python3 that is one.
is_python311() { command -v "$1" >/dev/null && "$1" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; }
find_python() {
  if [ -n "${PYTHON:-}" ]; then
    is_python311 "$PYTHON" || die "PYTHON=$PYTHON is not Python 3.11 (Django 5.2 LTS)"
    return 0
  fi
  for PYTHON in python3.11 python3; do is_python311 "$PYTHON" && return 0; done
  die "Python 3.11 is required (Django 5.2 LTS); install python3.11"
}

# ensure_venv REQUIREMENTS: .venv with the packages of REQUIREMENTS (requirements.txt on a worker
# host, requirements-dev.txt for development and tests), installed again whenever any
# requirements*.txt changes: the stamp holds the file's name and their hash.
ensure_venv() {
  local file=$1 stamp="$REPO_ROOT/.venv/.dojo-requirements" want
  find_python
  "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null || ensure_packages python3-venv
  want="$file $(cat "$REPO_ROOT"/requirements*.txt | sha256sum | cut -c1-16)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "installing Python packages into .venv ($file)"
    [ -x "$REPO_ROOT/.venv/bin/python" ] || "$PYTHON" -m venv "$REPO_ROOT/.venv"
    "$REPO_ROOT/.venv/bin/pip" install -q --disable-pip-version-check -r "$REPO_ROOT/$file"
    echo "$want" > "$stamp"
  fi
  say "Python packages ready"
}

# The Debian release the runner image and the offline base images are made of.
DEBIAN_SUITE=bookworm
DEBIAN_MIRROR=http://deb.debian.org/debian

# debootstrap_tar TAR PACKAGES [FIXUP]: a minbase Debian root file system with PACKAGES
# (comma-separated), packed into TAR; nothing is done when TAR exists (the slow, network-bound
# step: callers name TAR by what goes into it). FIXUP, a command, gets the tree's directory
# before it is packed.
debootstrap_tar() {
  local tar=$1 packages=$2 fixup=${3:-} dir log
  [[ -f $tar ]] && return 0
  ensure_packages debootstrap
  dir="$(dirname "$tar")/rootfs.tmp" log="$(dirname "$tar")/debootstrap.log"
  mkdir -p "$(dirname "$tar")"
  say "debootstrap $DEBIAN_SUITE (minbase + $packages)..."
  rm -rf "$dir"
  debootstrap --variant=minbase --include="$packages" "$DEBIAN_SUITE" "$dir" "$DEBIAN_MIRROR" >"$log" 2>&1 \
    || { tail -n 20 "$log"; die "debootstrap failed (log: $log)"; }
  # Nothing at run time needs apt's caches and lists (an image step that installs packages
  # fetches the lists again), docs or manuals.
  rm -rf "$dir"/var/cache/apt/* "$dir"/var/lib/apt/lists/* "$dir"/usr/share/{doc,man,info}/*
  [ -z "$fixup" ] || "$fixup" "$dir"
  tar --numeric-owner -C "$dir" -cf "$tar.tmp" .
  mv "$tar.tmp" "$tar"
  rm -rf "$dir"
  say "debootstrap done"
}

# The Docker Engine as the judge needs it (docker-engine.sh starts it in the background,
# dockerd-foreground.sh under `make run`'s supervisor): no bridge and no iptables rules, so
# `--network none` is the only mode a container can have (and the only one we use).
# shellcheck disable=SC2034  # used by the scripts that source this file
DOCKERD_OPTIONS=(--bridge=none --iptables=false --ip6tables=false)

# alive PID NAME: a live process of that name (a killed one lingers as a zombie until reaped,
# and its pid may be reused).
alive() { [[ "$(cat "/proc/$1/comm" 2>/dev/null)" == "$2" ]] && ! grep -q '^State:.*Z' "/proc/$1/status" 2>/dev/null; }

# A killed dockerd leaves its pid file, and containerd's; a stale one blocks the next start
# (dockerd waits forever on a containerd it believes alive). Drop them unless their owner lives.
drop_stale_docker_pid_files() {
  if [[ -f /var/run/docker.pid ]] && ! alive "$(cat /var/run/docker.pid)" dockerd; then
    rm -f /var/run/docker.pid
  fi
  local containerd_pid=/var/run/docker/containerd/containerd.pid
  if [[ -f $containerd_pid ]] && ! alive "$(cat "$containerd_pid")" containerd; then
    rm -f "$containerd_pid"
  fi
}
