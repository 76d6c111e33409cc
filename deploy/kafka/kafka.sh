#!/usr/bin/env bash
# A real Apache Kafka without Docker, run from the jars Maven Central publishes: one KRaft node
# (broker and controller in one JVM) on loopback, or with KAFKA_NODES=3 a three-node cluster.
#
#   kafka.sh fetch           copy Kafka's jars into deploy/kafka/lib (once)
#   kafka.sh start           start the node(s) in the background and wait until they serve
#   kafka.sh stop            shut them down cleanly
#   kafka.sh status          exit 0 if every node is running
#   kafka.sh start-node I    start node I of the cluster (after a stop or a kill)
#   kafka.sh stop-node I     stop node I cleanly
#   kafka.sh kill-node I     kill -9 node I (fault tests)
#   kafka.sh secrets-dir     print the folder of ca.crt and the users' passwords (KAFKA_SECURE=1)
#
# Environment (defaults): KAFKA_PORT=9092 KAFKA_CONTROLLER_PORT=9093 KAFKA_DATA_DIR=.run/kafka
# KAFKA_HEAP=512m KAFKA_START_TIMEOUT=60 KAFKA_NODES=1. A relative KAFKA_DATA_DIR is taken from
# the repo root, so the script behaves the same from any working directory. Tests run a second
# broker by giving other ports and a temporary data dir.
#
# With KAFKA_NODES=N (N > 1) node I serves clients on KAFKA_PORT+I-1 (9092-9094) and its
# controller on KAFKA_CONTROLLER_PORT+I-1 (default KAFKA_PORT+100: 9192-9194), keeps its data in
# KAFKA_DATA_DIR/node-I (default .run/kafka-cluster), and all nodes vote in one static quorum.
# Internal topics get 3 replicas and min.insync.replicas 2, so one node may be down at a time.
#
# KAFKA_SECURE=1: the client listener speaks SASL_SSL (TLS, SCRAM-SHA-512) and KRaft's
# StandardAuthorizer denies whatever no ACL allows. Each `start` of a stopped cluster makes it
# anew, a throwaway: data, a CA and the brokers' certificate (openssl), and a random password for
# every user of KAFKA_SCRAM_USERS (default "admin"; the first is the super user and the brokers'
# own inter-broker identity), stored with `format --add-scram`. The CA's key is deleted once the
# certificate is signed. Files for clients in KAFKA_DATA_DIR/secure: ca.crt and <user>.password.
# The data dirs default to .run/kafka-secure and .run/kafka-secure-cluster, never the plain ones.
# The controller listener speaks mutual TLS: only a holder of the brokers' certificate gets in.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
LIB="$HERE/lib"
STAMP="$LIB/.fetched"

KAFKA_NODES="${KAFKA_NODES:-1}"
[[ "$KAFKA_NODES" =~ ^[1-9]$ ]] || { echo "kafka.sh: KAFKA_NODES must be 1-9" >&2; exit 2; }
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_SECURE="${KAFKA_SECURE:-0}"
[[ "$KAFKA_SECURE" == 0 || "$KAFKA_SECURE" == 1 ]] || { echo "kafka.sh: KAFKA_SECURE must be 0 or 1" >&2; exit 2; }
KAFKA_SCRAM_USERS="${KAFKA_SCRAM_USERS:-admin}"
SECURE_SUFFIX=""
((KAFKA_SECURE)) && SECURE_SUFFIX="-secure"
if ((KAFKA_NODES == 1)); then
    KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
    KAFKA_DATA_DIR="${KAFKA_DATA_DIR:-.run/kafka$SECURE_SUFFIX}"
else
    KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 100))}"
    KAFKA_DATA_DIR="${KAFKA_DATA_DIR:-.run/kafka$SECURE_SUFFIX-cluster}"
fi
KAFKA_HEAP="${KAFKA_HEAP:-512m}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-60}"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"

case "$KAFKA_DATA_DIR" in
    /*) BASE="$KAFKA_DATA_DIR" ;;
    *) BASE="$ROOT/$KAFKA_DATA_DIR" ;;
esac
# The nodes share one cluster id, written once beside their folders.
CLUSTER_ID_FILE="$BASE/cluster.id"
# Secure mode: the CA, the brokers' key and certificate, and one password file per user.
SECRETS="$BASE/secure"
ADMIN_USER="${KAFKA_SCRAM_USERS%% *}"
BROKER_CN=wirewatch-broker
# Internal topics (offsets, transactions) replicated like ours: at most 3, one may be down.
REPLICAS=$((KAFKA_NODES < 3 ? KAFKA_NODES : 3))
MIN_ISR=$((REPLICAS > 2 ? 2 : 1))

# select_node I: every per-node variable below points at node I.
select_node() {
    NODE_ID="$1"
    PORT=$((KAFKA_PORT + NODE_ID - 1))
    CONTROLLER_PORT=$((KAFKA_CONTROLLER_PORT + NODE_ID - 1))
    if ((KAFKA_NODES == 1)); then DATA="$BASE"; else DATA="$BASE/node-$NODE_ID"; fi
    CONF="$DATA/server.properties"
    PIDFILE="$DATA/kafka.pid"
    LOG="$DATA/server.log"
    # Segments live in their own folder: Kafka treats every directory in log.dirs as a partition.
    LOG_DIRS="$DATA/data"
}

quorum_voters() {
    local voters="" i
    for ((i = 1; i <= KAFKA_NODES; i++)); do voters+="${voters:+,}$i@127.0.0.1:$((KAFKA_CONTROLLER_PORT + i - 1))"; done
    echo "$voters"
}

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

listener_config() {
    if ((KAFKA_SECURE)); then
        cat <<EOF
listeners=SASL_SSL://127.0.0.1:${PORT},CONTROLLER://127.0.0.1:${CONTROLLER_PORT}
advertised.listeners=SASL_SSL://127.0.0.1:${PORT}
# Clients and the brokers' replication: TLS plus SCRAM. The quorum (registrations, heartbeats,
# votes) needs CLUSTER_ACTION: on plaintext every local process would be User:ANONYMOUS and would
# need to be a super user, so the controller listener asks for the brokers' own certificate.
listener.security.protocol.map=SASL_SSL:SASL_SSL,CONTROLLER:SSL
listener.name.controller.ssl.client.auth=required
inter.broker.listener.name=SASL_SSL
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${ADMIN_USER}" password="$(cat "$SECRETS/$ADMIN_USER.password")";
ssl.keystore.type=PEM
ssl.keystore.location=${SECRETS}/broker.pem
ssl.truststore.type=PEM
ssl.truststore.location=${SECRETS}/ca.crt
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=$(super_users)
# Only the admin creates topics, up front; never a client's first use.
auto.create.topics.enable=false
EOF
    else
        cat <<EOF
listeners=PLAINTEXT://127.0.0.1:${PORT},CONTROLLER://127.0.0.1:${CONTROLLER_PORT}
advertised.listeners=PLAINTEXT://127.0.0.1:${PORT}
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
EOF
    fi
}

# The admin user, and the nodes as the controller listener knows them (their certificate's name).
super_users() {
    echo "User:$ADMIN_USER;User:CN=$BROKER_CN"
}

write_config() {
    # When secure the config holds the admin's password: readable by its owner only.
    (umask 077 && : >"$CONF")
    cat >"$CONF" <<EOF
# Written by deploy/kafka/kafka.sh on every start; edits here are overwritten.
process.roles=broker,controller
node.id=${NODE_ID}
controller.quorum.voters=$(quorum_voters)
$(listener_config)
controller.listener.names=CONTROLLER
log.dirs=${LOG_DIRS}
num.partitions=1
# Internal topics replicated over the nodes there are (one node cannot hold three replicas).
offsets.topic.replication.factor=${REPLICAS}
transaction.state.log.replication.factor=${REPLICAS}
transaction.state.log.min.isr=${MIN_ISR}
share.coordinator.state.topic.replication.factor=${REPLICAS}
share.coordinator.state.topic.min.isr=${MIN_ISR}
# Topics created by anyone else (auto-creation, a client's own declare) are as durable as ours.
default.replication.factor=${REPLICAS}
min.insync.replicas=${MIN_ISR}
# A replica that was out of sync never becomes leader: that would drop acknowledged writes.
unclean.leader.election.enable=false
# Consumer groups form at once instead of waiting 3 s for more members.
group.initial.rebalance.delay.ms=0
EOF
}

format_storage() {
    # Skipping the JVM when already formatted saves seconds on every restart.
    [[ -f "$LOG_DIRS/meta.properties" ]] && return 0
    local cluster_id
    if [[ -s "$CLUSTER_ID_FILE" ]]; then
        cluster_id="$(cat "$CLUSTER_ID_FILE")"
    else
        # Kafka's cluster id format: 16 random bytes, base64url without padding. Like Kafka's own
        # Uuid.randomUuid, never one that starts with "-": the tool would read it as an option.
        cluster_id="-"
        while [[ "$cluster_id" == -* ]]; do
            cluster_id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
        done
        echo "$cluster_id" >"$CLUSTER_ID_FILE"
    fi
    local scram=() user
    if ((KAFKA_SECURE)); then
        for user in $KAFKA_SCRAM_USERS; do
            scram+=(--add-scram "SCRAM-SHA-512=[name=$user,password=$(cat "$SECRETS/$user.password")]")
        done
    fi
    java -cp "$LIB/*" -Dlog4j2.configurationFile="$HERE/log4j2.properties" \
        kafka.tools.StorageTool format -t "$cluster_id" -c "$CONF" --ignore-formatted "${scram[@]+"${scram[@]}"}" >>"$LOG" 2>&1 \
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
        if grep -q "Kafka Server started" "$LOG" 2>/dev/null && port_answers "$PORT"; then
            return 0
        fi
        sleep 0.5
    done
    show_log_tail
    # Leave nothing half-started behind a failed start.
    stop_pid "$pid"
    die "broker not ready on 127.0.0.1:$PORT after ${KAFKA_START_TIMEOUT}s"
}

# launch_node: start the selected node without waiting. Prints nothing if it already runs.
# Returns 1 when the port answers but belongs to another process (single node: used as is).
launch_node() {
    local pid
    if pid="$(running_pid)"; then
        return 0
    fi
    if port_answers "$PORT"; then
        ((KAFKA_NODES == 1)) || die "127.0.0.1:$PORT is taken by another process"
        say "127.0.0.1:$PORT already answers (not started from $DATA); using it as is"
        return 1
    fi
    if port_answers "$CONTROLLER_PORT"; then
        die "controller port 127.0.0.1:$CONTROLLER_PORT is taken by another process"
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
    say "starting node $NODE_ID (pid $pid) on 127.0.0.1:$PORT, data in $DATA"
}

wait_node() {
    local pid
    pid="$(running_pid)" || { show_log_tail; die "node $NODE_ID is not running"; }
    wait_ready "$pid"
    say "node $NODE_ID ready on 127.0.0.1:$PORT (log: $LOG)"
}

random_secret() {
    head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'
}

# make_secrets: a fresh CA, the brokers' certificate (one for every node: all listen on
# 127.0.0.1) signed by it, and a password per SCRAM user. Nothing here outlives the cluster.
make_secrets() {
    command -v openssl >/dev/null || die "openssl not found (Debian: apt-get install openssl; make tls-tools)"
    rm -rf "$SECRETS"
    (umask 077 && mkdir -p "$SECRETS")
    local user ext="$SECRETS/broker.ext"
    for user in $KAFKA_SCRAM_USERS; do
        [[ "$user" =~ ^[A-Za-z0-9_.-]+$ ]] || die "user name '$user': letters, digits, '.', '_' and '-' only"
        (umask 077 && random_secret >"$SECRETS/$user.password")
    done
    printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
        "extendedKeyUsage=serverAuth,clientAuth" "subjectAltName=IP:127.0.0.1,DNS:localhost" >"$ext"
    (
        umask 077
        openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=wirewatch throwaway CA" \
            -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
            -keyout "$SECRETS/ca.key" -out "$SECRETS/ca.crt"
        openssl req -newkey rsa:2048 -nodes -subj "/CN=$BROKER_CN" \
            -keyout "$SECRETS/broker.key" -out "$SECRETS/broker.csr"
        openssl x509 -req -in "$SECRETS/broker.csr" -CA "$SECRETS/ca.crt" -CAkey "$SECRETS/ca.key" \
            -CAcreateserial -days 30 -extfile "$ext" -out "$SECRETS/broker.crt"
        # Kafka's PEM keystore: the unencrypted PKCS#8 key, then the certificate chain.
        cat "$SECRETS/broker.key" "$SECRETS/broker.crt" "$SECRETS/ca.crt" >"$SECRETS/broker.pem"
    ) >>"$SECRETS/openssl.log" 2>&1 || { cat "$SECRETS/openssl.log" >&2; die "making the certificates failed"; }
    # With the CA's key gone, nobody can sign another certificate this cluster would trust.
    rm -f "$SECRETS/ca.key" "$SECRETS/broker.key" "$SECRETS/broker.csr" "$SECRETS/ca.srl" "$ext"
    chmod 644 "$SECRETS/ca.crt"
}

any_node_running() {
    local i
    for ((i = 1; i <= KAFKA_NODES; i++)); do
        select_node "$i"
        running_pid >/dev/null && return 0
    done
    return 1
}

cmd_start() {
    local i
    if ((KAFKA_SECURE)) && ! any_node_running; then
        # A throwaway: new data, CA, certificate and passwords at every start.
        say "secure: a fresh cluster in $BASE (TLS, SCRAM users: $KAFKA_SCRAM_USERS)"
        # Only what this script puts there: KAFKA_DATA_DIR may be a folder holding other things.
        rm -rf "$BASE/data" "$BASE"/node-* "$CLUSTER_ID_FILE"
        mkdir -p "$BASE"
        make_secrets
    fi
    mkdir -p "$BASE"
    # All nodes first, then the waits: a node is ready only once a quorum of controllers runs.
    for ((i = 1; i <= KAFKA_NODES; i++)); do
        select_node "$i"
        launch_node || return 0
    done
    for ((i = 1; i <= KAFKA_NODES; i++)); do
        select_node "$i"
        wait_node
    done
}

node_arg() {
    [[ "${1:-}" =~ ^[1-9]$ ]] && (($1 <= KAFKA_NODES)) || die "node must be 1..$KAFKA_NODES (KAFKA_NODES=$KAFKA_NODES)"
    select_node "$1"
}

cmd_start_node() {
    node_arg "${1:-}"
    mkdir -p "$BASE"
    launch_node
    wait_node
}

cmd_stop_node() {
    node_arg "${1:-}"
    local pid
    if pid="$(running_pid)"; then
        say "stopping node $NODE_ID (pid $pid)"
        stop_pid "$pid"
    fi
}

cmd_kill_node() {
    node_arg "${1:-}"
    local pid
    pid="$(running_pid)" || die "node $NODE_ID is not running"
    say "kill -9 node $NODE_ID (pid $pid)"
    kill -KILL "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    rm -f "$PIDFILE"
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
    local pid i pids=() deadline
    # All nodes at once: a cluster stopped one by one moves its leaders around for nothing.
    for ((i = 1; i <= KAFKA_NODES; i++)); do
        select_node "$i"
        if pid="$(running_pid)"; then
            say "stopping node $i (pid $pid)"
            kill -TERM "$pid" 2>/dev/null || true
            pids+=("$pid")
        fi
        rm -f "$PIDFILE"
    done
    ((${#pids[@]})) || { say "not running (data dir $BASE)"; return 0; }
    deadline=$((SECONDS + KAFKA_STOP_TIMEOUT))
    for pid in "${pids[@]}"; do
        while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
        if kill -0 "$pid" 2>/dev/null; then
            say "no clean shutdown after ${KAFKA_STOP_TIMEOUT}s; killing pid $pid"
            kill -KILL "$pid" 2>/dev/null || true
            while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
        fi
    done
    say "stopped"
}

cmd_status() {
    local pid i ok=0
    for ((i = 1; i <= KAFKA_NODES; i++)); do
        select_node "$i"
        pid=""
        if pid="$(running_pid)" && port_answers "$PORT"; then
            say "node $i running (pid $pid) on 127.0.0.1:$PORT"
        elif [[ -n "$pid" ]]; then
            say "node $i: process $pid alive but 127.0.0.1:$PORT does not answer"
            ok=1
        else
            say "node $i not running (data dir $DATA)"
            ok=1
        fi
    done
    return "$ok"
}

case "${1:-}" in
    fetch) cmd_fetch ;;
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    start-node) cmd_start_node "${2:-}" ;;
    stop-node) cmd_stop_node "${2:-}" ;;
    kill-node) cmd_kill_node "${2:-}" ;;
    secrets-dir) echo "$SECRETS" ;;
    *) echo "usage: $0 {fetch|start|stop|status|start-node I|stop-node I|kill-node I|secrets-dir}" >&2; exit 2 ;;
esac
