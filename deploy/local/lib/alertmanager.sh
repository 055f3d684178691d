# shellcheck shell=bash
# Prometheus Alertmanager (Debian's prometheus-alertmanager, 0.25) with the shipped
# deploy/alertmanager/alertmanager.yml, and tools/Pager.java as its webhook receiver: the job
# delivers its alerts to it (--alertmanager-url), and a page shows in 'logs pager'.

alertmanager_settings() {
  ALERTMANAGER_BIN="${ALERTMANAGER_BIN:-prometheus-alertmanager}"
  SKIP_ALERTMANAGER="${SKIP_ALERTMANAGER:-0}"
  # Derived from the Flink port like the other secondary ports, so a second stack moves with it
  # (9095 and 9096 by default; 9093 is the Kafka controller's).
  ALERTMANAGER_PORT="${ALERTMANAGER_PORT:-$((FLINK_REST_PORT + 1014))}"
  check_port_number ALERTMANAGER_PORT "$ALERTMANAGER_PORT"
  PAGER_PORT="${PAGER_PORT:-$((ALERTMANAGER_PORT + 1))}"
  check_port_number PAGER_PORT "$PAGER_PORT"
}

am_conf() { printf '%s/conf/alertmanager.yml' "$STACK_HOME"; }
am_marker() { printf -- '--config.file=%s' "$(am_conf)"; }
alertmanager_pid() { component_pid alertmanager "$(am_marker)"; }
pager_marker() { printf '%s/tools/Pager.java %s' "$HERE" "$PAGER_PORT"; }
pager_pid() { component_pid pager "$(pager_marker)"; }

# The job's argument that turns delivery on.
alertmanager_job_args() {
  [[ "$SKIP_ALERTMANAGER" == 1 ]] || printf -- '--alertmanager-url http://127.0.0.1:%s' "$ALERTMANAGER_PORT"
}

# As ensure_influxd: install Debian's package when the binary is missing.
ensure_alertmanager() {
  [[ "$SKIP_ALERTMANAGER" == 1 ]] && return 0
  command -v "$ALERTMANAGER_BIN" >/dev/null 2>&1 && return 0
  local how="apt-get update && apt-get install -y --no-install-recommends prometheus-alertmanager"
  local -a as=()
  command -v apt-get >/dev/null 2>&1 ||
    die "prometheus-alertmanager not found and there is no apt-get here; install Alertmanager 0.25+ yourself and set ALERTMANAGER_BIN, or SKIP_ALERTMANAGER=1"
  if [[ "$(id -u)" != 0 ]]; then
    if command -v sudo >/dev/null 2>&1 && { [[ -t 0 ]] || sudo -n true 2>/dev/null; }; then
      as=(sudo)
    else
      die "prometheus-alertmanager not found; install it with: sudo sh -c '$how'"
    fi
  fi
  info "alertmanager: not found; installing Debian's prometheus-alertmanager package ..."
  mkdir -p -- "$STACK_HOME/logs"
  local log="$STACK_HOME/logs/alertmanager-install.log"
  if ! { "${as[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update &&
    "${as[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends prometheus-alertmanager; } >"$log" 2>&1; then
    die "installing prometheus-alertmanager failed (see $log); install it with: sudo sh -c '$how'"
  fi
  command -v "$ALERTMANAGER_BIN" >/dev/null 2>&1 ||
    die "apt-get installed prometheus-alertmanager but '$ALERTMANAGER_BIN' is still not on PATH (see $log)"
}

alertmanager_preflight() {
  [[ "$SKIP_ALERTMANAGER" == 1 ]] && return 0
  AM_PID="$(alertmanager_pid)" PAGER_PID="$(pager_pid)"
  [[ -n "$AM_PID" ]] || require_free_ports alertmanager "ALERTMANAGER_PORT=$ALERTMANAGER_PORT"
  [[ -n "$PAGER_PID" ]] || require_free_ports pager "PAGER_PORT=$PAGER_PORT"
}

alertmanager_start() {
  [[ "$SKIP_ALERTMANAGER" == 1 ]] && return 0
  AM_WAS_RUNNING=0
  [[ -n "$AM_PID" ]] && AM_WAS_RUNNING=1
  if [[ -z "$PAGER_PID" ]]; then
    launch pager "$(java_bin)" "$HERE/tools/Pager.java" "$PAGER_PORT"
    PAGER_PID="$(<"$(pid_file pager)")"
  fi
  ((AM_WAS_RUNNING)) && return 0
  mkdir -p -- "$STACK_HOME/conf" "$STACK_HOME/data/alertmanager"
  sed "s#WEBHOOK_URL#http://127.0.0.1:$PAGER_PORT/alerts#" "$REPO/deploy/alertmanager/alertmanager.yml" >"$(am_conf)"
  # Empty cluster address: no gossip; the external URL makes links in pages point here.
  launch alertmanager "$ALERTMANAGER_BIN" "$(am_marker)" \
    --storage.path="$STACK_HOME/data/alertmanager" \
    --web.listen-address="127.0.0.1:$ALERTMANAGER_PORT" \
    --cluster.listen-address= \
    --web.external-url="http://127.0.0.1:$ALERTMANAGER_PORT"
  AM_PID="$(<"$(pid_file alertmanager)")"
}

am_ready() {
  [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$ALERTMANAGER_PORT/-/ready" 2>/dev/null)" == 200 ]]
}
pager_ready() { port_open "$PAGER_PORT"; }

alertmanager_wait() {
  [[ "$SKIP_ALERTMANAGER" == 1 ]] && return 0
  local start="$1" how="started"
  wait_ready alertmanager "$AM_PID" "/-/ready to answer 200 on port $ALERTMANAGER_PORT" am_ready
  wait_ready pager "$PAGER_PID" "port $PAGER_PORT to open" pager_ready
  ((AM_WAS_RUNNING)) && how="already running"
  info "alertmanager: ready  http://127.0.0.1:$ALERTMANAGER_PORT (pages to 'logs pager'), pid $AM_PID, $how, $(elapsed_s "$start")s"
}

# Stops both; 0 when nothing of them is left.
alertmanager_stop() {
  local name pid failed=0
  for name in alertmanager pager; do
    pid="$("${name}_pid")"
    [[ -n "$pid" ]] || continue
    stop_pid "$name" "$pid" || failed=1
    info "$(printf '%-12s' "$name:") stopped (was pid $pid)"
    rm -f -- "$(pid_file "$name")"
  done
  return "$failed"
}

alertmanager_status() {
  local pid state=down
  [[ "$SKIP_ALERTMANAGER" == 1 ]] && { printf '%-12s %s\n' alertmanager "- (SKIP_ALERTMANAGER=1)"; return 0; }
  pid="$(alertmanager_pid)"
  [[ -n "$pid" ]] && state="not answering"
  [[ -n "$pid" ]] && am_ready && state=up
  printf '%-12s %-14s pid %-8s port %s (pager %s, pid %s)\n' alertmanager "$state" "${pid:--}" "$ALERTMANAGER_PORT" "$PAGER_PORT" "$(pager_pid)"
}
