#!/bin/bash
# Creates the project's topics (names: events/src/main/java/uk/ambulance/ops/events/Topics.java)
# if absent; an existing topic is left alone. Run by the kafka-topics one-shot service.
set -euo pipefail
create() {
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
    --topic "$1" --partitions "$2" --replication-factor 1
}
for topic in cad.incidents avl.positions hospital.status; do
  create "$topic" "${TOPIC_PARTITIONS:-4}"
done
for topic in ops.alerts ops.deadletter; do
  create "$topic" 1
done
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --list
