#!/usr/bin/env bash
# Starts OrderFlow locally with embedded defaults and no Docker: a real PostgreSQL server (one database and role
# per service), a real Kafka broker, the four services and the operators' dashboard (http://localhost:8080) as
# separate processes. Builds first when needed.
# Ctrl-C stops everything. Options are passed on: ./run.sh --help
set -euo pipefail
cd "$(dirname "$0")"

# The services, the launcher and the tools run on Java 25: the build's toolchain finds that JDK by itself, the
# launcher is started with the same one (and starts the services with its own).
java_home=$(local-stack/find-jdk.sh) || exit 1

jars=(local-stack/target/local-stack.jar
      orders/orders-service/target/orders-service.jar
      payments/payments-service/target/payments-service.jar
      fulfillment/fulfillment-service/target/fulfillment-service.jar
      reporting/reporting-service/target/reporting-service.jar
      dashboard/target/dashboard.jar)

needs_build() {
  local jar oldest=""
  for jar in "${jars[@]}"; do
    [ -f "$jar" ] || return 0
    if [ -z "$oldest" ] || [ "$jar" -ot "$oldest" ]; then oldest=$jar; fi
  done
  # sources only: build output (target/) is newer than the first jar of a build by nature
  [ -n "$(find . \( -path ./.data -o -path ./.git -o -name target -o -name node_modules \) -prune -o \
          \( -name '*.java' -o -name '*.yml' -o -name '*.sql' -o -name 'pom.xml' -o -path './dashboard/src/*' \) \
          -newer "$oldest" -print -quit)" ]
}

if needs_build; then
  echo "Building OrderFlow (first run or sources changed)..." >&2
  ./mvnw -q -B -ntp -DskipTests install >&2
fi

exec "$java_home/bin/java" -cp "local-stack/target/local-stack.jar:local-stack/target/lib/*" io.orderflow.localstack.LocalStack "$@"
