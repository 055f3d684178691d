#!/bin/bash
# Run once by the influxdb:2.x image after DOCKER_INFLUXDB_INIT_MODE=setup (the CLI is already
# configured with the admin token). Gives InfluxQL readers (Grafana, alert rules, the contract's
# "database ops") a v1 view of the bucket, and Grafana a read-only v1 login.
set -euo pipefail
org="$DOCKER_INFLUXDB_INIT_ORG"
bucket_id="$(influx bucket list --org "$org" --name "$DOCKER_INFLUXDB_INIT_BUCKET" --hide-headers | cut -f1)"
if [ -z "$bucket_id" ]; then
  echo "bucket $DOCKER_INFLUXDB_INIT_BUCKET not found in org $org" >&2
  exit 1
fi
influx v1 dbrp create --org "$org" --db ops --rp autogen --bucket-id "$bucket_id" --default
influx v1 auth create --org "$org" --username grafana --password "$GRAFANA_INFLUX_PASSWORD" \
  --read-bucket "$bucket_id" --description "Grafana, read-only"
