# shellcheck shell=bash
# The simulated London service (generators CLI), publishing into this stack's Kafka: started by
# `live`, stopped by `down`. It starts an hour in the past on wall-clock pacing, so that hour is
# sent at once and the wall board has history within a minute; then it runs in real time.

SIMULATOR_MAIN="uk.ambulance.ops.generators.Cli"

simulator_marker() { printf '%s simulate --bootstrap 127.0.0.1:%s' "$SIMULATOR_MAIN" "$KAFKA_PORT"; }
simulator_pid() { component_pid simulator "$(simulator_marker)"; }

# The simulator's jar; built from the repo when missing or older than its sources.
simulator_jar() {
  jar_is_stale "$SIMULATOR_JAR" generators || return 0
  local start log="$STACK_HOME/logs/simulator-build.log"
  start="$(now_ms)"
  info "simulator:   building $(basename -- "$SIMULATOR_JAR") (missing or older than its sources) ..."
  mkdir -p -- "$STACK_HOME/logs"
  if ! (cd "$REPO" && ./mvnw -B -q -DskipTests package -pl generators -am) >"$log" 2>&1; then
    fail_component "simulator build" "maven could not build the generators jar" "$log"
  fi
  info "simulator:   built $(basename -- "$SIMULATOR_JAR") in $(elapsed_s "$start")s"
}

simulator_start() {
  if [[ -n "$(simulator_pid)" ]]; then
    info "simulator:   running, pid $(simulator_pid) (left alone)"
    return 0
  fi
  local start_at pid
  start_at="$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%SZ)"
  # shellcheck disable=SC2086 # SIM_ARGS is a list of words by design
  # The marker is several words on purpose: they are the command line's own words.
  # shellcheck disable=SC2046
  launch simulator "$(java_bin)" -Xmx1g -cp "$SIMULATOR_JAR" $(simulator_marker) \
    --wall-clock --start "$start_at" --days "$SIM_DAYS" \
    --malformed 0.001 --duplicates 0.005 --out-of-order 0.01 $(kafka_client_args) $SIM_ARGS
  pid="$(<"$(pid_file simulator)")"
  # It has no port: ready is its first progress line, which the catch-up hour makes quick.
  wait_ready simulator "$pid" "its first records" simulator_sent_something
  info "simulator:   running, pid $pid: London from $start_at, on the wall clock, for $SIM_DAYS days"
}

# True once the simulator reports records sent: its progress line (every two seconds, on its
# standard error, which goes to the log) counts them.
simulator_sent_something() {
  grep -q ' records ' -- "$(log_file simulator)"
}

simulator_status() {
  local pid
  pid="$(simulator_pid)"
  if [[ -n "$pid" ]]; then
    printf '%-12s %-5s pid %s\n' simulator up "$pid"
  else
    printf '%-12s %s\n' simulator "- (start it with 'live')"
  fi
}
