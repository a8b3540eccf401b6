#!/usr/bin/env bash
# What the test suites need beyond Node, installed when missing (the first step of `npx projen verify`, so the
# README's test command works on a fresh machine): python3 (the deploy-time programs), the servers the real-server
# suites start on loopback (PostgreSQL 15, MariaDB, Redis and RabbitMQ) and Maven (the Java app), from Debian's packages.
# As root it installs them with apt-get (about 2 minutes on a fresh machine); otherwise it stops at once with the
# command to run.
set -euo pipefail

missing=()
command -v python3 >/dev/null 2>&1 || missing+=(python3)
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql)
command -v mariadb-install-db >/dev/null 2>&1 || missing+=(mariadb-server)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
# The language apps (test/languages) build the Java jar with Maven.
command -v mvn >/dev/null 2>&1 || missing+=(maven)

# Not from apt (Debian's are too old): a JDK 17 and Go 1.26+ (the Java and Go apps, the test cluster's binaries and
# Crossplane's renderer are built with them). Machines of the project's kind have both.
for tool in javac go; do
  command -v "$tool" >/dev/null 2>&1 || { echo "test prerequisites: $tool is missing: install a JDK 17 and Go 1.26+ (https://go.dev/dl/)" >&2; exit 1; }
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "test prerequisites: python3, PostgreSQL 15, MariaDB, Redis, RabbitMQ, Maven, a JDK and Go are installed"
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
