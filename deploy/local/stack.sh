#!/usr/bin/env bash
# The whole pipeline on this machine, no Docker: the local Kafka broker plus the four services as
# background processes of the repo's virtualenv.
#
#   stack.sh start       broker, topics, then ingest, ner, geocode and alerting; waits until all serve
#   stack.sh stop        the services (cleanly, so they leave their groups), then the broker
#   stack.sh status      exit 0 if the broker and all four services are up
#   stack.sh topics      every topic's partitions, replicas and min.insync.replicas, from the brokers
#   stack.sh run FILE    start, send FILE through ingest, print alerts as they arrive; Ctrl-C stops all
#
# Logs: .run/logs/<service>.log and .run/kafka/server.log. Services read WIREWATCH_* variables
# as usual; KAFKA_PORT and friends are passed on to deploy/kafka/kafka.sh.
#
# BROKERS=3 starts a three-node KRaft cluster on 127.0.0.1:9092-9094 instead of one broker, and
# the services get all three as bootstrap servers, hence replication factor 3 and
# min.insync.replicas 2 (wirewatch.settings). WORKERS=2 starts two instances of each service in
# one consumer group; instance I (from 2 on) serves metrics on its service's port + 10*(I-1),
# ingest's API on WIREWATCH_HTTP_PORT + I-1, and keeps faust's files in .run/worker-I. `start`
# records both numbers in .run/stack.env, so `stop` and `status` need neither.
#
# SECURE=1 runs the broker(s) with TLS, SCRAM users and ACLs (deploy/kafka/kafka.sh KAFKA_SECURE,
# a throwaway cluster: new data, CA and passwords at every start). The admin creates the topics and
# the ACLs of wirewatch.acls; each service connects as its own user and creates nothing. Client
# settings land in .run/secure/<user>.env (mode 600): the services' own, subscriber.env for a
# downstream reader, and client.env (the admin's), which the `wirewatch` command reads when run
# from the repo root, so `wirewatch ingest`, `alerts` and `topics` need no flags. `stop` removes them.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
KAFKA_SH="$ROOT/deploy/kafka/kafka.sh"
BIN="$ROOT/.venv/bin"
LOGS="$ROOT/.run/logs"
PIDS="$ROOT/.run/pids"

SERVICES=(ingest ner geocode alerting)
declare -A METRICS_PORT=([ingest]=9101 [ner]=9102 [geocode]=9103 [alerting]=9104)
HTTP_PORT="${WIREWATCH_HTTP_PORT:-8080}"
STACK_ENV="$ROOT/.run/stack.env"
# stop/status (and a second start) act on what the last start ran, unless told otherwise.
if [[ "${1:-}" != start && "${1:-}" != run && -f "$STACK_ENV" ]]; then
    # shellcheck disable=SC1090  # written by this script
    source <(grep -E '^(BROKERS|WORKERS|SECURE)=[0-9]+$' "$STACK_ENV")
fi
BROKERS="${BROKERS:-1}"
WORKERS="${WORKERS:-1}"
SECURE="${SECURE:-0}"
[[ "$BROKERS" =~ ^[1-9]$ && "$WORKERS" =~ ^[1-9]$ ]] || { echo "stack.sh: BROKERS and WORKERS must be 1-9" >&2; exit 2; }
[[ "$SECURE" == 0 || "$SECURE" == 1 ]] || { echo "stack.sh: SECURE must be 0 or 1" >&2; exit 2; }
export KAFKA_NODES="$BROKERS" KAFKA_SECURE="$SECURE"
# The clients' settings of a secure stack, one file per user.
SECURE_ENV="$ROOT/.run/secure"
# The first start loads spaCy in ner while three other Python processes import on the same cores.
STACK_START_TIMEOUT="${STACK_START_TIMEOUT:-120}"
STACK_STOP_TIMEOUT="${STACK_STOP_TIMEOUT:-30}"

# Services follow the broker (or every node of the cluster) this script starts unless told otherwise.
bootstrap_servers() {
    local first="${KAFKA_PORT:-9092}" i list=""
    for ((i = 0; i < BROKERS; i++)); do list+="${list:+,}127.0.0.1:$((first + i))"; done
    echo "$list"
}
export WIREWATCH_BROKER="${WIREWATCH_BROKER:-$(bootstrap_servers)}"

# Instances: "ner" is the first instance of ner, "ner-2" the second. Their ports and folders:
instances() {
    local service i
    for service in "${SERVICES[@]}"; do
        echo "$service"
        for ((i = 2; i <= WORKERS; i++)); do echo "$service-$i"; done
    done
}
service_of() { echo "${1%%-*}"; }
number_of() { [[ "$1" == *-* ]] && echo "${1##*-}" || echo 1; }
metrics_port() { echo $((METRICS_PORT[$(service_of "$1")] + 10 * ($(number_of "$1") - 1))); }
http_port() { echo $((HTTP_PORT + $(number_of "$1") - 1)); }

# Relative paths in the services' settings (.run, the gazetteer) are taken from the repo root.
cd "$ROOT"

say() { echo "stack.sh: $*"; }
die() { echo "stack.sh: $*" >&2; exit 1; }

# 0 if an HTTP GET on loopback answers 200. Bash's /dev/tcp keeps this free of curl and of a
# Python start per probe.
http_ok() {
    local port="$1" path="$2" status
    # shellcheck disable=SC2016  # expanded by the inner bash, on purpose
    status="$(timeout 3 bash -c '
        exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
        printf "GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n" "$2" >&3
        head -n 1 <&3' _ "$port" "$path" 2>/dev/null)" || return 1
    [[ "$status" == HTTP/1.[01]\ 200* ]]
}

port_answers() {
    timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

service_pid() {
    local pidfile="$PIDS/$1.pid" pid
    [[ -f "$pidfile" ]] || return 1
    pid="$(cat "$pidfile" 2>/dev/null)" || return 1
    [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
    # After a reboot the pid may belong to an unrelated process, which stop must not kill.
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "-m $(service_of "$1") worker" || return 1
    echo "$pid"
}

service_up() {
    local instance="$1"
    service_pid "$instance" >/dev/null || return 1
    http_ok "$(metrics_port "$instance")" /metrics || return 1
    if [[ "$(service_of "$instance")" == ingest ]]; then
        http_ok "$(http_port "$instance")" /healthz || return 1
    fi
}

show_log() {
    echo "---- last lines of $LOGS/$1.log ----" >&2
    tail -n 30 "$LOGS/$1.log" >&2 || true
}

launch() {
    local instance="$1" service pid number
    service="$(service_of "$instance")"
    number="$(number_of "$instance")"
    if pid="$(service_pid "$instance")"; then
        say "$instance already running (pid $pid)"
        return 0
    fi
    [[ -f "$ROOT/services/$service/__main__.py" ]] || die "services/$service/__main__.py is missing"
    if port_answers "$(metrics_port "$instance")"; then
        die "port $(metrics_port "$instance") ($instance metrics) is taken by another process"
    fi
    if [[ "$service" == ingest ]] && port_answers "$(http_port "$instance")"; then
        die "port $(http_port "$instance") (ingest HTTP API) is taken by another process"
    fi
    # A separator rather than a truncation: the previous run's last lines explain a crash loop.
    echo "==== $(date -Is) starting $instance ====" >>"$LOGS/$instance.log"
    local data_dir="${WIREWATCH_DATA_DIR:-.run}"
    ((number == 1)) || data_dir=".run/worker-$number"
    # setsid: Ctrl-C in the terminal (stack.sh run) must not reach the services directly; the
    # trap stops them in order, with SIGTERM, after which the broker goes. The subshell keeps a
    # service's credentials out of the other services' environments.
    # shellcheck disable=SC2016  # expanded by the inner bash, on purpose
    (
        if ((SECURE)); then
            set -a
            # shellcheck disable=SC1090  # written by write_client_settings
            source "$SECURE_ENV/$service.env"
            set +a
            export WIREWATCH_CREATE_TOPICS=false
        fi
        WIREWATCH_METRICS_PORT="$(metrics_port "$instance")" WIREWATCH_HTTP_PORT="$(http_port "$instance")" \
            WIREWATCH_DATA_DIR="$data_dir" \
            setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$PIDS/$instance.pid" \
            "$BIN/python" -m "$service" worker -l info </dev/null >>"$LOGS/$instance.log" 2>&1 &
    )
    for _ in $(seq 50); do [[ -s "$PIDS/$instance.pid" ]] && break; sleep 0.1; done
    say "$instance starting (pid $(cat "$PIDS/$instance.pid" 2>/dev/null || echo '?'), log .run/logs/$instance.log)"
}

wait_up() {
    local deadline=$((SECONDS + STACK_START_TIMEOUT)) pending still service
    mapfile -t pending < <(instances)
    while ((${#pending[@]})); do
        still=()
        for service in "${pending[@]}"; do
            if ! service_pid "$service" >/dev/null; then
                show_log "$service"
                die "$service exited during startup (the others are left running: stack.sh stop)"
            fi
            service_up "$service" || still+=("$service")
        done
        pending=("${still[@]+"${still[@]}"}")
        ((${#pending[@]})) || break
        if ((SECONDS >= deadline)); then
            for service in "${pending[@]}"; do show_log "$service"; done
            die "not up after ${STACK_START_TIMEOUT}s: ${pending[*]} (stack.sh stop cleans up)"
        fi
        sleep 1
    done
    # Serving metrics is not the end of a faust start: a worker that cannot join its group dies
    # a moment later, so look again before calling the stack up.
    sleep 3
    for service in $(instances); do
        if ! service_pid "$service" >/dev/null; then
            show_log "$service"
            die "$service exited right after starting (the others are left running: stack.sh stop)"
        fi
    done
}

create_topics() {
    # `wirewatch topics create` does the same; calling the function keeps the stack independent
    # of the CLI's argument layout.
    "$BIN/python" -c 'from wirewatch.settings import Settings; from wirewatch.wiring import ensure_topics_sync; ensure_topics_sync(Settings())' \
        || die "could not create the topics on $WIREWATCH_BROKER"
    say "topics ready on $WIREWATCH_BROKER"
}

# write_client_settings: .run/secure/<user>.env for every SCRAM user, client.env = the admin's.
write_client_settings() {
    local secrets user
    secrets="$("$KAFKA_SH" secrets-dir)"
    rm -rf "$SECURE_ENV"
    (umask 077 && mkdir -p "$SECURE_ENV")
    for user in $KAFKA_SCRAM_USERS; do
        (umask 077 && cat >"$SECURE_ENV/$user.env" <<EOF
# Written by deploy/local/stack.sh for this start of the secure stack; gone at stop.
WIREWATCH_BROKER=$WIREWATCH_BROKER
WIREWATCH_KAFKA_SECURITY_PROTOCOL=SASL_SSL
WIREWATCH_KAFKA_SASL_MECHANISM=SCRAM-SHA-512
WIREWATCH_KAFKA_USER=$user
WIREWATCH_KAFKA_PASSWORD=$(cat "$secrets/$user.password")
WIREWATCH_KAFKA_CA_FILE=$secrets/ca.crt
EOF
        )
    done
    cp -p "$SECURE_ENV/${KAFKA_SCRAM_USERS%% *}.env" "$SECURE_ENV/client.env"
}

# As the admin: every topic, then every ACL of wirewatch.acls. With three brokers a first try can
# come before all have registered (a topic of three replicas cannot be placed yet): try again.
create_topics_and_acls() {
    local tries=0
    until (set -a && source "$SECURE_ENV/client.env" && set +a && "$BIN/python" -c '
import asyncio
from wirewatch.acls import apply
from wirewatch.settings import Settings
from wirewatch.wiring import ensure_topics
settings = Settings()
asyncio.run(ensure_topics(settings))
print(f"stack.sh: {asyncio.run(apply(settings))} ACLs set for {settings.namespace}")'); do
        ((++tries < 10)) || die "could not create the topics and ACLs on $WIREWATCH_BROKER"
        sleep 3
    done
}

cmd_start() {
    [[ -x "$BIN/python" ]] || die "no virtualenv at .venv: run 'make setup' first"
    mkdir -p "$LOGS" "$PIDS"
    printf 'BROKERS=%s\nWORKERS=%s\nSECURE=%s\n' "$BROKERS" "$WORKERS" "$SECURE" >"$STACK_ENV"
    if ((SECURE)); then
        KAFKA_SCRAM_USERS="$("$BIN/python" -c 'from wirewatch.acls import USERS; print(" ".join(USERS))')"
        export KAFKA_SCRAM_USERS
        "$KAFKA_SH" start
        write_client_settings
        create_topics_and_acls
    else
        # Client settings left by a secure stack that did not stop cleanly would point the CLI there.
        rm -rf "$SECURE_ENV"
        "$KAFKA_SH" start
        create_topics
    fi
    local instance
    for instance in $(instances); do launch "$instance"; done
    wait_up
    say "all up ($WORKERS worker(s) per service): ingest API http://127.0.0.1:$HTTP_PORT, metrics on :9101-9104, broker(s) $WIREWATCH_BROKER"
    if ((SECURE)); then
        say "secure: TLS + SCRAM + ACLs; client settings in .run/secure/ (client.env: admin, subscriber.env: read-only)"
    fi
}

cmd_stop() {
    local service pid pids=() deadline=$((SECONDS + STACK_STOP_TIMEOUT))
    # All at once: each faust worker spends a few seconds leaving its group, in parallel. Every
    # pid file, whatever WORKERS was: a stop must leave no instance behind.
    for service in $( (instances; ls "$PIDS" 2>/dev/null | sed -n 's/\.pid$//p') | sort -u); do
        if pid="$(service_pid "$service")"; then
            say "stopping $service (pid $pid)"
            kill -TERM "$pid" 2>/dev/null || true
            pids+=("$pid")
        fi
    done
    for pid in "${pids[@]+"${pids[@]}"}"; do
        while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
        if kill -0 "$pid" 2>/dev/null; then
            say "pid $pid ignored SIGTERM for ${STACK_STOP_TIMEOUT}s; killing it"
            kill -KILL "$pid" 2>/dev/null || true
        fi
    done
    rm -f "$PIDS"/*.pid
    # The broker last, so that services could commit their offsets while leaving.
    "$KAFKA_SH" stop
    rm -rf "$SECURE_ENV"
    rm -f "$STACK_ENV"
}

cmd_status() {
    local service pid ok=0
    "$KAFKA_SH" status || ok=1
    for service in $(instances); do
        if pid="$(service_pid "$service")"; then
            if service_up "$service"; then
                say "$service up (pid $pid, metrics :$(metrics_port "$service"))"
            else
                say "$service running (pid $pid) but not answering on :$(metrics_port "$service")"
                ok=1
            fi
        else
            say "$service not running"
            ok=1
        fi
    done
    return "$ok"
}

cmd_run() {
    local file="${1:-}"
    [[ -n "$file" ]] || die "usage: stack.sh run FILE"
    [[ -f "$file" ]] || die "no such file: $file"
    file="$(cd "$(dirname "$file")" && pwd)/$(basename "$file")"
    # From here on, any way out (Ctrl-C, an error, the end of the alert stream) stops everything.
    trap on_exit EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    cmd_start
    "$BIN/wirewatch" ingest "$file"
    say "following alerts (Ctrl-C stops the stack)"
    # In the background plus `wait`: bash runs a trap only once a foreground child has exited,
    # and `alerts --follow` never does, so a SIGTERM to this script would otherwise be ignored.
    "$BIN/wirewatch" alerts --follow &
    ALERTS_PID=$!
    wait "$ALERTS_PID"
}

ALERTS_PID=""

on_exit() {
    trap - EXIT
    # A second Ctrl-C must not cut the shutdown short and leave processes behind.
    trap '' INT TERM
    echo
    if [[ -n "$ALERTS_PID" ]]; then
        kill -TERM "$ALERTS_PID" 2>/dev/null || true
        wait "$ALERTS_PID" 2>/dev/null || true
    fi
    cmd_stop
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    run) shift; cmd_run "$@" ;;
    topics) "$BIN/wirewatch" topics ;;
    *) echo "usage: $0 {start|stop|status|topics|run FILE}" >&2; exit 2 ;;
esac
