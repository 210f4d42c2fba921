#!/usr/bin/env bash
# The CPU figures of docs/PERFORMANCE.md, measured side by side in one run on this machine:
# the numpy/OpenBLAS SGEMM ceiling before and after, jgrad's quick benchmarks (SGEMM with 1 and 2
# threads, the LesionNet-S convolutions, training and inference), and optionally the peer frameworks.
#
#   mvn -B -q -DskipTests -pl engine,benchmarks -am package    # builds benchmarks/target/benchmarks.jar
#   scripts/cpu/measure.sh            # about 2 minutes
#   scripts/cpu/measure.sh --peers    # also ../shared/peers/run-peers.sh with PEERS_ONLY="djl tf"
#
# JAVA=/path/to/bin/java picks another JVM (default: java on the PATH).
set -euo pipefail
cd "$(dirname "$0")/../.."
JAVA=${JAVA:-java}
JAR=benchmarks/target/benchmarks.jar
SHARED=${SHARED:-../shared}
[ -f "$JAR" ] || { echo "missing $JAR: run mvn -B -q -DskipTests -pl engine,benchmarks -am package" >&2; exit 1; }
bench() { "$JAVA" --add-modules jdk.incubator.vector -cp "$JAR" org.jgrad.bench.QuickBench "$@" 2>&1 | grep -v '^WARNING: Using incubator'; }
ceiling() { echo "numpy-openblas $(python3 "$SHARED/tools/sgemm_ceiling.py" 1024 2048 | tr '\n' ' ')"; }

echo "date=$(date -u +%FT%TZ) cpus=$(nproc) cpu='$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)' load='$(cut -d' ' -f1-3 /proc/loadavg)'"
echo "jvm='$("$JAVA" -version 2>&1 | head -1)'"
ceiling
for threads in 1 2; do bench sgemm 0 0 cpu "$threads"; done
ceiling
bench conv 0 32 cpu 2
for threads in 2 1; do bench train 0 32 cpu "$threads"; done
bench infer 0 32 cpu 2
ceiling
if [ "${1:-}" = "--peers" ]; then
  PEERS_ONLY="djl tf" "$SHARED/peers/run-peers.sh" 2>&1 | grep -E '^(djl-pytorch|tf-java) |loadavg'
  bench train 0 32 cpu 2
  ceiling
fi
echo "load after='$(cut -d' ' -f1-3 /proc/loadavg)'"
