#!/usr/bin/env bash
# What the test suites need beyond Node, installed when missing (the first step of `npx projen verify`, so the
# README's test command works on a fresh machine): python3 (the deploy-time programs), and the servers the
# real-server suites start on loopback: PostgreSQL 15, MariaDB, Redis and RabbitMQ, from Debian's packages.
# As root it installs them with apt-get (about 2 minutes on a fresh machine); otherwise it stops at once with the
# command to run.
set -euo pipefail

missing=()
command -v python3 >/dev/null 2>&1 || missing+=(python3)
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql)
command -v mariadb-install-db >/dev/null 2>&1 || missing+=(mariadb-server)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)

if [ ${#missing[@]} -eq 0 ]; then
  echo "test prerequisites: python3, PostgreSQL 15, MariaDB, Redis and RabbitMQ are installed"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "test prerequisites: missing ${missing[*]}; install them, then run the tests again:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "test prerequisites: installing ${missing[*]} from Debian's packages (usually about 2 minutes)"
start=$(date +%s)
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
echo "test prerequisites: installed in $(( $(date +%s) - start )) s"
