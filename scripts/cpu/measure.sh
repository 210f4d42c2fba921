#!/usr/bin/env bash
# The CPU figures of docs/PERFORMANCE.md, measured side by side in one run on this machine:
# the numpy/OpenBLAS SGEMM ceiling before and after, jgrad's quick benchmarks (SGEMM with 1 and 2
# threads, the LesionNet-S convolutions, training and inference), and optionally the peer frameworks.
#
#   mvn -B -q -DskipTests -pl app -am package    # builds app/target/jgrad.jar (jgrad bench)
#   scripts/cpu/measure.sh            # about 2 minutes
#   scripts/cpu/measure.sh --peers    # also the peer frameworks (run-peers.sh in the folder $SHARED/peers, kept
#                                     # beside the project, not in it) with PEERS_ONLY="djl tf"
#
# JAVA=/path/to/bin/java picks another JVM (default: java on the PATH).
set -euo pipefail
cd "$(dirname "$0")/../.."
JAVA=${JAVA:-java}
JAR=app/target/jgrad.jar
SHARED=${SHARED:-../shared}
[ -f "$JAR" ] || { echo "missing $JAR: run mvn -B -q -DskipTests -pl app -am package" >&2; exit 1; }
# bench WHAT THREADS: jgrad bench on the fast CPU backend, batch 32, without the JVM's warning and the device line.
bench() { "$JAVA" --add-modules jdk.incubator.vector -jar "$JAR" bench "$1" --device cpu --threads "$2" --batch 32 2>&1 \
    | grep -v -e '^WARNING: Using incubator' -e '^device cpu'; }
ceiling() { echo "numpy-openblas $(python3 "$SHARED/tools/sgemm_ceiling.py" 1024 2048 | tr '\n' ' ')"; }

echo "date=$(date -u +%FT%TZ) cpus=$(nproc) cpu='$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)' load='$(cut -d' ' -f1-3 /proc/loadavg)'"
echo "jvm='$("$JAVA" -version 2>&1 | head -1)'"
ceiling
for threads in 1 2; do bench sgemm "$threads"; done
ceiling
bench conv 2
for threads in 2 1; do bench train "$threads"; done
bench infer 2
ceiling
if [ "${1:-}" = "--peers" ]; then
  PEERS_ONLY="djl tf" "$SHARED/peers/run-peers.sh" 2>&1 | grep -E '^(djl-pytorch|tf-java) |loadavg'
  bench train 2
  ceiling
fi
echo "load after='$(cut -d' ' -f1-3 /proc/loadavg)'"
