#!/bin/bash
# Submits the analytics job to the session cluster at $JOBMANAGER unless a job named ops-analytics
# is already alive there. Run by the job-submit one-shot service (flink image, so `flink` is here).
set -euo pipefail
name=ops-analytics
if [ ! -s "$JOB_JAR" ]; then
  echo "job jar missing: build it with ./mvnw -B -q -DskipTests package -pl jobs -am" >&2
  exit 1
fi
# The healthchecks already waited for the cluster; this only guards a slow first answer.
for _ in $(seq 1 60); do
  if flink list -m "$JOBMANAGER" >/tmp/jobs.txt 2>/tmp/list.err; then break; fi
  sleep 2
done
if grep -q " : $name (\(RUNNING\|CREATED\|RESTARTING\|INITIALIZING\))" /tmp/jobs.txt; then
  echo "$name already running; nothing to do"
  exit 0
fi
# shellcheck disable=SC2086 # JOB_ARGS is a list of words on purpose
exec flink run -d -m "$JOBMANAGER" -c uk.ambulance.ops.jobs.OpsAnalyticsJob "$JOB_JAR" $JOB_ARGS
