#!/usr/bin/env bash
# The CPU figures of docs/PERFORMANCE.md, measured side by side in one run on this machine:
# the numpy/OpenBLAS SGEMM ceiling before and after, jgrad's quick benchmarks (SGEMM with 1 and 2
# threads, the LesionNet-S convolutions, training and inference), and optionally the peer frameworks.
#
#   mvn -B -q -DskipTests -pl app -am package    # builds app/target/jgrad.jar (jgrad bench)
#   scripts/cpu/measure.sh            # about 2 minutes
#   scripts/cpu/measure.sh --peers    # also the peer frameworks (run-peers.sh in the folder $SHARED/peers, kept
#                                     # beside the project, not in it) with PEERS_ONLY="djl tf"
#   scripts/cpu/measure.sh --avx2 [--peers]   # the AVX2 code paths on an AVX-512 CPU: jgrad's JVM with
#                                     # -XX:UseAVX=2 (256-bit vectors, 16 registers: the 6x2 GEMM tile and
#                                     # 4-channel conv blocks an AVX2 machine picks), OpenBLAS's Haswell
#                                     # kernels, oneDNN/ATen/MKL in the peers limited to AVX2. Not the
#                                     # same as an AVX2 CPU (caches, clocks, ports), but the same code.
#   scripts/cpu/measure.sh --warmup=300 [--peers]   # 300 untimed LesionNet-S steps before the timed ones,
#                                     # for jgrad (bench --warmup) and the peers (PEERS_WARMUP) alike
#                                     # (default 10, the peers' protocol): jgrad's vector kernels reach
#                                     # full speed once the JIT has compiled them, a few hundred batches in.
#
# JAVA=/path/to/bin/java picks another JVM (default: java on the PATH).
set -euo pipefail
cd "$(dirname "$0")/../.."
JAVA=${JAVA:-java}
JAR=app/target/jgrad.jar
PEERS=no
WARMUP=10
JGRAD_OPTS=()
for arg in "$@"; do
  case "$arg" in
    --peers) PEERS=yes ;;
    --avx2)
      JGRAD_OPTS=(-XX:UseAVX=2)
      export OPENBLAS_CORETYPE=Haswell ONEDNN_MAX_CPU_ISA=AVX2 DNNL_MAX_CPU_ISA=AVX2 \
          ATEN_CPU_CAPABILITY=avx2 MKL_ENABLE_INSTRUCTIONS=AVX2 PEERS_JVM_OPTS="-XX:UseAVX=2" ;;
    --warmup=*)
      WARMUP=${arg#--warmup=}
      [[ "$WARMUP" =~ ^[0-9]+$ ]] || { echo "--warmup=N: N must be a whole number, got '$WARMUP'" >&2; exit 2; } ;;
    *) echo "unknown argument '$arg' (expected --peers, --avx2 and/or --warmup=N)" >&2; exit 2 ;;
  esac
done
# The ceiling is OpenBLAS at its best on this CPU: its own kernel choice, unless --avx2 holds it to
# Haswell. An OPENBLAS_CORETYPE in the environment (some machines set Haswell for everyone) would
# otherwise make the ceiling an AVX2 one on an AVX-512 CPU.
if [ ${#JGRAD_OPTS[@]} -eq 0 ] && [ -n "${OPENBLAS_CORETYPE:-}" ]; then
  echo "note: unsetting OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE from the environment, so OpenBLAS picks its own kernels"
  unset OPENBLAS_CORETYPE
fi
SHARED=${SHARED:-../shared}
[ -f "$JAR" ] || { echo "missing $JAR: run mvn -B -q -DskipTests -pl app -am package" >&2; exit 1; }
# bench WHAT THREADS: jgrad bench on the fast CPU backend, batch 32, without the JVM's warning and the device line.
bench() { "$JAVA" --add-modules jdk.incubator.vector ${JGRAD_OPTS[@]+"${JGRAD_OPTS[@]}"} -jar "$JAR" bench "$1" --device cpu --threads "$2" --batch 32 --warmup "$WARMUP" 2>&1 \
    | grep -v -e '^WARNING: Using incubator' -e '^device cpu'; }
ceiling() { echo "numpy-openblas${OPENBLAS_CORETYPE:+(${OPENBLAS_CORETYPE})} $(python3 "$SHARED/tools/sgemm_ceiling.py" 1024 2048 | tr '\n' ' ')"; }

echo "date=$(date -u +%FT%TZ) cpus=$(nproc) cpu='$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)' load='$(cut -d' ' -f1-3 /proc/loadavg)'"
echo "jvm='$("$JAVA" -version 2>&1 | head -1)' jgrad_jvm_options='${JGRAD_OPTS[*]-}' warmup=$WARMUP"
ceiling
for threads in 1 2; do bench sgemm "$threads"; done
echo "numpy-openblas${OPENBLAS_CORETYPE:+(${OPENBLAS_CORETYPE})}-1-thread $(OPENBLAS_NUM_THREADS=1 python3 "$SHARED/tools/sgemm_ceiling.py" 1024 2048 | tr '\n' ' ')"
ceiling
bench conv 2
for threads in 2 1; do bench train "$threads"; done
bench infer 2
ceiling
if [ "$PEERS" = yes ]; then
  PEERS_ONLY="djl tf" PEERS_WARMUP="$WARMUP" "$SHARED/peers/run-peers.sh" 2>&1 | grep -E '^(djl-pytorch|tf-java) |loadavg'
  bench train 2
  bench infer 2
  ceiling
fi
echo "load after='$(cut -d' ' -f1-3 /proc/loadavg)'"
