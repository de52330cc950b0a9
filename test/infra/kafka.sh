#!/usr/bin/env bash
# A throwaway single-node Apache Kafka broker (KRaft, broker+controller in one JVM) on loopback, for
# the test suites. The jars come from Maven Central through test/infra/kafka/pom.xml, so the only
# prerequisites are java (17+) and mvn.
#
#   test/infra/kafka.sh start <workdir>   prints the bootstrap address (host:port) as its last line
#   test/infra/kafka.sh stop <workdir>    idempotent
#
# With PMS_HUB_KAFKA_OWNER_PID set, a watchdog stops the broker once that process is gone, so a
# killed or interrupted test run never leaves a JVM behind.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
POM="$HERE/kafka/pom.xml"
CACHE="${PMS_HUB_KAFKA_CACHE:-$HOME/.cache/pms-hub/kafka-3.9.1}"
LIBS="$CACHE/libs"
START_TIMEOUT_S=90
STOP_TIMEOUT_S=15

die() {
  echo "kafka.sh: $*" >&2
  exit 1
}

require() {
  command -v "$1" >/dev/null 2>&1 || die "'$1' is not on PATH; $2"
}

jars_cached() {
  [[ -f "$LIBS/.pom-cksum" && "$(cat "$LIBS/.pom-cksum")" == "$1" ]]
}

# Copies the broker's jars into $LIBS once. The copy is keyed by the pom's checksum and made in a
# scratch dir then renamed, so an interrupted or concurrent fetch never leaves a half-filled libs/.
fetch_jars() {
  local want
  want="$(cksum <"$POM")"
  jars_cached "$want" && return
  require mvn "install Maven 3.8+ (it fetches the Kafka broker from Maven Central)"
  mkdir -p "$CACHE"
  local tmp
  tmp="$(mktemp -d "$CACHE/libs.tmp.XXXXXX")"
  if ! mvn -q -B -f "$POM" dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$tmp" >"$tmp/mvn.log" 2>&1; then
    cat "$tmp/mvn.log" >&2
    rm -rf "$tmp"
    die "Maven could not resolve the Kafka broker from $POM (is Maven Central reachable?)"
  fi
  rm "$tmp/mvn.log"
  echo "$want" >"$tmp/.pom-cksum"
  if jars_cached "$want"; then
    rm -rf "$tmp" # another run finished first, and may be using its copy already
  else
    rm -rf "$LIBS"
    mv "$tmp" "$LIBS"
  fi
}

# Two distinct free loopback ports: the OS picks them, we release them for the broker to bind.
free_ports() {
  node -e '
    const net = require("node:net");
    const a = net.createServer().listen(0, "127.0.0.1", () => {
      const b = net.createServer().listen(0, "127.0.0.1", () => {
        console.log(a.address().port, b.address().port);
        a.close();
        b.close();
      });
    });'
}

# JVM arguments to run a Kafka class with its log4j output going to <workdir>/<$1>.
java_args() {
  jvm_args=(-cp "$LIBS/*" -Dlog4j.configuration="file:$WORKDIR/log4j.properties"
    -Dpms.hub.kafka.log="$WORKDIR/$1")
}

write_config() {
  cat >"$WORKDIR/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$WORKDIR/data
# One node: every internal topic has a single replica.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
default.replication.factor=1
min.insync.replicas=1
# One partition per internal topic: the first group or transaction does not wait for 50 to load.
offsets.topic.num.partitions=1
transaction.state.log.num.partitions=1
# Groups form immediately instead of waiting 3 s for more members.
group.initial.rebalance.delay.ms=0
num.partitions=3
auto.create.topics.enable=false
delete.topic.enable=true
# A test box, not a server: fewer threads and buffers on a small machine.
num.network.threads=2
num.io.threads=2
num.recovery.threads.per.data.dir=1
log.cleaner.threads=1
log.cleaner.dedupe.buffer.size=8388608
EOF
  cat >"$WORKDIR/log4j.properties" <<EOF
log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File=\${pms.hub.kafka.log}
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
EOF
}

log_tail() {
  local file
  for file in broker.log broker.out; do
    [[ -s "$WORKDIR/$file" ]] || continue
    echo "--- tail of $WORKDIR/$file ---" >&2
    tail -n 40 "$WORKDIR/$file" >&2
  done
}

# "Kafka Server started" is logged once both roles are up; the port check proves the listener is
# bound where we advertise it.
wait_until_ready() {
  local pid="$1" deadline=$((SECONDS + START_TIMEOUT_S))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      retry_if_port_taken
      log_tail
      die "the broker exited during startup"
    fi
    if grep -q 'Kafka Server started' "$WORKDIR/broker.log" 2>/dev/null &&
      (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
      return
    fi
    sleep 0.2
  done
  log_tail
  stop
  die "the broker did not start within ${START_TIMEOUT_S} s"
}

# The free ports are only reserved until the broker binds them, so another process may take one
# in between: start over with fresh ports, a couple of times.
retry_if_port_taken() {
  local attempt="${PMS_HUB_KAFKA_ATTEMPT:-1}"
  grep -qs 'Address already in use' "$WORKDIR/broker.log" "$WORKDIR/broker.out" || return 0
  ((attempt < 3)) || return 0
  echo "kafka.sh: port $PORT or $CONTROLLER_PORT was taken meanwhile, retrying" >&2
  rm -rf "$WORKDIR/data" "$WORKDIR"/broker.* "$WORKDIR"/storage.*
  PMS_HUB_KAFKA_ATTEMPT=$((attempt + 1)) exec "$BASH" "$0" start "$WORKDIR"
}

start() {
  require java "install a Java 17+ runtime (the Kafka broker runs on the JVM)"
  require node "node picks the broker's free ports"
  [[ -f "$WORKDIR/broker.pid" ]] && die "$WORKDIR already has a broker; stop it first"
  fetch_jars

  mkdir -p "$WORKDIR"
  local ports
  ports="$(free_ports)"
  read -r PORT CONTROLLER_PORT <<<"$ports"
  write_config
  local cluster_id
  java_args storage.log
  cluster_id="$(java "${jvm_args[@]}" kafka.tools.StorageTool random-uuid)"
  java "${jvm_args[@]}" kafka.tools.StorageTool format -t "$cluster_id" \
    -c "$WORKDIR/server.properties" >"$WORKDIR/storage.out" 2>&1 || {
    cat "$WORKDIR/storage.out" "$WORKDIR/storage.log" >&2 2>/dev/null
    die "formatting the broker's storage failed"
  }

  # Output goes to files so that the caller's pipes close when this script exits.
  java_args broker.log
  java "${jvm_args[@]}" -Xms256m -Xmx768m -XX:+UseSerialGC -Djava.awt.headless=true \
    kafka.Kafka "$WORKDIR/server.properties" </dev/null >"$WORKDIR/broker.out" 2>&1 &
  local pid=$!
  echo "$pid" >"$WORKDIR/broker.pid"

  if [[ -n "${PMS_HUB_KAFKA_OWNER_PID:-}" ]]; then
    (
      while kill -0 "$PMS_HUB_KAFKA_OWNER_PID" 2>/dev/null && kill -0 "$pid" 2>/dev/null; do
        sleep 1
      done
      stop_broker "$pid"
    ) </dev/null >/dev/null 2>&1 &
  fi

  wait_until_ready "$pid"
  echo "127.0.0.1:$PORT" >"$WORKDIR/bootstrap"
  echo "127.0.0.1:$PORT"
}

# Signals the pid only while it still is this workdir's broker: pids get reused.
stop_broker() {
  local pid="$1"
  ps -ww -p "$pid" -o args= 2>/dev/null | grep -qF "$WORKDIR/server.properties" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + STOP_TIMEOUT_S))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "kafka.sh: the broker ignored TERM for ${STOP_TIMEOUT_S} s, killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
}

stop() {
  [[ -f "$WORKDIR/broker.pid" ]] || return 0
  stop_broker "$(cat "$WORKDIR/broker.pid")"
  rm -f "$WORKDIR/broker.pid"
}

[[ $# -eq 2 && ($1 == start || $1 == stop) ]] || die "usage: $0 start|stop <workdir>"
[[ $1 == stop && ! -d $2 ]] && exit 0
mkdir -p "$2"
WORKDIR="$(cd "$2" && pwd)"
"$1"
