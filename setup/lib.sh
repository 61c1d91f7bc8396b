# Shared by setup/run and setup/test: prepares what is missing, quickly when nothing is.
# shellcheck shell=bash
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV="$ROOT/.venv"
PY="$VENV/bin/python"
ODOO_CACHE="${HOME}/.cache/odoo/17.0"
ODOO_NIGHTLY_URL="https://nightly.odoo.com/17.0/nightly/src/odoo_17.0.latest.tar.gz"
STATE="$ROOT/.state"
mkdir -p "$STATE"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

is_odoo17() { grep -qs "version_info = (17, 0" "$1/odoo/release.py"; }

# Odoo 17.0 source: $ODOO_SRC, else the cache, else the official nightly archive into the cache.
resolve_odoo_src() {
  if [ -n "${ODOO_SRC:-}" ]; then
    is_odoo17 "$ODOO_SRC" || die "ODOO_SRC=$ODOO_SRC is not an Odoo 17.0 source tree (no odoo/release.py with 17.0)."
  elif is_odoo17 "$ODOO_CACHE"; then
    ODOO_SRC=$ODOO_CACHE
  else
    say "Downloading the Odoo 17.0 nightly source into $ODOO_CACHE"
    mkdir -p "$ODOO_CACHE"
    if ! curl -fsSL --retry 2 "$ODOO_NIGHTLY_URL" | tar -xz --strip-components=1 -C "$ODOO_CACHE" 2>/dev/null \
      || ! is_odoo17 "$ODOO_CACHE"; then
      die "no Odoo 17.0 source: set ODOO_SRC, fill $ODOO_CACHE, or allow the download of $ODOO_NIGHTLY_URL."
    fi
    ODOO_SRC=$ODOO_CACHE
  fi
  export ODOO_SRC
}

# Debian packages the Python requirements build against, and the browser for journeys.
ensure_system_packages() {
  local want=(libpq-dev libldap2-dev libsasl2-dev libxml2-dev libxslt1-dev libjpeg-dev zlib1g-dev chromium pandoc)
  local missing=()
  for p in "${want[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "Installing Debian packages: ${missing[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    die "missing system packages: ${missing[*]} (install them with your package manager)."
  fi
}

# The virtual environment: Odoo's requirements and ours, reinstalled only when they change.
ensure_venv() {
  local pybin
  pybin=$(command -v python3.11 || command -v python3)
  "$pybin" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' \
    || die "Python 3.11 is required (found $("$pybin" --version))."
  [ -x "$PY" ] || { say "Creating the virtual environment in .venv"; "$pybin" -m venv "$VENV"; }
  local stamp="$VENV/.requirements.sha"
  local sum
  sum=$(cat "$ODOO_SRC/requirements.txt" "$ROOT/requirements.txt" "$ROOT/requirements-nodeps.txt" | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ]; then
    say "Installing Python requirements (Odoo's and the project's)"
    "$PY" -m pip install -q --upgrade "pip<25" wheel "setuptools<70"
    "$PY" -m pip install -q -r "$ODOO_SRC/requirements.txt" -r "$ROOT/requirements.txt"
    "$PY" -m pip install -q --no-deps -r "$ROOT/requirements-nodeps.txt"
    echo "$sum" >"$stamp"
  fi
  # Odoo as a package of the venv, pointing at the source tree (no copy).
  local pth="$VENV/lib/python3.11/site-packages/odoo-src.pth"
  [ "$(cat "$pth" 2>/dev/null)" = "$ODOO_SRC" ] || echo "$ODOO_SRC" >"$pth"
}

# The demo sign-in provider's Node.js dependencies, from its lockfile.
ensure_node_deps() {
  local dir="$ROOT/setup/oidc_provider"
  [ -f "$dir/package-lock.json" ] || return 0
  command -v npm >/dev/null || die "Node.js and npm are required for the demo sign-in provider."
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.stamp" ]; then
    say "Installing the sign-in provider's npm packages"
    (cd "$dir" && npm ci --silent --no-audit --no-fund >/dev/null && touch node_modules/.stamp)
  fi
}

# PostgreSQL: the machine's server (socket or PGHOST/PGPORT/PGUSER); else a project-local cluster.
ensure_postgres() {
  if pg_isready -q 2>/dev/null && psql -d postgres -Atc 'select 1' >/dev/null 2>&1; then
    return 0
  fi
  local bindir
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$bindir" ] && [ -x "$bindir/initdb" ] \
    || die "no PostgreSQL server answers and none is installed: install PostgreSQL (Debian: apt-get install postgresql) or set PGHOST/PGPORT/PGUSER."
  local data="$STATE/pgdata" sock="$STATE/pgsock"
  mkdir -p "$sock" "$data"
  local owner=()
  if [ "$(id -u)" = 0 ]; then
    # PostgreSQL refuses to run as root: the cluster belongs to the postgres system user.
    id postgres >/dev/null 2>&1 || die "running as root needs the postgres system user for a local cluster."
    chown postgres "$sock" "$data"
    chmod 700 "$data"
    owner=(runuser -u postgres --)
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    say "Creating a project-local PostgreSQL cluster in .state/pgdata"
    "${owner[@]}" "$bindir/initdb" -D "$data" -A trust -U postgres >/dev/null
  fi
  export PGHOST=$sock PGPORT=5439 PGUSER=postgres
  if ! pg_isready -q 2>/dev/null; then
    say "Starting the project-local PostgreSQL on $sock (port 5439)"
    "${owner[@]}" "$bindir/pg_ctl" -D "$data" -l "$data/server.log" -w \
      -o "-k $sock -p 5439 -c listen_addresses=''" start >/dev/null \
      || die "the project-local PostgreSQL did not start; see .state/pgdata/server.log"
  fi
  local me
  me=$(id -un)
  psql -d postgres -Atc "select 1 from pg_roles where rolname='$me'" | grep -q 1 \
    || psql -d postgres -qc "create role \"$me\" superuser login"
  export PGUSER=$me
}

addons_path() {
  # Odoo refuses a directory without any module in it.
  local p="$ODOO_SRC/odoo/addons"
  compgen -G "$ROOT/addons/*/__manifest__.py" >/dev/null && p="$p,$ROOT/addons"
  compgen -G "$ROOT/g2p_*/__manifest__.py" >/dev/null && p="$p,$ROOT"
  echo "$p"
}

# Every module of the suite, in a comma list.
suite_modules() {
  local mods=() m
  for m in "$ROOT"/addons/*/__manifest__.py "$ROOT"/g2p_*/__manifest__.py; do
    [ -f "$m" ] && mods+=("$(basename "$(dirname "$m")")")
  done
  (IFS=,; echo "${mods[*]}")
}

prepare() {
  resolve_odoo_src
  ensure_system_packages
  ensure_venv
  ensure_node_deps
  ensure_postgres
}
