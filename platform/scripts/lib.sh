# Shared helpers for the platform scripts. Source it; do not run it.
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
