#!/bin/bash
# Submits the analytics job (the jar baked into this image by deploy/docker/Dockerfile) to the
# session cluster at $JOBMANAGER, with this script's arguments as the job's own, unless a job
# named ops-analytics is already alive there, resuming from the newest retained checkpoint or
# savepoint. Run by the job-submit one-shot service.
set -euo pipefail
name=ops-analytics
jar=/opt/ops/job.jar
FLINK_DATA="${FLINK_DATA:-/flink-data}"
# The healthchecks already waited for the cluster; this only guards a slow first answer.
for _ in $(seq 1 60); do
  if flink list -m "$JOBMANAGER" >/tmp/jobs.txt 2>/tmp/list.err; then break; fi
  sleep 2
done
if grep -q " : $name (\(RUNNING\|CREATED\|RESTARTING\|INITIALIZING\))" /tmp/jobs.txt; then
  echo "$name already running; nothing to do"
  exit 0
fi
# Checkpoints are kept on cancel and on failure (the job says so), in the cluster's flink-data
# volume, mounted here read-only. Without high availability a JobManager that died has forgotten
# the job: start it from the newest retained checkpoint or savepoint, never empty, which would
# silently restart the day's figures. RESUME_FROM=DIR picks one; RESUME_FROM=none starts empty.
newest_state() {
  local dirs=() d
  for d in "$FLINK_DATA/checkpoints" "$FLINK_DATA/savepoints"; do
    if [[ -d "$d" ]]; then dirs+=("$d"); fi
  done
  if ((${#dirs[@]} == 0)); then return 0; fi
  # awk reads everything (no SIGPIPE under pipefail) and keeps the newest, spaces and all.
  find "${dirs[@]}" -name _metadata -printf '%T@ %h\n' | sort -rn |
    awk 'NR == 1 { sub(/^[^ ]+ /, ""); print }'
}
state="${RESUME_FROM:-$(newest_state)}"
if [[ -n "$state" && "$state" != none ]]; then
  echo "$name: resuming from $state"
  exec flink run -d -m "$JOBMANAGER" -s "$state" -c uk.ambulance.ops.jobs.OpsAnalyticsJob "$jar" "$@"
fi
echo "$name: no retained checkpoint or savepoint; starting with empty state"
exec flink run -d -m "$JOBMANAGER" -c uk.ambulance.ops.jobs.OpsAnalyticsJob "$jar" "$@"
