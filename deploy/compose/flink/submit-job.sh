#!/bin/bash
# Submits the analytics job (the jar baked into this image by deploy/docker/Dockerfile) to the
# session cluster at $JOBMANAGER, with this script's arguments as the job's own, unless a job
# named ops-analytics is already alive there. Run by the job-submit one-shot service.
set -euo pipefail
name=ops-analytics
jar=/opt/ops/job.jar
# The healthchecks already waited for the cluster; this only guards a slow first answer.
for _ in $(seq 1 60); do
  if flink list -m "$JOBMANAGER" >/tmp/jobs.txt 2>/tmp/list.err; then break; fi
  sleep 2
done
if grep -q " : $name (\(RUNNING\|CREATED\|RESTARTING\|INITIALIZING\))" /tmp/jobs.txt; then
  echo "$name already running; nothing to do"
  exit 0
fi
exec flink run -d -m "$JOBMANAGER" -c uk.ambulance.ops.jobs.OpsAnalyticsJob "$jar" "$@"
