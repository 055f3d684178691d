# shellcheck shell=bash
# The analytics job: built from the repo if its jar is missing, uploaded and run through the
# Flink REST API, and waited for until RUNNING.

JOB_TERMINAL_STATES=" FAILED CANCELED FINISHED SUSPENDED "

# Print "jid state" for each job on the cluster, one per line (from /jobs/overview).
flink_jobs() { # flink_jobs [NAME]  (only jobs with that name when given)
  local json jid state name
  json="$(http_get "$(flink_rest)/jobs/overview")" || return 1
  json_pick rows jobs jid state name <<<"$json" | while read -r jid state name; do
    [[ $# -eq 0 || "$name" == "$1" ]] || continue
    printf '%s %s %s\n' "$jid" "$state" "$name"
  done
}

# True when a module's jar is missing or older than any of the sources it is built from: the
# modules' poms and src/main, not their tests (editing a test while an integration test runs
# the stack must not rebuild the jar under it) nor what a build generates in target/.
jar_is_stale() { # jar_is_stale JAR MODULE...
  local jar="$1" module
  shift
  [[ -f "$jar" ]] || return 0
  [[ -z "$(find "$REPO/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]] || return 0
  for module in events "$@"; do
    [[ -z "$(find "$REPO/$module/pom.xml" "$REPO/$module/src/main" -newer "$jar" -type f -print -quit 2>/dev/null)" ]] || return 0
  done
  return 1
}

# The jar to submit; builds the default one when it is missing or older than its sources, so a
# developer never runs yesterday's job by mistake.
job_jar() {
  if [[ "$JOB_JAR" != "$DEFAULT_JOB_JAR" ]]; then
    [[ -f "$JOB_JAR" ]] || die "JOB_JAR=$JOB_JAR does not exist"
    return 0
  fi
  jar_is_stale "$JOB_JAR" jobs || return 0
  local start log="$STACK_HOME/logs/job-build.log"
  start="$(now_ms)"
  info "job:         building $(basename -- "$JOB_JAR") (missing or older than its sources: ./mvnw -B -q -DskipTests package -pl jobs -am) ..."
  mkdir -p -- "$STACK_HOME/logs"
  if ! (cd "$REPO" && ./mvnw -B -q -DskipTests package -pl jobs -am) >"$log" 2>&1; then
    fail_component "job build" "maven could not build the job jar" "$log"
  fi
  [[ -f "$JOB_JAR" ]] || fail_component "job build" "the build succeeded but $JOB_JAR is still missing" "$log"
  info "job:         built $(basename -- "$JOB_JAR") in $(elapsed_s "$start")s"
}

# Un-escape the stack trace strings of a Flink REST error or exception body, enough to read.
rest_errors_text() {
  sed -E 's/\\n/\n/g; s/\\t/\t/g; s/\\"/"/g; s/\\\\/\\/g' |
    sed -E 's/^\{"errors":\["Internal server error\.","<Exception on server side://; s/^End of exception on server side>"\]\}$//' |
    grep -v -E '^[[:space:]]*(at |\.\.\. [0-9]+ more)' | grep -v '^[[:space:]]*$' | head -n 20
}

# The innermost cause of a Flink error or exception body, on one line.
root_cause() {
  local text cause
  text="$(rest_errors_text)" || true
  cause="$(grep -E '^Caused by: ' <<<"$text" | tail -n 1)" || true
  [[ -n "$cause" ]] || cause="$(grep -m 1 -E 'Exception|Error' <<<"$text")" || true
  printf '%s' "${cause:-$text}" | head -c 400
}

# Upload and run the job unless one with JOB_NAME is already on the cluster (not finished).
job_submit() {
  local start="$1" log existing jid state
  log="$(log_file job)"
  existing="$(flink_jobs "$JOB_NAME" | while read -r j s _; do
    [[ "$JOB_TERMINAL_STATES" == *" $s "* ]] || printf '%s %s\n' "$j" "$s"
  done | head -n 1)" || true
  if [[ -n "$existing" ]]; then
    jid="${existing%% *}" state="${existing#* }"
    # RUNNING alone says the job is scheduled, not that its tasks run: wait for those too.
    info "job:         $JOB_NAME already submitted (job id $jid, $state); waiting for all its tasks"
    job_wait_running "$jid" "$log"
    info "job:         ready   $JOB_NAME RUNNING, every task running (job id $jid), not submitted again"
    return 0
  fi
  local from
  from="$(job_resume_point)" || exit 1
  job_upload_and_run "$log" "$from"
  jid="$JOB_ID"
  job_wait_running "$jid" "$log"
  info "job:         ready   $JOB_NAME RUNNING (job id $jid), $(elapsed_s "$start")s"
}

flink_data() { printf '%s/data/flink' "$STACK_HOME"; }

# The newest state the job can resume from: a savepoint or a retained checkpoint, whichever was
# completed last (a checkpoint or savepoint is complete once its _metadata is written).
latest_job_state() {
  find "$(flink_data)/checkpoints" "$(flink_data)/savepoints" -name _metadata -type f \
    -printf '%T@ %h\n' 2>/dev/null | sort -n | tail -n 1 | cut -d' ' -f2-
}

# Where the job starts from, announced: RESUME_FROM (a path, or 'none' for empty state), else
# the latest savepoint or retained checkpoint, else empty state (a first start).
job_resume_point() {
  local from="${RESUME_FROM:-}"
  if [[ "$from" == none ]]; then
    info "job:         starting with EMPTY state (RESUME_FROM=none)" >&2
    return 0
  fi
  if [[ -n "$from" ]]; then
    [[ -f "$from/_metadata" ]] || die "RESUME_FROM=$from is not a savepoint or checkpoint directory (no _metadata in it)"
  else
    from="$(latest_job_state)"
  fi
  if [[ -z "$from" ]]; then
    info "job:         starting with empty state (no savepoint or retained checkpoint in $(flink_data))" >&2
    return 0
  fi
  local kind=checkpoint
  [[ "$(basename -- "$from")" == savepoint-* ]] && kind=savepoint
  info "job:         resuming from $kind $from (written $(date -r "$from/_metadata" -Is))" >&2
  printf '%s' "$from"
}

# Take a savepoint of the running job and stop it (the upgrade's first half); prints its path.
job_stop_with_savepoint() { # job_stop_with_savepoint JID
  local jid="$1" out trigger status location deadline
  out="$(curl -sS --max-time 30 -X POST -H 'Content-Type: application/json' \
    -d "{\"targetDirectory\":$(json_string "file://$(flink_data)/savepoints"),\"drain\":false}" \
    "$(flink_rest)/jobs/$jid/stop" 2>&1)" || true
  trigger="$(json_field request-id <<<"$out")"
  [[ -n "$trigger" ]] || die "could not ask job $jid to stop with a savepoint: $out"
  deadline=$((SECONDS + STACK_TIMEOUT))
  while ((SECONDS < deadline)); do
    out="$(http_get "$(flink_rest)/jobs/$jid/savepoints/$trigger" 2>/dev/null)" || true
    status="$(json_field status.id <<<"$out")"
    if [[ "$status" == COMPLETED ]]; then
      location="$(json_field location <<<"$out")"
      [[ -n "$location" ]] || die "the savepoint of job $jid failed: $(root_cause <<<"$out")"
      printf '%s' "${location#file:}"
      return 0
    fi
    sleep "$POLL_INTERVAL"
  done
  die "job $jid did not finish its savepoint within ${STACK_TIMEOUT}s; it is still running"
}

# POST /jars/upload, then /jars/<id>/run; sets JOB_ID. The uploaded jar is deleted once
# the job is submitted (the cluster keeps its own copy), so repeated 'up's do not pile up jars.
job_upload_and_run() { # job_upload_and_run LOG [SAVEPOINT_OR_CHECKPOINT]
  local log="$1" from="${2:-}" out file jar_id body arg args=()
  printf '\n===== %s submitting %s at %s =====\n' "$SELF" "$JOB_JAR" "$(date -Is)" >>"$log"
  out="$(curl -sS --max-time 120 -X POST -H 'Expect:' -F "jarfile=@$JOB_JAR" "$(flink_rest)/jars/upload" 2>&1)" || true
  printf 'upload: %s\n' "$out" >>"$log"
  file="$(json_field filename <<<"$out")"
  [[ -n "$file" ]] || fail_component job "uploading $JOB_JAR failed: $out" "$log"
  jar_id="${file##*/}"

  args=(--bootstrap-servers "127.0.0.1:$KAFKA_PORT" --influx-url "http://127.0.0.1:$INFLUX_PORT" --influx-database "$INFLUX_DB")
  # KAFKA_SECURITY=sasl_ssl: --kafka-properties FILE (no secret in it; see kafka.sh).
  # shellcheck disable=SC2207
  args+=($(kafka_client_args))
  # Every submission (up, a resume, an upgrade) gets the same arguments: an Alertmanager sink
  # present in one job graph and absent from the next would leave its state without a home.
  # JOB_ARGS is split on whitespace on purpose: it is a list of extra words.
  # shellcheck disable=SC2206,SC2207
  args+=($(alertmanager_job_args) ${JOB_ARGS})
  body="{\"entryClass\":$(json_string "$JOB_CLASS"),\"programArgsList\":["
  for arg in "${args[@]}"; do body+="$(json_string "$arg"),"; done
  body="${body%,}]"
  # allowNonRestoredState stays false: state the new job cannot place is an error, not a loss.
  [[ -z "$from" ]] || body+=",\"savepointPath\":$(json_string "$from"),\"allowNonRestoredState\":false"
  body+="}"
  printf 'run: %s\n' "$body" >>"$log"
  out="$(curl -sS --max-time 300 -X POST -H 'Content-Type: application/json' -d "$body" \
    "$(flink_rest)/jars/$jar_id/run" 2>&1)" || true
  curl -sS --max-time 10 -X DELETE "$(flink_rest)/jars/$jar_id" >/dev/null 2>&1 || true
  JOB_ID="$(json_field jobid <<<"$out")"
  if [[ -z "$JOB_ID" ]]; then
    printf 'run failed:\n%s\n' "$(rest_errors_text <<<"$out")" >>"$log"
    fail_component job "running $JOB_CLASS failed: $(root_cause <<<"$out")" "$log"
  fi
  printf 'run -> %s\n' "$out" >>"$log"
}

# Print "state running-tasks total-tasks" of job JID from /jobs/overview.
job_progress() { # job_progress JID
  local json jid state running total
  json="$(http_get "$(flink_rest)/jobs/overview" 2>/dev/null)" || return 1
  while read -r jid state running total; do
    if [[ "$jid" == "$1" ]]; then
      printf '%s %s %s' "$state" "$running" "$total"
      return 0
    fi
  done < <(json_pick rows jobs jid state tasks.running tasks.total <<<"$json")
  return 1
}

# Poll until the job is RUNNING with all its tasks running (a job is RUNNING as soon as it is
# scheduled; its tasks may still be waiting for slots or failing in their set-up). A terminal
# state fails with the job's exceptions.
job_wait_running() {
  local jid="$1" log="$2" state="" running="" total="" deadline
  deadline=$((SECONDS + STACK_TIMEOUT))
  while :; do
    read -r state running total < <(job_progress "$jid" || true) || true
    [[ "$state" == RUNNING && -n "$total" && "$total" != 0 && "$running" == "$total" ]] && return 0
    if [[ -n "$state" && "$JOB_TERMINAL_STATES" == *" $state "* ]]; then
      local ex
      ex="$(http_get "$(flink_rest)/jobs/$jid/exceptions" 2>/dev/null)" || true
      printf 'job %s %s; exceptions:\n%s\n' "$jid" "$state" "$(rest_errors_text <<<"$ex")" >>"$log"
      fail_component job "job $jid is $state: $(root_cause <<<"$ex") (full traces in $(log_file jobmanager) and $(log_file taskmanager))" "$log"
    fi
    ((SECONDS < deadline)) ||
      fail_component job "job $jid not fully running after ${STACK_TIMEOUT}s (state ${state:-unknown}, ${running:-?} of ${total:-?} tasks running; too few slots? FLINK_SLOTS=$FLINK_SLOTS)" "$log"
    sleep "$POLL_INTERVAL"
  done
}

# The upgrade: build the jar if its sources changed, stop the running job with a savepoint, start
# the new jar from it. Nothing is lost: the savepoint holds the state and the Kafka offsets.
job_upgrade() {
  local log jid state savepoint start
  start="$(now_ms)"
  log="$(log_file job)"
  read -r jid state < <(flink_jobs "$JOB_NAME" | while read -r j s _; do
    [[ "$JOB_TERMINAL_STATES" == *" $s "* ]] || printf '%s %s\n' "$j" "$s"
  done | head -n 1) || true
  [[ -n "${jid:-}" ]] || die "no $JOB_NAME job is running to upgrade; '$SELF up' starts one (from the latest savepoint or checkpoint)"
  info "job:         stopping $JOB_NAME ($jid, $state) with a savepoint ..."
  savepoint="$(job_stop_with_savepoint "$jid")" || exit 1
  info "job:         savepoint $savepoint"
  info "job:         resuming from savepoint $savepoint with $(basename -- "$JOB_JAR")"
  job_upload_and_run "$log" "$savepoint"
  job_wait_running "$JOB_ID" "$log"
  info "job:         upgraded: $JOB_NAME RUNNING (job id $JOB_ID, was $jid), $(elapsed_s "$start")s"
}

# Cancel every job still alive on this cluster and wait (bounded) for them to finish, so the
# job closes its Kafka and InfluxDB clients before the servers go away.
job_cancel_all() {
  local jid state name deadline any=0
  while read -r jid state name; do
    [[ -n "$jid" ]] || continue
    [[ "$JOB_TERMINAL_STATES" == *" $state "* ]] && continue
    curl -sS --max-time 10 -X PATCH "$(flink_rest)/jobs/$jid?mode=cancel" >/dev/null 2>&1 || true
    info "job:         cancelling $name ($jid, was $state)"
    any=1
  done < <(flink_jobs 2>/dev/null || true)
  ((any)) || return 0
  deadline=$((SECONDS + STOP_TIMEOUT))
  while ((SECONDS < deadline)); do
    flink_jobs 2>/dev/null | awk -v t="$JOB_TERMINAL_STATES" 'index(t, " " $2 " ") == 0 {alive=1} END {exit !alive}' || return 0
    sleep "$POLL_INTERVAL"
  done
  warn "jobs still not cancelled after ${STOP_TIMEOUT}s; stopping the cluster anyway"
}

job_status() {
  local lines
  if ! lines="$(flink_jobs "$JOB_NAME" 2>/dev/null)"; then
    printf '%-12s %s\n' job "unknown (flink not answering)"
    return 0
  fi
  if [[ -z "$lines" ]]; then
    printf '%-12s %s\n' job "$JOB_NAME: not submitted"
    return 0
  fi
  # Alive ones first, then the history of finished ones.
  printf '%s\n' "$lines" | while read -r jid state _; do
    printf '%-12s %-14s %s (job id %s)\n' job "$state" "$JOB_NAME" "$jid"
  done
}
