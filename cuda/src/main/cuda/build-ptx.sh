#!/usr/bin/env bash
# Builds the PTX of every kernel source in this folder.
#   build-ptx.sh [--if-nvcc] OUT_DIR
# The committed copies live in cuda/src/main/resources/org/jgrad/backend/cuda/ptx; refresh them with
#   cuda/src/main/cuda/build-ptx.sh cuda/src/main/resources/org/jgrad/backend/cuda/ptx
# With --if-nvcc, a machine without nvcc skips the build (the committed PTX is used) instead of failing.
# compute_80: PTX for a virtual architecture that the driver compiles for any GPU from Ampere on.
set -euo pipefail
optional=0
if [[ "${1:-}" == "--if-nvcc" ]]; then optional=1; shift; fi
out="${1:?usage: build-ptx.sh [--if-nvcc] OUT_DIR}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
nvcc="$(command -v nvcc || true)"
if [[ -z "$nvcc" && -n "${CUDA_HOME:-}" && -x "$CUDA_HOME/bin/nvcc" ]]; then nvcc="$CUDA_HOME/bin/nvcc"; fi
if [[ -z "$nvcc" && -x /usr/local/cuda/bin/nvcc ]]; then nvcc=/usr/local/cuda/bin/nvcc; fi
if [[ -z "$nvcc" ]]; then
  if [[ $optional == 1 ]]; then echo "build-ptx: nvcc not found; using the committed PTX"; exit 0; fi
  echo "build-ptx: nvcc not found (put it on the PATH or set CUDA_HOME)" >&2; exit 1
fi
mkdir -p "$out"
for src in "$here"/*.cu; do
  name="$(basename "$src" .cu)"
  "$nvcc" -ptx -arch=compute_80 -O3 -std=c++17 -o "$out/$name.ptx" "$src"
done
echo "build-ptx: built $(ls "$here"/*.cu | wc -l) PTX modules with $("$nvcc" --version | tail -1) into $out"
