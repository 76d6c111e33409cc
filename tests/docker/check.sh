#!/usr/bin/env bash
# make docker-check: build the project's image from its Dockerfile and run the four services as
# containers against a local broker, then check that the sample and seed articles come out as
# the alerts the end-to-end tests expect from `make run`.
#
# Test-only, for machines that cannot pull from Docker Hub but have Debian's packages:
#  - the base image is made here from Debian's packages (debootstrap + docker import) and the
#    Dockerfile is built FROM it (its BASE_IMAGE build argument; the default stays the public
#    python:3.11-slim);
#  - a private dockerd is started with no bridge and no iptables rules, and every build step and
#    container uses the host's network: all traffic stays on loopback, no private-range addresses;
#  - the broker is deploy/kafka/kafka.sh on its own ports and data directory.
# Everything it started is stopped on exit, by pid. State (the base rootfs, image layers) is kept
# in .run/docker-check, so a second run reuses the base image and Docker's build cache.
#
# Environment: DOCKER_CHECK_DIR (.run/docker-check), DOCKER_CHECK_PORT (first of a block of
# ports, 39080), DEBIAN_MIRROR (http://deb.debian.org/debian), KEEP_DOCKERD=1 leaves it running.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="${DOCKER_CHECK_DIR:-$ROOT/.run/docker-check}"
PORT="${DOCKER_CHECK_PORT:-39080}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
BASE_IMAGE=wirewatch-base:bookworm
IMAGE=wirewatch:docker-check
NAMESPACE="docker-check-$(date +%s)"
BROKER_PORT=$((PORT + 10))
HTTP_PORT=$PORT
SOCK="$STATE/docker.sock"
export DOCKER_HOST="unix://$SOCK"
BIN="$ROOT/.venv/bin"
SEEDS="$ROOT/../shared/seeds"

say() { echo "docker-check: $*"; }
die() { echo "docker-check: $*" >&2; exit 1; }

[[ $EUID -eq 0 ]] || die "run as root (dockerd and debootstrap need it)"
[[ -x "$BIN/wirewatch" ]] || die "no virtualenv: run make setup first"
mkdir -p "$STATE"

install_tools() {
    local missing=()
    command -v dockerd >/dev/null || missing+=(docker.io)
    command -v debootstrap >/dev/null || missing+=(debootstrap)
    ((${#missing[@]} == 0)) && return 0
    say "installing ${missing[*]} from Debian's packages"
    apt-get update -qq
    # policy-rc.d: the package must not start a dockerd of its own (with its default bridge).
    local policy=/usr/sbin/policy-rc.d created=""
    if [[ ! -e $policy ]]; then printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod +x "$policy"; created=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
    [[ -n $created ]] && rm -f "$policy"
    return 0
}

DOCKERD_PID=""
CONTAINERS=()
cleanup() {
    local code=$?
    for name in "${CONTAINERS[@]}"; do docker rm -f "$name" >/dev/null 2>&1 || true; done
    KAFKA_PORT=$BROKER_PORT KAFKA_CONTROLLER_PORT=$((BROKER_PORT + 1)) KAFKA_DATA_DIR="$STATE/kafka" \
        "$ROOT/deploy/kafka/kafka.sh" stop >/dev/null 2>&1 || true
    if [[ -n $DOCKERD_PID && -z ${KEEP_DOCKERD:-} ]]; then
        kill "$DOCKERD_PID" 2>/dev/null || true
        for _ in $(seq 30); do kill -0 "$DOCKERD_PID" 2>/dev/null || break; sleep 1; done
        # dockerd leaves its own network namespace mounted under its exec root.
        umount "$STATE/docker-exec/netns/default" 2>/dev/null || true
    fi
    exit $code
}
trap cleanup EXIT

start_dockerd() {
    if docker info >/dev/null 2>&1; then say "dockerd already serves $SOCK"; return; fi
    say "starting a private dockerd (no bridge, no iptables) on $SOCK"
    dockerd --host "$DOCKER_HOST" --data-root "$STATE/docker-data" --exec-root "$STATE/docker-exec" \
        --pidfile "$STATE/dockerd.pid" --bridge=none --iptables=false --ip6tables=false --ip-masq=false \
        >"$STATE/dockerd.log" 2>&1 &
    DOCKERD_PID=$!
    for _ in $(seq 60); do docker info >/dev/null 2>&1 && return; sleep 1; done
    tail -20 "$STATE/dockerd.log" >&2
    die "dockerd did not start"
}

build_base() {
    if docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then say "base image $BASE_IMAGE exists"; return; fi
    local rootfs="$STATE/rootfs"
    if [[ ! -f "$STATE/rootfs.tar" ]]; then
        say "debootstrap: Debian bookworm with Python 3.11 and pip (a few minutes)"
        rm -rf "$rootfs"
        debootstrap --variant=minbase --include=python3,python3-pip,python3-venv,ca-certificates \
            bookworm "$rootfs" "$MIRROR" >"$STATE/debootstrap.log" 2>&1 || { tail -20 "$STATE/debootstrap.log" >&2; die "debootstrap failed"; }
        # What python:3.11-slim offers the Dockerfile: `python` and a pip that installs system-wide.
        ln -sf python3 "$rootfs/usr/bin/python"
        # The host's extra CA certificates (public ones, e.g. of a TLS-inspecting egress proxy), so
        # that pip reaches PyPI from inside the build exactly as it does on the host.
        if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
            cp /usr/local/share/ca-certificates/*.crt "$rootfs/usr/local/share/ca-certificates/"
            chroot "$rootfs" update-ca-certificates >/dev/null
        fi
        rm -f "$rootfs"/usr/lib/python3*/EXTERNALLY-MANAGED
        rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
        tar -C "$rootfs" -cf "$STATE/rootfs.tar" .
        rm -rf "$rootfs"
    fi
    say "docker import -> $BASE_IMAGE"
    docker import "$STATE/rootfs.tar" "$BASE_IMAGE" >/dev/null
}

build_image() {
    say "docker build (FROM $BASE_IMAGE, host network) -> $IMAGE"
    docker build --network host --build-arg "BASE_IMAGE=$BASE_IMAGE" -t "$IMAGE" "$ROOT" >"$STATE/build.log" 2>&1 \
        || { tail -30 "$STATE/build.log" >&2; die "docker build failed (log: $STATE/build.log)"; }
}

run_container() {  # run_container NAME [docker run args...] -- command...
    local name="$1"; shift
    docker run -d --name "$name" --network host \
        -e WIREWATCH_BROKER="127.0.0.1:$BROKER_PORT" -e WIREWATCH_NAMESPACE="$NAMESPACE" \
        -e WIREWATCH_HTTP_HOST=127.0.0.1 -e WIREWATCH_HTTP_PORT="$HTTP_PORT" -e WIREWATCH_METRICS_HOST=127.0.0.1 \
        -e WIREWATCH_ALERT_TICK_S=1 "$@" >/dev/null
    CONTAINERS+=("$name")
}

install_tools
start_dockerd
build_base
build_image

say "broker on 127.0.0.1:$BROKER_PORT"
rm -rf "$STATE/kafka"
KAFKA_PORT=$BROKER_PORT KAFKA_CONTROLLER_PORT=$((BROKER_PORT + 1)) KAFKA_DATA_DIR="$STATE/kafka" \
    "$ROOT/deploy/kafka/kafka.sh" start

run_container "$NAMESPACE-topics" "$IMAGE" wirewatch topics create
docker wait "$NAMESPACE-topics" | grep -qx 0 || { docker logs "$NAMESPACE-topics" >&2; die "topics create failed"; }
metrics=$((PORT + 21))
for service in ingest ner geocode alerting; do
    run_container "$NAMESPACE-$service" -e WIREWATCH_SERVICE="$service" -e WIREWATCH_METRICS_PORT="$metrics" "$IMAGE"
    metrics=$((metrics + 1))
done

say "waiting for the ingest API on 127.0.0.1:$HTTP_PORT"
for _ in $(seq 180); do
    curl -fsS "http://127.0.0.1:$HTTP_PORT/healthz" >/dev/null 2>&1 && break
    for service in ingest ner geocode alerting; do
        [[ "$(docker inspect -f '{{.State.Running}}' "$NAMESPACE-$service")" == true ]] \
            || { docker logs --tail 30 "$NAMESPACE-$service" >&2; die "$service exited"; }
    done
    sleep 1
done

articles=("$ROOT/samples/articles.jsonl")
[[ -d $SEEDS ]] && articles+=("$SEEDS"/*.txt)
say "ingesting ${#articles[@]} file(s) through the containers' API"
WIREWATCH_NAMESPACE="$NAMESPACE" "$BIN/wirewatch" ingest --url "http://127.0.0.1:$HTTP_PORT" "${articles[@]}" >"$STATE/ingest.log"

say "waiting for the expected alerts"
expect=(border_crossing:Hawa admin1:Sindh)
[[ -d $SEEDS ]] && expect+=(border_crossing:Salama admin1:Aleppo)
for _ in $(seq 90); do
    WIREWATCH_BROKER="127.0.0.1:$BROKER_PORT" WIREWATCH_NAMESPACE="$NAMESPACE" \
        "$BIN/wirewatch" alerts --json --timeout 2 >"$STATE/alerts.jsonl" 2>/dev/null || true
    if "$BIN/python" "$ROOT/tests/docker/expect_alerts.py" "$STATE/alerts.jsonl" "${expect[@]}" >"$STATE/expect.log" 2>&1; then
        cat "$STATE/expect.log"
        WIREWATCH_BROKER="127.0.0.1:$BROKER_PORT" WIREWATCH_NAMESPACE="$NAMESPACE" "$BIN/wirewatch" alerts --timeout 2
        say "OK: the image built FROM $BASE_IMAGE turned the articles into the expected alerts"
        exit 0
    fi
    sleep 2
done
cat "$STATE/expect.log" >&2
for service in ingest ner geocode alerting; do docker logs --tail 20 "$NAMESPACE-$service" >&2 || true; done
die "the expected alerts did not come out"
