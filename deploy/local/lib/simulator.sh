# shellcheck shell=bash
# The simulated London service (generators CLI), publishing into this stack's Kafka: started by
# `live`, stopped by `down`. A board that starts from empty queues and idle crews beats every
# standard for hours, so the simulation is warmed up: it runs SIM_WARM_UP before it starts
# publishing and sends none of that. Publishing starts at London's midnight (or 3 h ago, if that
# is earlier: the last hour's figures need the incidents called before it), so today's figures
# are a whole day's; vehicle positions, most of the volume, only for the last SIM_AVL_HISTORY.
# All that history goes out at once on wall-clock pacing, then it runs in real time.

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
  local pid log
  log="$(log_file simulator)"
  mkdir -p -- "$(dirname -- "$log")"
  # The log is appended to: readiness is read from this run's lines only.
  SIMULATOR_LOG_FROM=$(($([[ -f "$log" ]] && wc -l <"$log" || echo 0) + 1))
  # shellcheck disable=SC2086 # SIM_ARGS is a list of words by design
  # The marker is several words on purpose: they are the command line's own words.
  local from=today published="$STACK_HOME/data/simulator.published"
  if [[ -f "$published" ]]; then
    # The topics already hold this stack's simulated day and the job resumes its state: the same
    # history again, under new ids, would be counted twice. Warm up, but publish from now on.
    from="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    info "simulator:   publishing from now: the topics already hold this stack's history since $(date -r "$published" -Is) ('$SELF down --purge' for a fresh day)"
  fi
  # The marker, client arguments and SIM_ARGS are lists of words: split on purpose.
  # shellcheck disable=SC2046,SC2086
  launch simulator "$(java_bin)" -Xmx1g -cp "$SIMULATOR_JAR" $(simulator_marker) \
    --wall-clock --start "$from" --warm-up "$SIM_WARM_UP" --avl-history "$SIM_AVL_HISTORY" \
    --days "$SIM_DAYS" --malformed 0.001 --duplicates 0.005 --out-of-order 0.01 $(kafka_client_args) $SIM_ARGS
  pid="$(<"$(pid_file simulator)")"
  # It has no port: ready is when it says the history is on the topics and it runs in real time.
  # Late in the day that is a day of incidents plus the warm-up to simulate and an hour of
  # positions to send (60 s on a loaded 2-core machine at 23:50): three times the usual wait.
  STACK_TIMEOUT=$((STACK_TIMEOUT * 3)) wait_ready simulator "$pid" "its history to be sent" simulator_caught_up
  [[ -f "$published" ]] || touch -- "$published"
  info "simulator:   running, pid $pid: $(simulator_caught_up_line)"
}

simulator_caught_up_line() {
  tail -n "+$SIMULATOR_LOG_FROM" -- "$(log_file simulator)" | grep -a -m1 'caught up with the wall clock'
}

simulator_caught_up() { simulator_caught_up_line >/dev/null; }

simulator_status() {
  local pid
  pid="$(simulator_pid)"
  if [[ -n "$pid" ]]; then
    printf '%-12s %-5s pid %s\n' simulator up "$pid"
  else
    printf '%-12s %s\n' simulator "- (start it with 'live')"
  fi
}
