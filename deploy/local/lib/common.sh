# shellcheck shell=bash
# Helpers shared by the components of deploy/local/stack: messages, ports, pid files, waiting,
# stopping, and fetching jars. Sourced by ../stack; relies on the settings it defines.

# --- messages -------------------------------------------------------------------------------

info() { printf '%s\n' "$*"; }
warn() { printf 'stack: %s\n' "$*" >&2; }
die() {
  printf 'stack: %s\n' "$*" >&2
  exit 1
}

# Seconds since the epoch with milliseconds, for the timings `up` and `down` print.
now_ms() { date +%s%3N; }
elapsed_s() { # elapsed_s START_MS -> "3.2"
  local ms=$(($(now_ms) - $1))
  printf '%d.%d' $((ms / 1000)) $(((ms % 1000) / 100))
}

# A component failed: say which, why, where its log is, and show the end of that log.
fail_component() { # fail_component NAME REASON LOGFILE
  local name="$1" reason="$2" log="$3"
  {
    printf 'stack: %s failed: %s\n' "$name" "$reason"
    printf 'stack: log: %s\n' "$log"
    if [[ -s "$log" ]]; then
      printf -- '----- last 20 lines of %s -----\n' "$log"
      tail -n 20 -- "$log"
      printf -- '-----\n'
    fi
    printf 'stack: components that did start are left running for inspection; "%s down" stops them.\n' "$SELF"
  } >&2
  exit 1
}

# --- ports ----------------------------------------------------------------------------------

# True when something accepts TCP connections on 127.0.0.1:PORT. Uses bash's /dev/tcp so no
# extra tool is needed; `timeout` keeps a black-holed connect from hanging the script.
port_open() {
  # shellcheck disable=SC2016 # $1 is expanded by the inner shell
  timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "$1" 2>/dev/null
}

check_port_number() { # check_port_number VAR VALUE
  if ! [[ "$2" =~ ^[1-9][0-9]{0,4}$ ]] || (("$2" > 65535)); then
    die "$1=$2 is not a TCP port number (1-65535)"
  fi
}

# Before starting a component: each of its ports must be free, since it is not running (if it
# were ours and alive we would not be starting it). Name the port and the variable to change.
require_free_ports() { # require_free_ports COMPONENT VAR=PORT...
  local component="$1" spec var port
  shift
  for spec in "$@"; do
    var="${spec%%=*}" port="${spec#*=}"
    if port_open "$port"; then
      die "cannot start $component: port $port is already in use by another process (not this stack's $component in $STACK_HOME); stop that process or choose another port with $var=<port>"
    fi
  done
}

# --- processes and pid files ----------------------------------------------------------------

pid_file() { printf '%s/run/%s.pid' "$STACK_HOME" "$1"; }
log_file() { printf '%s/logs/%s.log' "$STACK_HOME" "$1"; }

# True when PID is alive and its command line contains MARKER: the main class or binary
# followed by a config path under this STACK_HOME, which only our process of that component
# has. Guards against a stale pid file whose pid was reused by an unrelated process, and
# tells this stack's processes apart from another stack's (other STACK_HOME) on the same box.
pid_matches() { # pid_matches PID MARKER
  local pid="$1" marker="$2" args
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  mapfile -d '' -t args 2>/dev/null <"/proc/$pid/cmdline" || return 1
  [[ " ${args[*]} " == *" $marker "* ]]
}

# Print the pid of our running COMPONENT, or nothing. Falls back to scanning /proc for the
# marker so that a process whose pid file was lost is still found (and can be stopped).
component_pid() { # component_pid COMPONENT MARKER
  local file pid p
  file="$(pid_file "$1")"
  if [[ -r "$file" ]]; then
    pid="$(<"$file")"
    if pid_matches "$pid" "$2"; then
      printf '%s' "$pid"
      return 0
    fi
  fi
  for p in /proc/[0-9]*; do
    p="${p#/proc/}"
    if pid_matches "$p" "$2"; then
      printf '%s' "$p"
      return 0
    fi
  done
  return 0
}

# Start COMMAND... in the background as COMPONENT, detached from this terminal (setsid: a
# Ctrl-C or a closed terminal must not take the stack down), stdout+stderr appended to its log.
# The inner shell writes its own pid and then execs, so the pid file names the real server.
launch() { # launch COMPONENT COMMAND...
  local component="$1" file log
  shift
  file="$(pid_file "$component")"
  log="$(log_file "$component")"
  rm -f -- "$file"
  printf '\n===== %s starting %s at %s =====\n' "$SELF" "$component" "$(date -Is)" >>"$log"
  # 9>&-: the server must not inherit the stack's lock (see take_lock in ../stack).
  # shellcheck disable=SC2016 # $$, $1 and $@ are the inner shell's
  setsid bash -c 'echo "$$" >"$1"; shift; exec "$@"' _ "$file" "$@" </dev/null >>"$log" 2>&1 9>&- &
  # The pid file appears within milliseconds; poll briefly so callers can rely on it.
  local i
  for ((i = 0; i < 100; i++)); do
    [[ -s "$file" ]] && return 0
    sleep 0.05
  done
  fail_component "$component" "its process did not start" "$log"
}

# Wait until PROBE succeeds, polling every POLL_INTERVAL seconds until STACK_TIMEOUT passes.
# Fails early (with the log) when the process dies, rather than waiting out the deadline.
wait_ready() { # wait_ready COMPONENT PID WHAT PROBE...
  local component="$1" pid="$2" what="$3" deadline
  shift 3
  deadline=$((SECONDS + STACK_TIMEOUT))
  while ! "$@"; do
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
      fail_component "$component" "its process (pid $pid) exited while waiting for $what" "$(log_file "$component")"
    fi
    if ((SECONDS >= deadline)); then
      fail_component "$component" "not ready after ${STACK_TIMEOUT}s (waiting for $what; raise STACK_TIMEOUT if the machine is just slow)" "$(log_file "$component")"
    fi
    sleep "$POLL_INTERVAL"
  done
}

# SIGTERM, wait up to STOP_TIMEOUT for the exit, then SIGKILL. Only ever the one pid given.
stop_pid() { # stop_pid COMPONENT PID
  local component="$1" pid="$2" deadline
  [[ -n "$pid" ]] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  deadline=$((SECONDS + STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      warn "$component (pid $pid) still running ${STOP_TIMEOUT}s after SIGTERM; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      # A SIGKILLed process is gone once the kernel reaps it; give that a moment.
      local i
      for ((i = 0; i < 50; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
      done
      break
    fi
    sleep "$POLL_INTERVAL"
  done
  if kill -0 "$pid" 2>/dev/null; then
    warn "$component (pid $pid) could not be stopped"
    return 1
  fi
  rm -f -- "$(pid_file "$component")"
}

# --- HTTP -----------------------------------------------------------------------------------

# GET URL, print the body; fails on connection errors and HTTP errors.
http_get() { curl -fsS --max-time 5 -- "$1"; }

# Crude extraction of a scalar JSON field ("key":value or "key":"value") from flat JSON, so
# that the stack needs nothing beyond bash, curl and a JDK. Prints the first match.
# Values out of a JSON answer with a real parser: tools/JsonPick.java, compiled once per change
# (a fresh machine has a JDK, not jq). Nothing is printed for an absent key or a non-JSON answer.
json_pick() { # json_pick get KEY | rows ARRAY FIELD...  <<<JSON
  local src="$HERE/tools/JsonPick.java" out="$STACK_LIB/json-pick" tmp
  if [[ ! -r "$out/JsonPick.class" || "$out/JsonPick.class" -ot "$src" ]]; then
    tmp="$(mktemp -d "$STACK_LIB/json-pick.XXXXXX")"
    "$(java_bin)c" -nowarn -d "$tmp" "$src" >&2 || return 1
    mkdir -p -- "$out"
    mv -f -- "$tmp/JsonPick.class" "$out/JsonPick.class" # one rename: no reader sees half a class
    rm -rf -- "$tmp"
  fi
  "$(java_bin)" -XX:TieredStopAtLevel=1 -Xshare:auto -cp "$out" JsonPick "$@" 2>/dev/null
}

json_field() { # json_field KEY <<<JSON  (the first KEY anywhere, or a dotted path from the root)
  json_pick get "$1" || true
}

# A bash string as a JSON string literal.
json_string() {
  local s="$1"
  s="${s//\\/\\\\}"
  s="${s//\"/\\\"}"
  s="${s//$'\t'/\\t}"
  s="${s//$'\n'/\\n}"
  printf '"%s"' "$s"
}

# --- jars -----------------------------------------------------------------------------------

# Copy the runtime dependencies of deploy/local/runtime/NAME/pom.xml into $STACK_LIB/NAME,
# but only when that folder is missing or the pom changed since (sha256 marker), because the
# copy costs seconds warm and a download cold. Copies into a temp folder first so an
# interrupted download never leaves a half-filled lib folder that looks complete.
ensure_jars() { # ensure_jars NAME
  local name="$1" pom lib marker sum start
  pom="$HERE/runtime/$name/pom.xml"
  lib="$STACK_LIB/$name"
  marker="$lib/.pom.sha256"
  sum="$(sha256sum <"$pom" | cut -d' ' -f1)"
  if [[ -d "$lib" && -r "$marker" && "$(<"$marker")" == "$sum" ]]; then
    return 0
  fi
  start="$(now_ms)"
  info "jars: fetching $name runtime jars into $lib (first run or pom changed) ..."
  rm -rf -- "$lib.tmp"
  mkdir -p -- "$lib.tmp" "$STACK_HOME/logs"
  if ! "$REPO/mvnw" -B -q -f "$pom" dependency:copy-dependencies \
    -DoutputDirectory="$lib.tmp" -DincludeScope=runtime >"$STACK_HOME/logs/jars-$name.log" 2>&1; then
    fail_component "jars ($name)" "maven could not copy the dependencies of $pom" "$STACK_HOME/logs/jars-$name.log"
  fi
  printf '%s\n' "$sum" >"$lib.tmp/.pom.sha256"
  rm -rf -- "$lib"
  mv -- "$lib.tmp" "$lib"
  info "jars: $name ready ($(find "$lib" -name '*.jar' | wc -l) jars, $(elapsed_s "$start")s)"
}

# The java to use: $JAVA_HOME/bin/java when set, else the one on PATH.
java_bin() {
  if [[ -n "${JAVA_HOME:-}" ]]; then
    printf '%s/bin/java' "$JAVA_HOME"
  else
    printf 'java'
  fi
}
