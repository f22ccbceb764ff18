#!/usr/bin/env bash
# Gets a PostgreSQL server running on this machine for the tests (and for trying DATABASE_URL):
# installs Debian's postgresql when it is missing, starts its cluster, and gives the current
# user a role (superuser, on the unix socket, peer authentication), so that
#   postgresql:///postgres?host=/var/run/postgresql
# works. Safe to run again. Needs root (or sudo) to install and start.
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "installing Debian's postgresql"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq postgresql >/dev/null
fi

cluster=$(pg_lsclusters --no-header 2>/dev/null | head -1 || true)
if [ -z "$cluster" ]; then
  version=$(ls /usr/lib/postgresql | sort -n | tail -1)
  as_root pg_createcluster "$version" main >/dev/null
  cluster=$(pg_lsclusters --no-header | head -1)
fi
read -r version name _ <<<"$cluster"
if ! pg_lsclusters --no-header | awk -v v="$version" -v n="$name" '$1==v && $2==n {print $4}' | grep -q online; then
  as_root pg_ctlcluster "$version" "$name" start
fi

user=$(id -un)
if [ "$user" != postgres ]; then
  as_root su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname = '$user'\"" | grep -q 1 ||
    as_root su postgres -c "createuser --superuser '$user'"
fi
echo "PostgreSQL $version/$name is running; tests use postgresql:///postgres?host=/var/run/postgresql as $user"
