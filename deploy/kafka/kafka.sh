#!/usr/bin/env bash
# A real Apache Kafka broker without Docker: single-node KRaft (broker and controller in one JVM)
# on loopback, run from the jars Maven Central publishes.
#
#   kafka.sh fetch    copy Kafka's jars into deploy/kafka/lib (once)
#   kafka.sh start    start a broker in the background and wait until it serves
#   kafka.sh stop     shut it down cleanly
#   kafka.sh status   exit 0 if it is running
#
# Environment (defaults): KAFKA_PORT=9092 KAFKA_CONTROLLER_PORT=9093 KAFKA_DATA_DIR=.run/kafka
# KAFKA_HEAP=512m KAFKA_START_TIMEOUT=60. A relative KAFKA_DATA_DIR is taken from the repo root,
# so the script behaves the same from any working directory. Tests run a second broker by
# giving other ports and a temporary data dir.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
LIB="$HERE/lib"
STAMP="$LIB/.fetched"

KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_DATA_DIR="${KAFKA_DATA_DIR:-.run/kafka}"
KAFKA_HEAP="${KAFKA_HEAP:-512m}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-60}"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"

case "$KAFKA_DATA_DIR" in
    /*) DATA="$KAFKA_DATA_DIR" ;;
    *) DATA="$ROOT/$KAFKA_DATA_DIR" ;;
esac
CONF="$DATA/server.properties"
PIDFILE="$DATA/kafka.pid"
LOG="$DATA/server.log"
# Segments live in their own folder: Kafka treats every directory in log.dirs as a partition.
LOG_DIRS="$DATA/data"

say() { echo "kafka.sh: $*"; }
die() { echo "kafka.sh: $*" >&2; exit 1; }

port_answers() {
    timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

running_pid() {
    local pid
    [[ -f "$PIDFILE" ]] || return 1
    pid="$(cat "$PIDFILE" 2>/dev/null)" || return 1
    [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
    # After a reboot the pid may belong to an unrelated process, which stop must not kill.
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "kafka.Kafka $CONF" || return 1
    echo "$pid"
}

pom_digest() {
    sha256sum "$HERE/pom.xml" | cut -d' ' -f1
}

cmd_fetch() {
    # The stamp holds the pom's digest: editing the pom (a version bump) fetches again.
    if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$(pom_digest)" ]]; then
        return 0
    fi
    command -v mvn >/dev/null || die "mvn not found: install Maven (Debian: apt-get install maven)"
    command -v java >/dev/null || die "java not found: Kafka 4 needs Java 17+ (Debian: apt-get install openjdk-17-jre-headless)"
    say "fetching Apache Kafka jars from Maven Central into $LIB"
    rm -rf "$LIB"
    mvn -q -B -Dstyle.color=never -f "$HERE/pom.xml" dependency:copy-dependencies -DoutputDirectory="$LIB"
    ls "$LIB"/kafka_2.13-*.jar >/dev/null 2>&1 || die "fetch finished but no kafka_2.13 jar in $LIB"
    pom_digest >"$STAMP"
}

write_config() {
    cat >"$CONF" <<EOF
# Written by deploy/kafka/kafka.sh on every start; edits here are overwritten.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${KAFKA_CONTROLLER_PORT}
listeners=PLAINTEXT://127.0.0.1:${KAFKA_PORT},CONTROLLER://127.0.0.1:${KAFKA_CONTROLLER_PORT}
advertised.listeners=PLAINTEXT://127.0.0.1:${KAFKA_PORT}
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=${LOG_DIRS}
num.partitions=1
# One node: the internal topics cannot have the default three replicas.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# Consumer groups form at once instead of waiting 3 s for more members.
group.initial.rebalance.delay.ms=0
EOF
}

format_storage() {
    # Skipping the JVM when already formatted saves seconds on every restart.
    [[ -f "$LOG_DIRS/meta.properties" ]] && return 0
    local cluster_id
    # Kafka's cluster id format: 16 random bytes, base64url without padding. Like Kafka's own
    # Uuid.randomUuid, never one that starts with "-": the tool would read it as an option.
    cluster_id="-"
    while [[ "$cluster_id" == -* ]]; do
        cluster_id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    done
    java -cp "$LIB/*" -Dlog4j2.configurationFile="$HERE/log4j2.properties" \
        kafka.tools.StorageTool format -t "$cluster_id" -c "$CONF" --ignore-formatted >>"$LOG" 2>&1 \
        || { show_log_tail; die "formatting $LOG_DIRS failed"; }
}

show_log_tail() {
    echo "---- last lines of $LOG (config dump left out) ----" >&2
    grep -v '^[[:space:]]' "$LOG" | tail -n 40 >&2 || true
}

wait_ready() {
    local pid="$1" deadline=$((SECONDS + KAFKA_START_TIMEOUT))
    while ((SECONDS < deadline)); do
        if ! kill -0 "$pid" 2>/dev/null; then
            show_log_tail
            rm -f "$PIDFILE"
            die "broker exited during startup"
        fi
        if grep -q "Kafka Server started" "$LOG" 2>/dev/null && port_answers "$KAFKA_PORT"; then
            return 0
        fi
        sleep 0.5
    done
    show_log_tail
    # Leave nothing half-started behind a failed start.
    stop_pid "$pid"
    die "broker not ready on 127.0.0.1:$KAFKA_PORT after ${KAFKA_START_TIMEOUT}s"
}

cmd_start() {
    local pid
    if pid="$(running_pid)"; then
        wait_ready "$pid"
        say "already running (pid $pid) on 127.0.0.1:$KAFKA_PORT"
        return 0
    fi
    if port_answers "$KAFKA_PORT"; then
        say "127.0.0.1:$KAFKA_PORT already answers (not started from $DATA); using it as is"
        return 0
    fi
    if port_answers "$KAFKA_CONTROLLER_PORT"; then
        die "controller port 127.0.0.1:$KAFKA_CONTROLLER_PORT is taken by another process"
    fi
    command -v java >/dev/null || die "java not found: Kafka 4 needs Java 17+"
    cmd_fetch
    mkdir -p "$DATA" "$LOG_DIRS"
    rm -f "$PIDFILE"
    # A fresh log per start, so the readiness check never matches an earlier run's line.
    [[ -f "$LOG" ]] && mv -f "$LOG" "$LOG.1"
    : >"$LOG"
    write_config
    format_storage

    # setsid: the broker gets its own session, so a Ctrl-C meant for a foreground command
    # (stack.sh run) reaches it only through `stop`, as a clean SIGTERM. All three standard
    # streams are redirected so a caller capturing our output is not held open by the JVM.
    # shellcheck disable=SC2016  # expanded by the inner bash, on purpose
    setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$PIDFILE" \
        java "-Xmx$KAFKA_HEAP" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
        -Dlog4j2.configurationFile="$HERE/log4j2.properties" -Dkafka.logs.dir="$DATA" \
        -cp "$LIB/*" kafka.Kafka "$CONF" </dev/null >>"$LOG" 2>&1 &
    local launcher=$!
    for _ in $(seq 50); do [[ -s "$PIDFILE" ]] && break; sleep 0.1; done
    pid="$(cat "$PIDFILE" 2>/dev/null || echo "$launcher")"
    say "starting broker (pid $pid) on 127.0.0.1:$KAFKA_PORT, data in $DATA"
    wait_ready "$pid"
    say "ready on 127.0.0.1:$KAFKA_PORT (log: $LOG)"
}

stop_pid() {
    local pid="$1" deadline=$((SECONDS + KAFKA_STOP_TIMEOUT))
    kill -TERM "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
        say "no clean shutdown after ${KAFKA_STOP_TIMEOUT}s; killing pid $pid"
        kill -KILL "$pid" 2>/dev/null || true
        while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    fi
    rm -f "$PIDFILE"
}

cmd_stop() {
    local pid
    if pid="$(running_pid)"; then
        say "stopping broker (pid $pid)"
        stop_pid "$pid"
        say "stopped"
    else
        rm -f "$PIDFILE"
        say "not running (data dir $DATA)"
    fi
}

cmd_status() {
    local pid
    if pid="$(running_pid)" && port_answers "$KAFKA_PORT"; then
        say "running (pid $pid) on 127.0.0.1:$KAFKA_PORT"
        return 0
    fi
    if [[ -n "${pid:-}" ]]; then
        say "process $pid alive but 127.0.0.1:$KAFKA_PORT does not answer"
    else
        say "not running (data dir $DATA)"
    fi
    return 1
}

case "${1:-}" in
    fetch) cmd_fetch ;;
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    *) echo "usage: $0 {fetch|start|stop|status}" >&2; exit 2 ;;
esac
