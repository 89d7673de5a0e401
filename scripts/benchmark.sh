#!/usr/bin/env bash
# Runs the benchmark: the library against the raw Azure SDK, interleaved, on an Azurite that the harness starts
# itself on free loopback ports (as the tests do). Prints the results table and the BENCH lines, and writes
# eventsourcing-spring-boot-autoconfigure/target/benchmark/results.txt and benchmark.svg (results-5ms.txt and
# benchmark-5ms.svg with --latency-ms 5).
# About 5-10 minutes on 2 cores. Extra Maven arguments are passed through.
#   scripts/benchmark.sh                  requests go to Azurite on loopback
#   scripts/benchmark.sh --latency-ms 5   every request of every side waits 5 ms first (a simulated round trip)
#   scripts/benchmark.sh --latency-ms 5 -Dbenchmark.extras=false   the same, without the change-finding counts and
#                                         the read models' measurements (which take as long again)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prerequisites.sh

require_command java "Install a Java 17 JDK"
require_command mvn "Install Apache Maven 3.8+"
require_command npm "Install Node.js 20+ with npm"
install_azurite

latency_ms=0
if [[ "${1:-}" == "--latency-ms" ]]; then
  latency_ms="${2:?--latency-ms needs a number of milliseconds}"
  shift 2
fi

mvn -B -q -pl eventsourcing-spring-boot-autoconfigure test -Dtest=BenchmarkMain -Dbenchmark.full=true \
  -Dbench.latencyMs="$latency_ms" -Dsurefire.failIfNoSpecifiedTests=false "$@"
suffix=$([[ "$latency_ms" == 0 ]] && echo "" || echo "-${latency_ms}ms")
echo "Results: eventsourcing-spring-boot-autoconfigure/target/benchmark/results${suffix}.txt and benchmark${suffix}.svg"
