#!/usr/bin/env bash
# Makes sure PostgreSQL (127.0.0.1:5432, user postgres, trust auth) and Redis (127.0.0.1:6379,
# maxmemory-policy noeviction) answer. Starts them when installed but stopped; installs them with
# apt-get when missing. Used by .ci/run and scripts/run.
set -euo pipefail

PG_HOST=127.0.0.1 PG_PORT=5432 REDIS_HOST=127.0.0.1 REDIS_PORT=6379
SUDO=""; [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && SUDO="sudo"

say() { printf '[services] %s\n' "$*"; }
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
wait_port() { for _ in $(seq 1 60); do port_open "$1" "$2" && return 0; sleep 0.5; done; return 1; }

apt_install() {
  say "installing $* with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "$@" >/dev/null
}

ensure_postgres() {
  if port_open $PG_HOST $PG_PORT; then say "PostgreSQL answers on $PG_HOST:$PG_PORT"; return; fi
  local fresh=0
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then apt_install postgresql; fresh=1; fi
  local version; version=$(ls /etc/postgresql | sort -V | tail -1)
  if [ "$fresh" = 1 ]; then
    # Our own fresh install: let local tools and tests connect as postgres without a password.
    local hba="/etc/postgresql/$version/main/pg_hba.conf"
    $SUDO sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
  fi
  say "starting PostgreSQL $version"
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || $SUDO pg_ctlcluster "$version" main start
  wait_port $PG_HOST $PG_PORT || { say "PostgreSQL did not come up on $PG_HOST:$PG_PORT"; exit 1; }
}

ensure_redis() {
  if ! port_open $REDIS_HOST $REDIS_PORT; then
    command -v redis-server >/dev/null || apt_install redis-server
    say "starting Redis"
    $SUDO mkdir -p /var/lib/redis /var/log/redis
    $SUDO redis-server --daemonize yes --bind 127.0.0.1 -::1 --port $REDIS_PORT --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/ci.log
    wait_port $REDIS_HOST $REDIS_PORT || { say "Redis did not come up on $REDIS_HOST:$REDIS_PORT"; exit 1; }
  fi
  say "Redis answers on $REDIS_HOST:$REDIS_PORT"
  if command -v redis-cli >/dev/null; then
    local policy; policy=$(redis-cli -h $REDIS_HOST -p $REDIS_PORT config get maxmemory-policy | tail -1)
    if [ "$policy" != "noeviction" ]; then
      say "Redis maxmemory-policy is $policy; setting noeviction (BullMQ loses jobs otherwise)"
      redis-cli -h $REDIS_HOST -p $REDIS_PORT config set maxmemory-policy noeviction >/dev/null
    fi
  fi
}

ensure_postgres
ensure_redis
